// The virtual card in the real PC/SC stack, seen by a client nobody here wrote (OpenSC's opensc-tool), before and
// after personalisation over PC/SC.
#include "bench/PcscClient.h"
#include "support/CardProcess.h"
#include "support/TestProfiles.h"

#include <QTemporaryDir>
#include <QtTest>

class TestOpenscTool : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;
    const QString m_reader = cdtest::readerForPort(35963);

    QString opensc(const QStringList& args) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("opensc-tool"), args);
        if (!p.waitForFinished(20000))
            return QStringLiteral("<opensc-tool timed out>");
        return QString::fromUtf8(p.readAll());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img"))));
        cdbench::PcscClient pcsc;
        QVERIFY2(pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10)), "no card in the reader");
    }
    void cleanupTestCase() { m_card.stop(); }

    void readerListedWithACard() {
        const QString out = opensc({QStringLiteral("-l")});
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("Yes\\s+.*Virtual PCD 00 00"))), qPrintable(out));
    }

    void atrNamesTheCardOs() {
        const QString out = opensc({QStringLiteral("-r"), m_reader, QStringLiteral("-a")});
        // 3B 88 01 'C' 'D' 'O' 'S' 01 00 <life cycle 00 = blank> 00 TCK
        QVERIFY2(out.contains(QStringLiteral("3b:88:01:43:44:4f:53:01:00:00:00")), qPrintable(out));
    }

    void blankCardAnswersSelectAndGetData() {
        const QString out = opensc({QStringLiteral("-r"), m_reader, QStringLiteral("-s"),
                                    QStringLiteral("00A4000C023F00"), QStringLiteral("-s"),
                                    QStringLiteral("80CA010400"), QStringLiteral("-s"), QStringLiteral("80CA010500")});
        QCOMPARE(out.count(QStringLiteral("SW1=0x90, SW2=0x00")), 3);
        QVERIFY2(out.contains(QStringLiteral("00 ")), qPrintable(out)); // life cycle blank
        QVERIFY2(out.contains(QStringLiteral("CDOS 1.0")), qPrintable(out));
        const QString bad =
            opensc({QStringLiteral("-r"), m_reader, QStringLiteral("-s"), QStringLiteral("00A4000C029999")});
        QVERIFY2(bad.contains(QStringLiteral("SW1=0x6A, SW2=0x82")), qPrintable(bad));
    }

    void personalisedCardAnswersWithItsNumbers() {
        cdbench::PcscClient pcsc;
        pcsc.connect(m_reader.toStdString());
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        cdos::Personaliser perso(keys, pcsc.transmitter());
        perso.personalise(cdtest::sampleProfile());
        QVERIFY(perso.verify(cdtest::sampleProfile()).empty());
        pcsc.disconnect();

        const QString out = opensc({QStringLiteral("-r"), m_reader, QStringLiteral("-s"), QStringLiteral("80CA010100"),
                                    QStringLiteral("-s"), QStringLiteral("80CA010400")});
        QVERIFY2(out.contains(QStringLiteral("86 01 00 00 00 00 00 00 00 01")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Received (SW1=0x90, SW2=0x00)")), qPrintable(out));
        // The household is not for any terminal: a plain GET DATA users is refused (issue 17)...
        const QString hidden =
            opensc({QStringLiteral("-r"), m_reader, QStringLiteral("-s"), QStringLiteral("80CA010700")});
        QVERIFY2(hidden.contains(QStringLiteral("SW1=0x69, SW2=0x82")), qPrintable(hidden));
        // ...and answered after user 1's VERIFY, never carrying a PIN: 1234 as BCD must not appear in the answer.
        const QString out2 =
            opensc({QStringLiteral("-r"), m_reader, QStringLiteral("-s"), QStringLiteral("00200001021234"),
                    QStringLiteral("-s"), QStringLiteral("80CA010700")});
        const QString users = out2.mid(out2.lastIndexOf(QStringLiteral("Sending: 80 CA")));
        QVERIFY2(users.contains(QStringLiteral("SW1=0x90")), qPrintable(out2));
        QVERIFY2(!users.contains(QStringLiteral("12 34")), qPrintable(users));
    }
};

QTEST_GUILESS_MAIN(TestOpenscTool)
#include "TestOpenscTool.moc"
