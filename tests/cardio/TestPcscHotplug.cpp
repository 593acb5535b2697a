// The reader manager over real pcscd + vpcd + carddesk-card: readers by name, card insertion and removal with
// ATR, jobs inside transactions, and a clear error when the card is pulled.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/CardSnapshot.h>
#include <carddesk/cardio/TraceLog.h>

#include "support/CardProcess.h"

#include <carddesk/protocol/perso/Personaliser.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

class TestPcscHotplug : public QObject {
    Q_OBJECT
    const int m_port = 35965; // "CardDesk Reader B 00 00" of the test pcscd
    const QString m_reader = cdtest::readerForPort(35965);
    QTemporaryDir m_dir;

private slots:
    void readersAreListedByName() {
        CardReaderManager m;
        m.start();
        QVERIFY(m.waitForReady(10000));
        QCOMPARE(m.serviceStatus(), ServiceStatus::Running);
        QTRY_VERIFY_WITH_TIMEOUT(m.readerNames().contains(m_reader), 10000);
        QVERIFY(m.readerNames().contains(QStringLiteral("Virtual PCD 00 00")));
    }

    void insertReadRemove() {
        CardReaderManager m;
        QSignalSpy inserted(&m, &CardReaderManager::cardInserted);
        QSignalSpy removed(&m, &CardReaderManager::cardRemoved);
        m.start();
        QVERIFY(m.waitForReady(10000));

        // A card that left this reader just before (an earlier test) is seen gone only at vpcd's next poll.
        QTRY_VERIFY_WITH_TIMEOUT(m.reader(m_reader) && !m.reader(m_reader)->cardPresent, 5000);
        inserted.clear();
        removed.clear();
        cdtest::CardProcess card;
        QVERIFY(card.start(m_dir.filePath(QStringLiteral("hotplug.img")), m_port));
        QTRY_VERIFY_WITH_TIMEOUT(m.reader(m_reader) && m.reader(m_reader)->cardPresent, 10000);
        auto sawOurs = [&] {
            for (const auto& args : inserted)
                if (args.at(0).toString() == m_reader && args.at(1).toByteArray().mid(3, 4) == "CDOS")
                    return true;
            return false;
        };
        QTRY_VERIFY(sawOurs());

        const JobResult r =
            m.run(m_reader, [](CardChannel& ch) { return QVariant::fromValue(CardSnapshot::read(ch)); });
        QVERIFY2(r.ok(), qPrintable(r.error));
        const CardSnapshot s = r.value.value<CardSnapshot>();
        QCOMPARE(s.lifeCycle, std::optional<cdos::LifeCycle>(cdos::LifeCycle::Blank));
        QCOMPARE(s.reader, m_reader);
        QVERIFY(m.traceLog()->count() >= 10);

        // Pulled in the middle of a job: a clear "removed" error, not a hang.
        std::atomic<bool> started{false};
        QFuture<QVariant> job = m.submit(m_reader, [&started](CardChannel& ch) -> QVariant {
            for (int i = 0; i < 100000; ++i) {
                ch.transmit(cdos::getChallenge());
                started = true;
            }
            return {};
        });
        QTRY_VERIFY(started.load());
        card.kill();
        JobResult pulled;
        try {
            job.waitForFinished();
            pulled.value = job.result();
        } catch (...) {
            pulled = CardReaderManager::resultFromException(std::current_exception());
        }
        QVERIFY(!pulled.ok());
        QVERIFY2(pulled.cardError == CardError::Kind::Removed || pulled.cardError == CardError::Kind::Unresponsive,
                 qPrintable(pulled.error));
        QVERIFY2(pulled.error.contains(m_reader), qPrintable(pulled.error));
        QTRY_VERIFY_WITH_TIMEOUT(!m.reader(m_reader)->cardPresent, 10000);
        QTRY_VERIFY(!removed.isEmpty());

        const JobResult empty = m.run(m_reader, [](CardChannel&) { return QVariant(); });
        QVERIFY(!empty.ok());
        QVERIFY(empty.error.contains(m_reader));
    }
};

QTEST_GUILESS_MAIN(TestPcscHotplug)
#include "TestPcscHotplug.moc"
