#include "carddesk/protocol/apdu/Bytes.h"

#include <openssl/crypto.h>

namespace cdos {

std::string toHex(const std::uint8_t* data, std::size_t size, bool spaced) {
    static const char digits[] = "0123456789ABCDEF";
    std::string s;
    s.reserve(size * (spaced ? 3 : 2));
    for (std::size_t i = 0; i < size; ++i) {
        if (spaced && i)
            s.push_back(' ');
        s.push_back(digits[data[i] >> 4]);
        s.push_back(digits[data[i] & 0x0F]);
    }
    return s;
}

static int nibble(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::optional<Bytes> fromHex(std::string_view hex) {
    Bytes out;
    int high = -1;
    for (char c : hex) {
        if (c == ' ' || c == ':' || c == '\n' || c == '\t' || c == '\r')
            continue;
        int n = nibble(c);
        if (n < 0)
            return std::nullopt;
        if (high < 0) {
            high = n;
        } else {
            out.push_back(static_cast<std::uint8_t>((high << 4) | n));
            high = -1;
        }
    }
    if (high >= 0)
        return std::nullopt;
    return out;
}

bool constantTimeEqual(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
    return CRYPTO_memcmp(a, b, size) == 0;
}

void secureZero(void* p, std::size_t size) {
    OPENSSL_cleanse(p, size);
}

void putU16(Bytes& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}
void putU24(Bytes& out, std::uint32_t v) {
    out.push_back(static_cast<std::uint8_t>(v >> 16));
    putU16(out, static_cast<std::uint16_t>(v));
}
void putU32(Bytes& out, std::uint32_t v) {
    putU16(out, static_cast<std::uint16_t>(v >> 16));
    putU16(out, static_cast<std::uint16_t>(v));
}
std::uint16_t getU16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
std::uint32_t getU24(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 16) | getU16(p + 1);
}
std::uint32_t getU32(const std::uint8_t* p) {
    return (std::uint32_t(getU16(p)) << 16) | getU16(p + 2);
}
void append(Bytes& out, const Bytes& more) {
    out.insert(out.end(), more.begin(), more.end());
}

} // namespace cdos
