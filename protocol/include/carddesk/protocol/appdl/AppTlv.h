#pragma once
// Strict TLV of the application download objects (docs/app-download.md): one-byte tags, lengths in the short,
// 81 or 82 form, no duplicate, unknown or missing tag, no trailing byte. Every violation is a FormatError, so the
// card answers one status word (6A80) for any malformed object before looking at its content.
#include "carddesk/protocol/apdu/Bytes.h"

#include <initializer_list>
#include <map>
#include <stdexcept>

namespace cdos::appdl {

struct FormatError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class AppTlv {
public:
    using Fields = std::map<std::uint8_t, Bytes>;
    static void put(Bytes& out, std::uint8_t tag, const Bytes& value);
    static void putU8(Bytes& out, std::uint8_t tag, std::uint8_t v) { put(out, tag, Bytes{v}); }
    // Parses exactly `data`: every tag must be in `allowed`; all of `allowed` must be present.
    static Fields parse(const Bytes& data, std::initializer_list<std::uint8_t> allowed);
    // Field length in [minLen, maxLen], else FormatError.
    static const Bytes& field(const Fields& f, std::uint8_t tag, std::size_t minLen, std::size_t maxLen);
    static std::uint8_t u8(const Fields& f, std::uint8_t tag);
    static std::uint32_t u32(const Fields& f, std::uint8_t tag);
    // A group: 1..16 serials of 8 bytes each, back to back.
    static std::vector<Bytes> group(const Fields& f, std::uint8_t tag);
    static Bytes encodeGroup(const std::vector<Bytes>& serials);
};

} // namespace cdos::appdl
