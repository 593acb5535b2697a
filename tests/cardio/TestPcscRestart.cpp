// pcscd killed and restarted under cardio (issue 16): the Qt-free core's wait for a card says that its context died
// instead of waiting out its timeout, and the console's reader manager (the PC/SC owner thread) notices, says so in
// its service status, drops the readers, makes a new context once pcscd is back and serves the card again.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/CardSnapshot.h>

#include "support/CardProcess.h"
#include "support/PcscRestart.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

class TestPcscRestart : public QObject {
    Q_OBJECT
    const int m_port = 35965; // "CardDesk Reader B 00 00" of the test pcscd
    const QString m_reader = cdtest::readerForPort(35965);
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;

private slots:
    void initTestCase() {
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("restart.img")), m_port));
        QVERIFY(pcsc::Context().waitForCard(m_reader.toStdString(), std::chrono::seconds(10)));
    }
    void cleanupTestCase() { m_card.stop(); }

    // A context made before pcscd died never sees a card again: its wait says so (NoService) at once rather than
    // answering "no card" at the end of its timeout.
    void waitOnADeadContextSaysSo() {
        pcsc::Context old;
        QVERIFY(old.waitForCard(m_reader.toStdString(), std::chrono::seconds(5)));
        QVERIFY(cdtest::restartPcscd(1));
        QElapsedTimer clock;
        clock.start();
        try {
            old.waitForCard(m_reader.toStdString(), std::chrono::seconds(20));
            QFAIL("a wait on a dead context answered");
        } catch (const pcsc::Error& e) {
            QCOMPARE(e.kind(), pcsc::Error::Kind::NoService);
            QVERIFY2(QString::fromStdString(e.what()).contains(m_reader), e.what());
        }
        QVERIFY2(clock.elapsed() < 5000, "the dead context was waited on");
        // A new context sees the card again: it reconnected to vpcd by itself.
        QVERIFY(pcsc::Context().waitForCard(m_reader.toStdString(), std::chrono::seconds(15)));
    }

    void managerNoticesSaysSoAndReconnects() {
        CardReaderManager m;
        QSignalSpy status(&m, &CardReaderManager::serviceStatusChanged);
        QSignalSpy removed(&m, &CardReaderManager::readerRemoved);
        m.start();
        QVERIFY(m.waitForReady(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m.reader(m_reader) && m.reader(m_reader)->cardPresent, 10000);
        status.clear();

        cdtest::PcscRestart restart;
        QVERIFY(restart.begin(3));
        // Noticed and said: the status and its message, the readers gone with the service.
        QTRY_COMPARE_WITH_TIMEOUT(m.serviceStatus(), ServiceStatus::NotRunning, 10000);
        QCOMPARE(m.serviceMessage(), QStringLiteral("PC/SC service not running"));
        const auto said = [&status](ServiceStatus wanted) {
            for (const auto& args : status)
                if (args.at(0).value<ServiceStatus>() == wanted)
                    return true;
            return false;
        };
        QTRY_VERIFY(said(ServiceStatus::NotRunning));
        QTRY_VERIFY(!m.readerNames().contains(m_reader));
        QVERIFY(!removed.isEmpty());
        // A job meanwhile fails with the reason, it does not hang.
        const JobResult down = m.run(m_reader, [](CardChannel&) { return QVariant(); });
        QVERIFY(!down.ok());
        QVERIFY2(down.cardError == CardError::Kind::NoService || down.cardError == CardError::Kind::UnknownReader,
                 qPrintable(down.error));

        QVERIFY(restart.finish());
        // Reconnected: a new context, the reader and its card back, a job served.
        QTRY_COMPARE_WITH_TIMEOUT(m.serviceStatus(), ServiceStatus::Running, 15000);
        QTRY_COMPARE(status.last().at(0).value<ServiceStatus>(), ServiceStatus::Running); // the signal follows
        QTRY_VERIFY_WITH_TIMEOUT(m.reader(m_reader) && m.reader(m_reader)->cardPresent, 15000);
        JobResult r;
        for (int attempt = 0; attempt < 20; ++attempt) { // vpcd's card may need a poll to answer again
            r = m.run(m_reader, [](CardChannel& ch) { return QVariant::fromValue(CardSnapshot::read(ch)); });
            if (r.ok())
                break;
            QTest::qWait(250);
        }
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.value.value<CardSnapshot>().lifeCycle, std::optional<cdos::LifeCycle>(cdos::LifeCycle::Blank));
    }
};

QTEST_GUILESS_MAIN(TestPcscRestart)
#include "TestPcscRestart.moc"
