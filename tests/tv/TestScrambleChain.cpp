// The whole TV chain with real tools: ffmpeg makes a clear H.264 + MP2 stream, carddesk-scrambler scrambles it in
// 5-s crypto periods, carddesk-descramble (card stand-in: the card's own ECM decrypt code) descrambles it, and
// ffprobe / `ffmpeg -f framemd5` must see exactly the clear stream's frames.
#include "carddesk/protocol/ca/Ecm.h"
#include "carddesk/protocol/ts/Psi.h"
#include "support/MediaTools.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cdos;

namespace {

const QString kKeys = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");
const SecretBytes kServiceKey(*fromHex("5566778899AABBCCCCBBAA9988776655")); // CA_SERVICE_1 v1

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

} // namespace

class TestScrambleChain : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_clear;
    QList<int> m_clearCounts;
    QByteArray m_clearMd5;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString scramble(const QString& name, const QStringList& extra = {}) {
        const QString out = path(name);
        cdtest::runTool(CARDDESK_SCRAMBLER_BIN,
                        QStringList{"--service-key-file", kKeys, "--period", "5"} + extra + QStringList{m_clear, out});
        return out;
    }
    QString descramble(const QString& in, const QString& name, const QStringList& extra = {}) {
        const QString out = path(name);
        cdtest::runTool(CARDDESK_DESCRAMBLE_BIN,
                        QStringList{"--service-key-file", kKeys} + extra + QStringList{in, out});
        return out;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_clear = path("clear.ts");
        cdtest::makeTestStream(m_clear, 23);
        m_clearCounts = cdtest::frameCounts(m_clear);
        QCOMPARE(m_clearCounts.size(), 2);
        QVERIFY(m_clearCounts[0] >= 570); // 23 s at 25 fps
        m_clearMd5 = cdtest::framemd5(m_clear);
    }

    void csa2DescramblesToTheClearStream() {
        const QString scrambled = scramble("csa.ts");
        const QList<int> scrambledCounts = cdtest::frameCounts(scrambled);
        for (int c : scrambledCounts)
            QVERIFY2(c <= m_clearCounts[0] / 20, "a scrambled stream must not decode");
        const QString out = descramble(scrambled, "csa-out.ts");
        QCOMPARE(cdtest::frameCounts(out), m_clearCounts);
        QVERIFY(cdtest::framemd5(out) == m_clearMd5);
    }

    void cissaDescramblesToTheClearStream() {
        const QString scrambled = scramble("cissa.ts", {"--cissa"});
        const QString out = descramble(scrambled, "cissa-out.ts");
        QCOMPARE(cdtest::frameCounts(out), m_clearCounts);
        QVERIFY(cdtest::framemd5(out) == m_clearMd5);
    }

    // Headend and gateway over UDP on loopback (7 packets a datagram), the way a set-top box is fed.
    void overUdp() {
        QProcess gateway;
        const QString out = path("udp-out.ts");
        gateway.start(CARDDESK_DESCRAMBLE_BIN,
                      {"--service-key-file", kKeys, "--udp-idle", "1", "udp://127.0.0.1:15604", out});
        QVERIFY(gateway.waitForStarted());
        QTest::qWait(300); // bound before the headend sends
        cdtest::runTool(CARDDESK_SCRAMBLER_BIN,
                        {"--service-key-file", kKeys, "--period", "5", m_clear, "udp://127.0.0.1:15604"});
        QVERIFY(gateway.waitForFinished(20000));
        QCOMPARE(gateway.exitCode(), 0);
        QCOMPARE(cdtest::frameCounts(out), m_clearCounts);
        QVERIFY(cdtest::framemd5(out) == m_clearMd5);
    }

    void wrongKeyOrNoRightDecodesNothing() {
        const QString scrambled = scramble("csa-neg.ts");
        // Same key name and version, other value: every ECM fails its MAC.
        const QString wrongKeys = path("wrong-keys.txt");
        QFile f(wrongKeys);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("CA_SERVICE_1 1 00112233445566778899AABBCCDDEEFF\n");
        f.close();
        cdtest::runTool(CARDDESK_DESCRAMBLE_BIN, {"--service-key-file", wrongKeys, scrambled, path("wrong.ts")});
        // The card holds the key but the user has no right to package 1.
        const QString noRight = descramble(scrambled, "noright.ts", {"--entitled-packages", "2,3"});
        for (const QString& out : {path("wrong.ts"), noRight})
            for (int c : cdtest::frameCounts(out))
                QVERIFY2(c <= m_clearCounts[0] / 20, qPrintable(out + " decodes without a right"));
        // ...and with the right package it plays.
        QCOMPARE(cdtest::frameCounts(descramble(scrambled, "right.ts", {"--entitled-packages", "1"})), m_clearCounts);
    }

    // Walks the scrambled stream: signalling, ECM repetition and table_id toggling, and that every crypto period's
    // CW was on air as "next" in an ECM of the previous period before its first packet.
    void cryptoPeriodSwitchesAreAnnounced() {
        const QByteArray ts = readAll(scramble("walk.ts"));
        QVERIFY(ts.size() % 188 == 0);
        ts::SectionAssembler ecmAssembler, pmtAssembler, catAssembler;
        std::map<std::uint32_t, std::pair<Bytes, Bytes>> cwsByPeriod; // period -> (even, odd)
        int lastParity = -1, switches = 0, ecmSections = 0, tableToggles = 0, lastTable = -1;
        bool pmtHasCa = false, catHasEmm = false;
        std::uint32_t currentPeriod = 0;
        std::vector<std::uint64_t> ecmPacketIndex;
        for (qsizetype i = 0; i < ts.size(); i += 188) {
            Bytes raw(ts.begin() + i, ts.begin() + i + 188);
            ts::TsPacket p(raw.data());
            if (p.pid() == 0x1FF0) {
                for (const auto& s : ecmAssembler.push(p)) {
                    ++ecmSections;
                    ecmPacketIndex.push_back(static_cast<std::uint64_t>(i / 188));
                    if (lastTable >= 0 && s[0] != lastTable)
                        ++tableToggles;
                    lastTable = s[0];
                    const Bytes payload = ecm::Ecm::payloadOfSection(s);
                    const auto h = ecm::Ecm::parseHeader(payload);
                    QCOMPARE(int(s[0]), h.currentIsOdd() ? 0x81 : 0x80);
                    const auto cws =
                        ecm::Ecm::decrypt(payload, [](std::uint8_t, std::uint8_t) { return &kServiceKey; });
                    cwsByPeriod[h.cryptoPeriod] = {cws.even.bytes(), cws.odd.bytes()};
                    currentPeriod = h.cryptoPeriod;
                }
            } else if (p.pid() == 0x1000) {
                for (const auto& s : pmtAssembler.push(p)) {
                    const auto pmt = ts::parsePmt(s);
                    QVERIFY(pmt);
                    QCOMPARE(pmt->version, std::uint8_t(1)); // ffmpeg writes version 0: bumped
                    pmtHasCa = ts::findCaPid(pmt->programDescriptors, std::uint16_t(0xFFCD)) == std::uint16_t(0x1FF0);
                }
            } else if (p.pid() == ts::kCatPid) {
                for (const auto& s : catAssembler.push(p))
                    if (const auto cat = ts::parseCat(s))
                        catHasEmm = ts::findCaPid(cat->descriptors, std::uint16_t(0xFFCD)) == std::uint16_t(0x1FF1);
            } else if (p.scramblingBits() >= 2) {
                const int parity = p.scramblingBits() & 1;
                if (parity != lastParity) {
                    if (lastParity >= 0) {
                        ++switches;
                        // The CW for this new period was on air as "next" during the previous one.
                        QVERIFY(cwsByPeriod.count(currentPeriod - 1));
                        const auto& prev = cwsByPeriod[currentPeriod - 1];
                        const auto& now = cwsByPeriod[currentPeriod];
                        QVERIFY(parity ? prev.second == now.second : prev.first == now.first);
                    }
                    lastParity = parity;
                }
                QCOMPARE(parity, int(currentPeriod & 1)); // never a packet ahead of its ECM
            }
        }
        QVERIFY(pmtHasCa);
        QVERIFY(catHasEmm);
        QVERIFY2(switches >= 4, qPrintable(QString::number(switches))); // 23 s in 5-s periods
        QCOMPARE(std::size_t(switches) + 1, cwsByPeriod.size());
        QCOMPARE(tableToggles, switches);
        QVERIFY2(ecmSections >= 200, qPrintable(QString::number(ecmSections))); // ~every 100 ms
        // No gap between ECMs longer than ~0.3 s worth of packets at this stream's rate.
        const double packetsPerSecond = double(ts.size() / 188) / 23.0;
        for (std::size_t k = 1; k < ecmPacketIndex.size(); ++k)
            QVERIFY(double(ecmPacketIndex[k] - ecmPacketIndex[k - 1]) < 0.3 * packetsPerSecond);
    }
};

QTEST_GUILESS_MAIN(TestScrambleChain)
#include "TestScrambleChain.moc"
