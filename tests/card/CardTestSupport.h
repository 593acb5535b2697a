#pragma once
// Shared helpers of the card OS tests: a card on a temporary image, issuer secure messaging with a given key,
// and a key store made from the published development keys.
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/GetDataCommand.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/crypto/Crc32.h"
#include "carddesk/protocol/crypto/KeyStore.h"

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace cardtest {

using cdos::Bytes;
using cdos::CommandApdu;
using cdos::ResponseApdu;

inline Bytes hex(const char* h) {
    return *cdos::fromHex(h);
}

// Tests do not need fdatasync: the power-cut hook models the process losing power, not the host.
inline cdos::card::NvmOptions fastNvm() {
    cdos::card::NvmOptions o;
    o.durable = false;
    return o;
}

inline Bytes readFile(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = f.readAll();
    return Bytes(b.begin(), b.end());
}

inline void writeFile(const std::string& path, const Bytes& content) {
    QFile f(QString::fromStdString(path));
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(reinterpret_cast<const char*>(content.data()), static_cast<qint64>(content.size()));
}

// The page check values of an image of the default geometry (card/README.md "Page check values"), computed here
// from the documented format rather than by the card OS.
namespace image {
constexpr std::uint32_t kSize = 128 * 1024, kPageSize = 256, kFirstUserPage = 33, kPages = kSize / kPageSize;
constexpr std::size_t kFileSize = kSize + 4 * (kPages - kFirstUserPage);

inline std::uint32_t pageCheck(const Bytes& img, std::uint32_t page) {
    const std::uint8_t number[4] = {static_cast<std::uint8_t>(page >> 24), static_cast<std::uint8_t>(page >> 16),
                                    static_cast<std::uint8_t>(page >> 8), static_cast<std::uint8_t>(page)};
    return cdos::crc32(img.data() + page * kPageSize, kPageSize, cdos::crc32(number, 4));
}
inline std::uint32_t storedCheck(const Bytes& img, std::uint32_t page) {
    const std::uint8_t* p = img.data() + kSize + 4 * (page - kFirstUserPage);
    return static_cast<std::uint32_t>(p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
}
// Gives a page the check value of its content, as a card OS bug that wrote wrong bytes would.
inline void refreshCheck(Bytes& img, std::uint32_t page) {
    const std::uint32_t v = pageCheck(img, page);
    for (int i = 0; i < 4; ++i)
        img[kSize + 4 * (page - kFirstUserPage) + static_cast<std::uint32_t>(i)] =
            static_cast<std::uint8_t>(v >> (24 - 8 * i));
}
// User pages whose content does not match their check value (all of them when the trailer is missing).
inline std::vector<std::uint32_t> badPages(const Bytes& img) {
    std::vector<std::uint32_t> bad;
    for (std::uint32_t p = kFirstUserPage; p < kPages; ++p)
        if (img.size() != kFileSize || pageCheck(img, p) != storedCheck(img, p))
            bad.push_back(p);
    return bad;
}
} // namespace image

// A card whose NVM image lives in a temporary directory; reopen() is a power cycle (or re-insertion).
class TempCard {
public:
    TempCard() : m_path(m_dir.filePath(QStringLiteral("card.img")).toStdString()) {
        os = std::make_unique<cdos::card::CardOs>(cdos::card::Nvm::create(m_path, fastNvm()));
    }
    void reopen() {
        os.reset();
        os = std::make_unique<cdos::card::CardOs>(cdos::card::Nvm::open(m_path, false));
    }
    void close() { os.reset(); }
    const std::string& path() const { return m_path; }
    std::string sibling(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }
    Bytes image() const { return readFile(m_path); }

    ResponseApdu tx(const CommandApdu& c) { return os->transmit(c); }
    ResponseApdu tx(const char* hexApdu) { return ResponseApdu::fromRaw(os->process(hex(hexApdu))); }
    std::uint16_t sw(const char* hexApdu) { return tx(hexApdu).sw; }
    // What GET DATA would answer, read inside the card: the users and the menu of an issued card go to no
    // unauthenticated terminal, and a test that only inspects must not change the session or the NVM.
    Bytes inspect(std::uint16_t tag) { return cdos::card::GetDataCommand::object(*os, tag).value_or(Bytes{}); }

    std::unique_ptr<cdos::card::CardOs> os;

private:
    QTemporaryDir m_dir;
    std::string m_path;
};

// Issuer secure messaging as a host does it, on an in-process card.
class Issuer {
public:
    Issuer(cdos::card::CardOs& os, const Bytes& key) : m_os(os), m_sm(cdos::SecretBytes(key)) {}
    void start() { m_sm.start(m_os.transmit(CommandApdu{0x00, 0x84, 0, 0, {}, 8}).data); }
    ResponseApdu send(const CommandApdu& plain) { return m_os.transmit(m_sm.wrap(plain)); }
    CommandApdu wrap(const CommandApdu& plain) { return m_sm.wrap(plain); }
    Bytes encrypt(const Bytes& plain) const { return m_sm.encryptSecret(plain); }
    void replaceKey(const Bytes& key) { m_sm.replaceKey(cdos::SecretBytes(key)); }

private:
    cdos::card::CardOs& m_os;
    cdos::IssuerSmSession m_sm;
};

inline Bytes blankKey() {
    return cdos::card::CardOs::developmentBlankKey();
}

inline cdos::Fcp transparentEf(std::uint16_t fid, std::uint16_t size, std::uint8_t sfi, std::uint8_t readAc,
                               std::uint8_t updateAc) {
    return cdos::Fcp{fid, cdos::FileType::Transparent, size, 0, 0, sfi, {}, readAc, updateAc, 0};
}

inline cdos::Fcp recordEf(std::uint16_t fid, cdos::FileType type, std::uint8_t length, std::uint8_t count,
                          std::uint8_t sfi, std::uint8_t readAc, std::uint8_t updateAc) {
    return cdos::Fcp{fid, type, 0, length, count, sfi, {}, readAc, updateAc, 0};
}

inline CommandApdu createFile(const cdos::Fcp& f) {
    return CommandApdu{0x80, 0xE0, 0, 0, f.encode(), -1};
}

// The development master keys (docs/keys.md), sealed into a key store in `dir` (cheap KDF: tests only).
inline cdos::KeyStore developmentKeyStore(const std::string& dir) {
    const auto clear =
        cdos::KeyStore::readClearKeys(std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development-keys.txt");
    const std::string path = dir + "/development.cdks";
    cdos::KeyStore::create(path, "test-passphrase", clear.keys, cdos::KeyStore::kMinIterations, clear.shared);
    return cdos::KeyStore::open(path, "test-passphrase");
}

} // namespace cardtest
