#pragma once
// Minimal BER-TLV with one-byte tags and lengths up to 65535 (81/82 forms).
#include "carddesk/protocol/apdu/Bytes.h"

#include <map>
#include <optional>

namespace cdos::tlv {

void put(Bytes& out, std::uint8_t tag, const Bytes& value);
// Parses a flat sequence of TLVs; nullopt if any length runs past the end. Later duplicates win.
std::optional<std::map<std::uint8_t, Bytes>> parse(const std::uint8_t* p, std::size_t size);
inline std::optional<std::map<std::uint8_t, Bytes>> parse(const Bytes& b) {
    return parse(b.data(), b.size());
}

} // namespace cdos::tlv
