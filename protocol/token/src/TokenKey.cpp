#include "carddesk/protocol/token/TokenKey.h"

#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/token/Pkcs11Module.h"

#include <openssl/evp.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace cdos {

struct TokenKey::Object {
    std::shared_ptr<Pkcs11Module> module;
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    bool owned = false; // a session object made here: destroyed with the last key that uses it
    // For a key derived here: its parent and the 16 bytes of derivation data (not secret: an ASN, a challenge), so
    // that the left half is E(parent, d ‖ d) and the exact value E(parent, data) can be made again in the token.
    // For a token object: the imported companion K1 ‖ K1, if any.
    std::shared_ptr<const Object> parent;
    Bytes data;
    CK_OBJECT_HANDLE companion = CK_INVALID_HANDLE;

    Object() = default;
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;
    ~Object() {
        if (owned)
            module->destroyObject(handle, true);
    }
};

namespace {

void requireBlocks(const Bytes& blocks) {
    if (blocks.size() % 8 != 0)
        throw crypto::CryptoError("3DES works on whole 8-byte blocks");
}

void requireIv(const Bytes& iv8) {
    if (iv8.size() != 8)
        throw crypto::CryptoError("IV has the wrong length");
}

Bytes cipher(const Pkcs11Module& module, CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE type, const Bytes* iv8,
             const Bytes& in, bool encrypt) {
    requireBlocks(in);
    if (iv8)
        requireIv(*iv8);
    if (in.empty())
        return {};
    Pkcs11Session s = module.session();
    CK_MECHANISM mech{type, iv8 ? const_cast<std::uint8_t*>(iv8->data()) : nullptr, iv8 ? CK_ULONG(8) : 0};
    CK_FUNCTION_LIST& f = s.fn();
    Bytes out(in.size());
    CK_ULONG outLen = out.size();
    auto* data = const_cast<std::uint8_t*>(in.data());
    // One-part operations with a buffer as long as the input: the operation always ends with the call.
    if (encrypt) {
        s.check(f.C_EncryptInit(s.handle(), &mech, key), "C_EncryptInit");
        s.check(f.C_Encrypt(s.handle(), data, in.size(), out.data(), &outLen), "C_Encrypt");
    } else {
        s.check(f.C_DecryptInit(s.handle(), &mech, key), "C_DecryptInit");
        s.check(f.C_Decrypt(s.handle(), data, in.size(), out.data(), &outLen), "C_Decrypt");
    }
    out.resize(outLen);
    return out;
}

// A DES2 session object: sensitive, extractable only wrapped, for every use a card key has.
struct SessionKeyTemplate {
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_DES2;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE attrs[10] = {
        {CKA_CLASS, &cls, sizeof cls},   {CKA_KEY_TYPE, &type, sizeof type}, {CKA_TOKEN, &no, sizeof no},
        {CKA_PRIVATE, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes},  {CKA_EXTRACTABLE, &yes, sizeof yes},
        {CKA_ENCRYPT, &yes, sizeof yes}, {CKA_DECRYPT, &yes, sizeof yes},    {CKA_DERIVE, &yes, sizeof yes},
        {CKA_WRAP, &yes, sizeof yes},
    };
    SessionKeyTemplate() = default;
    SessionKeyTemplate(const SessionKeyTemplate&) = delete; // the attributes point into it
};

// The object whose value is exactly the key's. A token sets the parity bits of the DES keys it derives (SoftHSM
// does; DES ignores them), so a derived key's DES2 object holds E(parent, data) with its parity adjusted: for the
// value to leave exactly as the file store's (the WRITE KEY cryptogram, a reveal), a CKK_GENERIC_SECRET twin is
// derived from the parent with the same data, for this one use. A token object's value is exact as imported.
class ExactValue {
public:
    ExactValue(const Pkcs11Module& module, CK_OBJECT_HANDLE key, CK_OBJECT_HANDLE parent, const Bytes& data16)
        : m_module(module), m_handle(key) {
        if (parent == CK_INVALID_HANDLE)
            return;
        Bytes data = data16;
        CK_KEY_DERIVATION_STRING_DATA param{data.data(), data.size()};
        CK_MECHANISM mech{CKM_DES3_ECB_ENCRYPT_DATA, &param, sizeof param};
        CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
        CK_KEY_TYPE type = CKK_GENERIC_SECRET;
        CK_ULONG length = 16;
        CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
        CK_ATTRIBUTE attrs[] = {
            {CKA_CLASS, &cls, sizeof cls},           {CKA_KEY_TYPE, &type, sizeof type},
            {CKA_VALUE_LEN, &length, sizeof length}, {CKA_TOKEN, &no, sizeof no},
            {CKA_PRIVATE, &yes, sizeof yes},         {CKA_SENSITIVE, &yes, sizeof yes},
            {CKA_EXTRACTABLE, &yes, sizeof yes},     {CKA_DERIVE, &no, sizeof no},
        };
        Pkcs11Session s = module.session();
        s.check(s.fn().C_DeriveKey(s.handle(), &mech, parent, attrs, std::size(attrs), &m_handle),
                "C_DeriveKey CKM_DES3_ECB_ENCRYPT_DATA (exact value)");
        m_owned = true;
    }
    ~ExactValue() {
        if (m_owned)
            m_module.destroyObject(m_handle, true);
    }
    ExactValue(const ExactValue&) = delete;
    ExactValue& operator=(const ExactValue&) = delete;
    CK_OBJECT_HANDLE handle() const { return m_handle; }

private:
    const Pkcs11Module& m_module;
    CK_OBJECT_HANDLE m_handle;
    bool m_owned = false;
};

// C_WrapKey with CKM_DES3_CBC and a zero IV: the WRITE KEY cryptogram. nullopt when the module has no DES3-CBC
// wrap (learned once per module).
std::optional<Bytes> wrapDes3(const Pkcs11Module& module, CK_OBJECT_HANDLE wrapping, CK_OBJECT_HANDLE key) {
    if (module.wrapsDes3InToken() == false)
        return std::nullopt;
    Pkcs11Session s = module.session();
    std::uint8_t iv[8] = {};
    CK_MECHANISM mech{CKM_DES3_CBC, iv, sizeof iv};
    Bytes out(64);
    CK_ULONG outLen = out.size();
    const CK_RV rv = s.fn().C_WrapKey(s.handle(), &mech, wrapping, key, out.data(), &outLen);
    if (rv == CKR_MECHANISM_INVALID || rv == CKR_FUNCTION_NOT_SUPPORTED || rv == CKR_WRAPPING_KEY_TYPE_INCONSISTENT) {
        module.learnDes3Wrap(false);
        return std::nullopt;
    }
    s.check(rv, "C_WrapKey CKM_DES3_CBC");
    module.learnDes3Wrap(true);
    out.resize(outLen);
    return out;
}

// A transport key for one reveal: generated in the token, not sensitive so that its value can be read, destroyed
// with this object.
class TransportKey {
public:
    TransportKey(const Pkcs11Module& module, bool aes) : m_module(module) {
        CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
        CK_KEY_TYPE type = aes ? CKK_AES : CKK_DES2;
        CK_ULONG length = 16;
        CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
        std::vector<CK_ATTRIBUTE> attrs = {
            {CKA_CLASS, &cls, sizeof cls},   {CKA_KEY_TYPE, &type, sizeof type}, {CKA_TOKEN, &no, sizeof no},
            {CKA_PRIVATE, &yes, sizeof yes}, {CKA_SENSITIVE, &no, sizeof no},    {CKA_EXTRACTABLE, &yes, sizeof yes},
            {CKA_WRAP, &yes, sizeof yes},    {CKA_ENCRYPT, &no, sizeof no},      {CKA_DECRYPT, &no, sizeof no},
        };
        if (aes)
            attrs.push_back({CKA_VALUE_LEN, &length, sizeof length});
        CK_MECHANISM gen{aes ? CKM_AES_KEY_GEN : CKM_DES2_KEY_GEN, nullptr, 0};
        Pkcs11Session s = module.session();
        s.check(s.fn().C_GenerateKey(s.handle(), &gen, attrs.data(), attrs.size(), &m_handle),
                aes ? "C_GenerateKey CKM_AES_KEY_GEN" : "C_GenerateKey CKM_DES2_KEY_GEN");
    }
    ~TransportKey() { m_module.destroyObject(m_handle, true); }
    TransportKey(const TransportKey&) = delete;
    TransportKey& operator=(const TransportKey&) = delete;

    CK_OBJECT_HANDLE handle() const { return m_handle; }
    SecretBytes value() const { return SecretBytes(m_module.attributeOrThrow(m_handle, CKA_VALUE)); }

private:
    const Pkcs11Module& m_module;
    CK_OBJECT_HANDLE m_handle = CK_INVALID_HANDLE;
};

// RFC 3394 AES key unwrap on the host (OpenSSL), for the transport of a module without DES3-CBC wrap.
SecretBytes aesKeyUnwrap(const SecretBytes& kek, const Bytes& wrapped) {
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    Bytes out(wrapped.size() + 16);
    int len = 0, tail = 0;
    if (!ctx || kek.size() != 16 || wrapped.size() < 24)
        throw KeyStoreError("AES key unwrap: bad transport key or wrapped key");
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    const bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_wrap(), nullptr, kek.bytes().data(), nullptr) == 1 &&
                    EVP_DecryptUpdate(ctx.get(), out.data(), &len, wrapped.data(), int(wrapped.size())) == 1 &&
                    EVP_DecryptFinal_ex(ctx.get(), out.data() + len, &tail) == 1;
    if (!ok) {
        secureZero(out.data(), out.size());
        throw KeyStoreError("AES key unwrap of the revealed key failed (integrity check)");
    }
    out.resize(std::size_t(len + tail));
    return SecretBytes(std::move(out));
}

// The key's value on the host: wrapped in the token under a transport key made for this call, unwrapped here.
SecretBytes revealValue(const Pkcs11Module& module, CK_OBJECT_HANDLE key) {
    if (module.wrapsDes3InToken() != false) {
        const TransportKey transport(module, false);
        if (const auto wrapped = wrapDes3(module, transport.handle(), key))
            return SecretBytes(crypto::des3CbcDecrypt(transport.value().bytes(), Bytes(8, 0), *wrapped));
    }
    const TransportKey transport(module, true);
    Bytes wrapped(64);
    CK_ULONG wrappedLen = wrapped.size();
    CK_MECHANISM mech{CKM_AES_KEY_WRAP, nullptr, 0};
    {
        Pkcs11Session s = module.session();
        s.check(s.fn().C_WrapKey(s.handle(), &mech, transport.handle(), key, wrapped.data(), &wrappedLen),
                "C_WrapKey CKM_AES_KEY_WRAP");
    }
    wrapped.resize(wrappedLen);
    return aesKeyUnwrap(transport.value(), wrapped);
}

} // namespace

std::unique_ptr<TokenKey> TokenKey::tokenObject(std::shared_ptr<Pkcs11Module> module, Handle object,
                                                Handle leftHalfObject) {
    auto o = std::make_shared<Object>();
    o->module = std::move(module);
    o->handle = object;
    o->companion = leftHalfObject;
    return std::unique_ptr<TokenKey>(new TokenKey(std::move(o)));
}

TokenKey::~TokenKey() = default;

TokenKey::Handle TokenKey::handle() const {
    return m_object->handle;
}

const Pkcs11Module& TokenKey::module() const {
    return *m_object->module;
}

Bytes TokenKey::encryptEcb(const Bytes& blocks) const {
    return cipher(module(), handle(), CKM_DES3_ECB, nullptr, blocks, true);
}

Bytes TokenKey::decryptEcb(const Bytes& blocks) const {
    return cipher(module(), handle(), CKM_DES3_ECB, nullptr, blocks, false);
}

Bytes TokenKey::encryptCbc(const Bytes& iv8, const Bytes& blocks) const {
    return cipher(module(), handle(), CKM_DES3_CBC, &iv8, blocks, true);
}

Bytes TokenKey::decryptCbc(const Bytes& iv8, const Bytes& blocks) const {
    return cipher(module(), handle(), CKM_DES3_CBC, &iv8, blocks, false);
}

std::unique_ptr<DesKey> TokenKey::child(const Bytes& data16) const {
    Bytes data = data16;
    CK_KEY_DERIVATION_STRING_DATA param{data.data(), data.size()};
    CK_MECHANISM mech{CKM_DES3_ECB_ENCRYPT_DATA, &param, sizeof param};
    SessionKeyTemplate tmpl;
    CK_OBJECT_HANDLE made = CK_INVALID_HANDLE;
    {
        Pkcs11Session s = module().session();
        s.check(s.fn().C_DeriveKey(s.handle(), &mech, handle(), tmpl.attrs, std::size(tmpl.attrs), &made),
                "C_DeriveKey CKM_DES3_ECB_ENCRYPT_DATA");
    }
    auto o = std::make_shared<Object>();
    o->module = m_object->module;
    o->handle = made;
    o->owned = true;
    o->parent = m_object;
    o->data = data16;
    return std::unique_ptr<DesKey>(new TokenKey(std::move(o)));
}

std::unique_ptr<DesKey> TokenKey::diversify(const Bytes& data8) const {
    if (data8.size() != 8)
        throw crypto::CryptoError("diversification data is 8 bytes");
    Bytes data = data8;
    for (std::uint8_t b : data8)
        data.push_back(static_cast<std::uint8_t>(~b));
    return child(data);
}

std::unique_ptr<DesKey> TokenKey::derive(const Bytes& data16) const {
    if (data16.size() != 16)
        throw crypto::CryptoError("a derived key needs 16 bytes of data");
    return child(data16);
}

std::unique_ptr<DesKey> TokenKey::leftHalf() const {
    const Object& o = *m_object;
    if (o.parent) {
        // E(parent, d ‖ d) = K1 ‖ K1: the left half made in the token, without its value leaving.
        Bytes data(16);
        std::copy_n(o.data.begin(), 8, data.begin());
        std::copy_n(o.data.begin(), 8, data.begin() + 8);
        return TokenKey(o.parent).child(data);
    }
    if (o.companion != CK_INVALID_HANDLE)
        // The companion is its own left half.
        return tokenObject(o.module, o.companion, o.companion);
    throw KeyStoreError("this token key has no left half in the token: a key used directly for secure messaging "
                        "needs its companion object (carddesk:<NAME>:L, imported with carddesk-keystore)");
}

Bytes TokenKey::wrappedUnder(const DesKey& wrapping) const {
    const auto* w = dynamic_cast<const TokenKey*>(&wrapping);
    if (!w || w->m_object->module != m_object->module)
        throw KeyStoreError("a token key leaves the token only wrapped under a key of the same token");
    const ExactValue exact(module(), handle(), m_object->parent ? m_object->parent->handle : CK_INVALID_HANDLE,
                           m_object->data);
    if (auto wrapped = wrapDes3(module(), w->handle(), exact.handle()))
        return *wrapped;
    // The module has no DES3-CBC wrap: the key's value crosses the host for this one step and is encrypted under
    // the wrapping key inside the token (docs/keys.md, "WRITE KEY cryptogram").
    if (!module().hostWrapFallbackAllowed())
        throw Pkcs11Error(CKR_MECHANISM_INVALID, "C_WrapKey CKM_DES3_CBC: the module cannot wrap a key for the card, "
                                                 "and the host fallback is refused");
    if (module().boolAttribute(w->handle(), CKA_WRAP) != true)
        throw Pkcs11Error(CKR_KEY_FUNCTION_NOT_PERMITTED, "the wrapping key may not wrap");
    const SecretBytes value = revealValue(module(), exact.handle());
    return wrapping.encryptCbc(Bytes(8, 0), value.bytes());
}

SecretBytes TokenKey::reveal(const char* step) const {
    if (!step || !*step)
        throw KeyStoreError("a token key's value is revealed only for a named step (docs/keys.md)");
    const ExactValue exact(module(), handle(), m_object->parent ? m_object->parent->handle : CK_INVALID_HANDLE,
                           m_object->data);
    return revealValue(module(), exact.handle());
}

} // namespace cdos
