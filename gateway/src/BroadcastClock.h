#pragma once
// The broadcast's date, as a set-top box takes it: from the DVB Time and Date Table (TDT, table_id 0x70) or Time
// Offset Table (TOT, 0x73) on PID 0x14 (ETSI EN 300 468 5.2.5/5.2.6: UTC as MJD + BCD hh mm ss). The card needs a
// date with every ECM (the ECM carries none; docs/conditional-access.md "Which date"); the gateway gives it the
// broadcast's date when the stream has a TDT, else its own UTC clock. The card never lets a date go backwards.
#include "carddesk/protocol/ts/Psi.h"

#include <optional>

namespace cdgw {

class BroadcastClock {
public:
    static constexpr std::uint16_t kTdtPid = 0x0014;
    // Feeds one packet of PID 0x14; malformed sections are ignored.
    void push(const cdos::ts::TsPacket& packet);
    // YYYYMMDD of the latest TDT/TOT, nullopt before the first one.
    std::optional<std::uint32_t> date() const { return m_date; }
    // A TDT/TOT section's UTC_time (5 bytes after the 3-byte header) as YYYYMMDD; nullopt when malformed.
    static std::optional<std::uint32_t> dateOfSection(const cdos::Bytes& section);

private:
    cdos::ts::SectionAssembler m_sections;
    std::optional<std::uint32_t> m_date;
};

} // namespace cdgw
