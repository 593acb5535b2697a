#pragma once
// Big-endian stores into NVM pages, shared by the image file (Nvm.cpp) and the journal (NvmJournal.cpp). Private to
// card/src/nvm.
#include <cstdint>

namespace cdos::card::nvm_detail {

inline void put16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}
inline void put32(std::uint8_t* p, std::uint32_t v) {
    put16(p, static_cast<std::uint16_t>(v >> 16));
    put16(p + 2, static_cast<std::uint16_t>(v));
}

} // namespace cdos::card::nvm_detail
