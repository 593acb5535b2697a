#include "carddesk/descrambler/Descrambler.h"

#include "carddesk/protocol/ca/Cissa.h"
#include "carddesk/protocol/ts/Psi.h"

#include <cstring>
#include <dvbcsa/dvbcsa.h>
#include <vector>

namespace cdos::descrambler {

namespace {
constexpr std::size_t kMaxQueuedPackets = 2048;
constexpr int kEven = 0;
constexpr int kOdd = 1;
} // namespace

struct Descrambler::Impl {
    DescramblerConfig cfg;
    EcmHandler handler;
    Sink sink;
    DescramblerStats stats;

    ts::SectionAssembler patAssembler, ecmAssembler;
    std::vector<std::pair<std::uint16_t, ts::SectionAssembler>> pmtAssemblers;
    std::optional<std::uint16_t> ecmPid;
    Bytes lastEcm;

    struct Slot {
        bool set = false;
        SecretBytes cw;
        std::optional<SecretBytes> pending; // the next CW, waiting until this slot is no longer on air
        dvbcsa_bs_key_t* csa = nullptr;
        std::unique_ptr<ts::Cissa> cissa;
        std::vector<std::size_t> batch; // offsets in `out` of packets waiting for this key
    };
    ecm::Scrambler mode = ecm::Scrambler::Csa2;
    Slot slots[2];
    int onAir = -1; // parity of the last scrambled packet seen
    std::size_t batchSize = dvbcsa_bs_batch_size();
    std::vector<dvbcsa_bs_batch_s> batchDesc;
    std::vector<std::uint8_t> out;
    bool batchRan = false; // since the queue was last written

    Impl() {
        for (auto& s : slots)
            s.csa = dvbcsa_bs_key_alloc();
        batchDesc.resize(batchSize + 1);
        out.reserve((kMaxQueuedPackets + 8) * ts::kPacketSize);
    }
    ~Impl() {
        for (auto& s : slots)
            dvbcsa_bs_key_free(s.csa);
    }

    void setSlot(int parity, SecretBytes cw) {
        Slot& s = slots[parity];
        runBatch(parity); // packets already queued for this slot keep the key they were scrambled with
        if (mode == ecm::Scrambler::Csa2)
            dvbcsa_bs_key_set(cw.bytes().data(), s.csa);
        else
            s.cissa = std::make_unique<ts::Cissa>(cw.bytes(), false);
        s.cw = std::move(cw);
        s.set = true;
        s.pending.reset();
        ++stats.keyUpdates;
    }

    void offer(int parity, const SecretBytes& cw, bool currentParity) {
        Slot& s = slots[parity];
        if (s.set && s.cw.bytes() == cw.bytes()) {
            s.pending.reset();
            return;
        }
        // The slot on air is replaced only when the ECM says this parity is current (a real re-key); an early
        // "next" CW waits until the other parity takes over, so the packets in flight keep their key.
        if (!s.set || onAir != parity || currentParity)
            setSlot(parity, cw);
        else
            s.pending = cw;
    }

    void onEcmSection(const Bytes& section) {
        ++stats.ecmSections;
        if (section == lastEcm)
            return; // a repetition: the card has already answered this one
        lastEcm = section;
        ++stats.ecmsHandled;
        ecm::EcmHeader header;
        try {
            header = ecm::Ecm::parseHeader(ecm::Ecm::payloadOfSection(section));
        } catch (const ecm::EcmError&) {
            ++stats.ecmsRefused;
            return;
        }
        std::optional<ecm::ControlWords> cws;
        try {
            cws = handler(section);
        } catch (const std::exception&) {
            cws.reset(); // a card error is a refusal for this ECM, never the end of the stream
        }
        const std::size_t cwSize = ecm::controlWordSize(header.scrambler);
        if (!cws || cws->even.size() != cwSize || cws->odd.size() != cwSize) {
            ++stats.ecmsRefused;
            return;
        }
        if (header.scrambler != mode) {
            runBatch(kEven);
            runBatch(kOdd);
            for (auto& s : slots) {
                s.set = false;
                s.pending.reset();
            }
            mode = header.scrambler;
        }
        offer(kEven, cws->even, !header.currentIsOdd());
        offer(kOdd, cws->odd, header.currentIsOdd());
    }

    void onPsi(const ts::TsPacket& pkt) {
        const std::uint16_t pid = pkt.pid();
        if (pid == ts::kPatPid) {
            for (const auto& s : patAssembler.push(pkt))
                if (const auto pat = ts::parsePat(s))
                    for (const auto& p : pat->programs)
                        if (p.programNumber != 0) {
                            bool known = false;
                            for (const auto& [pmtPid, assembler] : pmtAssemblers)
                                known = known || pmtPid == p.pid;
                            if (!known)
                                pmtAssemblers.emplace_back(p.pid, ts::SectionAssembler{});
                        }
            return;
        }
        for (auto& [pmtPid, assembler] : pmtAssemblers) {
            if (pid != pmtPid)
                continue;
            for (const auto& s : assembler.push(pkt)) {
                const auto pmt = ts::parsePmt(s);
                if (!pmt || cfg.ecmPid)
                    continue;
                auto caPid = ts::findCaPid(pmt->programDescriptors, cfg.caSystemId);
                for (const auto& es : pmt->streams)
                    if (!caPid)
                        caPid = ts::findCaPid(es.descriptors, cfg.caSystemId);
                if (caPid && caPid != ecmPid) {
                    ecmPid = caPid;
                    ecmAssembler = ts::SectionAssembler{};
                }
            }
        }
    }

    void process(std::size_t off) {
        ts::TsPacket pkt(out.data() + off);
        ++stats.packetsIn;
        const std::uint16_t pid = pkt.pid();
        const std::uint8_t bits = pkt.scramblingBits();
        if (bits < 2 || !pkt.hasPayload()) {
            if (ecmPid && pid == *ecmPid) {
                for (const auto& s : ecmAssembler.push(pkt))
                    onEcmSection(s);
            } else {
                onPsi(pkt);
            }
            return;
        }
        const int parity = bits == 3 ? kOdd : kEven;
        if (parity != onAir) {
            onAir = parity;
            Slot& other = slots[parity ^ 1];
            if (other.pending) {
                SecretBytes cw = std::move(*other.pending);
                setSlot(parity ^ 1, std::move(cw));
            }
        }
        Slot& s = slots[parity];
        if (!s.set) {
            ++stats.withoutKey;
            return;
        }
        s.batch.push_back(off);
        if (s.batch.size() >= batchSize)
            runBatch(parity);
    }

    void runBatch(int parity) {
        Slot& s = slots[parity];
        if (s.batch.empty())
            return;
        if (s.batch.size() < batchSize)
            ++stats.partialBatches;
        if (mode == ecm::Scrambler::Csa2) {
            std::size_t i = 0;
            for (const auto off : s.batch) {
                ts::TsPacket pkt(out.data() + off);
                pkt.setScramblingBits(0);
                batchDesc[i++] = {pkt.payload(), static_cast<unsigned>(pkt.payloadSize())};
            }
            batchDesc[i] = {nullptr, 0};
            dvbcsa_bs_decrypt(s.csa, batchDesc.data(), 184);
        } else {
            for (const auto off : s.batch) {
                ts::TsPacket pkt(out.data() + off);
                pkt.setScramblingBits(0);
                s.cissa->process(pkt.payload(), pkt.payloadSize());
            }
        }
        stats.descrambled += s.batch.size();
        s.batch.clear();
        batchRan = true;
    }

    // Writes the queue up to the first packet still waiting for its batch, keeping the stream order.
    void emitReady() {
        std::size_t limit = out.size();
        for (const auto& s : slots)
            if (!s.batch.empty() && s.batch.front() < limit)
                limit = s.batch.front();
        if (limit == 0)
            return;
        sink(out.data(), limit);
        stats.packetsOut += limit / ts::kPacketSize;
        const std::size_t rest = out.size() - limit;
        if (rest)
            std::memmove(out.data(), out.data() + limit, rest);
        out.resize(rest);
        for (auto& s : slots)
            for (auto& off : s.batch)
                off -= limit;
    }
};

Descrambler::Descrambler(const DescramblerConfig& config, EcmHandler handler, Sink sink) : m(std::make_unique<Impl>()) {
    m->cfg = config;
    m->ecmPid = config.ecmPid;
    m->handler = std::move(handler);
    m->sink = std::move(sink);
}

Descrambler::~Descrambler() = default;

void Descrambler::push(const std::uint8_t* packets, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* p = packets + i * ts::kPacketSize;
        if (p[0] != ts::kSyncByte)
            continue;
        const std::size_t off = m->out.size();
        m->out.insert(m->out.end(), p, p + ts::kPacketSize);
        m->process(off);
        if (m->batchRan) {
            // Written as soon as a batch is done, not at the end of the push: the queue stays about one batch long
            // (cache-resident whatever the push size), and a push of more than kMaxQueuedPackets no longer reaches
            // the limit below and cuts batches part-full merely because nothing was written during it.
            m->batchRan = false;
            m->emitReady();
        }
        if (m->out.size() >= kMaxQueuedPackets * ts::kPacketSize) {
            // Only reached when one parity's batch stalls behind the other: run it part-full rather than grow.
            m->runBatch(kEven);
            m->runBatch(kOdd);
            m->emitReady();
        }
    }
    m->emitReady();
}

void Descrambler::finish() {
    m->runBatch(kEven);
    m->runBatch(kOdd);
    m->emitReady();
}

const DescramblerStats& Descrambler::stats() const {
    return m->stats;
}

void Descrambler::resendEcm() {
    m->lastEcm.clear();
}

} // namespace cdos::descrambler
