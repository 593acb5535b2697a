#include "carddesk/protocol/ts/Psi.h"

#include <algorithm>

namespace cdos::ts {

namespace {

std::array<std::uint32_t, 256> makeCrcTable() {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i << 24;
        for (int k = 0; k < 8; ++k)
            c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : (c << 1);
        t[i] = c;
    }
    return t;
}

// Long-form section (section_syntax_indicator 1): returns the body between the 8-byte header and the CRC.
struct LongSection {
    std::uint16_t idExtension = 0;
    std::uint8_t version = 0;
    const std::uint8_t* body = nullptr;
    std::size_t bodySize = 0;
};

std::optional<LongSection> parseLong(const Bytes& s, std::uint8_t tableId) {
    if (s.size() < 12 || s[0] != tableId || (s[1] & 0x80) == 0)
        return std::nullopt;
    const std::size_t length = static_cast<std::size_t>(((s[1] & 0x0F) << 8) | s[2]);
    if (length + 3 != s.size() || length < 9 || crc32Mpeg2(s) != 0)
        return std::nullopt;
    LongSection l;
    l.idExtension = getU16(&s[3]);
    l.version = static_cast<std::uint8_t>((s[5] >> 1) & 0x1F);
    l.body = &s[8];
    l.bodySize = s.size() - 12;
    return l;
}

Bytes buildLong(std::uint8_t tableId, std::uint16_t idExtension, std::uint8_t version, const Bytes& body) {
    Bytes s;
    s.push_back(tableId);
    const std::size_t length = 5 + body.size() + 4;
    s.push_back(static_cast<std::uint8_t>(0xB0 | ((length >> 8) & 0x0F)));
    s.push_back(static_cast<std::uint8_t>(length & 0xFF));
    putU16(s, idExtension);
    s.push_back(static_cast<std::uint8_t>(0xC1 | ((version & 0x1F) << 1))); // current_next_indicator 1
    s.push_back(0x00);                                                      // section_number
    s.push_back(0x00);                                                      // last_section_number
    append(s, body);
    putU32(s, crc32Mpeg2(s));
    return s;
}

void putLengthPrefixed12(Bytes& out, std::uint8_t highBits, const Bytes& descriptors) {
    out.push_back(static_cast<std::uint8_t>(highBits | ((descriptors.size() >> 8) & 0x0F)));
    out.push_back(static_cast<std::uint8_t>(descriptors.size() & 0xFF));
    append(out, descriptors);
}

} // namespace

std::uint32_t crc32Mpeg2(const std::uint8_t* data, std::size_t size) {
    static const auto table = makeCrcTable();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i)
        crc = (crc << 8) ^ table[((crc >> 24) ^ data[i]) & 0xFF];
    return crc;
}

std::optional<Pat> parsePat(const Bytes& section) {
    const auto l = parseLong(section, kPatTableId);
    if (!l || l->bodySize % 4 != 0)
        return std::nullopt;
    Pat pat;
    pat.transportStreamId = l->idExtension;
    pat.version = l->version;
    for (std::size_t i = 0; i < l->bodySize; i += 4)
        pat.programs.push_back({getU16(l->body + i), static_cast<std::uint16_t>(getU16(l->body + i + 2) & 0x1FFF)});
    return pat;
}

Bytes buildPat(const Pat& pat) {
    Bytes body;
    for (const auto& p : pat.programs) {
        putU16(body, p.programNumber);
        putU16(body, static_cast<std::uint16_t>(0xE000 | p.pid));
    }
    return buildLong(kPatTableId, pat.transportStreamId, pat.version, body);
}

std::optional<Pmt> parsePmt(const Bytes& section) {
    const auto l = parseLong(section, kPmtTableId);
    if (!l || l->bodySize < 4)
        return std::nullopt;
    const std::uint8_t* b = l->body;
    const std::size_t n = l->bodySize;
    Pmt pmt;
    pmt.programNumber = l->idExtension;
    pmt.version = l->version;
    pmt.pcrPid = static_cast<std::uint16_t>(getU16(b) & 0x1FFF);
    const std::size_t infoLength = getU16(b + 2) & 0x0FFF;
    if (4 + infoLength > n)
        return std::nullopt;
    pmt.programDescriptors.assign(b + 4, b + 4 + infoLength);
    for (std::size_t i = 4 + infoLength; i < n;) {
        if (i + 5 > n)
            return std::nullopt;
        PmtStream s;
        s.streamType = b[i];
        s.pid = static_cast<std::uint16_t>(getU16(b + i + 1) & 0x1FFF);
        const std::size_t esLength = getU16(b + i + 3) & 0x0FFF;
        if (i + 5 + esLength > n)
            return std::nullopt;
        s.descriptors.assign(b + i + 5, b + i + 5 + esLength);
        pmt.streams.push_back(std::move(s));
        i += 5 + esLength;
    }
    return pmt;
}

Bytes buildPmt(const Pmt& pmt) {
    Bytes body;
    putU16(body, static_cast<std::uint16_t>(0xE000 | pmt.pcrPid));
    putLengthPrefixed12(body, 0xF0, pmt.programDescriptors);
    for (const auto& s : pmt.streams) {
        body.push_back(s.streamType);
        putU16(body, static_cast<std::uint16_t>(0xE000 | s.pid));
        putLengthPrefixed12(body, 0xF0, s.descriptors);
    }
    return buildLong(kPmtTableId, pmt.programNumber, pmt.version, body);
}

std::optional<Cat> parseCat(const Bytes& section) {
    const auto l = parseLong(section, kCatTableId);
    if (!l)
        return std::nullopt;
    return Cat{l->version, Bytes(l->body, l->body + l->bodySize)};
}

Bytes buildCat(const Cat& cat) {
    return buildLong(kCatTableId, 0xFFFF, cat.version, cat.descriptors);
}

Bytes caDescriptor(std::uint16_t caSystemId, std::uint16_t caPid, const Bytes& privateData) {
    Bytes d{kCaDescriptorTag, static_cast<std::uint8_t>(4 + privateData.size())};
    putU16(d, caSystemId);
    putU16(d, static_cast<std::uint16_t>(0xE000 | caPid));
    append(d, privateData);
    return d;
}

std::optional<std::uint16_t> findCaPid(const Bytes& descriptors, std::optional<std::uint16_t> caSystemId) {
    for (std::size_t i = 0; i + 2 <= descriptors.size();) {
        const std::size_t len = descriptors[i + 1];
        if (i + 2 + len > descriptors.size())
            break;
        if (descriptors[i] == kCaDescriptorTag && len >= 4) {
            const std::uint16_t system = getU16(&descriptors[i + 2]);
            if (!caSystemId || *caSystemId == system)
                return static_cast<std::uint16_t>(getU16(&descriptors[i + 4]) & 0x1FFF);
        }
        i += 2 + len;
    }
    return std::nullopt;
}

bool isAudioVideo(const PmtStream& stream) {
    switch (stream.streamType) {
    case 0x01: // MPEG-1 video
    case 0x02: // MPEG-2 video
    case 0x03: // MPEG-1 audio
    case 0x04: // MPEG-2 audio
    case 0x0F: // AAC ADTS
    case 0x10: // MPEG-4 visual
    case 0x11: // AAC LATM
    case 0x1B: // H.264
    case 0x24: // HEVC
    case 0x42: // AVS
    case 0x81: // AC-3 (ATSC)
    case 0x87: // E-AC-3 (ATSC)
        return true;
    case 0x06: {
        // PES private data is audio only with an AC-3, E-AC-3, DTS or AAC descriptor; teletext/subtitles stay clear.
        const Bytes& d = stream.descriptors;
        for (std::size_t i = 0; i + 2 <= d.size(); i += 2 + d[i + 1])
            if (d[i] == 0x6A || d[i] == 0x7A || d[i] == 0x7B || d[i] == 0x7C)
                return true;
        return false;
    }
    default:
        return false;
    }
}

std::vector<Bytes> SectionAssembler::push(const TsPacket& packet) {
    std::vector<Bytes> out;
    if (!packet.hasPayload() || packet.transportError())
        return out;
    const int cc = packet.continuityCounter();
    if (m_lastCc >= 0 && cc == m_lastCc)
        return out; // duplicate packet
    const bool continuous = m_lastCc < 0 || cc == ((m_lastCc + 1) & 0x0F);
    m_lastCc = cc;
    if (!continuous) {
        m_buf.clear();
        m_started = false;
    }
    const std::uint8_t* p = packet.payload();
    std::size_t n = packet.payloadSize();
    if (packet.payloadUnitStart()) {
        if (n == 0)
            return out;
        const std::size_t pointer = p[0];
        if (1 + pointer > n)
            return out;
        if (m_started)
            m_buf.insert(m_buf.end(), p + 1, p + 1 + pointer);
        drain(out);
        m_buf.assign(p + 1 + pointer, p + n);
        m_started = true;
    } else if (m_started) {
        m_buf.insert(m_buf.end(), p, p + n);
    }
    drain(out);
    return out;
}

void SectionAssembler::drain(std::vector<Bytes>& out) {
    while (m_started && m_buf.size() >= 3) {
        if (m_buf[0] == 0xFF) { // stuffing: nothing more until the next payload_unit_start
            m_buf.clear();
            m_started = false;
            return;
        }
        const std::size_t total = 3 + static_cast<std::size_t>(((m_buf[1] & 0x0F) << 8) | m_buf[2]);
        if (m_buf.size() < total)
            return;
        out.emplace_back(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(total));
        m_buf.erase(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(total));
    }
}

std::vector<PacketBytes> packetizeSection(std::uint16_t pid, const Bytes& section, ContinuityCounters& counters) {
    std::vector<PacketBytes> packets;
    std::size_t done = 0;
    bool first = true;
    while (first || done < section.size()) {
        PacketBytes pkt;
        pkt.fill(0xFF);
        writeHeader(pkt.data(), pid, first, counters.next(pid));
        std::size_t pos = 4;
        if (first)
            pkt[pos++] = 0x00; // pointer_field
        const std::size_t take = std::min(kPacketSize - pos, section.size() - done);
        std::copy_n(section.begin() + static_cast<std::ptrdiff_t>(done), take,
                    pkt.begin() + static_cast<std::ptrdiff_t>(pos));
        done += take;
        first = false;
        packets.push_back(pkt);
    }
    return packets;
}

} // namespace cdos::ts
