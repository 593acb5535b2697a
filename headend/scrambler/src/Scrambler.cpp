#include "carddesk/scrambler/Scrambler.h"

#include "carddesk/protocol/ca/Cissa.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/ts/Psi.h"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <dvbcsa/dvbcsa.h>
#include <optional>
#include <stdexcept>
#include <vector>

namespace cdos::scrambler {

namespace {

constexpr double kPcrHz = 27e6;
constexpr std::size_t kMaxQueuedPackets = 4096;

// DVB-CSA control words conventionally carry a checksum in bytes 3 and 7; some receivers check it.
Bytes newControlWord(ecm::Scrambler mode) {
    Bytes cw = crypto::randomBytes(ecm::controlWordSize(mode));
    if (mode == ecm::Scrambler::Csa2) {
        cw[3] = static_cast<std::uint8_t>(cw[0] + cw[1] + cw[2]);
        cw[7] = static_cast<std::uint8_t>(cw[4] + cw[5] + cw[6]);
    }
    return cw;
}

} // namespace

struct Scrambler::Impl {
    ScramblerConfig cfg;
    SecretBytes serviceKey;
    Sink sink;
    ScramblerStats stats;

    ts::SectionAssembler patAssembler, pmtAssembler;
    std::optional<std::uint16_t> pmtPid;
    std::optional<std::uint16_t> pcrPid;
    std::uint16_t programmeId = 0;
    std::bitset<8192> avPids;
    Bytes lastPmtIn;
    Bytes pmtSection, catSection; // rewritten, packetised per emission so continuity counters run on
    ts::ContinuityCounters counters;

    double now = 0;        // seconds of stream time
    double timeOrigin = 0; // stream time when the ECM went on air: crypto periods count from here
    std::optional<std::uint64_t> lastPcr;
    std::uint64_t packetIndex = 0;
    double pcrTime = 0;    // stream time at the last PCR
    double packetRate = 0; // packets per second between the last two PCRs
    std::uint64_t packetsSincePcr = 0;

    bool periodStarted = false;
    std::uint32_t period = 0;
    SecretBytes cwCurrent, cwNext;
    Bytes ecmSection;
    bool ecmOnAir = false;
    double lastEcmAt = -1e9;

    dvbcsa_bs_key_t* csaKey = nullptr;
    std::unique_ptr<ts::Cissa> cissa;
    std::size_t batchSize = 0;
    std::vector<dvbcsa_bs_batch_s> batchDesc;
    std::vector<std::uint8_t> out;  // queued output packets, in order
    std::vector<std::size_t> batch; // offsets in `out` of packets waiting for the cipher

    ~Impl() {
        if (csaKey)
            dvbcsa_bs_key_free(csaKey);
    }

    std::uint8_t parityBits() const {
        return static_cast<std::uint8_t>((period & 1) ? ts::Scrambling::Odd : ts::Scrambling::Even);
    }

    void updateClock(const ts::TsPacket& pkt) {
        ++packetIndex;
        if (cfg.clock == ScramblerConfig::Clock::Packets) {
            now = static_cast<double>(packetIndex) * ts::kPacketSize * 8.0 / cfg.packetClockBitrate;
            return;
        }
        ++packetsSincePcr;
        const auto pcr = pcrPid && pkt.pid() == *pcrPid ? pkt.pcr() : std::nullopt;
        if (!pcr) {
            // Between PCRs (which may be 100 ms apart) time runs on at the measured packet rate.
            if (packetRate > 0)
                now = std::max(now, pcrTime + static_cast<double>(packetsSincePcr) / packetRate);
            return;
        }
        if (lastPcr) {
            // A jump backwards or of more than 10 s is a discontinuity (or wrap): time simply carries on.
            const double delta = (static_cast<double>(*pcr) - static_cast<double>(*lastPcr)) / kPcrHz;
            if (delta > 0 && delta < 10) {
                pcrTime += delta;
                packetRate = static_cast<double>(packetsSincePcr) / delta;
            }
        }
        now = std::max(now, pcrTime); // pcrTime stays the true PCR time: interpolation errors never accumulate
        packetsSincePcr = 0;
        lastPcr = pcr;
    }

    void setCipherKey() {
        if (cfg.mode == ecm::Scrambler::Csa2) {
            dvbcsa_bs_key_set(cwCurrent.bytes().data(), csaKey);
        } else {
            cissa = std::make_unique<ts::Cissa>(cwCurrent.bytes(), true);
        }
    }

    void buildEcm() {
        ecm::EcmHeader h;
        h.scrambler = cfg.mode;
        h.serviceKeyId = cfg.serviceKeyId;
        h.serviceKeyVersion = cfg.serviceKeyVersion;
        h.programmeId = programmeId;
        h.packageId = cfg.packageId;
        h.vodProgrammeId = cfg.vodProgrammeId;
        h.cryptoPeriod = period;
        ecm::ControlWords cws;
        cws.even = (period & 1) ? cwNext : cwCurrent;
        cws.odd = (period & 1) ? cwCurrent : cwNext;
        ecmSection = ecm::Ecm::section(h, ecm::Ecm::build(h, cws, serviceKey.bytes()));
    }

    void enterPeriod(std::uint32_t p) {
        flushBatch(); // packets of the old period keep the old key
        if (!periodStarted || p != period + 1) {
            cwCurrent = SecretBytes(newControlWord(cfg.mode));
        } else {
            cwCurrent = cwNext; // already on air as "next" throughout the previous period
        }
        cwNext = SecretBytes(newControlWord(cfg.mode));
        period = p;
        periodStarted = true;
        ++stats.cryptoPeriods;
        setCipherKey();
        buildEcm();
        if (ecmOnAir)
            emitEcm(); // the new table_id at once: receivers see the change before the first new-parity packet
    }

    void emitEcm() {
        for (const auto& pkt : ts::packetizeSection(cfg.ecmPid, ecmSection, counters))
            out.insert(out.end(), pkt.begin(), pkt.end());
        lastEcmAt = now;
        ++stats.ecmSections;
    }

    void onPat(const ts::TsPacket& pkt) {
        for (const auto& s : patAssembler.push(pkt)) {
            const auto pat = ts::parsePat(s);
            if (!pat)
                continue;
            for (const auto& prog : pat->programs)
                if (prog.programNumber != 0) {
                    pmtPid = prog.pid; // a single-programme stream: the first programme is the one scrambled
                    break;
                }
        }
    }

    void onPmt(const ts::TsPacket& pkt) {
        for (const auto& s : pmtAssembler.push(pkt)) {
            if (s != lastPmtIn) {
                auto pmt = ts::parsePmt(s);
                if (!pmt)
                    continue;
                lastPmtIn = s;
                programmeId = pmt->programNumber;
                pcrPid = pmt->pcrPid;
                avPids.reset();
                for (const auto& es : pmt->streams)
                    if (ts::isAudioVideo(es))
                        avPids.set(es.pid);
                if (!ts::findCaPid(pmt->programDescriptors, cfg.caSystemId))
                    append(pmt->programDescriptors, ts::caDescriptor(cfg.caSystemId, cfg.ecmPid));
                pmt->version = static_cast<std::uint8_t>((pmt->version + 1) & 0x1F);
                pmtSection = ts::buildPmt(*pmt);
                catSection = ts::buildCat({0, ts::caDescriptor(cfg.caSystemId, cfg.emmPid)});
                if (periodStarted)
                    buildEcm(); // the programme id may have changed
            }
            for (const auto& p : ts::packetizeSection(pkt.pid(), pmtSection, counters))
                out.insert(out.end(), p.begin(), p.end());
            for (const auto& p : ts::packetizeSection(ts::kCatPid, catSection, counters))
                out.insert(out.end(), p.begin(), p.end());
            if (!ecmOnAir) {
                ecmOnAir = true;
                timeOrigin = now; // the first period is a whole one, however late the PMT came
                if (!periodStarted)
                    enterPeriod(cfg.firstCryptoPeriod);
                else
                    emitEcm();
            }
        }
    }

    void queue(const std::uint8_t* p) { out.insert(out.end(), p, p + ts::kPacketSize); }

    void process(std::uint8_t* p) {
        ts::TsPacket pkt(p);
        ++stats.packetsIn;
        if (!pkt.syncOk())
            return;
        updateClock(pkt);
        if (ecmOnAir) {
            const auto target =
                cfg.firstCryptoPeriod + static_cast<std::uint32_t>((now - timeOrigin) / cfg.cryptoPeriodSeconds);
            if (target != period)
                enterPeriod(target);
            if (now - lastEcmAt >= cfg.ecmIntervalSeconds)
                emitEcm();
        }
        const std::uint16_t pid = pkt.pid();
        if (pid == ts::kPatPid) {
            onPat(pkt);
        } else if (pmtPid && pid == *pmtPid) {
            onPmt(pkt);
            return; // replaced by the rewritten PMT
        } else if (pid == ts::kCatPid || pid == cfg.ecmPid || pid == cfg.emmPid) {
            return; // ours now
        }
        const std::size_t minPayload = cfg.mode == ecm::Scrambler::Csa2 ? 8 : 16;
        if (ecmOnAir && avPids.test(pid) && pkt.hasPayload() && pkt.scramblingBits() == 0 &&
            pkt.payloadSize() >= minPayload) {
            pkt.setScramblingBits(parityBits());
            batch.push_back(out.size());
            queue(p);
            ++stats.scrambled;
            if (batch.size() >= batchSize)
                flushBatch();
            return;
        }
        queue(p);
        if (out.size() >= kMaxQueuedPackets * ts::kPacketSize)
            flushBatch();
    }

    void flushBatch() {
        if (!batch.empty()) {
            if (cfg.mode == ecm::Scrambler::Csa2) {
                std::size_t i = 0;
                for (const auto off : batch) {
                    ts::TsPacket pkt(out.data() + off);
                    batchDesc[i++] = {pkt.payload(), static_cast<unsigned>(pkt.payloadSize())};
                }
                batchDesc[i] = {nullptr, 0};
                dvbcsa_bs_encrypt(csaKey, batchDesc.data(), 184);
            } else {
                for (const auto off : batch) {
                    ts::TsPacket pkt(out.data() + off);
                    cissa->process(pkt.payload(), pkt.payloadSize());
                }
            }
            batch.clear();
        }
        if (!out.empty()) {
            sink(out.data(), out.size());
            stats.packetsOut += out.size() / ts::kPacketSize;
            out.clear();
        }
    }
};

Scrambler::Scrambler(const ScramblerConfig& config, SecretBytes serviceKey, Sink sink) : m(std::make_unique<Impl>()) {
    if (serviceKey.size() != 16)
        throw std::invalid_argument("the service key must be 16 bytes");
    if (config.cryptoPeriodSeconds <= 0 || config.ecmIntervalSeconds <= 0)
        throw std::invalid_argument("crypto period and ECM interval must be positive");
    m->cfg = config;
    m->serviceKey = std::move(serviceKey);
    m->sink = std::move(sink);
    m->csaKey = dvbcsa_bs_key_alloc();
    m->batchSize = config.mode == ecm::Scrambler::Csa2 ? dvbcsa_bs_batch_size() : 64;
    m->batchDesc.resize(m->batchSize + 1);
    m->out.reserve((kMaxQueuedPackets + 64) * ts::kPacketSize);
}

Scrambler::~Scrambler() = default;

void Scrambler::push(const std::uint8_t* packets, std::size_t count) {
    ts::PacketBytes copy;
    for (std::size_t i = 0; i < count; ++i) {
        std::copy_n(packets + i * ts::kPacketSize, ts::kPacketSize, copy.begin());
        m->process(copy.data());
    }
}

void Scrambler::finish() {
    m->flushBatch();
}

const ScramblerStats& Scrambler::stats() const {
    return m->stats;
}

double Scrambler::streamTime() const {
    return m->now;
}

} // namespace cdos::scrambler
