#pragma once
// A 3DES key object of a PKCS#11 token as a DesKey (docs/keys.md, "Keys in a PKCS#11 token"): every operation runs
// inside the token. Keys made from it (diversify, derive, leftHalf) are session objects of the same token —
// CKK_DES2, sensitive, extractable only wrapped — destroyed when the last TokenKey that uses them dies.
#include "carddesk/protocol/crypto/DesKey.h"

#include <memory>

namespace cdos {

class Pkcs11Module;

class TokenKey final : public DesKey {
public:
    using Handle = unsigned long; // CK_OBJECT_HANDLE

    // A token object (a master, BLANK_CARD, a shared key), not destroyed with the TokenKey. `leftHalfObject`: the
    // companion object K1 ‖ K1 imported beside it (TokenAdmin), 0 when there is none.
    static std::unique_ptr<TokenKey> tokenObject(std::shared_ptr<Pkcs11Module> module, Handle object,
                                                 Handle leftHalfObject = 0);
    ~TokenKey() override;

    Bytes encryptEcb(const Bytes& blocks) const override;                   // CKM_DES3_ECB
    Bytes decryptEcb(const Bytes& blocks) const override;                   // CKM_DES3_ECB
    Bytes encryptCbc(const Bytes& iv8, const Bytes& blocks) const override; // CKM_DES3_CBC
    Bytes decryptCbc(const Bytes& iv8, const Bytes& blocks) const override; // CKM_DES3_CBC
    // One C_DeriveKey CKM_DES3_ECB_ENCRYPT_DATA over d ‖ NOT d (diversify) or the 16 bytes given (derive).
    std::unique_ptr<DesKey> diversify(const Bytes& data8) const override;
    std::unique_ptr<DesKey> derive(const Bytes& data16) const override;
    // A key made here from a parent over d…: the parent derived over d ‖ d. A token object: its companion.
    // Otherwise KeyStoreError.
    std::unique_ptr<DesKey> leftHalf() const override;
    // C_WrapKey CKM_DES3_CBC, zero IV; `wrapping` must be a TokenKey of the same token (KeyStoreError otherwise).
    // A module whose C_WrapKey has no DES3-CBC (SoftHSM 2.6): the value is revealed for this one step and encrypted
    // 3DES-CBC under `wrapping` inside the token, unless the module refuses that fallback (docs/keys.md).
    Bytes wrappedUnder(const DesKey& wrapping) const override;
    // Wrapped in the token under a random transport key generated there for this call (DES2 with CKM_DES3_CBC, or
    // AES-128 with CKM_AES_KEY_WRAP where the module has no DES3-CBC wrap), unwrapped on the host, the transport
    // key's value wiped and its object destroyed. `step` names the step (docs/keys.md lists them).
    SecretBytes reveal(const char* step) const override;

    Handle handle() const;
    const Pkcs11Module& module() const;

private:
    struct Object; // the key object and what it was made from; shared with the keys made from it
    explicit TokenKey(std::shared_ptr<const Object> object) : m_object(std::move(object)) {}
    std::unique_ptr<DesKey> child(const Bytes& data16) const;
    std::shared_ptr<const Object> m_object;
};

} // namespace cdos
