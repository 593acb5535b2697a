// The e-purse through the real stack: carddesk-card in a vpcd reader of a real pcscd, issued with the
// Personaliser, then load, purchase, log, last transaction and proof with PurseTerminal over PC/SC; and once with
// OpenSC's opensc-tool, as a technician would check a balance.
#include "bench/PcscClient.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"
#include "support/CardProcess.h"
#include "support/TestProfiles.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace cdos::ep;

class TestEPursePcsc : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35966; // "CardDesk Reader B 00 01": clear of the other stack tests
    const std::string m_reader = cdtest::readerForPort(kPort).toStdString();
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;

private slots:
    void initTestCase() {
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img")), kPort));
        cdbench::PcscClient pcsc;
        QVERIFY2(pcsc.waitForCard(m_reader, std::chrono::seconds(10)), "no card in the reader");
    }
    void cleanupTestCase() { m_card.stop(); }

    void issueLoadPurchaseLogProve() {
        cdbench::PcscClient pcsc;
        pcsc.connect(m_reader);
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        const auto profile = cdtest::sampleProfile("86010000000000000042");
        cdos::Personaliser perso(keys, pcsc.transmitter());
        perso.personalise(profile);
        qInfo("issuance: %d APDUs", perso.apduCount());
        QVERIFY(perso.verify(profile).empty());

        const TerminalId terminal{0x00, 0x00, 0x00, 0x00, 0x77, 0x01};
        PurseTerminal t(pcsc.transmitter(), terminal, PurseKeys::fromIssuer(keys, profile.info.asn()));
        t.selectPurse();
        QCOMPARE(t.balance(), 0u);
        t.verifyPin(1, "1234");
        const auto date = bcdDate(2026, 11, 26);
        const auto l = t.load(12345, date, bcdTime(9, 0, 0));
        QVERIFY(l.tacVerified);
        const auto p = t.purchase(2345, 0x00000101, date, bcdTime(9, 5, 0));
        QVERIFY(p.tacVerified && p.mac2Verified);
        QCOMPARE(t.balance(), 10000u);
        const auto log = t.readLog();
        QCOMPARE(log.size(), std::size_t(2));
        QCOMPARE(log[0].type, std::uint8_t(0x06));
        QCOMPARE(log[1].amount, 12345u);
        const auto last = t.lastTransaction();
        QCOMPARE(last.terminalSerial, 0x101u);
        const auto proof = t.prove(TxType::EpPurchase, last.counter);
        QCOMPARE(proof.tac, p.tac);
        QVERIFY(t.checkTac(log[0], last, t.balance(), proof.tac));
        pcsc.disconnect();
    }

    void openscToolReadsTheBalance() {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("opensc-tool"),
                {QStringLiteral("-r"), QString::fromStdString(m_reader), QStringLiteral("-s"),
                 QStringLiteral("00A4040006F04344455001"), QStringLiteral("-s"), QStringLiteral("805C000204")});
        QVERIFY(p.waitForFinished(20000));
        const QString out = QString::fromUtf8(p.readAll());
        QCOMPARE(out.count(QStringLiteral("SW1=0x90, SW2=0x00")), 2);
        QVERIFY2(out.contains(QStringLiteral("00 00 27 10")), qPrintable(out)); // 10000 fen = 100.00 yuan
    }
};

QTEST_GUILESS_MAIN(TestEPursePcsc)
#include "TestEPursePcsc.moc"
