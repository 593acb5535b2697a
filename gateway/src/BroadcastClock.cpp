#include "BroadcastClock.h"

#include <chrono>

namespace cdgw {

std::optional<std::uint32_t> BroadcastClock::dateOfSection(const cdos::Bytes& s) {
    if (s.size() < 8 || (s[0] != 0x70 && s[0] != 0x73))
        return std::nullopt;
    const unsigned mjd = (unsigned(s[3]) << 8) | s[4];
    auto bcd = [](std::uint8_t b) { return (b >> 4) < 10 && (b & 0x0F) < 10; };
    if (mjd == 0 || !bcd(s[5]) || !bcd(s[6]) || !bcd(s[7]))
        return std::nullopt;
    // MJD 0 is 1858-11-17 (EN 300 468 annex C).
    using namespace std::chrono;
    const year_month_day ymd{sys_days(year(1858) / November / 17) + days(mjd)};
    return static_cast<std::uint32_t>(static_cast<int>(ymd.year())) * 10000 + static_cast<unsigned>(ymd.month()) * 100 +
           static_cast<unsigned>(ymd.day());
}

void BroadcastClock::push(const cdos::ts::TsPacket& packet) {
    for (const cdos::Bytes& section : m_sections.push(packet))
        if (const auto d = dateOfSection(section))
            m_date = d;
}

} // namespace cdgw
