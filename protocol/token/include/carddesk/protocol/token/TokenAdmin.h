#pragma once
// Putting the issuer's keys into a PKCS#11 token and looking at what is there (docs/keys.md, "Keys in a PKCS#11
// token"): the clear-key import of development, the key ceremony's component combination, deletion and the object
// list of carddesk-keystore token-list. Nothing here prints or returns a key value; values handed in are wiped
// (SecretBytes) after the C_CreateObject that takes them.
#include "carddesk/protocol/crypto/KeyStore.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cdos {

class Pkcs11Module;

class TokenAdmin {
public:
    static TokenAdmin open(const std::string& modulePath, const std::string& tokenLabel, const std::string& pin);
    explicit TokenAdmin(std::shared_ptr<Pkcs11Module> module);

    enum class Imported { Created, AlreadyThere, Replaced };
    // Creates "carddesk:<name>" with CKA_ID version [‖ 01 when shared]: CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE true;
    // CKA_EXTRACTABLE false (true for a shared key: it is wrapped onto every card); CKA_MODIFIABLE false. A key
    // used directly for secure messaging (needsLeftHalf) gets its companion "carddesk:<name>:L" = K1 ‖ K1
    // (sensitive, never extractable, CKA_ENCRYPT only). The same name and version with the same check value is left
    // as it is (AlreadyThere); with another value it is refused (KeyStoreError) unless `replace`.
    Imported importKey(const std::string& name, std::uint8_t version, const SecretBytes& value16, bool shared,
                       bool replace = false);
    // Destroys every version of `name` (or the one given) and its companions; returns how many objects went.
    std::size_t deleteKey(const std::string& name, std::optional<std::uint8_t> version = std::nullopt);
    // DEVELOPMENT ONLY: the keys of a clear-key file (KeyStore::readClearKeys). Returns how many were created or
    // replaced (0 when the token has them all already).
    std::size_t importFromClearKeys(const ClearKeys& keys, bool replace = false);

    // Key ceremony: 2 or 3 components, XOR-combined on the host into a value wiped right after its import.
    struct Ceremony {
        std::vector<std::string> componentKcvs; // in the order given
        std::string resultKcv;                  // the key's, as the token computes it
        Imported imported = Imported::Created;
    };
    Ceremony combineComponents(const std::string& name, std::uint8_t version,
                               const std::vector<SecretBytes>& components, bool shared, bool replace = false);
    // Production mode is a mark in the token itself (a private data object "carddesk:production"), so every program
    // and tool using the token obeys it: no clear-key file import, no published development key (by check value),
    // and TokenKeys refuses to open a marked token holding one. Turning it off again removes the mark.
    bool productionMode() const;
    void setProductionMode(bool on);
    // The check value of a component or key (first 3 bytes of E(K, 0), hex): for a custodian to compare.
    static std::string kcvHex(const SecretBytes& value16);
    // Keys that get a companion object for their left half: BLANK_CARD.
    static bool needsLeftHalf(const std::string& name);

    struct ObjectInfo {
        std::string label;
        std::optional<int> version; // CKA_ID's first byte
        bool shared = false;        // CKA_ID's second byte
        std::string objectClass;    // "secret key", "data", …
        std::string keyType;        // "DES2", "DES3", "AES", …
        std::optional<bool> sensitive, extractable, alwaysSensitive, neverExtractable;
        std::string kcvHex; // CKA_CHECK_VALUE; empty when the token has none
    };
    // Every object the user sees in the token, by label.
    std::vector<ObjectInfo> listObjects() const;
    std::string description() const;
    const std::shared_ptr<Pkcs11Module>& module() const { return m_module; }

private:
    std::shared_ptr<Pkcs11Module> m_module;
};

} // namespace cdos
