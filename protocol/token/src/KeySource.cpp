#include "carddesk/protocol/token/KeySource.h"

#include "carddesk/protocol/token/Pkcs11Module.h"
#include "carddesk/protocol/token/TokenKeys.h"

#include <cctype>
#include <map>

namespace cdos {

namespace {

std::string percentDecode(const std::string& in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out += in[i];
            continue;
        }
        if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
            !std::isxdigit(static_cast<unsigned char>(in[i + 2])))
            throw KeyStoreError("bad percent-encoding in the PKCS#11 URI near \"" + in.substr(i, 3) + "\"");
        out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
        i += 2;
    }
    return out;
}

std::map<std::string, std::string> attributes(const std::string& part, char separator) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= part.size()) {
        const std::size_t end = std::min(part.find(separator, start), part.size());
        const std::string item = part.substr(start, end - start);
        if (!item.empty()) {
            const std::size_t eq = item.find('=');
            if (eq == std::string::npos)
                throw KeyStoreError("the PKCS#11 URI attribute \"" + item + "\" has no value");
            out[item.substr(0, eq)] = percentDecode(item.substr(eq + 1));
        }
        start = end + 1;
    }
    return out;
}

// Check values of the published development keys (docs/keys.md's table).
const std::map<std::string, std::string>& developmentCheckValues() {
    static const std::map<std::string, std::string> kcvs{
        {"8BAF47", "BLANK_CARD"},   {"D2B91C", "ISSUER_SM"},   {"08D7B4", "TRANSPORT"}, {"FB0975", "CARD_AUTH"},
        {"94520B", "PURCHASE"},     {"491510", "LOAD"},        {"A5E57F", "TAC"},       {"5109AA", "PIN_UNBLOCK"},
        {"C6308B", "CA_SERVICE_1"}, {"B0F307", "CA_SERVICE_2"}};
    return kcvs;
}

} // namespace

bool isPkcs11Uri(const std::string& source) {
    return source.rfind("pkcs11:", 0) == 0;
}

TokenUri parsePkcs11Uri(const std::string& uri) {
    if (!isPkcs11Uri(uri))
        throw KeyStoreError("\"" + uri + "\" is not a PKCS#11 URI (pkcs11:token=LABEL)");
    const std::string rest = uri.substr(7);
    const std::size_t q = rest.find('?');
    const auto path = attributes(rest.substr(0, q), ';');
    const auto query =
        q == std::string::npos ? std::map<std::string, std::string>{} : attributes(rest.substr(q + 1), '&');
    for (const char* pin : {"pin-value", "pin-source"})
        if (query.count(pin) || path.count(pin))
            throw KeyStoreError("the PKCS#11 URI carries a PIN (" + std::string(pin) +
                                "): give the token PIN in CARDDESK_TOKEN_PIN or when asked, never in the setting");
    const auto label = path.find("token");
    if (label == path.end() || label->second.empty())
        throw KeyStoreError("the PKCS#11 URI names no token (pkcs11:token=LABEL)");
    TokenUri out{label->second, kSoftHsmModule};
    if (const auto module = query.find("module-path"); module != query.end())
        out.modulePath = module->second;
    return out;
}

std::shared_ptr<const IssuerKeys> openIssuerKeys(const std::string& source, const std::string& secret) {
    if (isPkcs11Uri(source)) {
        const TokenUri uri = parsePkcs11Uri(source);
        return std::make_shared<TokenKeys>(TokenKeys::open(uri.modulePath, uri.label, secret));
    }
    return std::make_shared<KeyStore>(KeyStore::open(source, secret));
}

std::string developmentKeyWithCheckValue(const std::string& kcvHex) {
    const auto it = developmentCheckValues().find(kcvHex);
    return it == developmentCheckValues().end() ? std::string() : it->second;
}

std::vector<std::string> developmentKeysIn(const IssuerKeys& keys) {
    std::vector<std::string> out;
    for (const std::string& name : keys.names()) {
        const std::string kcv = keys.kcvHex(name);
        if (const auto it = developmentCheckValues().find(kcv); it != developmentCheckValues().end())
            out.push_back(name + " (check value " + kcv + ", the development " + it->second + " key)");
    }
    return out;
}

} // namespace cdos
