#pragma once
// Install and delete certificates (应用安装证书 / 应用删除证书) of docs/app-download.md, signed by the certification
// authority over the exact bytes of their A0 body.
#include "carddesk/protocol/appdl/AppCrypto.h"
#include "carddesk/protocol/appdl/InstallUnit.h"

#include <vector>

namespace cdos::appdl {

struct InstallCertificate {
    Bytes aid, cardNumber;
    std::vector<Bytes> issuerGroup, productGroup; // 1..16 serials of 8 bytes
    std::uint8_t signatureAlg = 0, hashAlg = 0;
    Bytes issuerPublicKey, providerPublicKey; // SubjectPublicKeyInfo DER
    Bytes signature;

    Bytes body() const;   // the signed A0 template
    Bytes encode() const; // E1 { A0, 9E }
    void signWith(const AppKey& ca);
    static InstallCertificate decode(const Bytes& e1Value); // throws FormatError
};

struct DeleteCertificate {
    Bytes cardNumber;
    std::vector<Bytes> issuerGroup, productGroup;
    Bytes aid;
    Bytes randomSeed; // 16 bytes, set by the card at install
    std::uint8_t signatureAlg = 0;
    Bytes signature;

    Bytes body() const;
    Bytes encode() const; // E3 { A0, 9E }
    void signWith(const AppKey& ca);
    static DeleteCertificate decode(const Bytes& e3Value); // throws FormatError
};

// Splits a signed object's value into its body (A0 template, as signed) and signature.
struct SignedObject {
    Bytes body, bodyValue, signature;
    static SignedObject split(const Bytes& value);
};

} // namespace cdos::appdl
