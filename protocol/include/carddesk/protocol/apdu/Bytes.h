#pragma once
// Byte strings, hex, and the secret-handling helpers every part shares.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdos {

using Bytes = std::vector<std::uint8_t>;

std::string toHex(const std::uint8_t* data, std::size_t size, bool spaced = false);
inline std::string toHex(const Bytes& b, bool spaced = false) {
    return toHex(b.data(), b.size(), spaced);
}
// Accepts upper/lower case and ignores spaces; nullopt on odd length or a non-hex character.
std::optional<Bytes> fromHex(std::string_view hex);

// Comparison whose time does not depend on where the inputs differ (PINs, MACs).
bool constantTimeEqual(const std::uint8_t* a, const std::uint8_t* b, std::size_t size);
inline bool constantTimeEqual(const Bytes& a, const Bytes& b) {
    return a.size() == b.size() && constantTimeEqual(a.data(), b.data(), a.size());
}
void secureZero(void* p, std::size_t size);

void putU16(Bytes& out, std::uint16_t v);
void putU24(Bytes& out, std::uint32_t v);
void putU32(Bytes& out, std::uint32_t v);
std::uint16_t getU16(const std::uint8_t* p);
std::uint32_t getU24(const std::uint8_t* p);
std::uint32_t getU32(const std::uint8_t* p);
void append(Bytes& out, const Bytes& more);

// A byte string that wipes itself: for keys, PINs and session keys held in memory.
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(Bytes b) : m_b(std::move(b)) {}
    SecretBytes(const SecretBytes& o) : m_b(o.m_b) {}
    SecretBytes& operator=(const SecretBytes& o) {
        if (this != &o) {
            wipe();
            m_b = o.m_b;
        }
        return *this;
    }
    SecretBytes(SecretBytes&& o) noexcept : m_b(std::move(o.m_b)) {}
    SecretBytes& operator=(SecretBytes&& o) noexcept {
        wipe();
        m_b = std::move(o.m_b);
        return *this;
    }
    ~SecretBytes() { wipe(); }
    const Bytes& bytes() const { return m_b; }
    std::size_t size() const { return m_b.size(); }
    bool empty() const { return m_b.empty(); }

private:
    void wipe() {
        if (!m_b.empty())
            secureZero(m_b.data(), m_b.size());
        m_b.clear();
    }
    Bytes m_b;
};

} // namespace cdos
