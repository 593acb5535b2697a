#include "carddesk/protocol/token/TokenAdmin.h"

#include "TokenLayout.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/token/KeySource.h"
#include "carddesk/protocol/token/Pkcs11Module.h"
#include "carddesk/protocol/token/TokenKey.h"

#include <algorithm>

namespace cdos {

namespace {

void requireName(const std::string& name) {
    const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!ok)
        throw KeyStoreError("a key name is made of A-Z, 0-9 and _: \"" + name + "\" is not");
}

struct Existing {
    std::vector<CK_OBJECT_HANDLE> keys, companions;
};

Existing existing(const Pkcs11Module& module, const std::string& name, std::optional<std::uint8_t> version) {
    Existing out;
    for (bool leftHalf : {false, true}) {
        const std::string label = tokenlayout::labelFor(name, leftHalf);
        for (CK_OBJECT_HANDLE h : tokenlayout::secretKeys(module, &label)) {
            const auto id = tokenlayout::parseId(module.attribute(h, CKA_ID));
            if (!version || (id && id->version == *version))
                (leftHalf ? out.companions : out.keys).push_back(h);
        }
    }
    return out;
}

// The attributes of an imported key object; `extra` holds CKA_VALUE for C_CreateObject.
struct KeyTemplate {
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_DES2;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    std::vector<CK_ATTRIBUTE> attrs;

    // A master only derives card keys; a key used as it is (BLANK_CARD, shared keys) also ciphers and wraps; a
    // companion only encrypts (the chain of the retail MAC).
    KeyTemplate(const std::string& label, const Bytes& id, bool extractable, bool direct, bool companion) {
        CK_BBOOL* use = direct ? &yes : &no;
        attrs = {
            {CKA_CLASS, &cls, sizeof cls},
            {CKA_KEY_TYPE, &type, sizeof type},
            {CKA_TOKEN, &yes, sizeof yes},
            {CKA_PRIVATE, &yes, sizeof yes},
            {CKA_SENSITIVE, &yes, sizeof yes},
            {CKA_EXTRACTABLE, extractable ? &yes : &no, sizeof yes},
            {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
            {CKA_ID, const_cast<std::uint8_t*>(id.data()), id.size()},
            {CKA_DERIVE, companion ? &no : &yes, sizeof yes},
            {CKA_ENCRYPT, companion ? &yes : use, sizeof yes},
            {CKA_DECRYPT, companion ? &no : use, sizeof yes},
            {CKA_WRAP, companion ? &no : use, sizeof yes},
            {CKA_UNWRAP, &no, sizeof no},
            {CKA_SIGN, &no, sizeof no},
            {CKA_VERIFY, &no, sizeof no},
        };
    }
    KeyTemplate(const KeyTemplate&) = delete; // the attributes point into it
};

// A key that may leave the token (wrapped): C_CreateObject with its exact value.
CK_OBJECT_HANDLE createExtractable(const Pkcs11Module& module, const std::string& label, const Bytes& id,
                                   const SecretBytes& value, bool direct) {
    KeyTemplate t(label, id, true, direct, false);
    t.attrs.push_back({CKA_MODIFIABLE, &t.no, sizeof t.no});
    t.attrs.push_back({CKA_VALUE, const_cast<std::uint8_t*>(value.bytes().data()), value.size()});
    Pkcs11Session s = module.session();
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    s.check(s.fn().C_CreateObject(s.handle(), t.attrs.data(), t.attrs.size(), &h), "C_CreateObject " + label);
    return h;
}

// A key that never leaves the token: derived inside it from a key generated there, G (never extractable, always
// sensitive): value = E(G, D(G, value)) with CKM_DES3_ECB_ENCRYPT_DATA over D(G, value). The object is then
// CKA_ALWAYS_SENSITIVE and CKA_NEVER_EXTRACTABLE as the token keeps them — the object never was extractable; its
// value was on this host only as the ceremony's input (docs/keys.md). The token may set the DES parity bits, and
// a derived object cannot be made CKA_MODIFIABLE false (SoftHSM: CKR_ATTRIBUTE_READ_ONLY).
CK_OBJECT_HANDLE createNeverExtractable(const Pkcs11Module& module, const std::string& label, const Bytes& id,
                                        const SecretBytes& value, bool direct, bool companion) {
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_DES2;
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    CK_ATTRIBUTE genAttrs[] = {
        {CKA_CLASS, &cls, sizeof cls},   {CKA_KEY_TYPE, &type, sizeof type}, {CKA_TOKEN, &no, sizeof no},
        {CKA_PRIVATE, &yes, sizeof yes}, {CKA_SENSITIVE, &yes, sizeof yes},  {CKA_EXTRACTABLE, &no, sizeof no},
        {CKA_DECRYPT, &yes, sizeof yes}, {CKA_DERIVE, &yes, sizeof yes},     {CKA_ENCRYPT, &no, sizeof no},
    };
    CK_MECHANISM gen{CKM_DES2_KEY_GEN, nullptr, 0};
    CK_OBJECT_HANDLE g = CK_INVALID_HANDLE;
    {
        Pkcs11Session s = module.session();
        s.check(s.fn().C_GenerateKey(s.handle(), &gen, genAttrs, std::size(genAttrs), &g),
                "C_GenerateKey CKM_DES2_KEY_GEN (import key)");
    }
    struct Destroy {
        const Pkcs11Module& module;
        CK_OBJECT_HANDLE object;
        ~Destroy() { module.destroyObject(object, true); }
    } destroy{module, g};

    Pkcs11Session s = module.session();
    Bytes buffer(value.size());
    CK_ULONG len = buffer.size();
    CK_MECHANISM ecb{CKM_DES3_ECB, nullptr, 0};
    s.check(s.fn().C_DecryptInit(s.handle(), &ecb, g), "C_DecryptInit (import key)");
    s.check(s.fn().C_Decrypt(s.handle(), const_cast<std::uint8_t*>(value.bytes().data()), value.size(), buffer.data(),
                             &len),
            "C_Decrypt (import key)");
    buffer.resize(len);
    SecretBytes data(std::move(buffer));

    KeyTemplate t(label, id, false, direct, companion);
    CK_KEY_DERIVATION_STRING_DATA param{const_cast<std::uint8_t*>(data.bytes().data()), data.size()};
    CK_MECHANISM derive{CKM_DES3_ECB_ENCRYPT_DATA, &param, sizeof param};
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    s.check(s.fn().C_DeriveKey(s.handle(), &derive, g, t.attrs.data(), t.attrs.size(), &h), "C_DeriveKey " + label);
    return h;
}

// Whether the object's key is `value` (parity bits aside), asked of the token: E(K, 0) where the key may encrypt,
// else E(diversify(K, P), 0) for a fixed P — a master only derives.
bool holdsValue(const std::shared_ptr<Pkcs11Module>& module, CK_OBJECT_HANDLE h, const SecretBytes& value) {
    const auto key = TokenKey::tokenObject(module, h);
    const Bytes zero(8, 0);
    if (module->boolAttribute(h, CKA_ENCRYPT) == true)
        return key->encryptEcb(zero) == crypto::des3EcbEncrypt(value.bytes(), zero);
    const Bytes probe{'C', 'D', '-', 'P', 'R', 'O', 'B', 'E'};
    return key->diversify(probe)->encryptEcb(zero) == HostKey(value).diversify(probe)->encryptEcb(zero);
}

// CKA_CHECK_VALUE as the token computed it. SoftHSM 2.6 computes a wrong one for a DES2 key made by C_DeriveKey;
// it is set to the right one where the token lets it.
void fixCheckValue(const Pkcs11Module& module, CK_OBJECT_HANDLE h, const Bytes& kcv) {
    const auto now = module.attribute(h, CKA_CHECK_VALUE);
    if (!now || (now->size() >= 3 && Bytes(now->begin(), now->begin() + 3) == kcv))
        return;
    Bytes value = kcv;
    CK_ATTRIBUTE set{CKA_CHECK_VALUE, value.data(), value.size()};
    Pkcs11Session s = module.session();
    s.fn().C_SetAttributeValue(s.handle(), h, &set, 1); // refused: the token's own value stays
}

std::string tokenKcv(const Pkcs11Module& module, CK_OBJECT_HANDLE h) {
    const auto kcv = module.attribute(h, CKA_CHECK_VALUE);
    return kcv && kcv->size() >= 3 ? toHex(Bytes(kcv->begin(), kcv->begin() + 3)) : std::string();
}

std::string className(CK_ULONG c) {
    switch (c) {
    case CKO_DATA:
        return "data";
    case CKO_CERTIFICATE:
        return "certificate";
    case CKO_PUBLIC_KEY:
        return "public key";
    case CKO_PRIVATE_KEY:
        return "private key";
    case CKO_SECRET_KEY:
        return "secret key";
    default:
        return "class " + std::to_string(c);
    }
}

std::string keyTypeName(CK_ULONG t) {
    switch (t) {
    case CKK_DES:
        return "DES";
    case CKK_DES2:
        return "DES2";
    case CKK_DES3:
        return "DES3";
    case CKK_AES:
        return "AES";
    case CKK_GENERIC_SECRET:
        return "generic secret";
    case CKK_RSA:
        return "RSA";
    case CKK_EC:
        return "EC";
    default:
        return "key type " + std::to_string(t);
    }
}

} // namespace

TokenAdmin TokenAdmin::open(const std::string& modulePath, const std::string& tokenLabel, const std::string& pin) {
    return TokenAdmin(Pkcs11Module::open(modulePath, tokenLabel, pin));
}

TokenAdmin::TokenAdmin(std::shared_ptr<Pkcs11Module> module) : m_module(std::move(module)) {}

bool TokenAdmin::needsLeftHalf(const std::string& name) {
    return name == KeyStore::kBlankCardKeyName;
}

std::string TokenAdmin::kcvHex(const SecretBytes& value16) {
    if (value16.size() != 16)
        throw KeyStoreError("a key or key component is 16 bytes");
    return toHex(crypto::keyCheckValue(value16.bytes()));
}

TokenAdmin::Imported TokenAdmin::importKey(const std::string& name, std::uint8_t version, const SecretBytes& value16,
                                           bool shared, bool replace) {
    requireName(name);
    kcvHex(value16); // 16 bytes, or KeyStoreError
    const Existing old = existing(*m_module, name, version);
    if (!old.keys.empty()) {
        const auto id = tokenlayout::parseId(m_module->attribute(old.keys.front(), CKA_ID));
        const bool same = old.keys.size() == 1 && id && id->shared == shared &&
                          old.companions.size() == (needsLeftHalf(name) ? 1u : 0u) &&
                          holdsValue(m_module, old.keys.front(), value16);
        if (same)
            return Imported::AlreadyThere;
        if (!replace)
            throw KeyStoreError("token \"" + m_module->tokenLabel() + "\" already holds " +
                                tokenlayout::labelFor(name, false) + " version " + std::to_string(version) +
                                " with another value or mark; replace it deliberately or import a new version");
    }

    const std::string label = tokenlayout::labelFor(name, false);
    const Bytes id = tokenlayout::idFor(version, shared);
    const bool direct = shared || needsLeftHalf(name);
    const CK_OBJECT_HANDLE key = shared ? createExtractable(*m_module, label, id, value16, direct)
                                        : createNeverExtractable(*m_module, label, id, value16, direct, false);
    std::vector<CK_OBJECT_HANDLE> made{key};
    try {
        fixCheckValue(*m_module, key, crypto::keyCheckValue(value16.bytes()));
        if (!holdsValue(m_module, key, value16))
            throw KeyStoreError("the token's " + label + " does not compute as the imported key");
        if (needsLeftHalf(name)) {
            Bytes left(16);
            std::copy_n(value16.bytes().begin(), 8, left.begin());
            std::copy_n(value16.bytes().begin(), 8, left.begin() + 8);
            const SecretBytes companion(std::move(left));
            made.push_back(
                createNeverExtractable(*m_module, tokenlayout::labelFor(name, true), id, companion, false, true));
            fixCheckValue(*m_module, made.back(), crypto::keyCheckValue(companion.bytes()));
            if (!holdsValue(m_module, made.back(), companion))
                throw KeyStoreError("the token's companion of " + label + " does not compute as the left half");
        }
    } catch (...) {
        for (CK_OBJECT_HANDLE h : made)
            m_module->destroyObject(h, true);
        throw;
    }
    for (CK_OBJECT_HANDLE h : old.keys)
        m_module->destroyObject(h);
    for (CK_OBJECT_HANDLE h : old.companions)
        m_module->destroyObject(h);
    return old.keys.empty() ? Imported::Created : Imported::Replaced;
}

std::size_t TokenAdmin::deleteKey(const std::string& name, std::optional<std::uint8_t> version) {
    requireName(name);
    const Existing old = existing(*m_module, name, version);
    for (CK_OBJECT_HANDLE h : old.keys)
        m_module->destroyObject(h);
    for (CK_OBJECT_HANDLE h : old.companions)
        m_module->destroyObject(h);
    return old.keys.size() + old.companions.size();
}

bool TokenAdmin::productionMode() const {
    return tokenlayout::inProductionMode(*m_module);
}

void TokenAdmin::setProductionMode(bool on) {
    if (on == productionMode())
        return;
    if (!on) {
        for (CK_OBJECT_HANDLE h : tokenlayout::productionMarks(*m_module))
            m_module->destroyObject(h);
        return;
    }
    CK_OBJECT_CLASS cls = CKO_DATA;
    CK_BBOOL yes = CK_TRUE;
    std::string label = tokenlayout::kProductionLabel;
    std::string value = "1";
    std::vector<CK_ATTRIBUTE> attrs{{CKA_CLASS, &cls, sizeof cls},
                                    {CKA_TOKEN, &yes, sizeof yes},
                                    {CKA_PRIVATE, &yes, sizeof yes},
                                    {CKA_LABEL, label.data(), label.size()},
                                    {CKA_VALUE, value.data(), value.size()}};
    CK_OBJECT_HANDLE h = 0;
    Pkcs11Session s = m_module->session();
    s.check(s.fn().C_CreateObject(s.handle(), attrs.data(), attrs.size(), &h), "C_CreateObject " + label);
}

std::vector<CK_OBJECT_HANDLE> tokenlayout::productionMarks(const Pkcs11Module& module) {
    CK_OBJECT_CLASS cls = CKO_DATA;
    std::string label = tokenlayout::kProductionLabel;
    return module.findObjects({{CKA_CLASS, &cls, sizeof cls}, {CKA_LABEL, label.data(), label.size()}});
}

bool tokenlayout::inProductionMode(const Pkcs11Module& module) {
    return !productionMarks(module).empty();
}

std::size_t TokenAdmin::importFromClearKeys(const ClearKeys& keys, bool replace) {
    if (productionMode())
        throw KeyStoreError("the token is in production mode: a clear-key file is for development only; import a "
                            "production key in a key ceremony (carddesk-keystore token-ceremony)");
    std::size_t changed = 0;
    for (const auto& [name, vk] : keys.keys) {
        const SecretBytes value(vk.second);
        if (importKey(name, vk.first, value, keys.shared.count(name) != 0, replace) != Imported::AlreadyThere)
            ++changed;
    }
    return changed;
}

TokenAdmin::Ceremony TokenAdmin::combineComponents(const std::string& name, std::uint8_t version,
                                                   const std::vector<SecretBytes>& components, bool shared,
                                                   bool replace) {
    if (components.size() < 2 || components.size() > 3)
        throw KeyStoreError("a key is combined from 2 or 3 components");
    Ceremony out;
    for (const SecretBytes& c : components)
        out.componentKcvs.push_back(kcvHex(c));
    for (std::size_t i = 0; i < components.size(); ++i)
        for (std::size_t j = i + 1; j < components.size(); ++j)
            if (constantTimeEqual(components[i].bytes(), components[j].bytes()))
                throw KeyStoreError("components " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
                                    " are equal: each custodian brings a component of their own");
    Bytes combined(16, 0);
    for (const SecretBytes& c : components)
        for (std::size_t i = 0; i < 16; ++i)
            combined[i] ^= c.bytes()[i];
    const SecretBytes key(std::move(combined));
    out.resultKcv = kcvHex(key);
    if (productionMode())
        if (const std::string dev = developmentKeyWithCheckValue(out.resultKcv); !dev.empty())
            throw KeyStoreError("the combined key has check value " + out.resultKcv + ", the published development " +
                                dev + " key: refused in production mode");
    out.imported = importKey(name, version, key, shared, replace);
    return out; // `key` is wiped here
}

std::vector<TokenAdmin::ObjectInfo> TokenAdmin::listObjects() const {
    std::vector<ObjectInfo> out;
    for (CK_OBJECT_HANDLE h : m_module->findObjects({})) {
        ObjectInfo o;
        o.label = m_module->textAttribute(h, CKA_LABEL);
        if (const auto id = m_module->attribute(h, CKA_ID); id && !id->empty()) {
            o.version = (*id)[0];
            o.shared = id->size() == 2 && (*id)[1] == TokenKeys::kSharedMark;
        }
        const auto cls = m_module->ulongAttribute(h, CKA_CLASS);
        o.objectClass = cls ? className(*cls) : "?";
        if (const auto t = m_module->ulongAttribute(h, CKA_KEY_TYPE))
            o.keyType = keyTypeName(*t);
        o.sensitive = m_module->boolAttribute(h, CKA_SENSITIVE);
        o.extractable = m_module->boolAttribute(h, CKA_EXTRACTABLE);
        o.alwaysSensitive = m_module->boolAttribute(h, CKA_ALWAYS_SENSITIVE);
        o.neverExtractable = m_module->boolAttribute(h, CKA_NEVER_EXTRACTABLE);
        o.kcvHex = tokenKcv(*m_module, h);
        out.push_back(std::move(o));
    }
    std::sort(out.begin(), out.end(), [](const ObjectInfo& a, const ObjectInfo& b) {
        return std::tie(a.label, a.version) < std::tie(b.label, b.version);
    });
    return out;
}

std::string TokenAdmin::description() const {
    return "PKCS#11 token " + m_module->tokenLabel() + " (" + m_module->manufacturer() + " " + m_module->model() + ")";
}

} // namespace cdos
