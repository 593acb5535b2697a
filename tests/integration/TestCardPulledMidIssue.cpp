// A card pulled out (its process dies) in the middle of personalisation over real PC/SC: the host gets a clear
// error, and the card, put back, is either still blank (and can be issued) or fully personalised. And a terminal
// that pulls the card at VERIFY's first page write learns nothing about the PIN (issue 17).
#include "bench/PcscClient.h"
#include "support/CardProcess.h"
#include "support/TestProfiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestCardPulledMidIssue : public QObject {
    Q_OBJECT
    const std::string m_reader = cdtest::readerForPort(35964).toStdString();

private slots:
    void pulledAtPageWrite_data() {
        QTest::addColumn<int>("cutAt");
        // Early (take-over), middle (keys and files) and late (users, menu, end) page writes.
        for (int n : {1, 5, 17, 30, 45})
            QTest::newRow(qPrintable(QStringLiteral("write %1").arg(n))) << n;
    }
    void pulledAtPageWrite() {
        QFETCH(int, cutAt);
        QTemporaryDir dir;
        const QString image = dir.filePath(QStringLiteral("card.img"));
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        const auto profile = cdtest::sampleProfile();
        {
            cdtest::CardProcess card;
            QVERIFY(card.start(image, 35964, {QStringLiteral("--power-cut-at"), QString::number(cutAt)}));
            cdbench::PcscClient pcsc;
            QVERIFY(pcsc.waitForCard(m_reader, std::chrono::seconds(10)));
            pcsc.connect(m_reader);
            cdos::Personaliser perso(keys, pcsc.transmitter());
            bool failed = false;
            try {
                perso.personalise(profile);
            } catch (const cdbench::PcscError& e) {
                failed = true;
                QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("transmit")));
            }
            if (!failed)
                QSKIP("the personalisation finished before this page write");
            QVERIFY(card.process().waitForFinished(5000));
            QCOMPARE(card.process().exitCode(), 3);
        }
        // Put the card back.
        cdtest::CardProcess card;
        QVERIFY(card.start(image, 35964));
        cdbench::PcscClient pcsc;
        QVERIFY(pcsc.waitForCard(m_reader, std::chrono::seconds(10)));
        pcsc.connect(m_reader);
        const auto lc = pcsc.transmit(cdos::getData(cdos::tag::LifeCycleTag));
        QCOMPARE(lc.sw, std::uint16_t(0x9000));
        cdos::Personaliser perso(keys, pcsc.transmitter());
        if (lc.data == cdos::Bytes{0x00})
            perso.personalise(profile);
        QVERIFY(perso.verify(profile).empty());
        const auto pin = pcsc.transmit(cdos::verifyPin(1, "1234"));
        QCOMPARE(pin.sw, std::uint16_t(0x9000));
    }

    // The attack: `carddesk-card --power-cut-at 1`, then VERIFY. Before, a wrong PIN died at its counter write and
    // the right one answered 9000. Now both die at the first write and leave the same tries.
    void pinGuessCutAtFirstWriteTellsNothing() {
        QTemporaryDir dir;
        const QString issued = dir.filePath(QStringLiteral("issued.img"));
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        {
            cdtest::CardProcess card;
            QVERIFY(card.start(issued, 35964));
            cdbench::PcscClient pcsc;
            QVERIFY(pcsc.waitForCard(m_reader, std::chrono::seconds(10)));
            pcsc.connect(m_reader);
            cdos::Personaliser(keys, pcsc.transmitter()).personalise(cdtest::sampleProfile());
        }
        QString triesAfter[2];
        const char* pins[2] = {"0000", "1234"}; // wrong, right
        for (int i = 0; i < 2; ++i) {
            const QString image = dir.filePath(QStringLiteral("guess-%1.img").arg(i));
            QVERIFY(QFile::copy(issued, image));
            {
                cdtest::CardProcess card;
                QVERIFY(card.start(image, 35964, {QStringLiteral("--power-cut-at"), QStringLiteral("1")}));
                cdbench::PcscClient pcsc;
                QVERIFY(pcsc.waitForCard(m_reader, std::chrono::seconds(10)));
                pcsc.connect(m_reader);
                bool died = false;
                try {
                    const auto r = pcsc.transmit(cdos::verifyPin(1, pins[i]));
                    QFAIL(qPrintable(QStringLiteral("PIN %1 answered %2 before its try was spent")
                                         .arg(QLatin1String(pins[i]))
                                         .arg(r.sw, 4, 16)));
                } catch (const cdbench::PcscError&) {
                    died = true;
                }
                QVERIFY(died);
                QVERIFY(card.process().waitForFinished(5000));
                QCOMPARE(card.process().exitCode(), 3); // cut at the write, like a card pulled out
            }
            cdtest::CardProcess card;
            QVERIFY(card.start(image, 35964));
            cdbench::PcscClient pcsc;
            QVERIFY(pcsc.waitForCard(m_reader, std::chrono::seconds(10)));
            pcsc.connect(m_reader);
            const cdos::CommandApdu triesLeft{0x00, 0x20, 0x00, 0x01, {}, -1};
            triesAfter[i] = QString::number(pcsc.transmit(triesLeft).sw, 16);
        }
        QCOMPARE(triesAfter[1], triesAfter[0]); // the right guess left the card as the wrong one did
    }
};

QTEST_GUILESS_MAIN(TestCardPulledMidIssue)
#include "TestCardPulledMidIssue.moc"
