#include "carddesk/protocol/appdl/AppCommands.h"

#include "carddesk/protocol/appdl/InstallUnit.h"

namespace cdos::appdl {

std::string statusText(std::uint16_t s) {
    switch (s) {
    case sw::Malformed:
        return "the certificate or install unit is malformed";
    case sw::BlockSequence:
        return "blocks out of sequence";
    case sw::MessageTooLong:
        return "the install data is too long";
    case sw::CertSignature:
        return "the certificate's signature is not the certification authority's";
    case sw::AidMismatch:
        return "the install unit and the certificate are for different applications";
    case sw::CardNumberMismatch:
        return "the certificate is for another card";
    case sw::IssuerNotInGroup:
        return "the card's issuer is not in the certificate's issuer group";
    case sw::ProductNotInGroup:
        return "the card's product is not in the certificate's product group";
    case sw::SignatureAlg:
        return "signature algorithm not supported or not the same in unit and certificate";
    case sw::HashAlg:
        return "hash algorithm not supported or not the same in unit and certificate";
    case sw::CipherAlg:
        return "process-key cipher not supported";
    case sw::AlreadyInstalled:
        return "the application is already installed";
    case sw::NvmTooSmall:
        return "not enough card memory (NVM) for the application";
    case sw::RamTooSmall:
        return "the application needs more RAM than the card gives";
    case sw::RegistryFull:
        return "the application registry is full";
    case sw::KeyTransport:
        return "the key transport units or the encrypted data cannot be decrypted by this card";
    case sw::CertKey:
        return "a public key in the certificate is unusable";
    case sw::CodeSignature:
        return "the application code does not match the provider's signature";
    case sw::ConfigSignature:
        return "the configuration does not match the issuer's signature";
    case sw::NoCardKey:
        return "the card has no key pair";
    case sw::NoCaKey:
        return "the card has no certification authority key";
    case sw::NotInstalled:
        return "the application is not installed";
    case sw::SeedMismatch:
        return "the delete certificate is for an earlier installation of the application";
    case sw::OlderVersion:
        return "the card already had a newer version of the application";
    case sw::VmError:
        return "the application failed";
    case sw::VmSteps:
        return "the application ran too long";
    case sw::VmMemory:
        return "the application used too much memory";
    case sw::VmFirewall:
        return "the application accessed memory outside its own file";
    default:
        return "status " + toHex(Bytes{static_cast<std::uint8_t>(s >> 8), static_cast<std::uint8_t>(s)});
    }
}

CommandApdu AppCommands::generateCardKey() {
    return CommandApdu{0x80, ins::CardKey, 0x80, 0x00, {}, 256};
}

CommandApdu AppCommands::readCardKey() {
    return CommandApdu{0x80, ins::CardKey, 0x00, 0x00, {}, 256};
}

CommandApdu AppCommands::writeCaKey(const Bytes& spki) {
    return CommandApdu{0x80, ins::WriteCaKey, 0x00, 0x00, spki, -1};
}

namespace {
std::vector<CommandApdu> blocks(std::uint8_t insByte, const Bytes& message, std::size_t block) {
    std::vector<CommandApdu> out;
    for (std::size_t off = 0, n = 0; off < message.size(); off += block, ++n) {
        const std::size_t len = std::min(block, message.size() - off);
        const bool last = off + len == message.size();
        out.push_back(CommandApdu{0x80, insByte, static_cast<std::uint8_t>(last ? kLastBlock : 0x00),
                                  static_cast<std::uint8_t>(n & 0xFF),
                                  Bytes(message.begin() + static_cast<std::ptrdiff_t>(off),
                                        message.begin() + static_cast<std::ptrdiff_t>(off + len)),
                                  last ? 256 : -1});
    }
    return out;
}
} // namespace

std::vector<CommandApdu> AppCommands::install(const Bytes& message, std::size_t block) {
    return blocks(ins::Install, message, block);
}

std::vector<CommandApdu> AppCommands::remove(const Bytes& deleteCertificate, std::size_t block) {
    return blocks(ins::Delete, deleteCertificate, block);
}

CommandApdu AppCommands::checkRoom(const Bytes& aid, std::uint32_t dfSize, std::uint32_t ramSize) {
    Bytes d;
    AppTlv::put(d, tag::Aid, aid);
    Bytes n, r;
    putU32(n, dfSize);
    putU32(r, ramSize);
    AppTlv::put(d, tag::NvmSize, n);
    AppTlv::put(d, tag::RamSize, r);
    return CommandApdu{0x80, ins::Install, kCheckOnly, 0x00, d, -1};
}

} // namespace cdos::appdl
