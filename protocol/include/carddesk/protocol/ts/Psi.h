#pragma once
// PSI sections (ISO/IEC 13818-1 2.4.4): CRC32/MPEG-2, PAT, PMT and CAT parse/build, CA_descriptor, section
// reassembly from packets and section packetisation. Qt-free.
#include "carddesk/protocol/apdu/Bytes.h"
#include "carddesk/protocol/ts/TsPacket.h"

#include <map>
#include <optional>
#include <vector>

namespace cdos::ts {

constexpr std::uint8_t kPatTableId = 0x00;
constexpr std::uint8_t kCatTableId = 0x01;
constexpr std::uint8_t kPmtTableId = 0x02;
constexpr std::uint8_t kCaDescriptorTag = 0x09;

// CRC-32/MPEG-2: polynomial 04C11DB7, initial FFFFFFFF, no reflection, no final XOR.
std::uint32_t crc32Mpeg2(const std::uint8_t* data, std::size_t size);
inline std::uint32_t crc32Mpeg2(const Bytes& b) {
    return crc32Mpeg2(b.data(), b.size());
}

struct PatProgram {
    std::uint16_t programNumber = 0; // 0 is the network PID entry
    std::uint16_t pid = 0;
};
struct Pat {
    std::uint16_t transportStreamId = 1;
    std::uint8_t version = 0;
    std::vector<PatProgram> programs;
};

struct PmtStream {
    std::uint8_t streamType = 0;
    std::uint16_t pid = 0;
    Bytes descriptors; // ES_info
};
struct Pmt {
    std::uint16_t programNumber = 1;
    std::uint8_t version = 0;
    std::uint16_t pcrPid = kNullPid;
    Bytes programDescriptors; // program_info
    std::vector<PmtStream> streams;
};

struct Cat {
    std::uint8_t version = 0;
    Bytes descriptors;
};

// Parsers take one whole section (table_id .. CRC) and refuse a wrong table_id, a bad length or a bad CRC.
std::optional<Pat> parsePat(const Bytes& section);
std::optional<Pmt> parsePmt(const Bytes& section);
std::optional<Cat> parseCat(const Bytes& section);
Bytes buildPat(const Pat& pat);
Bytes buildPmt(const Pmt& pmt);
Bytes buildCat(const Cat& cat);

// CA_descriptor: tag 09, CA_system_id, CA_PID (13 bits), private data.
Bytes caDescriptor(std::uint16_t caSystemId, std::uint16_t caPid, const Bytes& privateData = {});
// The CA_PID of the first CA_descriptor for caSystemId (any system when caSystemId is nullopt).
std::optional<std::uint16_t> findCaPid(const Bytes& descriptors, std::optional<std::uint16_t> caSystemId);
// Video or audio elementary stream: the only payloads conditional access scrambles (no PSI, teletext, subtitles).
bool isAudioVideo(const PmtStream& stream);

// Reassembles the sections carried on one PID (pointer_field, sections spanning packets, stuffing).
class SectionAssembler {
public:
    // Feeds one packet of this PID; returns the sections it completed. Discontinuities drop the partial section.
    std::vector<Bytes> push(const TsPacket& packet);

private:
    Bytes m_buf;
    bool m_started = false;
    int m_lastCc = -1;
    void drain(std::vector<Bytes>& out);
};

// Splits one section into packets on `pid` (pointer_field 0, stuffing FF), counting with `counters`.
std::vector<PacketBytes> packetizeSection(std::uint16_t pid, const Bytes& section, ContinuityCounters& counters);

} // namespace cdos::ts
