#include "carddesk/protocol/ts/TsPacket.h"

namespace cdos::ts {

std::size_t TsPacket::payloadOffset() const {
    if (!hasPayload())
        return kPacketSize;
    if (!hasAdaptationField())
        return 4;
    const std::size_t offset = 5 + static_cast<std::size_t>(m_p[4]);
    return offset < kPacketSize ? offset : kPacketSize;
}

std::optional<std::uint64_t> TsPacket::pcr() const {
    if (!hasAdaptationField() || m_p[4] < 7 || (m_p[5] & 0x10) == 0)
        return std::nullopt;
    const std::uint8_t* a = m_p + 6;
    const std::uint64_t base = (static_cast<std::uint64_t>(a[0]) << 25) | (static_cast<std::uint64_t>(a[1]) << 17) |
                               (static_cast<std::uint64_t>(a[2]) << 9) | (static_cast<std::uint64_t>(a[3]) << 1) |
                               (a[4] >> 7);
    const std::uint64_t ext = (static_cast<std::uint64_t>(a[4] & 0x01) << 8) | a[5];
    return base * 300 + ext;
}

bool TsPacket::pesStart() const {
    if (!payloadUnitStart() || scramblingBits() != 0)
        return false;
    const std::size_t off = payloadOffset();
    return off + 3 <= kPacketSize && m_p[off] == 0 && m_p[off + 1] == 0 && m_p[off + 2] == 1;
}

void writeHeader(std::uint8_t* p, std::uint16_t pid, bool payloadUnitStart, std::uint8_t continuityCounter) {
    p[0] = kSyncByte;
    p[1] = static_cast<std::uint8_t>((payloadUnitStart ? 0x40 : 0x00) | ((pid >> 8) & 0x1F));
    p[2] = static_cast<std::uint8_t>(pid & 0xFF);
    p[3] = static_cast<std::uint8_t>(0x10 | (continuityCounter & 0x0F));
}

} // namespace cdos::ts
