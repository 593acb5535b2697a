// libFuzzer target: the conditional-access stream side (docs/conditional-access.md): the ECM (clear header, MAC
// check and decryption, section wrapper), PSI sections (PAT, PMT, CAT, CA_descriptor), TS packets and section
// reassembly, and the whole descrambler and scrambler over a stream made of the input. The first byte picks the
// part; the rest is the object or the stream (188-byte packets, the last one padded).
#include "carddesk/descrambler/Descrambler.h"
#include "carddesk/protocol/ca/Ecm.h"
#include "carddesk/protocol/ts/Psi.h"
#include "carddesk/scrambler/Scrambler.h"
#include "common/FuzzFiles.h"
#include "common/FuzzKeys.h"

#include <map>

namespace {

using cdfuzz::invariantBroken;
using cdos::Bytes;
namespace ecm = cdos::ecm;
namespace ts = cdos::ts;

const cdos::SecretBytes* lookup(std::uint8_t id, std::uint8_t version) {
    return id == 1 && version == 1 ? &cdfuzz::fuzzServiceKey() : nullptr;
}

void ecmPayload(const Bytes& payload) {
    try {
        const ecm::EcmHeader h = ecm::Ecm::parseHeader(payload);
        const ecm::ControlWords cw = ecm::Ecm::decrypt(payload, lookup);
        if (cw.even.size() != ecm::controlWordSize(h.scrambler) || cw.odd.size() != cw.even.size())
            invariantBroken("ECM: control words of the wrong size accepted");
        (void)ecm::Ecm::section(h, payload);
    } catch (const ecm::EcmError&) {
    }
}

void section(const Bytes& s) {
    try {
        ecmPayload(ecm::Ecm::payloadOfSection(s));
    } catch (const ecm::EcmError&) {
    }
    if (const auto pat = ts::parsePat(s)) {
        const Bytes again = ts::buildPat(*pat);
        const auto pat2 = ts::parsePat(again);
        if (!pat2 || ts::buildPat(*pat2) != again)
            invariantBroken("PAT: the round trip changes the section");
    }
    if (const auto pmt = ts::parsePmt(s)) {
        (void)ts::findCaPid(pmt->programDescriptors, std::nullopt);
        for (const auto& es : pmt->streams) {
            (void)ts::findCaPid(es.descriptors, 0xFFCD);
            (void)ts::isAudioVideo(es);
        }
        const Bytes again = ts::buildPmt(*pmt);
        const auto pmt2 = ts::parsePmt(again);
        if (!pmt2 || ts::buildPmt(*pmt2) != again)
            invariantBroken("PMT: the round trip changes the section");
    }
    if (const auto cat = ts::parseCat(s)) {
        (void)ts::findCaPid(cat->descriptors, std::nullopt);
        const Bytes again = ts::buildCat(*cat);
        const auto cat2 = ts::parseCat(again);
        if (!cat2 || ts::buildCat(*cat2) != again)
            invariantBroken("CAT: the round trip changes the section");
    }
}

std::vector<std::uint8_t> packets(const Bytes& b) {
    std::vector<std::uint8_t> out(b);
    out.resize((b.size() + ts::kPacketSize - 1) / ts::kPacketSize * ts::kPacketSize, 0xFF);
    return out;
}

void assemble(const Bytes& b) {
    std::vector<std::uint8_t> stream = packets(b);
    std::map<std::uint16_t, ts::SectionAssembler> assemblers;
    for (std::size_t off = 0; off < stream.size(); off += ts::kPacketSize) {
        ts::TsPacket pkt(stream.data() + off);
        (void)pkt.pcr();
        (void)pkt.pesStart();
        if (pkt.payloadOffset() > ts::kPacketSize)
            invariantBroken("TS packet: payload offset past the packet");
        for (const auto& s : assemblers[pkt.pid()].push(pkt))
            section(s);
    }
}

void descramble(const Bytes& b, std::uint8_t flags) {
    std::vector<std::uint8_t> stream = packets(b);
    cdos::descrambler::DescramblerConfig config;
    if (flags & 1)
        config.ecmPid = 0x1FF0;
    if (flags & 2)
        config.caSystemId = 0xFFCD;
    std::size_t bytesOut = 0;
    cdos::descrambler::Descrambler d(
        config,
        [](const Bytes& s) -> std::optional<ecm::ControlWords> {
            try {
                return ecm::Ecm::decrypt(ecm::Ecm::payloadOfSection(s), lookup);
            } catch (const ecm::EcmError&) {
                return std::nullopt;
            }
        },
        [&](const std::uint8_t*, std::size_t n) { bytesOut += n; });
    const std::size_t half = stream.size() / ts::kPacketSize / 2;
    d.push(stream.data(), half);
    if (flags & 4)
        d.resendEcm();
    d.push(stream.data() + half * ts::kPacketSize, stream.size() / ts::kPacketSize - half);
    d.finish();
    const auto& st = d.stats();
    if (st.packetsOut != st.packetsIn || bytesOut != st.packetsOut * ts::kPacketSize)
        invariantBroken("descrambler: packets lost or added");
}

void scramble(const Bytes& b, std::uint8_t flags) {
    std::vector<std::uint8_t> stream = packets(b);
    cdos::scrambler::ScramblerConfig config;
    config.mode = (flags & 1) ? ecm::Scrambler::Cissa : ecm::Scrambler::Csa2;
    config.clock =
        (flags & 2) ? cdos::scrambler::ScramblerConfig::Clock::Packets : cdos::scrambler::ScramblerConfig::Clock::Pcr;
    config.cryptoPeriodSeconds = 0.01;
    config.ecmIntervalSeconds = 0.001;
    config.packetClockBitrate = 1e6;
    std::size_t bytesOut = 0;
    cdos::scrambler::Scrambler s(config, cdfuzz::fuzzServiceKey(),
                                 [&](const std::uint8_t*, std::size_t n) { bytesOut += n; });
    s.push(stream.data(), stream.size() / ts::kPacketSize);
    s.finish();
    if (bytesOut != s.stats().packetsOut * ts::kPacketSize)
        invariantBroken("scrambler: the sink got something else than the packets counted");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const Bytes b(data + 1, data + size);
    switch (data[0] % 5) {
    case 0:
        ecmPayload(b);
        break;
    case 1:
        section(b);
        break;
    case 2:
        assemble(b);
        break;
    case 3:
        descramble(b, static_cast<std::uint8_t>(data[0] / 5));
        break;
    default:
        scramble(b, static_cast<std::uint8_t>(data[0] / 5));
        break;
    }
    return 0;
}
