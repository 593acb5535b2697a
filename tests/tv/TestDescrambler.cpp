// The descrambler's key handling against a stream from the real scrambler, with the ECM moved around the way a
// network or a slow card moves it: early (before the last packets of the old period), late (after the first of the
// new one), lost, or refused. The A/V packets out must equal the clear ones, bits 00, in order.
#include "carddesk/descrambler/Descrambler.h"
#include "carddesk/protocol/ts/Psi.h"
#include "carddesk/scrambler/Scrambler.h"

#include <QtTest>
#include <random>

using namespace cdos;

namespace {

const SecretBytes kServiceKey(*fromHex("5566778899AABBCCCCBBAA9988776655"));
using Packets = std::vector<ts::PacketBytes>;

Packets clearStream(std::size_t count) {
    Packets out;
    ts::ContinuityCounters cc;
    std::mt19937 rng(7);
    ts::Pmt pmt;
    pmt.pcrPid = 0x100;
    pmt.streams = {{0x1B, 0x100, {}}, {0x04, 0x101, {}}};
    for (const auto& p : ts::packetizeSection(0, ts::buildPat({1, 0, {{1, 0x1000}}}), cc))
        out.push_back(p);
    for (const auto& p : ts::packetizeSection(0x1000, ts::buildPmt(pmt), cc))
        out.push_back(p);
    for (std::size_t i = 0; i < count; ++i) {
        ts::PacketBytes p;
        const std::uint16_t pid = i % 4 == 3 ? 0x101 : 0x100;
        ts::writeHeader(p.data(), pid, i % 50 == 0, cc.next(pid));
        for (std::size_t k = 4; k < p.size(); ++k)
            p[k] = static_cast<std::uint8_t>(rng());
        out.push_back(p);
    }
    return out;
}

Packets scramble(const Packets& clear, ecm::Scrambler mode) {
    scrambler::ScramblerConfig cfg;
    cfg.mode = mode;
    cfg.clock = scrambler::ScramblerConfig::Clock::Packets;
    cfg.packetClockBitrate = 188 * 8 * 1000; // 1000 packets a second
    cfg.cryptoPeriodSeconds = 2;             // 2000 packets a period
    Packets out;
    scrambler::Scrambler s(cfg, kServiceKey, [&](const std::uint8_t* d, std::size_t n) {
        for (std::size_t i = 0; i < n; i += ts::kPacketSize) {
            ts::PacketBytes p;
            std::copy_n(d + i, ts::kPacketSize, p.begin());
            out.push_back(p);
        }
    });
    for (const auto& p : clear)
        s.push(p.data(), 1);
    s.finish();
    return out;
}

bool isAv(const ts::PacketBytes& p) {
    const auto pid = ts::TsPacket(const_cast<std::uint8_t*>(p.data())).pid();
    return pid == 0x100 || pid == 0x101;
}

Packets av(const Packets& s) {
    Packets out;
    std::copy_if(s.begin(), s.end(), std::back_inserter(out), isAv);
    return out;
}

struct Result {
    Packets out;
    descrambler::DescramblerStats stats;
};

Result descramble(const Packets& in, const std::function<bool(const ecm::EcmHeader&)>& entitled = {},
                  std::size_t chunk = 37) {
    Result r;
    descrambler::Descrambler d(
        {},
        [&](const Bytes& section) -> std::optional<ecm::ControlWords> {
            const Bytes payload = ecm::Ecm::payloadOfSection(section);
            if (entitled && !entitled(ecm::Ecm::parseHeader(payload)))
                return std::nullopt;
            return ecm::Ecm::decrypt(payload, [](std::uint8_t, std::uint8_t) { return &kServiceKey; });
        },
        [&](const std::uint8_t* p, std::size_t n) {
            for (std::size_t i = 0; i < n; i += ts::kPacketSize) {
                ts::PacketBytes pkt;
                std::copy_n(p + i, ts::kPacketSize, pkt.begin());
                r.out.push_back(pkt);
            }
        });
    for (std::size_t i = 0; i < in.size(); i += chunk) // odd-sized pushes by default, as from a socket
        d.push(in[i].data(), std::min(chunk, in.size() - i));
    d.finish();
    r.stats = d.stats();
    return r;
}

// Indices of the first ECM packet of each new crypto period (the table_id change).
std::vector<std::size_t> switchingEcms(const Packets& s) {
    std::vector<std::size_t> at;
    int last = -1;
    for (std::size_t i = 0; i < s.size(); ++i) {
        ts::TsPacket p(const_cast<std::uint8_t*>(s[i].data()));
        if (p.pid() == 0x1FF0 && p.payloadUnitStart()) {
            const int table = p.payload()[1];
            if (last >= 0 && table != last)
                at.push_back(i);
            last = table;
        }
    }
    return at;
}

void move(Packets& s, std::size_t from, std::ptrdiff_t by) {
    const auto pkt = s[from];
    s.erase(s.begin() + static_cast<std::ptrdiff_t>(from));
    s.insert(s.begin() + static_cast<std::ptrdiff_t>(from) + by, pkt);
}

} // namespace

class TestDescrambler : public QObject {
    Q_OBJECT
    Packets m_clear = clearStream(9000);

private slots:
    void inOrderAndClear_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("csa2") << int(ecm::Scrambler::Csa2);
        QTest::newRow("cissa") << int(ecm::Scrambler::Cissa);
    }
    void inOrderAndClear() {
        QFETCH(int, mode);
        const Packets scrambled = scramble(m_clear, ecm::Scrambler(mode));
        QVERIFY(av(scrambled) != av(m_clear));
        const Result r = descramble(scrambled);
        QCOMPARE(r.out.size(), scrambled.size());
        QVERIFY(av(r.out) == av(m_clear));
        QCOMPARE(r.stats.withoutKey, std::uint64_t(0));
        QCOMPARE(r.stats.ecmsHandled, std::uint64_t(switchingEcms(scrambled).size() + 1));
        if (mode == int(ecm::Scrambler::Csa2)) // full batches except one per key change and the end
            QVERIFY(r.stats.partialBatches <= 2 * r.stats.ecmsHandled + 2);
    }

    // A part-full batch costs libdvbcsa a full one's time (bitslice), so batches are cut only where a key changes:
    // once per parity switch (the old parity's last packets) and once at the end. ECM repetitions (every 0.1 s, same
    // CWs) and the push size must not cut them (carddesk-bench-descramble, issue 15).
    void batchesAreCutOnlyByKeyChanges_data() {
        QTest::addColumn<int>("chunk");
        QTest::newRow("1 packet a push") << 1;
        QTest::newRow("7 (a UDP datagram)") << 7;
        QTest::newRow("batch size + 1") << 129;
        QTest::newRow("all at once") << 100000;
    }
    void batchesAreCutOnlyByKeyChanges() {
        QFETCH(int, chunk);
        const Packets s = scramble(m_clear, ecm::Scrambler::Csa2);
        const Result r = descramble(s, {}, std::size_t(chunk));
        const Result reference = descramble(s);
        QVERIFY(r.out == reference.out); // every packet, PSI and ECMs included, in the same order
        QVERIFY(av(r.out) == av(m_clear));
        const std::size_t switches = switchingEcms(s).size();
        QVERIFY(switches >= 3);
        QVERIFY(r.stats.ecmSections > 10 * r.stats.ecmsHandled); // the repetitions were there
        QCOMPARE(r.stats.ecmsHandled, std::uint64_t(switches + 1));
        QVERIFY2(r.stats.partialBatches <= switches + 1, qPrintable(QString::number(r.stats.partialBatches)));
        QCOMPARE(r.stats.partialBatches, reference.stats.partialBatches);
    }

    void earlyEcmDoesNotReplaceTheKeyOnAir() {
        Packets s = scramble(m_clear, ecm::Scrambler::Csa2);
        const auto at = switchingEcms(s);
        QVERIFY(at.size() >= 3);
        for (auto it = at.rbegin(); it != at.rend(); ++it)
            move(s, *it, -300); // 300 packets of the old parity still follow the new ECM
        QVERIFY(av(descramble(s).out) == av(m_clear));
    }

    void lateOrLostEcmStillSwitches() {
        Packets s = scramble(m_clear, ecm::Scrambler::Csa2);
        const auto at = switchingEcms(s);
        for (auto it = at.rbegin(); it != at.rend(); ++it)
            move(s, *it, 150); // the new parity starts before its ECM: the "next" CW is already there
        QVERIFY(av(descramble(s).out) == av(m_clear));

        // Every ECM of period 2 lost: its CW was on air as "next" all through period 1, so nothing is lost; period
        // 3's CW then comes as "current" in period 3's own ECM.
        Packets lossy = scramble(m_clear, ecm::Scrambler::Csa2);
        std::erase_if(lossy, [](const ts::PacketBytes& p) {
            ts::TsPacket t(const_cast<std::uint8_t*>(p.data()));
            return t.pid() == 0x1FF0 && t.payloadUnitStart() && t.payload()[1] == 0x80 &&
                   ecm::Ecm::parseHeader(ecm::Ecm::payloadOfSection(Bytes(t.payload() + 1, t.payload() + 1 + 51)))
                           .cryptoPeriod == 2;
        });
        const Result r = descramble(lossy);
        QCOMPARE(r.stats.withoutKey, std::uint64_t(0)); // period 2's CW was "next" in period 1's ECMs
        QVERIFY(av(r.out) == av(m_clear));
    }

    void refusedEcmLeavesPacketsScrambled() {
        const Packets s = scramble(m_clear, ecm::Scrambler::Csa2);
        const Result r = descramble(s, [](const ecm::EcmHeader& h) { return h.packageId == 99; });
        QCOMPARE(r.stats.descrambled, std::uint64_t(0));
        QVERIFY(r.stats.ecmsRefused > 0);
        QVERIFY(av(r.out) == av(s)); // passed on untouched, still flagged scrambled
    }

    // A right opened mid-stream (VOD purchase, another user): resendEcm() gets the CWs without waiting a period.
    void rightOpenedMidStream() {
        const Packets s = scramble(m_clear, ecm::Scrambler::Csa2);
        bool entitled = false;
        Packets out;
        descrambler::Descrambler d(
            {},
            [&](const Bytes& section) -> std::optional<ecm::ControlWords> {
                if (!entitled)
                    return std::nullopt;
                return ecm::Ecm::decrypt(ecm::Ecm::payloadOfSection(section),
                                         [](std::uint8_t, std::uint8_t) { return &kServiceKey; });
            },
            [&](const std::uint8_t* p, std::size_t n) {
                for (std::size_t i = 0; i < n; i += ts::kPacketSize) {
                    ts::PacketBytes pkt;
                    std::copy_n(p + i, ts::kPacketSize, pkt.begin());
                    out.push_back(pkt);
                }
            });
        const std::size_t half = 700; // inside the first crypto period
        d.push(s[0].data(), half);
        entitled = true;
        d.resendEcm();
        d.push(s[half].data(), s.size() - half);
        d.finish();
        QVERIFY(d.stats().withoutKey > 0);
        QVERIFY(d.stats().withoutKey < 800);               // only the packets before the purchase...
        QCOMPARE(d.stats().ecmsRefused, std::uint64_t(1)); // ...and the one refused ECM
        const Packets clearAv = av(m_clear), outAv = av(out);
        QVERIFY(std::equal(outAv.end() - 6000, outAv.end(), clearAv.end() - 6000));
    }
};

QTEST_APPLESS_MAIN(TestDescrambler)
#include "TestDescrambler.moc"
