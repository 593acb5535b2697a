#pragma once
// Proactive commands after three-party authentication, in the style of ETSI TS 102 223: the card drives the user
// dialogue (user list, PIN box, personal menu) and the terminal only displays and relays. The exact subset, the
// UTF-8 text coding and the proprietary permission tag are in docs/proactive.md. Shared by card, gateway and tests.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CommandSet.h"

#include <optional>
#include <string>
#include <vector>

namespace cdos::proactive {

namespace ins {
inline constexpr std::uint8_t TerminalProfile = 0x10; // 80 10 00 00 Lc profile: starts the dialogue
inline constexpr std::uint8_t Fetch = 0x12;           // 80 12 00 00 Le: the pending proactive command
inline constexpr std::uint8_t TerminalResponse = 0x14;
inline constexpr std::uint8_t Envelope = 0xC2;
} // namespace ins

// 91xx: a proactive command of xx bytes waits for FETCH.
inline constexpr std::uint16_t kSwPendingBase = 0x9100;
inline bool isPending(std::uint16_t sw) {
    return (sw & 0xFF00) == kSwPendingBase;
}
inline std::uint8_t pendingLength(std::uint16_t sw) {
    return static_cast<std::uint8_t>(sw & 0xFF);
}

namespace tag {
inline constexpr std::uint8_t ProactiveCommand = 0xD0;
inline constexpr std::uint8_t MenuSelection = 0xD3;
inline constexpr std::uint8_t CommandDetails = 0x81;
inline constexpr std::uint8_t DeviceIdentities = 0x82;
inline constexpr std::uint8_t Result = 0x83;
inline constexpr std::uint8_t AlphaIdentifier = 0x85;
inline constexpr std::uint8_t TextString = 0x8D;
inline constexpr std::uint8_t Item = 0x8F;
inline constexpr std::uint8_t ItemIdentifier = 0x90;
inline constexpr std::uint8_t ResponseLength = 0x91;
// CardDesk proprietary: menu entry id(1) || permission value(4, big-endian), in the DISPLAY TEXT answering a menu
// selection.
inline constexpr std::uint8_t PermissionGrant = 0xC2;
} // namespace tag

namespace device {
inline constexpr std::uint8_t Keypad = 0x01;
inline constexpr std::uint8_t Display = 0x02;
inline constexpr std::uint8_t Uicc = 0x81;
inline constexpr std::uint8_t Terminal = 0x82;
} // namespace device

enum class CommandType : std::uint8_t {
    DisplayText = 0x21,
    GetInput = 0x23,
    SelectItem = 0x24,
    SetUpMenu = 0x25,
};

namespace qualifier {
inline constexpr std::uint8_t GetInputHidden = 0x04; // TS 102 223: "user input shall not be revealed"
inline constexpr std::uint8_t DisplayWaitForUser = 0x80;
} // namespace qualifier

// Text string data coding scheme: 8-bit data, which CardDesk always fills with UTF-8 (docs/proactive.md).
inline constexpr std::uint8_t kDcsUtf8 = 0x04;

namespace result {
inline constexpr std::uint8_t Ok = 0x00;
inline constexpr std::uint8_t TerminatedByUser = 0x10;
inline constexpr std::uint8_t BackwardMove = 0x11;
inline constexpr std::uint8_t NoResponseFromUser = 0x12;
inline constexpr std::uint8_t TerminalUnable = 0x20;
} // namespace result

struct Item {
    std::uint8_t id = 0;
    std::string text; // UTF-8
    bool operator==(const Item&) const = default;
};

// The card's answer to a menu selection. Signed (user and mac set) when the card is three-party authenticated: the
// MAC under the authentication's session key (auth::grantMac) lets the headend check the grant itself — a gateway
// cannot make one up for a service the logged-in user does not hold.
struct PermissionGrant {
    std::uint8_t entryId = 0;
    std::uint32_t permission = 0;
    std::uint8_t user = 0; // the logged-in user (signed grants)
    Bytes mac;             // 4 bytes, or empty
    bool operator==(const PermissionGrant&) const = default;
};
// Template permission bits the headend itself checks (bit 4: application download).
inline constexpr std::uint32_t kAppDownloadPermission = cdos::perm::AppDownload;

// One proactive command (the FETCH answer): D0 { 81 82 [85] [8D] [8F…] [91] [C2] }.
struct Command {
    std::uint8_t number = 1;
    CommandType type = CommandType::DisplayText;
    std::uint8_t qualifier = 0;
    std::uint8_t destination = device::Display; // source is always the UICC
    std::optional<std::string> alpha;           // 85: title of SELECT ITEM / SET UP MENU
    std::optional<std::string> text;            // 8D: DISPLAY TEXT message, GET INPUT prompt
    std::vector<Item> items;                    // 8F, in order
    std::uint8_t minLength = 0, maxLength = 0;  // 91 (GET INPUT only)
    std::optional<PermissionGrant> grant;       // C2 (DISPLAY TEXT answering a menu selection)

    bool hiddenInput() const { return type == CommandType::GetInput && (qualifier & qualifier::GetInputHidden); }
    Bytes encode() const;
    // nullopt on anything malformed: bad lengths, missing 81/82, unknown type, bad text coding.
    static std::optional<Command> decode(const Bytes& b);
};

// TERMINAL RESPONSE data: 81 (copied from the command) 82 (terminal → UICC) 83 result [8D input] [90 item].
// The input text may be a PIN: it is wiped on destruction and never printed.
struct TerminalResponse {
    std::uint8_t number = 1;
    CommandType type = CommandType::DisplayText;
    std::uint8_t qualifier = 0;
    std::uint8_t result = result::Ok;
    std::optional<std::string> text;  // GET INPUT answer (UTF-8)
    std::optional<std::uint8_t> item; // SELECT ITEM answer

    TerminalResponse() = default;
    TerminalResponse(const TerminalResponse&) = default;
    TerminalResponse& operator=(const TerminalResponse&) = default;
    ~TerminalResponse();
    // The response that answers `c` (same number, type, qualifier).
    static TerminalResponse answering(const Command& c, std::uint8_t result = result::Ok);
    Bytes encode() const;
    static std::optional<TerminalResponse> decode(const Bytes& b);
};

// ENVELOPE (menu selection): D3 { 82 (keypad → UICC) 90 item }.
struct MenuSelection {
    std::uint8_t item = 0;
    Bytes encode() const;
    static std::optional<MenuSelection> decode(const Bytes& b);
};

// The terminal's language in TERMINAL PROFILE (P1 = 01): the data ends with the TS 102 223 language TLV
// 2D 02 <ISO 639-1>, and the card's own texts (user list, PIN box, wrong PIN) follow it (docs/proactive.md).
inline constexpr std::uint8_t kLanguageTag = 0x2D;
inline constexpr std::uint8_t kProfileWithLanguage = 0x01;
// The languages the card speaks; any other is answered 6A80.
bool cardSpeaks(const std::string& iso639);
// The language carried by a TERMINAL PROFILE data field with P1 = 01, or nullopt when it does not end with one.
std::optional<std::string> profileLanguage(const Bytes& data);

// APDU builders for the terminal side. language: "zh" or "en", empty for none (P1 = 00).
CommandApdu terminalProfile(const Bytes& profile = Bytes{0xFF}, const std::string& language = {});
CommandApdu fetch(std::uint8_t length);
CommandApdu terminalResponse(const TerminalResponse& r);
CommandApdu envelope(const MenuSelection& m);

// Short English name of a command type ("DISPLAY TEXT", …) for traces and the console.
const char* commandTypeName(CommandType t);

} // namespace cdos::proactive
