#pragma once
// Commands and status words of application download and deletion (docs/app-download.md, docs/command-set.md).
// Proprietary SW1 96 (download checks) and 97 (the application VM) keep clear of the e-purse's 93/94.
#include "carddesk/protocol/apdu/Apdu.h"

#include <string>
#include <vector>

namespace cdos::appdl {

namespace ins {
inline constexpr std::uint8_t CardKey = 0x46;    // 84 46 80 00: generate (issuer SM); 80 46 00 00: read public key
inline constexpr std::uint8_t WriteCaKey = 0xD8; // 84 D8 00 00 SPKI (issuer SM)
inline constexpr std::uint8_t Install = 0xE6;    // 80 E6 P1 (00 more / 80 last) P2 block number
inline constexpr std::uint8_t Delete = 0xE4;     // 80 E4 P1 P2 as INSTALL
} // namespace ins

inline constexpr std::uint8_t kLastBlock = 0x80;
inline constexpr std::uint8_t kCheckOnly = 0x01; // INSTALL P1 01: will it fit? (patent step C)

namespace fid {
inline constexpr std::uint16_t CardKeyPair = 0x0010;   // internal
inline constexpr std::uint16_t CaPublicKey = 0x0011;   // internal
inline constexpr std::uint16_t Registry = 0x0012;      // linear fixed, readable, never updatable by commands
inline constexpr std::uint16_t VersionFloors = 0x0013; // linear fixed: the highest version each AID ever had
inline constexpr std::uint16_t FirstAppDf = 0xAF01;    // application DFs: AF01 + registry slot
} // namespace fid

namespace sw {
inline constexpr std::uint16_t Malformed = 0x6A80;      // TLV truncated, oversized, unknown/duplicate/missing tag
inline constexpr std::uint16_t BlockSequence = 0x6A86;  // P1/P2 out of sequence
inline constexpr std::uint16_t MessageTooLong = 0x6A84; // more than limits::kMaxMessage buffered
inline constexpr std::uint16_t CertSignature = 0x9601;  // check 1: CA signature does not verify
inline constexpr std::uint16_t AidMismatch = 0x9602;    // check 2
inline constexpr std::uint16_t CardNumberMismatch = 0x9603;
inline constexpr std::uint16_t IssuerNotInGroup = 0x9604;
inline constexpr std::uint16_t ProductNotInGroup = 0x9605;
inline constexpr std::uint16_t SignatureAlg = 0x9606; // unsupported or unit ≠ certificate
inline constexpr std::uint16_t HashAlg = 0x9607;
inline constexpr std::uint16_t CipherAlg = 0x9608;
inline constexpr std::uint16_t AlreadyInstalled = 0x9609; // check 3
inline constexpr std::uint16_t NvmTooSmall = 0x960A;
inline constexpr std::uint16_t RamTooSmall = 0x960B;
inline constexpr std::uint16_t RegistryFull = 0x960C;
inline constexpr std::uint16_t KeyTransport = 0x960D;    // check 4: a KTU, code or configuration does not decrypt
inline constexpr std::uint16_t CertKey = 0x960E;         // a public key in the certificate is unusable
inline constexpr std::uint16_t CodeSignature = 0x960F;   // check 5: provider signature / code hash
inline constexpr std::uint16_t ConfigSignature = 0x9610; // check 5: issuer signature / configuration hash
inline constexpr std::uint16_t NoCardKey = 0x9611;       // the card has no key pair yet
inline constexpr std::uint16_t NoCaKey = 0x9612;         // the card has no CA public key yet
inline constexpr std::uint16_t NotInstalled = 0x9613;    // delete: no such application
inline constexpr std::uint16_t SeedMismatch = 0x9614;    // delete: certificate for an earlier installation
inline constexpr std::uint16_t OlderVersion = 0x9615;    // install: below the version this card already had
inline constexpr std::uint16_t VmError = 0x9701;         // the application failed (Lua error, bad answer)
inline constexpr std::uint16_t VmSteps = 0x9702;         // instruction bound reached
inline constexpr std::uint16_t VmMemory = 0x9703;        // RAM bound reached
inline constexpr std::uint16_t VmFirewall = 0x9704;      // NVM access outside the application's DF
} // namespace sw

// What a status word of this page means, in words a console can show ("the certificate is for another card").
std::string statusText(std::uint16_t sw);

class AppCommands {
public:
    static constexpr std::size_t kBlock = 240; // short APDUs: through every reader
    static CommandApdu generateCardKey();      // wrap with issuer SM
    static CommandApdu readCardKey();
    static CommandApdu writeCaKey(const Bytes& spki); // wrap with issuer SM
    // The install message (certificate E1 || unit E2) or a delete certificate, cut into numbered blocks.
    static std::vector<CommandApdu> install(const Bytes& message, std::size_t block = kBlock);
    static std::vector<CommandApdu> remove(const Bytes& deleteCertificate, std::size_t block = kBlock);
    // Patent step C: AID, DF size (code + configuration + data area) and RAM; answers 9000 or 9609/960A/960B/960C.
    static CommandApdu checkRoom(const Bytes& aid, std::uint32_t dfSize, std::uint32_t ramSize);
};

} // namespace cdos::appdl
