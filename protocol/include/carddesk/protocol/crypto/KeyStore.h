#pragma once
// The issuer's keys as operations (docs/keys.md): IssuerKeys is what every host program asks of a key holder — a
// PKCS#11 token in production (TokenKeys), the passphrase-sealed development file here (KeyStore). Callers get
// DesKey objects (a card's diversified key, the blank cards' batch key, a key marked "shared"), never master bytes.
#include "carddesk/protocol/apdu/Bytes.h"
#include "carddesk/protocol/crypto/DesKey.h"

#include <memory>

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cdos {

struct KeyStoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What every host program needs from an issuer key holder (a token in production, a development file).
class IssuerKeys {
public:
    virtual ~IssuerKeys() = default;
    // The card's sub-key: diversify(master `name`, 8 bytes) — the ASN for card keys, a random for the transport
    // process key. Made where the master is (inside the token). Throws KeyStoreError for an unknown name.
    virtual std::unique_ptr<DesKey> cardKey(const std::string& name, const Bytes& asn) const = 0;
    // The blank cards' batch key (key 00 of a blank card), needed once to take the card over.
    virtual std::unique_ptr<DesKey> blankCardKey() const = 0;
    // A key written to every card as is (system-wide transport key, service keys). Throws KeyStoreError for an
    // unknown name or a key the holder does not mark as shared: a master is never handed out by mistake.
    virtual std::unique_ptr<DesKey> sharedKey(const std::string& name) const = 0;
    virtual std::uint8_t version(const std::string& name) const = 0;
    // Names of the keys held, and each one's check value (safe to show).
    virtual std::vector<std::string> names() const = 0;
    virtual std::string kcvHex(const std::string& name) const = 0;
    virtual bool isShared(const std::string& name) const = 0;
    bool contains(const std::string& name) const;
    // A short description of the holder for the operator ("development key file /path", "token CardDesk (SoftHSM)").
    virtual std::string description() const = 0;
};

// A clear-key file of a key ceremony (resources/keystores/development-keys.txt): lines "NAME VERSION HEX32
// [shared]", '#' comments.
struct ClearKeys {
    std::map<std::string, std::pair<std::uint8_t, Bytes>> keys;
    std::set<std::string> shared;
};

class KeyStore final : public IssuerKeys {
public:
    static constexpr const char* kBlankCardKeyName = "BLANK_CARD";
    // The fewest PBKDF2-SHA256 iterations a store may be sealed with (carddesk-keystore writes 200 000).
    static constexpr int kMinIterations = 100000;
    // The most a store may ask for (a few seconds of one core): a damaged or hostile store asking for 2 000 000 000
    // would keep the desk busy for hours before its check could refuse it.
    static constexpr int kMaxIterations = 10000000;

    // Throws KeyStoreError with a reason a person can act on (missing file, wrong passphrase, damaged line N).
    static KeyStore open(const std::string& path, const std::string& passphrase);
    // Writes a new store from clear keys (tooling and tests; production stores are made in a ceremony).
    static void create(const std::string& path, const std::string& passphrase,
                       const std::map<std::string, std::pair<std::uint8_t, Bytes>>& keys, int iterations = 200000,
                       const std::set<std::string>& shared = {});
    // Throws KeyStoreError naming the file and line of the first bad line.
    static ClearKeys readClearKeys(const std::string& path);

    std::vector<std::string> names() const override;
    std::string kcvHex(const std::string& name) const override;
    bool isShared(const std::string& name) const override { return contains(name) && m_keys.at(name).shared; }
    std::string description() const override { return "key file " + m_path; }

    std::unique_ptr<DesKey> cardKey(const std::string& name, const Bytes& asn) const override;
    std::unique_ptr<DesKey> blankCardKey() const override;
    std::unique_ptr<DesKey> sharedKey(const std::string& name) const override;
    std::uint8_t version(const std::string& name) const override;

private:
    struct Entry {
        std::uint8_t version = 0;
        SecretBytes key;
        Bytes kcv;
        bool shared = false;
    };
    const Entry& entry(const std::string& name) const;
    std::map<std::string, Entry> m_keys;
    std::string m_path;
};

} // namespace cdos
