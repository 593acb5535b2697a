#pragma once
// The producer of docs/app-download.md (headend, or the console acting for the issuer): builds for one card the
// install unit and install certificate of an application, and delete certificates. Holds the private keys of the
// certification authority, the card issuer and the application provider; none of them ever leaves this class.
#include "carddesk/protocol/appdl/AppCertificate.h"

#include <string>
#include <vector>

namespace cdos::appdl {

struct CardIdentity {
    Bytes cardNumber, issuerSerial, productSerial; // 10, 8, 8 bytes (GET DATA 0101..0103)
    AppKey cardPublicKey;                          // RSA-2048, from the card at issuance
};

struct AppPackage {
    Bytes aid;
    std::uint16_t version = 1;
    std::uint32_t nvmSize = 0; // the application's own data area
    std::uint32_t ramSize = 0; // VM heap bound
    std::string code;          // Lua 5.4 source text
    Bytes config;              // the issuer's configuration data
};

struct AppAuthorities {
    AppKey ca, issuer, provider; // private keys
    std::uint8_t signatureAlg = alg::EcdsaP256;
    // Development keys of resources/app-keys (NOT FOR PRODUCTION): "ec" (ECDSA P-256) or "rsa" (RSA-2048).
    static AppAuthorities development(const std::string& keyDir, const std::string& kind = "ec");
};

class AppProducer {
public:
    explicit AppProducer(AppAuthorities authorities) : m_auth(std::move(authorities)) {}

    InstallUnit buildUnit(const AppPackage& app, const CardIdentity& card) const;
    // Groups default to the card's own serial.
    InstallCertificate buildInstallCertificate(const Bytes& aid, const CardIdentity& card,
                                               std::vector<Bytes> issuerGroup = {},
                                               std::vector<Bytes> productGroup = {}) const;
    DeleteCertificate buildDeleteCertificate(const Bytes& aid, const Bytes& randomSeed, const CardIdentity& card,
                                             std::vector<Bytes> issuerGroup = {},
                                             std::vector<Bytes> productGroup = {}) const;
    // What the card receives for an install: certificate E1 || unit E2.
    static Bytes installMessage(const InstallCertificate& cert, const InstallUnit& unit);
    const AppAuthorities& authorities() const { return m_auth; }

private:
    AppAuthorities m_auth;
};

} // namespace cdos::appdl
