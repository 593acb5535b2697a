#include "carddesk/protocol/apdu/Tlv.h"

namespace cdos::tlv {

void put(Bytes& out, std::uint8_t tag, const Bytes& value) {
    out.push_back(tag);
    const std::size_t n = value.size();
    if (n < 0x80) {
        out.push_back(static_cast<std::uint8_t>(n));
    } else if (n <= 0xFF) {
        out.push_back(0x81);
        out.push_back(static_cast<std::uint8_t>(n));
    } else {
        out.push_back(0x82);
        putU16(out, static_cast<std::uint16_t>(n));
    }
    append(out, value);
}

std::optional<std::map<std::uint8_t, Bytes>> parse(const std::uint8_t* p, std::size_t size) {
    std::map<std::uint8_t, Bytes> out;
    std::size_t i = 0;
    while (i < size) {
        const std::uint8_t t = p[i++];
        if (i >= size)
            return std::nullopt;
        std::size_t len = p[i++];
        if (len == 0x81) {
            if (i + 1 > size)
                return std::nullopt;
            len = p[i++];
        } else if (len == 0x82) {
            if (i + 2 > size)
                return std::nullopt;
            len = getU16(p + i);
            i += 2;
        } else if (len >= 0x80) { // 80 is BER's indefinite length, 83.. longer than this format allows
            return std::nullopt;
        }
        if (len > size - i)
            return std::nullopt;
        out[t] = Bytes(p + i, p + i + len);
        i += len;
    }
    return out;
}

} // namespace cdos::tlv
