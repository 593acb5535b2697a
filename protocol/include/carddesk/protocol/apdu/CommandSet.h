#pragma once
// The CardDesk COS command set: the numbers of docs/command-set.md, defined once for card and hosts.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/Bytes.h"

#include <cstdint>
#include <string>

namespace cdos {

inline constexpr const char* kOsName = "CDOS";
inline constexpr std::uint8_t kOsMajor = 1;
inline constexpr std::uint8_t kOsMinor = 0;

namespace cla {
inline constexpr std::uint8_t Iso = 0x00;
inline constexpr std::uint8_t IsoSm = 0x04;
inline constexpr std::uint8_t Proprietary = 0x80;
inline constexpr std::uint8_t ProprietarySm = 0x84;
} // namespace cla

namespace ins {
inline constexpr std::uint8_t Select = 0xA4;
inline constexpr std::uint8_t ReadBinary = 0xB0;
inline constexpr std::uint8_t UpdateBinary = 0xD6;
inline constexpr std::uint8_t ReadRecord = 0xB2;
inline constexpr std::uint8_t UpdateRecord = 0xDC;
inline constexpr std::uint8_t AppendRecord = 0xE2;
inline constexpr std::uint8_t GetChallenge = 0x84;
inline constexpr std::uint8_t Verify = 0x20;
inline constexpr std::uint8_t GetData = 0xCA;
inline constexpr std::uint8_t CreateFile = 0xE0;
inline constexpr std::uint8_t WriteKey = 0xD4;
inline constexpr std::uint8_t PutUser = 0xDA;
inline constexpr std::uint8_t PinUnblock = 0x2C;
inline constexpr std::uint8_t EndPersonalisation = 0xF0;
inline constexpr std::uint8_t BlockCard = 0x16;
inline constexpr std::uint8_t UnblockCard = 0x18;
inline constexpr std::uint8_t TerminateCard = 0xFE;
} // namespace ins

namespace sw {
inline constexpr std::uint16_t Ok = 0x9000;
inline constexpr std::uint16_t WrongLength = 0x6700;
inline constexpr std::uint16_t IncompatibleFile = 0x6981;
inline constexpr std::uint16_t SecurityNotSatisfied = 0x6982;
inline constexpr std::uint16_t AuthBlocked = 0x6983;
inline constexpr std::uint16_t ConditionsNotSatisfied = 0x6985;
inline constexpr std::uint16_t NotPermitted = 0x6986; // the verified user does not hold the right (issue 11)
inline constexpr std::uint16_t SmIncorrect = 0x6988;
inline constexpr std::uint16_t IncorrectData = 0x6A80;
inline constexpr std::uint16_t FunctionNotSupported = 0x6A81;
inline constexpr std::uint16_t FileNotFound = 0x6A82;
inline constexpr std::uint16_t RecordNotFound = 0x6A83;
inline constexpr std::uint16_t NotEnoughMemory = 0x6A84;
inline constexpr std::uint16_t IncorrectP1P2 = 0x6A86;
inline constexpr std::uint16_t DataNotFound = 0x6A88;
inline constexpr std::uint16_t FileExists = 0x6A89;
inline constexpr std::uint16_t WrongOffset = 0x6B00;
inline constexpr std::uint16_t InsNotSupported = 0x6D00;
inline constexpr std::uint16_t ClaNotSupported = 0x6E00;
inline constexpr std::uint16_t MemoryFailure = 0x6581;
inline constexpr std::uint16_t InternalError = 0x6F00;
inline constexpr std::uint16_t wrongLe(std::uint8_t available) {
    return 0x6C00 | available;
}
inline constexpr std::uint16_t wrongPin(std::uint8_t triesLeft) {
    return 0x63C0 | (triesLeft & 0x0F);
}
} // namespace sw

// The users' permission bits the card itself enforces ([0011]; docs/command-set.md "Users and rights"). A template
// names its bits freely, but these names must sit on these bits (CardTemplate::validate checks it).
namespace perm {
inline constexpr std::uint32_t LiveTv = 1u << 0;
inline constexpr std::uint32_t Vod = 1u << 1;
inline constexpr std::uint32_t Purse = 1u << 2;
inline constexpr std::uint32_t TopUp = 1u << 3;
inline constexpr std::uint32_t AppDownload = 1u << 4;
inline constexpr std::uint32_t Settings = 1u << 5;
inline constexpr std::uint32_t ManageUsers = 1u << 6;
inline constexpr std::uint32_t Adult = 1u << 7;
} // namespace perm

// English meaning of a status word ("wrong PIN, 2 tries left").
std::string statusWordMeaning(std::uint16_t sw);
// The fixed English meaning of sw, nullptr where it has none or counts something (63Cx, 6Cxx, 61xx, 91xx). Qt hosts
// translate it in the context kStatusWordsContext: the texts are marked for lupdate where they are defined.
const char* fixedStatusWordMeaning(std::uint16_t sw);
inline constexpr const char* kStatusWordsContext = "cdos::StatusWords";
// Name of a command ("SELECT", "WRITE KEY"...) from CLA and INS, or "" when unknown.
std::string commandName(std::uint8_t cla, std::uint8_t ins);

enum class LifeCycle : std::uint8_t { Blank = 0, Personalised = 1, Blocked = 2, Terminated = 3 };
std::string lifeCycleName(LifeCycle lc);

namespace tag {
inline constexpr std::uint16_t CardNumber = 0x0101;
inline constexpr std::uint16_t IssuerSerial = 0x0102;
inline constexpr std::uint16_t ProductSerial = 0x0103;
inline constexpr std::uint16_t LifeCycleTag = 0x0104;
inline constexpr std::uint16_t OsVersion = 0x0105;
inline constexpr std::uint16_t Nvm = 0x0106;
inline constexpr std::uint16_t Users = 0x0107;
inline constexpr std::uint16_t Menu = 0x0108;
inline constexpr std::uint16_t Keys = 0x0109;
inline constexpr std::uint16_t ChipSerial = 0x010A;
} // namespace tag

namespace fid {
inline constexpr std::uint16_t Mf = 0x3F00;
inline constexpr std::uint16_t CardInfo = 0x0002;
inline constexpr std::uint16_t Holder = 0x0003;
inline constexpr std::uint16_t Users = 0x0004;
inline constexpr std::uint16_t Menu = 0x0005;
inline constexpr std::uint16_t PurseParams = 0x0006;
} // namespace fid

namespace ac {
inline constexpr std::uint8_t Always = 0x00;
inline constexpr std::uint8_t UserPin = 0x01;
inline constexpr std::uint8_t IssuerSm = 0x02;
inline constexpr std::uint8_t Never = 0xFF;
} // namespace ac

enum class FileType : std::uint8_t { Df = 0x38, Transparent = 0x01, LinearFixed = 0x02, Cyclic = 0x06 };

enum class KeyUsage : std::uint8_t {
    IssuerMaintenance = 0x01,
    Transport = 0x02,
    CardAuthentication = 0x03,
    Purchase = 0x04,
    Load = 0x05,
    Tac = 0x06,
    CaService = 0x07,
    PinUnblock = 0x08,
};
inline constexpr std::uint8_t kKeyType3Des2 = 0x01;
inline constexpr std::uint8_t kFirstCaServiceKeyId = 0x10;
inline constexpr std::uint8_t kCaServiceKeySlots = 8;
std::string keyUsageName(KeyUsage u);

inline constexpr int kMaxUsers = 8;
inline constexpr int kMaxMenuEntries = 16;
inline constexpr int kMenuRecordLength = 40;
inline constexpr int kMaxNameBytes = 32;
inline constexpr int kDefaultPinRetries = 3;

// The ATR: TS T0 TD1(T=1) historical "CDOS" major minor lifecycle 00, TCK.
Bytes buildAtr(LifeCycle lc);

// The input hopper's reader pseudo-APDUs (card/README.md "Input hopper"): CLA FF as PC/SC Part 3 reserves it for
// the reader, INS E0..EF answered by `carddesk-card --hopper` itself and never seen by the card OS.
namespace hopper {
inline constexpr std::uint8_t Cla = 0xFF;
inline constexpr std::uint8_t FirstIns = 0xE0, LastIns = 0xEF;
inline constexpr std::uint8_t Eject = 0xE1;  // P1 00: card done (output), 01: reject bin; P2 00
inline constexpr std::uint8_t Status = 0xE2; // P1 P2 00 00 -> input count (2 bytes), output (1), reject (1)
inline constexpr std::uint8_t EjectDone = 0x00, EjectReject = 0x01;
inline constexpr std::size_t kStatusLength = 4;
} // namespace hopper
// FF E1 0x 00: the card leaves the reader after the answer (to the output stack, or the reject bin).
CommandApdu hopperEject(bool reject);
// FF E2 00 00 with Le: the hopper's counts.
CommandApdu hopperStatus();

} // namespace cdos
