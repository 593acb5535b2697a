// carddesk-bench-descramble: throughput of the gateway's descrambler (ECM handling, PID filtering, odd/even
// batches, bit clearing, in-order output) against raw libdvbcsa batch decryption of the same payloads, in the same
// run. Target: descrambler >= 0.9x raw.
#include "carddesk/descrambler/Descrambler.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/ts/Psi.h"
#include "carddesk/scrambler/Scrambler.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <dvbcsa/dvbcsa.h>
#include <random>
#include <vector>

using namespace cdos;
using Clock = std::chrono::steady_clock;

namespace {

const Bytes kServiceKey = *fromHex("5566778899AABBCCCCBBAA9988776655"); // CA_SERVICE_1 v1 (development store)

// PAT + PMT (H.264 on 0x100, MP2 on 0x101) repeated every 1000 packets, A/V packets with random payload and a PCR
// every 40 packets, about 8 Mbit/s of packet clock.
std::vector<std::uint8_t> makeClearStream(std::size_t packets) {
    std::vector<std::uint8_t> out;
    out.reserve((packets + packets / 500 + 8) * ts::kPacketSize);
    ts::ContinuityCounters cc;
    std::mt19937 rng(42);
    ts::Pmt pmt;
    pmt.pcrPid = 0x100;
    pmt.streams = {{0x1B, 0x100, {}}, {0x03, 0x101, {}}};
    for (std::size_t i = 0; i < packets; ++i) {
        if (i % 1000 == 0) {
            for (const auto& p : ts::packetizeSection(0, ts::buildPat({1, 0, {{1, 0x1000}}}), cc))
                out.insert(out.end(), p.begin(), p.end());
            for (const auto& p : ts::packetizeSection(0x1000, ts::buildPmt(pmt), cc))
                out.insert(out.end(), p.begin(), p.end());
        }
        ts::PacketBytes p;
        const std::uint16_t pid = i % 5 == 4 ? 0x101 : 0x100;
        ts::writeHeader(p.data(), pid, false, cc.next(pid));
        for (auto& b : p)
            if (&b >= p.data() + 4)
                b = static_cast<std::uint8_t>(rng());
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

// The audio/video packets, in order: what descrambling must restore byte for byte (headers included).
std::vector<std::uint8_t> avPackets(const std::vector<std::uint8_t>& stream) {
    std::vector<std::uint8_t> av;
    for (std::size_t i = 0; i + ts::kPacketSize <= stream.size(); i += ts::kPacketSize) {
        const std::uint16_t pid = ts::TsPacket(const_cast<std::uint8_t*>(stream.data() + i)).pid();
        if (pid == 0x100 || pid == 0x101)
            av.insert(av.end(), stream.begin() + i, stream.begin() + i + ts::kPacketSize);
    }
    return av;
}

double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> operands;
    cli::OptionParser options("carddesk-bench-descramble",
                              "the gateway's descrambler against raw libdvbcsa on a synthetic 8 Mbit/s stream of "
                              "PACKETS\n  TS packets (default 400000, at least 1000), best of ROUNDS (default 5)");
    options.operands("[PACKETS [ROUNDS]]", operands, 0, 2);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    unsigned long packetsArg = 400000, roundsArg = 5;
    // At least one PAT/PMT repetition of packets, so that there is something to descramble.
    if (operands.size() > 0 && !cli::OptionParser::parseNumber(operands[0], packetsArg, 1000, 10000000)) {
        options.fail("PACKETS: not a valid number (1000 .. 10000000)");
        return 2;
    }
    if (operands.size() > 1 && !cli::OptionParser::parseNumber(operands[1], roundsArg, 1, 1000)) {
        options.fail("ROUNDS: not a valid number (1 .. 1000)");
        return 2;
    }
    const std::size_t packets = packetsArg;
    const int rounds = static_cast<int>(roundsArg);
    const std::vector<std::uint8_t> clear = makeClearStream(packets);

    scrambler::ScramblerConfig cfg;
    cfg.clock = scrambler::ScramblerConfig::Clock::Packets;
    cfg.packetClockBitrate = 8e6;
    cfg.cryptoPeriodSeconds = 10; // several periods, so key changes and partial batches are part of the cost
    std::vector<std::uint8_t> scrambled;
    scrambler::Scrambler s(cfg, SecretBytes(kServiceKey),
                           [&](const std::uint8_t* d, std::size_t n) { scrambled.insert(scrambled.end(), d, d + n); });
    s.push(clear.data(), clear.size() / ts::kPacketSize);
    s.finish();
    const std::size_t total = scrambled.size() / ts::kPacketSize;

    // Control words as the card returns them, for the raw run.
    std::vector<std::pair<Bytes, Bytes>> cwsByPeriod;
    ecm::ServiceKeyLookup keys = [key = SecretBytes(kServiceKey)](std::uint8_t, std::uint8_t) { return &key; };
    const unsigned batchSize = dvbcsa_bs_batch_size();

    double bestRaw = 1e9, bestOurs = 1e9, bestHot = 1e9;
    std::uint64_t payloadBytes = 0, descrambled = 0;
    for (int r = 0; r < rounds; ++r) {
        // Raw: the batches (full, per key) and key changes are worked out beforehand, untimed; only
        // dvbcsa_bs_key_set and dvbcsa_bs_decrypt over the same payloads are timed: the ceiling for any descrambler.
        std::vector<std::uint8_t> work = scrambled;
        struct Op {
            int key = 0;
            std::vector<dvbcsa_bs_batch_s> batch; // empty: set both keys from `cws`
            Bytes even, odd;
        };
        std::vector<Op> ops;
        {
            std::vector<dvbcsa_bs_batch_s> open[2];
            auto close = [&](int k) {
                if (open[k].empty())
                    return;
                open[k].push_back({nullptr, 0});
                ops.push_back({k, std::move(open[k]), {}, {}});
                open[k].clear();
            };
            ts::SectionAssembler ecmAssembler;
            payloadBytes = 0;
            for (std::size_t i = 0; i < total; ++i) {
                ts::TsPacket p(work.data() + i * ts::kPacketSize);
                if (p.pid() == cfg.ecmPid) {
                    for (const auto& sec : ecmAssembler.push(p)) {
                        const auto cws = ecm::Ecm::decrypt(ecm::Ecm::payloadOfSection(sec), keys);
                        close(0);
                        close(1);
                        ops.push_back({0, {}, cws.even.bytes(), cws.odd.bytes()});
                    }
                    continue;
                }
                if (p.scramblingBits() < 2)
                    continue;
                const int k = p.scramblingBits() & 1;
                open[k].push_back({p.payload(), static_cast<unsigned>(p.payloadSize())});
                payloadBytes += p.payloadSize();
                if (open[k].size() == batchSize)
                    close(k);
            }
            close(0);
            close(1);
        }
        dvbcsa_bs_key_t* key[2] = {dvbcsa_bs_key_alloc(), dvbcsa_bs_key_alloc()};
        const auto t0 = Clock::now();
        for (const auto& op : ops) {
            if (op.batch.empty()) {
                dvbcsa_bs_key_set(op.even.data(), key[0]);
                dvbcsa_bs_key_set(op.odd.data(), key[1]);
            } else {
                dvbcsa_bs_decrypt(key[op.key], op.batch.data(), 184);
            }
        }
        const auto t1 = Clock::now();
        dvbcsa_bs_key_free(key[0]);
        dvbcsa_bs_key_free(key[1]);
        bestRaw = std::min(bestRaw, seconds(t0, t1));

        // Raw, cache-hot: one batch of payloads in a small buffer decrypted as many times as the stream has batches
        // (pure cipher cost, no memory traffic): the compute ceiling.
        {
            std::vector<std::uint8_t> hot(std::size_t(batchSize) * 184, 0x5A);
            std::vector<dvbcsa_bs_batch_s> b;
            for (unsigned k = 0; k < batchSize; ++k)
                b.push_back({hot.data() + k * 184, 184});
            b.push_back({nullptr, 0});
            dvbcsa_bs_key_t* hk = dvbcsa_bs_key_alloc();
            const dvbcsa_cw_t cw = {1, 2, 3, 6, 4, 5, 6, 15};
            dvbcsa_bs_key_set(cw, hk);
            const std::size_t batches = (payloadBytes / 184 + batchSize - 1) / batchSize;
            const auto h0 = Clock::now();
            for (std::size_t k = 0; k < batches; ++k)
                dvbcsa_bs_decrypt(hk, b.data(), 184);
            const auto h1 = Clock::now();
            dvbcsa_bs_key_free(hk);
            bestHot = std::min(bestHot, seconds(h0, h1));
        }

        // Ours: the gateway descrambler, ECM handler = the card's decrypt code, output copied to a buffer.
        std::vector<std::uint8_t> out;
        out.reserve(scrambled.size());
        descrambler::Descrambler d(
            {},
            [&](const Bytes& sec) { return std::optional(ecm::Ecm::decrypt(ecm::Ecm::payloadOfSection(sec), keys)); },
            [&](const std::uint8_t* p, std::size_t n) { out.insert(out.end(), p, p + n); });
        const auto t2 = Clock::now();
        for (std::size_t i = 0; i < total; i += 512)
            d.push(scrambled.data() + i * ts::kPacketSize, std::min<std::size_t>(512, total - i));
        d.finish();
        const auto t3 = Clock::now();
        bestOurs = std::min(bestOurs, seconds(t2, t3));
        descrambled = d.stats().descrambled;
        if (r == 0 && avPackets(out) != avPackets(clear)) {
            std::fprintf(stderr, "descrambled A/V packets differ from the clear input\n");
            return 1;
        }
    }
    const double rawMbps = double(payloadBytes) * 8 / bestRaw / 1e6;
    const double oursMbps = double(payloadBytes) * 8 / bestOurs / 1e6;
    std::printf("libdvbcsa batch size %u; %zu packets, %llu scrambled (%.1f MB of payload), best of %d rounds\n",
                batchSize, total, static_cast<unsigned long long>(descrambled), double(payloadBytes) / 1e6, rounds);
    std::printf("raw libdvbcsa dvbcsa_bs_decrypt : %8.1f Mbit/s payload (%.3f s)\n", rawMbps, bestRaw);
    std::printf("raw libdvbcsa, cache-hot batch  : %8.1f Mbit/s payload (%.3f s)\n",
                double(payloadBytes) * 8 / bestHot / 1e6, bestHot);
    std::printf("carddesk descrambler            : %8.1f Mbit/s payload (%.3f s)\n", oursMbps, bestOurs);
    std::printf("ratio descrambler / raw         : %8.3f (target >= 0.9)\n", oursMbps / rawMbps);
    std::printf("ratio descrambler / cache-hot   : %8.3f\n", bestHot / bestOurs);
    return oursMbps / rawMbps >= 0.9 ? 0 : 3;
}
