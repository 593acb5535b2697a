// The TV chain through the real card: ffmpeg makes a clear H.264 + MP2 stream, carddesk-scrambler scrambles it
// (package 1, CA_SERVICE_1, 5-s periods), and carddesk-descramble --reader sends each new ECM to carddesk-card in a
// vpcd reader of a real pcscd. The entitled user's output is frame-for-frame the clear stream (framemd5); another
// user of the same card, without the package, decodes about nothing.
#include "CaIssuance.h"
#include "bench/PcscClient.h"
#include "support/CardProcess.h"
#include "support/MediaTools.h"
#include "support/TestProfiles.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kKeys = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");

} // namespace

class TestCaPcsc : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35964; // "Virtual PCD 00 01"
    const std::string m_reader = cdtest::readerForPort(kPort).toStdString();
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;
    QString m_clear, m_scrambled;
    QList<int> m_clearCounts;

    QString path(const QString& n) const { return m_dir.filePath(n); }
    QString descramble(const QString& name, int user, const char* pin) {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CARDDESK_PIN"), QString::fromLatin1(pin));
        cdtest::runTool(CARDDESK_DESCRAMBLE_BIN,
                        {"--reader", QString::fromStdString(m_reader), "--user", QString::number(user), "--date",
                         "20261126", m_scrambled, path(name)},
                        env);
        return path(name);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img")), kPort));
        cdbench::PcscClient pcsc;
        QVERIFY2(pcsc.waitForCard(m_reader, std::chrono::seconds(10)), "no card in the reader");
        pcsc.connect(m_reader);
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        // User 1 has package 1 (what the scrambler puts in its ECMs); user 2 has only package 2.
        catest::issueWithCa(keys, cdtest::sampleProfile("86010000000000000064"), pcsc.transmitter(),
                            {{1, cdos::ca::RightKind::Package, 1, 20260101, 20261231},
                             {2, cdos::ca::RightKind::Package, 2, 20260101, 20261231}});
        pcsc.disconnect();

        m_clear = path("clear.ts");
        cdtest::makeTestStream(m_clear, 16);
        m_clearCounts = cdtest::frameCounts(m_clear);
        QCOMPARE(m_clearCounts.size(), 2);
        m_scrambled = path("scrambled.ts");
        cdtest::runTool(CARDDESK_SCRAMBLER_BIN, {"--service-key-file", kKeys, "--period", "5", m_clear, m_scrambled});
    }
    void cleanupTestCase() { m_card.stop(); }

    // Before the entitled run: the replay floor is per programme, so a refused user must not come after it.
    void unentitledUserDecodesNothing() {
        const QString out = descramble("user2.ts", 2, "5678");
        for (int c : cdtest::frameCounts(out))
            QVERIFY2(c <= m_clearCounts[0] / 20, "decodes without a right");
    }

    void entitledUserGetsTheClearStream() {
        const QString out = descramble("user1.ts", 1, "1234");
        QCOMPARE(cdtest::frameCounts(out), m_clearCounts);
        QVERIFY(cdtest::framemd5(out) == cdtest::framemd5(m_clear));
    }
};

QTEST_GUILESS_MAIN(TestCaPcsc)
#include "TestCaPcsc.moc"
