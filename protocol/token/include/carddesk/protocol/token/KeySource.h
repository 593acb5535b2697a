#pragma once
// Where a program takes the issuer's keys from (docs/keys.md, "Choosing the key holder"): one setting for the
// console, carddesk-cli and carddesk-headend — a key-store file path, or a PKCS#11 URI (RFC 7512) naming a token:
//   pkcs11:token=CardDesk%20development
//   pkcs11:token=Issuer%20CA;manufacturer=Thales?module-path=/opt/hsm/lib/libcs_pkcs11.so
// The secret (the file's passphrase or the token's user PIN) never travels in the setting: a URI with pin-value or
// pin-source is refused, so a PIN cannot end up on a command line or in a settings file.
#include <carddesk/protocol/crypto/KeyStore.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cdos {

struct TokenUri {
    std::string label;
    std::string modulePath; // the module-path query attribute, else Debian's SoftHSM2
};

bool isPkcs11Uri(const std::string& source);
// Throws KeyStoreError naming what is wrong (no token attribute, a PIN in the URI, bad percent-encoding).
TokenUri parsePkcs11Uri(const std::string& uri);

// Opens the holder `source` names with `secret` (passphrase or PIN). Throws KeyStoreError / Pkcs11Error in words.
std::shared_ptr<const IssuerKeys> openIssuerKeys(const std::string& source, const std::string& secret);

// The published development keys (resources/keystores/development-keys.txt, docs/keys.md) by check value: a
// production desk or headend refuses a holder holding any of them, whatever name it carries. Returns
// "NAME (KCV ..., the development KEY)" for each one found.
std::vector<std::string> developmentKeysIn(const IssuerKeys& keys);
// The development key's name when `kcvHex` (upper-case hex) is one of theirs, else empty.
std::string developmentKeyWithCheckValue(const std::string& kcvHex);

} // namespace cdos
