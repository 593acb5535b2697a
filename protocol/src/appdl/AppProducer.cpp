#include "carddesk/protocol/appdl/AppProducer.h"

#include "carddesk/protocol/crypto/Crypto.h"

#include <fstream>
#include <sstream>

namespace cdos::appdl {

namespace {
std::string readText(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        throw crypto::CryptoError("cannot read key file " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
} // namespace

AppAuthorities AppAuthorities::development(const std::string& keyDir, const std::string& kind) {
    AppAuthorities a;
    a.ca = AppKey::fromPem(readText(keyDir + "/ca-" + kind + ".pem"));
    a.issuer = AppKey::fromPem(readText(keyDir + "/issuer-" + kind + ".pem"));
    a.provider = AppKey::fromPem(readText(keyDir + "/provider-" + kind + ".pem"));
    a.signatureAlg = kind == "rsa" ? alg::RsaPkcs1 : alg::EcdsaP256;
    return a;
}

InstallUnit AppProducer::buildUnit(const AppPackage& app, const CardIdentity& card) const {
    InstallUnit u;
    u.aid = app.aid;
    u.version = app.version;
    u.nvmSize = app.nvmSize;
    u.ramSize = app.ramSize;
    const Bytes code(app.code.begin(), app.code.end());
    // One fresh process key per object and per card: a key transport unit opens nothing on another card.
    const SecretBytes providerKey(crypto::randomBytes(16));
    const SecretBytes issuerKey(crypto::randomBytes(16));
    const Bytes content = u.signedContent(code, app.config);
    u.code = AppCrypto::encrypt(providerKey, code);
    u.codeSignature = AppCrypto::sign(m_auth.provider, m_auth.signatureAlg, content);
    u.config = AppCrypto::encrypt(issuerKey, app.config);
    u.configSignature = AppCrypto::sign(m_auth.issuer, m_auth.signatureAlg, content);
    u.providerKtu = AppCrypto::wrapKey(card.cardPublicKey, providerKey);
    u.issuerKtu = AppCrypto::wrapKey(card.cardPublicKey, issuerKey);
    u.cardNumber = card.cardNumber;
    u.issuerSerial = card.issuerSerial;
    u.productSerial = card.productSerial;
    u.signatureAlg = m_auth.signatureAlg;
    u.hashAlg = alg::Sha256;
    u.cipherAlg = alg::Aes128Cbc;
    return u;
}

InstallCertificate AppProducer::buildInstallCertificate(const Bytes& aid, const CardIdentity& card,
                                                        std::vector<Bytes> issuerGroup,
                                                        std::vector<Bytes> productGroup) const {
    InstallCertificate c;
    c.aid = aid;
    c.cardNumber = card.cardNumber;
    c.issuerGroup = issuerGroup.empty() ? std::vector<Bytes>{card.issuerSerial} : std::move(issuerGroup);
    c.productGroup = productGroup.empty() ? std::vector<Bytes>{card.productSerial} : std::move(productGroup);
    c.signatureAlg = m_auth.signatureAlg;
    c.hashAlg = alg::Sha256;
    c.issuerPublicKey = m_auth.issuer.publicDer();
    c.providerPublicKey = m_auth.provider.publicDer();
    c.signWith(m_auth.ca);
    return c;
}

DeleteCertificate AppProducer::buildDeleteCertificate(const Bytes& aid, const Bytes& randomSeed,
                                                      const CardIdentity& card, std::vector<Bytes> issuerGroup,
                                                      std::vector<Bytes> productGroup) const {
    DeleteCertificate c;
    c.cardNumber = card.cardNumber;
    c.issuerGroup = issuerGroup.empty() ? std::vector<Bytes>{card.issuerSerial} : std::move(issuerGroup);
    c.productGroup = productGroup.empty() ? std::vector<Bytes>{card.productSerial} : std::move(productGroup);
    c.aid = aid;
    c.randomSeed = randomSeed;
    c.signatureAlg = m_auth.signatureAlg;
    c.signWith(m_auth.ca);
    return c;
}

Bytes AppProducer::installMessage(const InstallCertificate& cert, const InstallUnit& unit) {
    Bytes out = cert.encode();
    append(out, unit.encode());
    return out;
}

} // namespace cdos::appdl
