#pragma once
// The install unit (应用安装单元) of docs/app-download.md: one application for one card, code and configuration
// encrypted under process keys that travel in key transport units under the card's public key.
#include "carddesk/protocol/appdl/AppTlv.h"

namespace cdos::appdl {

namespace tag {
inline constexpr std::uint8_t InstallCertificate = 0xE1;
inline constexpr std::uint8_t InstallUnit = 0xE2;
inline constexpr std::uint8_t DeleteCertificate = 0xE3;
inline constexpr std::uint8_t SignedBody = 0xA0;
inline constexpr std::uint8_t Signature = 0x9E;
inline constexpr std::uint8_t Aid = 0x4F;
inline constexpr std::uint8_t CardNumber = 0x5A;
inline constexpr std::uint8_t Version = 0x80;
inline constexpr std::uint8_t NvmSize = 0x81;
inline constexpr std::uint8_t RamSize = 0x82;
inline constexpr std::uint8_t Code = 0x83;
inline constexpr std::uint8_t CodeSignature = 0x84;
inline constexpr std::uint8_t Config = 0x85;
inline constexpr std::uint8_t ConfigSignature = 0x86;
inline constexpr std::uint8_t ProviderKtu = 0x87;
inline constexpr std::uint8_t IssuerKtu = 0x88;
inline constexpr std::uint8_t IssuerSerial = 0x89;
inline constexpr std::uint8_t ProductSerial = 0x8A;
inline constexpr std::uint8_t IssuerGroup = 0x91;
inline constexpr std::uint8_t ProductGroup = 0x92;
inline constexpr std::uint8_t SignatureAlg = 0x93;
inline constexpr std::uint8_t HashAlg = 0x94;
inline constexpr std::uint8_t IssuerPublicKey = 0x95;
inline constexpr std::uint8_t ProviderPublicKey = 0x96;
inline constexpr std::uint8_t RandomSeed = 0x97;
inline constexpr std::uint8_t CipherAlg = 0x98;
} // namespace tag

namespace limits {
inline constexpr std::size_t kMaxCode = 32 * 1024;
inline constexpr std::size_t kMaxConfig = 4 * 1024;
inline constexpr std::size_t kMaxSignature = 512;
inline constexpr std::size_t kMaxKtu = 512;
inline constexpr std::size_t kMaxPublicKey = 600;
inline constexpr std::size_t kMaxMessage = 48 * 1024; // certificate + unit, as buffered by the card
} // namespace limits

struct InstallUnit {
    Bytes aid; // application serial, 5..16 bytes
    std::uint16_t version = 0;
    std::uint32_t nvmSize = 0;     // bytes of the application's own (static) data area
    std::uint32_t ramSize = 0;     // bytes of VM heap it needs
    Bytes code, codeSignature;     // code: IV || AES-128-CBC; provider's signature over signedContent()
    Bytes config, configSignature; // config: IV || AES-128-CBC; issuer's signature over signedContent()
    Bytes providerKtu, issuerKtu;  // process keys under the card's public key (RSA-OAEP)
    Bytes cardNumber, issuerSerial, productSerial;
    std::uint8_t signatureAlg = 0, hashAlg = 0, cipherAlg = 0;

    // What the provider and the issuer both sign (issue 17): "CDIU" 01 | AID length | AID | version (2) | NVM size (4)
    // | RAM size (4) | code length (4) | plain code | configuration length (4) | plain configuration. One signed whole,
    // so neither the header nor the pairing of code and configuration can be changed after signing.
    Bytes signedContent(const Bytes& plainCode, const Bytes& plainConfig) const;
    Bytes encode() const;                            // E2 template
    static InstallUnit decode(const Bytes& e2Value); // the value of E2; throws FormatError
};

} // namespace cdos::appdl
