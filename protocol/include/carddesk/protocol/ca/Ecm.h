#pragma once
// The project's ECM (entitlement control message), docs/conditional-access.md. Built once here for the headend
// and parsed/verified/decrypted here for the card, so both sides share one definition. Qt-free.
#include "carddesk/protocol/apdu/Bytes.h"

#include <functional>
#include <stdexcept>

namespace cdos::ecm {

constexpr std::uint8_t kFormatVersion = 0x01;
constexpr std::size_t kHeaderSize = 16;
constexpr std::size_t kMacSize = 16;
constexpr std::uint8_t kTableIdEven = 0x80; // ECM of an even crypto period
constexpr std::uint8_t kTableIdOdd = 0x81;

// Which scrambler the control words are for; fixes the CW length.
enum class Scrambler : std::uint8_t { Csa2 = 0x01, Cissa = 0x02 };
std::size_t controlWordSize(Scrambler s);

// Everything in the clear header: what the card checks before it decrypts anything.
struct EcmHeader {
    Scrambler scrambler = Scrambler::Csa2;
    std::uint8_t serviceKeyId = 1;      // CA_SERVICE_<id>
    std::uint8_t serviceKeyVersion = 1; // refused when the card does not hold this version
    std::uint16_t programmeId = 0;      // the channel / service the ECM belongs to
    std::uint16_t packageId = 0;        // access criterion: package right (0 = none)
    std::uint16_t vodProgrammeId = 0;   // access criterion: VOD right for this programme (0 = not VOD)
    std::uint32_t cryptoPeriod = 0;     // counts periods; its low bit is the current parity
    bool currentIsOdd() const { return (cryptoPeriod & 1) != 0; }
    bool operator==(const EcmHeader&) const = default;
};

struct ControlWords {
    SecretBytes even;
    SecretBytes odd;
};

enum class Refusal { Truncated, BadFormat, UnknownKey, BadMac };
const char* refusalText(Refusal r);

struct EcmError : std::runtime_error {
    EcmError(Refusal r, const char* what) : std::runtime_error(what), refusal(r) {}
    Refusal refusal;
};

// Returns the service key for (id, version), or nullptr when the holder has no such key.
using ServiceKeyLookup = std::function<const SecretBytes*(std::uint8_t id, std::uint8_t version)>;

class Ecm {
public:
    // Headend: header ‖ AES-128-CBC(even ‖ odd) ‖ AES-CMAC. The service key is 16 bytes.
    static Bytes build(const EcmHeader& header, const ControlWords& cws, const Bytes& serviceKey);
    // Card, step 1: the clear header, for the rights check. Throws EcmError (Truncated, BadFormat).
    static EcmHeader parseHeader(const Bytes& payload);
    // Card, step 2: check the MAC, then decrypt. Throws EcmError for every refusal; never returns partial data.
    static ControlWords decrypt(const Bytes& payload, const ServiceKeyLookup& keys);

    // ECM sections are private short sections: table_id 80/81 by period parity, section_syntax_indicator 0.
    static Bytes section(const EcmHeader& header, const Bytes& payload);
    // The ECM payload of a section; throws EcmError(Truncated/BadFormat) on a malformed section.
    static Bytes payloadOfSection(const Bytes& section);
};

} // namespace cdos::ecm
