#include "carddesk/protocol/token/TokenKeys.h"
#include "carddesk/protocol/token/KeySource.h"

#include "TokenLayout.h"
#include "carddesk/protocol/token/Pkcs11Module.h"
#include "carddesk/protocol/token/TokenKey.h"

namespace cdos {

TokenKeys TokenKeys::open(const std::string& modulePath, const std::string& tokenLabel, const std::string& pin) {
    return TokenKeys(Pkcs11Module::open(modulePath, tokenLabel, pin));
}

TokenKeys::TokenKeys(std::shared_ptr<Pkcs11Module> module) : m_module(std::move(module)) {
    struct Found {
        CK_OBJECT_HANDLE object;
        tokenlayout::Id id;
    };
    std::map<std::string, std::vector<Found>> keys, companions;
    for (CK_OBJECT_HANDLE h : tokenlayout::secretKeys(*m_module)) {
        const std::string label = m_module->textAttribute(h, CKA_LABEL);
        const auto parsed = tokenlayout::parseLabel(label);
        if (!parsed)
            continue; // not CardDesk's
        const auto id = tokenlayout::parseId(m_module->attribute(h, CKA_ID));
        if (!id)
            throw KeyStoreError("token object " + label + " has no CardDesk version in CKA_ID (version [01 shared])");
        (parsed->leftHalf ? companions : keys)[parsed->name].push_back({h, *id});
    }
    for (const auto& [name, versions] : keys) {
        const Found* best = nullptr;
        for (const Found& f : versions)
            if (!best || f.id.version > best->id.version)
                best = &f;
        const std::string label = tokenlayout::labelFor(name, false);
        // A master must never show its value nor leave the token; a shared key leaves it, but only wrapped.
        if (m_module->boolAttribute(best->object, CKA_SENSITIVE) != true)
            throw KeyStoreError("token key " + label + " is not sensitive: delete it and import it again");
        if (!best->id.shared && m_module->boolAttribute(best->object, CKA_EXTRACTABLE) != false)
            throw KeyStoreError("token key " + label +
                                " is extractable but not marked shared: a master must never leave the token; "
                                "delete it and import it again");
        Entry e;
        e.version = best->id.version;
        e.shared = best->id.shared;
        e.object = best->object;
        for (const Found& c : companions[name])
            if (c.id.version == e.version)
                e.leftHalf = c.object;
        if (const auto kcv = m_module->attribute(best->object, CKA_CHECK_VALUE); kcv && kcv->size() >= 3)
            e.kcvHex = toHex(Bytes(kcv->begin(), kcv->begin() + 3));
        else
            e.kcvHex = "------"; // the module keeps no check value and a master may not encrypt
        m_keys[name] = e;
    }
    // A token marked for production (TokenAdmin::setProductionMode) never serves a published development key.
    if (tokenlayout::inProductionMode(*m_module))
        if (const auto development = developmentKeysIn(*this); !development.empty())
            throw KeyStoreError(
                "token \"" + m_module->tokenLabel() +
                "\" is in production mode and holds a published development key: " + development.front());
}

const TokenKeys::Entry& TokenKeys::entry(const std::string& name) const {
    const auto it = m_keys.find(name);
    if (it == m_keys.end())
        throw KeyStoreError("token \"" + m_module->tokenLabel() + "\" has no key " +
                            tokenlayout::labelFor(name, false));
    return it->second;
}

std::unique_ptr<DesKey> TokenKeys::key(const Entry& e) const {
    return TokenKey::tokenObject(m_module, e.object, e.leftHalf);
}

std::unique_ptr<DesKey> TokenKeys::cardKey(const std::string& name, const Bytes& asn) const {
    return key(entry(name))->diversify(asn);
}

std::unique_ptr<DesKey> TokenKeys::blankCardKey() const {
    return key(entry(KeyStore::kBlankCardKeyName));
}

std::unique_ptr<DesKey> TokenKeys::sharedKey(const std::string& name) const {
    const Entry& e = entry(name);
    if (!e.shared)
        throw KeyStoreError("key " + name + " is not marked shared in the token; only its per-card keys are given out");
    return key(e);
}

std::uint8_t TokenKeys::version(const std::string& name) const {
    return entry(name).version;
}

std::vector<std::string> TokenKeys::names() const {
    std::vector<std::string> out;
    for (const auto& [name, e] : m_keys)
        out.push_back(name);
    return out;
}

std::string TokenKeys::kcvHex(const std::string& name) const {
    return entry(name).kcvHex;
}

bool TokenKeys::isShared(const std::string& name) const {
    const auto it = m_keys.find(name);
    return it != m_keys.end() && it->second.shared;
}

std::string TokenKeys::description() const {
    return "PKCS#11 token " + m_module->tokenLabel() + " (" + m_module->manufacturer() + " " + m_module->model() + ")";
}

} // namespace cdos
