#pragma once
// How CardDesk's keys lie in a token (docs/keys.md): label "carddesk:<NAME>" or "carddesk:<NAME>:L" (the companion
// K1 ‖ K1), CKA_ID = version [‖ 01 for a shared key]. Internal to carddesk_token.
#include "carddesk/protocol/token/Pkcs11Module.h"
#include "carddesk/protocol/token/TokenKeys.h"

#include <optional>
#include <string>
#include <vector>

namespace cdos::tokenlayout {

// The production-mode mark (TokenAdmin::setProductionMode): a private data object with this label.
inline constexpr const char* kProductionLabel = "carddesk:production";
std::vector<CK_OBJECT_HANDLE> productionMarks(const Pkcs11Module& module);
bool inProductionMode(const Pkcs11Module& module);

struct Label {
    std::string name;
    bool leftHalf = false;
};

// nullopt for an object that is not one of CardDesk's keys.
inline std::optional<Label> parseLabel(const std::string& label) {
    const std::string prefix = TokenKeys::kLabelPrefix, suffix = TokenKeys::kLeftHalfSuffix;
    if (label.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
    Label out;
    out.name = label.substr(prefix.size());
    if (out.name.size() > suffix.size() &&
        out.name.compare(out.name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        out.name.resize(out.name.size() - suffix.size());
        out.leftHalf = true;
    }
    if (out.name.empty() || out.name.find(':') != std::string::npos)
        return std::nullopt;
    return out;
}

inline std::string labelFor(const std::string& name, bool leftHalf) {
    return TokenKeys::kLabelPrefix + name + (leftHalf ? TokenKeys::kLeftHalfSuffix : "");
}

inline Bytes idFor(std::uint8_t version, bool shared) {
    Bytes id{version};
    if (shared)
        id.push_back(TokenKeys::kSharedMark);
    return id;
}

struct Id {
    std::uint8_t version = 0;
    bool shared = false;
};

inline std::optional<Id> parseId(const std::optional<Bytes>& id) {
    if (!id || id->empty() || id->size() > 2 || (id->size() == 2 && (*id)[1] != TokenKeys::kSharedMark))
        return std::nullopt;
    return Id{(*id)[0], id->size() == 2};
}

// The secret keys of the token with a label.
inline std::vector<CK_OBJECT_HANDLE> secretKeys(const Pkcs11Module& module, const std::string* label = nullptr) {
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_BBOOL yes = CK_TRUE;
    std::vector<CK_ATTRIBUTE> match{{CKA_CLASS, &cls, sizeof cls}, {CKA_TOKEN, &yes, sizeof yes}};
    if (label)
        match.push_back({CKA_LABEL, const_cast<char*>(label->data()), label->size()});
    return module.findObjects(match);
}

} // namespace cdos::tokenlayout
