#include "carddesk/protocol/appdl/AppTlv.h"

#include <algorithm>

namespace cdos::appdl {

void AppTlv::put(Bytes& out, std::uint8_t tag, const Bytes& value) {
    if (value.size() > 0xFFFF)
        throw FormatError("TLV value longer than 65535 bytes");
    out.push_back(tag);
    if (value.size() < 0x80) {
        out.push_back(static_cast<std::uint8_t>(value.size()));
    } else if (value.size() <= 0xFF) {
        out.push_back(0x81);
        out.push_back(static_cast<std::uint8_t>(value.size()));
    } else {
        out.push_back(0x82);
        putU16(out, static_cast<std::uint16_t>(value.size()));
    }
    append(out, value);
}

AppTlv::Fields AppTlv::parse(const Bytes& data, std::initializer_list<std::uint8_t> allowed) {
    Fields out;
    std::size_t i = 0;
    while (i < data.size()) {
        const std::uint8_t tag = data[i++];
        if (std::find(allowed.begin(), allowed.end(), tag) == allowed.end())
            throw FormatError("unexpected tag");
        if (i >= data.size())
            throw FormatError("truncated length");
        std::size_t len = data[i++];
        if (len == 0x81 || len == 0x82) {
            const std::size_t bytes = len - 0x80;
            if (data.size() - i < bytes)
                throw FormatError("truncated length");
            len = bytes == 1 ? data[i] : getU16(&data[i]);
            i += bytes;
        } else if (len >= 0x80) { // 80 (BER's indefinite length) is no short form either
            throw FormatError("unsupported length form");
        }
        if (data.size() - i < len)
            throw FormatError("value runs past the end");
        if (out.count(tag))
            throw FormatError("duplicate tag");
        out[tag] =
            Bytes(data.begin() + static_cast<std::ptrdiff_t>(i), data.begin() + static_cast<std::ptrdiff_t>(i + len));
        i += len;
    }
    for (auto t : allowed)
        if (!out.count(t))
            throw FormatError("missing tag");
    return out;
}

const Bytes& AppTlv::field(const Fields& f, std::uint8_t tag, std::size_t minLen, std::size_t maxLen) {
    const auto it = f.find(tag);
    if (it == f.end())
        throw FormatError("missing tag");
    if (it->second.size() < minLen || it->second.size() > maxLen)
        throw FormatError("field length out of range");
    return it->second;
}

std::uint8_t AppTlv::u8(const Fields& f, std::uint8_t tag) {
    return field(f, tag, 1, 1)[0];
}

std::uint32_t AppTlv::u32(const Fields& f, std::uint8_t tag) {
    return getU32(field(f, tag, 4, 4).data());
}

std::vector<Bytes> AppTlv::group(const Fields& f, std::uint8_t tag) {
    const Bytes& g = field(f, tag, 8, 16 * 8);
    if (g.size() % 8 != 0)
        throw FormatError("a serial group is a whole number of 8-byte serials");
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < g.size(); i += 8)
        out.emplace_back(g.begin() + static_cast<std::ptrdiff_t>(i), g.begin() + static_cast<std::ptrdiff_t>(i + 8));
    return out;
}

Bytes AppTlv::encodeGroup(const std::vector<Bytes>& serials) {
    Bytes out;
    for (const auto& s : serials) {
        if (s.size() != 8)
            throw FormatError("a serial is 8 bytes");
        append(out, s);
    }
    return out;
}

} // namespace cdos::appdl
