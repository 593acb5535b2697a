#pragma once
// The issuer's keys in a PKCS#11 token (docs/keys.md, "Keys in a PKCS#11 token"): the IssuerKeys a production desk
// and the headend use. Master keys are token objects labelled "carddesk:<NAME>" (CKA_ID: the version byte, then
// 0x01 for a key marked shared), sensitive and never extractable; a card's key is diversified inside the token and
// leaves it only wrapped under the card's secure-messaging key.
#include "carddesk/protocol/crypto/KeyStore.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cdos {

class Pkcs11Module;

class TokenKeys final : public IssuerKeys {
public:
    // The token's object layout, shared with TokenAdmin.
    static constexpr const char* kLabelPrefix = "carddesk:";
    static constexpr const char* kLeftHalfSuffix = ":L"; // the companion K1 ‖ K1 of a key used directly
    static constexpr unsigned char kSharedMark = 0x01;   // CKA_ID's second byte for a shared key

    // Loads the module, finds the token, logs in with the PIN (from a prompt, the environment or a file; never
    // logged) and reads the key objects. Throws Pkcs11Error (wrong PIN: CKR_PIN_INCORRECT) or KeyStoreError (no
    // such token: the message lists the labels present; a master that is extractable or not sensitive).
    static TokenKeys open(const std::string& modulePath, const std::string& tokenLabel, const std::string& pin);
    // Over a module opened already (TokenAdmin's, the tests').
    explicit TokenKeys(std::shared_ptr<Pkcs11Module> module);

    std::unique_ptr<DesKey> cardKey(const std::string& name, const Bytes& asn) const override;
    std::unique_ptr<DesKey> blankCardKey() const override;
    std::unique_ptr<DesKey> sharedKey(const std::string& name) const override;
    std::uint8_t version(const std::string& name) const override;
    std::vector<std::string> names() const override;
    std::string kcvHex(const std::string& name) const override;
    bool isShared(const std::string& name) const override;
    // "PKCS#11 token <label> (<manufacturer> <model>)"
    std::string description() const override;

    const std::shared_ptr<Pkcs11Module>& module() const { return m_module; }

private:
    struct Entry {
        std::uint8_t version = 0;
        bool shared = false;
        unsigned long object = 0;   // CK_OBJECT_HANDLE
        unsigned long leftHalf = 0; // the companion, 0 when none
        std::string kcvHex;
    };
    const Entry& entry(const std::string& name) const;
    std::unique_ptr<DesKey> key(const Entry& e) const;

    std::shared_ptr<Pkcs11Module> m_module;
    std::map<std::string, Entry> m_keys; // the highest version of each name
};

} // namespace cdos
