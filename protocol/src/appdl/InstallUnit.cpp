#include "carddesk/protocol/appdl/InstallUnit.h"

namespace cdos::appdl {

Bytes InstallUnit::signedContent(const Bytes& plainCode, const Bytes& plainConfig) const {
    Bytes s{'C', 'D', 'I', 'U', 0x01};
    s.push_back(static_cast<std::uint8_t>(aid.size()));
    append(s, aid);
    putU16(s, version);
    putU32(s, nvmSize);
    putU32(s, ramSize);
    putU32(s, static_cast<std::uint32_t>(plainCode.size()));
    append(s, plainCode);
    putU32(s, static_cast<std::uint32_t>(plainConfig.size()));
    append(s, plainConfig);
    return s;
}

Bytes InstallUnit::encode() const {
    Bytes v;
    AppTlv::put(v, tag::Aid, aid);
    Bytes ver;
    putU16(ver, version);
    AppTlv::put(v, tag::Version, ver);
    Bytes n;
    putU32(n, nvmSize);
    AppTlv::put(v, tag::NvmSize, n);
    Bytes r;
    putU32(r, ramSize);
    AppTlv::put(v, tag::RamSize, r);
    AppTlv::put(v, tag::Code, code);
    AppTlv::put(v, tag::CodeSignature, codeSignature);
    AppTlv::put(v, tag::Config, config);
    AppTlv::put(v, tag::ConfigSignature, configSignature);
    AppTlv::put(v, tag::ProviderKtu, providerKtu);
    AppTlv::put(v, tag::IssuerKtu, issuerKtu);
    AppTlv::put(v, tag::CardNumber, cardNumber);
    AppTlv::put(v, tag::IssuerSerial, issuerSerial);
    AppTlv::put(v, tag::ProductSerial, productSerial);
    AppTlv::putU8(v, tag::SignatureAlg, signatureAlg);
    AppTlv::putU8(v, tag::HashAlg, hashAlg);
    AppTlv::putU8(v, tag::CipherAlg, cipherAlg);
    Bytes out;
    AppTlv::put(out, tag::InstallUnit, v);
    return out;
}

InstallUnit InstallUnit::decode(const Bytes& value) {
    using namespace tag;
    const auto f =
        AppTlv::parse(value, {Aid, Version, NvmSize, RamSize, Code, CodeSignature, Config, ConfigSignature, ProviderKtu,
                              IssuerKtu, CardNumber, IssuerSerial, ProductSerial, SignatureAlg, HashAlg, CipherAlg});
    InstallUnit u;
    u.aid = AppTlv::field(f, Aid, 5, 16);
    u.version = getU16(AppTlv::field(f, Version, 2, 2).data());
    u.nvmSize = AppTlv::u32(f, NvmSize);
    u.ramSize = AppTlv::u32(f, RamSize);
    u.code = AppTlv::field(f, Code, 32, limits::kMaxCode + 32);
    u.codeSignature = AppTlv::field(f, CodeSignature, 8, limits::kMaxSignature);
    u.config = AppTlv::field(f, Config, 32, limits::kMaxConfig + 32);
    u.configSignature = AppTlv::field(f, ConfigSignature, 8, limits::kMaxSignature);
    u.providerKtu = AppTlv::field(f, ProviderKtu, 16, limits::kMaxKtu);
    u.issuerKtu = AppTlv::field(f, IssuerKtu, 16, limits::kMaxKtu);
    u.cardNumber = AppTlv::field(f, CardNumber, 10, 10);
    u.issuerSerial = AppTlv::field(f, IssuerSerial, 8, 8);
    u.productSerial = AppTlv::field(f, ProductSerial, 8, 8);
    u.signatureAlg = AppTlv::u8(f, SignatureAlg);
    u.hashAlg = AppTlv::u8(f, HashAlg);
    u.cipherAlg = AppTlv::u8(f, CipherAlg);
    return u;
}

} // namespace cdos::appdl
