#include "carddesk/protocol/appdl/AppCertificate.h"

namespace cdos::appdl {

SignedObject SignedObject::split(const Bytes& value) {
    const auto f = AppTlv::parse(value, {tag::SignedBody, tag::Signature});
    SignedObject s;
    s.bodyValue = f.at(tag::SignedBody);
    AppTlv::put(s.body, tag::SignedBody, s.bodyValue);
    s.signature = AppTlv::field(f, tag::Signature, 8, limits::kMaxSignature);
    return s;
}

namespace {
Bytes wrapSigned(std::uint8_t outer, const Bytes& body, const Bytes& signature) {
    Bytes v = body;
    AppTlv::put(v, tag::Signature, signature);
    Bytes out;
    AppTlv::put(out, outer, v);
    return out;
}
} // namespace

Bytes InstallCertificate::body() const {
    Bytes v;
    AppTlv::put(v, tag::Aid, aid);
    AppTlv::put(v, tag::CardNumber, cardNumber);
    AppTlv::put(v, tag::IssuerGroup, AppTlv::encodeGroup(issuerGroup));
    AppTlv::put(v, tag::ProductGroup, AppTlv::encodeGroup(productGroup));
    AppTlv::putU8(v, tag::SignatureAlg, signatureAlg);
    AppTlv::putU8(v, tag::HashAlg, hashAlg);
    AppTlv::put(v, tag::IssuerPublicKey, issuerPublicKey);
    AppTlv::put(v, tag::ProviderPublicKey, providerPublicKey);
    Bytes out;
    AppTlv::put(out, tag::SignedBody, v);
    return out;
}

Bytes InstallCertificate::encode() const {
    return wrapSigned(tag::InstallCertificate, body(), signature);
}

void InstallCertificate::signWith(const AppKey& ca) {
    signature = AppCrypto::sign(ca, signatureAlg, body());
}

InstallCertificate InstallCertificate::decode(const Bytes& value) {
    using namespace tag;
    const SignedObject s = SignedObject::split(value);
    const auto f = AppTlv::parse(s.bodyValue, {Aid, CardNumber, IssuerGroup, ProductGroup, SignatureAlg, HashAlg,
                                               IssuerPublicKey, ProviderPublicKey});
    InstallCertificate c;
    c.aid = AppTlv::field(f, Aid, 5, 16);
    c.cardNumber = AppTlv::field(f, CardNumber, 10, 10);
    c.issuerGroup = AppTlv::group(f, IssuerGroup);
    c.productGroup = AppTlv::group(f, ProductGroup);
    c.signatureAlg = AppTlv::u8(f, SignatureAlg);
    c.hashAlg = AppTlv::u8(f, HashAlg);
    c.issuerPublicKey = AppTlv::field(f, IssuerPublicKey, 16, limits::kMaxPublicKey);
    c.providerPublicKey = AppTlv::field(f, ProviderPublicKey, 16, limits::kMaxPublicKey);
    c.signature = s.signature;
    if (c.body() != s.body)
        throw FormatError("non-canonical certificate encoding"); // the signed bytes must be what we re-encode
    return c;
}

Bytes DeleteCertificate::body() const {
    Bytes v;
    AppTlv::put(v, tag::CardNumber, cardNumber);
    AppTlv::put(v, tag::IssuerGroup, AppTlv::encodeGroup(issuerGroup));
    AppTlv::put(v, tag::ProductGroup, AppTlv::encodeGroup(productGroup));
    AppTlv::put(v, tag::Aid, aid);
    AppTlv::put(v, tag::RandomSeed, randomSeed);
    AppTlv::putU8(v, tag::SignatureAlg, signatureAlg);
    Bytes out;
    AppTlv::put(out, tag::SignedBody, v);
    return out;
}

Bytes DeleteCertificate::encode() const {
    return wrapSigned(tag::DeleteCertificate, body(), signature);
}

void DeleteCertificate::signWith(const AppKey& ca) {
    signature = AppCrypto::sign(ca, signatureAlg, body());
}

DeleteCertificate DeleteCertificate::decode(const Bytes& value) {
    using namespace tag;
    const SignedObject s = SignedObject::split(value);
    const auto f = AppTlv::parse(s.bodyValue, {CardNumber, IssuerGroup, ProductGroup, Aid, RandomSeed, SignatureAlg});
    DeleteCertificate c;
    c.cardNumber = AppTlv::field(f, CardNumber, 10, 10);
    c.issuerGroup = AppTlv::group(f, IssuerGroup);
    c.productGroup = AppTlv::group(f, ProductGroup);
    c.aid = AppTlv::field(f, Aid, 5, 16);
    c.randomSeed = AppTlv::field(f, RandomSeed, 16, 16);
    c.signatureAlg = AppTlv::u8(f, SignatureAlg);
    c.signature = s.signature;
    if (c.body() != s.body)
        throw FormatError("non-canonical certificate encoding");
    return c;
}

} // namespace cdos::appdl
