#pragma once
// Reads a fuzz input front to back: bytes, small integers and length-prefixed chunks. Past the end every read gives
// zeros / an empty chunk, so a harness never has to check the remaining size itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cdfuzz {

class FuzzInput {
public:
    FuzzInput(const std::uint8_t* data, std::size_t size) : m_p(data), m_left(size) {}
    bool empty() const { return m_left == 0; }
    std::size_t left() const { return m_left; }
    std::uint8_t u8() {
        if (m_left == 0)
            return 0;
        --m_left;
        return *m_p++;
    }
    std::uint16_t u16() { return static_cast<std::uint16_t>(u8() << 8 | u8()); }
    std::vector<std::uint8_t> bytes(std::size_t n) {
        if (n > m_left)
            n = m_left;
        std::vector<std::uint8_t> out(m_p, m_p + n);
        m_p += n;
        m_left -= n;
        return out;
    }
    // One length byte, then that many bytes.
    std::vector<std::uint8_t> chunk() { return bytes(u8()); }
    std::vector<std::uint8_t> rest() { return bytes(m_left); }

private:
    const std::uint8_t* m_p;
    std::size_t m_left;
};

} // namespace cdfuzz
