#pragma once
// MPEG-TS packets (ISO/IEC 13818-1 2.4.3): a mutable view over one 188-byte packet, plus per-PID continuity
// counters for packets we originate. Qt-free: the card links protocol too.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace cdos::ts {

constexpr std::size_t kPacketSize = 188;
constexpr std::uint8_t kSyncByte = 0x47;
constexpr std::uint16_t kPatPid = 0x0000;
constexpr std::uint16_t kCatPid = 0x0001;
constexpr std::uint16_t kNullPid = 0x1FFF;

// transport_scrambling_control values (ETSI EN 300 468 / TS 100 289): 01 is reserved.
enum class Scrambling : std::uint8_t { Clear = 0, Even = 2, Odd = 3 };

using PacketBytes = std::array<std::uint8_t, kPacketSize>;

class TsPacket {
public:
    explicit TsPacket(std::uint8_t* p) : m_p(p) {}

    bool syncOk() const { return m_p[0] == kSyncByte; }
    bool transportError() const { return (m_p[1] & 0x80) != 0; }
    bool payloadUnitStart() const { return (m_p[1] & 0x40) != 0; }
    std::uint16_t pid() const { return static_cast<std::uint16_t>(((m_p[1] & 0x1F) << 8) | m_p[2]); }
    std::uint8_t scramblingBits() const { return static_cast<std::uint8_t>(m_p[3] >> 6); }
    void setScramblingBits(std::uint8_t bits) { m_p[3] = static_cast<std::uint8_t>((m_p[3] & 0x3F) | (bits << 6)); }
    bool hasAdaptationField() const { return (m_p[3] & 0x20) != 0; }
    bool hasPayload() const { return (m_p[3] & 0x10) != 0; }
    std::uint8_t continuityCounter() const { return m_p[3] & 0x0F; }
    void setContinuityCounter(std::uint8_t cc) { m_p[3] = static_cast<std::uint8_t>((m_p[3] & 0xF0) | (cc & 0x0F)); }

    // Offset of the payload after any adaptation field; kPacketSize when there is none or the field is malformed.
    std::size_t payloadOffset() const;
    std::size_t payloadSize() const { return kPacketSize - payloadOffset(); }
    std::uint8_t* payload() const { return m_p + payloadOffset(); }
    // The PCR in 27 MHz units when the adaptation field carries one.
    std::optional<std::uint64_t> pcr() const;
    // A PES packet starts here: payload_unit_start and the 00 00 01 start-code prefix in a clear payload.
    bool pesStart() const;

    std::uint8_t* data() const { return m_p; }

private:
    std::uint8_t* m_p;
};

// Builds the 4-byte header of a packet with payload only (PSI we originate needs no adaptation field).
void writeHeader(std::uint8_t* p, std::uint16_t pid, bool payloadUnitStart, std::uint8_t continuityCounter);

// Continuity counters for PIDs whose packets we write ourselves (rewritten PMT, CAT, ECM).
class ContinuityCounters {
public:
    std::uint8_t next(std::uint16_t pid) {
        auto& c = m_cc[pid & 0x1FFF];
        const auto v = c;
        c = static_cast<std::uint8_t>((c + 1) & 0x0F);
        return v;
    }

private:
    std::array<std::uint8_t, 8192> m_cc{};
};

} // namespace cdos::ts
