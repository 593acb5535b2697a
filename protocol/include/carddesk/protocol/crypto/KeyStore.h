#pragma once
// The issuer's key store: master keys sealed with AES-256-GCM under a passphrase-derived key. Master keys never
// leave this class; callers get keys diversified for one card, or, for keys the store marks "shared", the key
// itself, deliberately asked for with sharedKey() (docs/keys.md).
#include "carddesk/protocol/apdu/Bytes.h"

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cdos {

struct KeyStoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What personalisation needs from an issuer key holder (a software store here, an HSM in production).
class IssuerKeys {
public:
    virtual ~IssuerKeys() = default;
    // The card's sub-key: diversify(master `name`, ASN). Throws KeyStoreError for an unknown name.
    virtual SecretBytes cardKey(const std::string& name, const Bytes& asn) const = 0;
    // The blank cards' batch key (key 00 of a blank card), needed once to take the card over.
    virtual SecretBytes blankCardKey() const = 0;
    // A key written to every card as is (system-wide transport key, service keys). Throws KeyStoreError for an
    // unknown name or a key the store does not mark as shared: a master is never handed out by mistake.
    virtual SecretBytes sharedKey(const std::string& name) const = 0;
    virtual std::uint8_t version(const std::string& name) const = 0;
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

    // Throws KeyStoreError with a reason a person can act on (missing file, wrong passphrase, damaged line N).
    static KeyStore open(const std::string& path, const std::string& passphrase);
    // Writes a new store from clear keys (tooling and tests; production stores are made in a ceremony).
    static void create(const std::string& path, const std::string& passphrase,
                       const std::map<std::string, std::pair<std::uint8_t, Bytes>>& keys, int iterations = 200000,
                       const std::set<std::string>& shared = {});
    // Throws KeyStoreError naming the file and line of the first bad line.
    static ClearKeys readClearKeys(const std::string& path);

    std::vector<std::string> names() const;
    bool contains(const std::string& name) const { return m_keys.count(name) != 0; }
    std::string kcvHex(const std::string& name) const;
    bool isShared(const std::string& name) const { return contains(name) && m_keys.at(name).shared; }

    SecretBytes cardKey(const std::string& name, const Bytes& asn) const override;
    SecretBytes blankCardKey() const override;
    SecretBytes sharedKey(const std::string& name) const override;
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
};

} // namespace cdos
