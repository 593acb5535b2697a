#pragma once
// ISO 7816-4 command and response APDUs (short and extended length).
#include "carddesk/protocol/apdu/Bytes.h"

#include <functional>
#include <string>
#include <variant>

namespace cdos {

struct CommandApdu {
    std::uint8_t cla = 0, ins = 0, p1 = 0, p2 = 0;
    Bytes data;
    // -1: no Le (case 1/3). 0..65536: expected length; 256 (short) or 65536 (extended) means "all".
    int le = -1;
    // Forces the extended-length encoding even when short would do (kept from a parsed extended APDU).
    bool extended = false;

    Bytes serialize() const;
    std::string header() const; // "00 A4 04 00"
};

struct ApduParseError {
    std::string what;
};

// Parses a C-APDU as it arrives on the wire; the error says what is wrong with it (the card answers 6700).
std::variant<CommandApdu, ApduParseError> parseCommand(const Bytes& raw);

struct ResponseApdu {
    Bytes data;
    std::uint16_t sw = 0;

    static ResponseApdu fromRaw(const Bytes& raw); // raw shorter than 2 bytes gives sw 0
    Bytes serialize() const;
    bool ok() const { return sw == 0x9000; }
    std::uint8_t sw1() const { return static_cast<std::uint8_t>(sw >> 8); }
    std::uint8_t sw2() const { return static_cast<std::uint8_t>(sw); }
};

// One command/response exchange with a card: PC/SC, an in-process card, a test double.
using Transmit = std::function<ResponseApdu(const CommandApdu&)>;

} // namespace cdos
