#pragma once
// CRC-32 (IEEE 802.3): detects torn or damaged NVM pages and records. Not a security checksum.
#include <cstddef>
#include <cstdint>

namespace cdos {

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

} // namespace cdos
