#pragma once
// Shared helpers of the application download tests: an issued in-process card with its key pair and the CA key,
// the development producer, the two example applications, and the install / delete APDU sequences.
#include "card/CardTestSupport.h"
#include "carddesk/card/apps/AppRegistry.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppProducer.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "support/TestProfiles.h"

#include <QTemporaryDir>
#include <QTest>

namespace appdltest {

using cdos::Bytes;
using cdos::CommandApdu;
using cdos::ResponseApdu;
namespace ad = cdos::appdl;

inline std::string sourcePath(const std::string& rel) {
    return std::string(CARDDESK_SOURCE_DIR) + "/" + rel;
}

inline std::string readText(const std::string& path) {
    const Bytes b = cardtest::readFile(path);
    return std::string(b.begin(), b.end());
}

inline const Bytes kBillAid = *cdos::fromHex("D15600000101");
inline const Bytes kLoyaltyAid = *cdos::fromHex("D15600000102");

inline ad::AppPackage billApp() {
    ad::AppPackage p;
    p.aid = kBillAid;
    p.version = 0x0100;
    p.nvmSize = 1024;
    p.ramSize = 64 * 1024;
    p.code = readText(sourcePath("resources/apps/bill-payment/app.lua"));
    const std::string cfg = readText(sourcePath("resources/apps/bill-payment/config.txt"));
    p.config.assign(cfg.begin(), cfg.end());
    return p;
}

inline ad::AppPackage loyaltyApp() {
    ad::AppPackage p;
    p.aid = kLoyaltyAid;
    p.version = 0x0100;
    p.nvmSize = 256;
    p.ramSize = 64 * 1024;
    p.code = readText(sourcePath("resources/apps/loyalty-points/app.lua"));
    const std::string cfg = readText(sourcePath("resources/apps/loyalty-points/config.txt"));
    p.config.assign(cfg.begin(), cfg.end());
    return p;
}

// The same application padded with a comment to `size` bytes of code (the 16 KB install of the issue).
inline ad::AppPackage padded(ad::AppPackage p, std::size_t size) {
    p.code += "\n--";
    while (p.code.size() + 1 < size)
        p.code += static_cast<char>('a' + p.code.size() % 26);
    p.code += "\n";
    return p;
}

// An issued card (sampleProfile) that generated its key pair and holds the development CA key.
class IssuedCard {
public:
    explicit IssuedCard(const std::string& kind = "ec", bool withCardKey = true, bool withCaKey = true)
        : keys(cardtest::developmentKeyStore(m_dir.path().toStdString())),
          producer(ad::AppAuthorities::development(sourcePath("resources/app-keys"), kind)) {
        cdos::Personaliser(keys, transmitter()).personalise(profile);
        identity.cardNumber = profile.info.cardNumber;
        identity.issuerSerial = profile.info.issuerSerial;
        identity.productSerial = profile.info.productSerial;
        cardtest::Issuer sm(*card.os, keys.cardKey("ISSUER_SM", profile.info.asn())->reveal("test").bytes());
        sm.start();
        if (withCardKey) {
            const ResponseApdu r = sm.send(ad::AppCommands::generateCardKey());
            if (r.sw != 0x9000)
                throw std::runtime_error("card key generation refused");
            identity.cardPublicKey = ad::AppKey::fromPublicDer(r.data);
        } else {
            identity.cardPublicKey = ad::AppKey::generateRsa2048();
        }
        if (withCaKey && sm.send(ad::AppCommands::writeCaKey(producer.authorities().ca.publicDer())).sw != 0x9000)
            throw std::runtime_error("CA key refused");
    }

    cdos::Transmit transmitter() {
        return [this](const CommandApdu& c) { return card.os->transmit(c); };
    }
    ResponseApdu tx(const CommandApdu& c) { return card.os->transmit(c); }

    Bytes message(const ad::AppPackage& app) const {
        return ad::AppProducer::installMessage(producer.buildInstallCertificate(app.aid, identity),
                                               producer.buildUnit(app, identity));
    }
    // Sends every block; the answer of the last (or of the first refused) block.
    ResponseApdu sendAll(const std::vector<CommandApdu>& apdus) {
        ResponseApdu r;
        for (const auto& c : apdus) {
            r = tx(c);
            if (r.sw != 0x9000)
                return r;
        }
        return r;
    }
    ResponseApdu install(const Bytes& message) { return sendAll(ad::AppCommands::install(message)); }
    ResponseApdu install(const ad::AppPackage& app) { return install(message(app)); }
    ResponseApdu remove(const Bytes& deleteCert) { return sendAll(ad::AppCommands::remove(deleteCert)); }
    ResponseApdu removeWithSeed(const Bytes& aid, const Bytes& seed) {
        return remove(producer.buildDeleteCertificate(aid, seed, identity).encode());
    }
    std::uint16_t select(const Bytes& aid) { return tx(cdos::selectAid(aid)).sw; }
    std::vector<cdos::card::AppRecord> registry() { return cdos::card::AppRegistry(card.os->files()).list(); }

    QTemporaryDir m_dir;
    cardtest::TempCard card;
    cdos::KeyStore keys;
    cdos::CardProfile profile = cdtest::sampleProfile();
    ad::AppProducer producer;
    ad::CardIdentity identity;
};

// Registry and DFs agree: each record has its DF with the same bounds, each application DF has a record, and the
// MF's free space is erased.
inline QString consistency(cdos::card::CardOs& os) {
    using namespace cdos::card;
    FileSystem& fs = os.files();
    const auto records = AppRegistry(fs).list();
    for (const auto& r : records) {
        const auto df = fs.dfByAid(r.aid);
        if (!df)
            return QStringLiteral("registry record without DF");
        const FileInfo f = fs.file(*df);
        if (f.bodyAddr != r.dfStart || f.end() != r.dfEnd || f.fid != r.dfFid)
            return QStringLiteral("registry record and DF differ");
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> used;
    for (auto i : fs.children(FileSystem::kMf)) {
        const FileInfo f = fs.file(i);
        used.emplace_back(f.bodyAddr, f.end());
        if (f.isDf() && f.fid >= ad::fid::FirstAppDf && f.fid < ad::fid::FirstAppDf + 8) {
            bool found = false;
            for (const auto& r : records)
                found = found || r.aid == f.aid;
            if (!found)
                return QStringLiteral("application DF without registry record");
        }
    }
    std::sort(used.begin(), used.end());
    const FileInfo mf = fs.file(FileSystem::kMf);
    std::uint32_t pos = mf.bodyAddr;
    auto zero = [&](std::uint32_t a, std::uint32_t b) {
        if (b <= a)
            return true;
        const Bytes x = os.nvm().read(a, b - a);
        return std::all_of(x.begin(), x.end(), [](std::uint8_t v) { return v == 0; });
    };
    for (const auto& [s, e] : used) {
        if (!zero(pos, s))
            return QStringLiteral("free space not erased");
        pos = std::max(pos, e);
    }
    if (!zero(pos, mf.end()))
        return QStringLiteral("free space not erased");
    return {};
}

} // namespace appdltest
