// The reader manager without pcscd: in-process readers, the owner thread, jobs, callbacks and errors.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>

#include <carddesk/protocol/perso/Personaliser.h>

#include <QSignalSpy>
#include <QtTest>

using namespace carddesk;

namespace {

// Answers GET CHALLENGE with 8 bytes and remembers which thread it ran on.
struct EchoCard {
    std::shared_ptr<std::atomic<QThread*>> thread = std::make_shared<std::atomic<QThread*>>(nullptr);
    QByteArray operator()(const QByteArray& c) const {
        thread->store(QThread::currentThread());
        if (c.size() >= 2 && static_cast<quint8>(c[1]) == 0x84)
            return QByteArray::fromHex("01020304050607089000");
        return QByteArray::fromHex("6D00");
    }
};

} // namespace

class TestCardReaderManager : public QObject {
    Q_OBJECT
private slots:
    void localReaderSignalsAndState() {
        CardReaderManager m;
        QSignalSpy added(&m, &CardReaderManager::readerAdded);
        QSignalSpy inserted(&m, &CardReaderManager::cardInserted);
        QSignalSpy removed(&m, &CardReaderManager::cardRemoved);
        QSignalSpy gone(&m, &CardReaderManager::readerRemoved);
        m.start(false);
        QVERIFY(m.waitForReady(2000));
        m.addLocalReader(QStringLiteral("Local A"));
        m.insertLocalCard(QStringLiteral("Local A"), QByteArray::fromHex("3B00"), EchoCard{});
        QTRY_COMPARE(added.size(), 1);
        QTRY_COMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toByteArray(), QByteArray::fromHex("3B00"));
        QCOMPARE(m.readerNames(), QStringList{QStringLiteral("Local A")});
        QVERIFY(m.reader(QStringLiteral("Local A"))->cardPresent);
        QVERIFY(m.reader(QStringLiteral("Local A"))->local);
        m.removeLocalCard(QStringLiteral("Local A"));
        QTRY_COMPARE(removed.size(), 1);
        m.removeLocalReader(QStringLiteral("Local A"));
        QTRY_COMPARE(gone.size(), 1);
        QVERIFY(m.readerNames().isEmpty());
        QCOMPARE(m.serviceStatus(), ServiceStatus::Running);
    }

    void jobsRunOnTheOwnerThread() {
        CardReaderManager m;
        m.start(false);
        EchoCard card;
        m.insertLocalCard(QStringLiteral("L"), {}, card);
        const JobResult r = m.run(QStringLiteral("L"), [](CardChannel& ch) {
            const auto rsp = ch.transmit(cdos::getChallenge());
            return QVariant(QByteArray(reinterpret_cast<const char*>(rsp.data.data()), qsizetype(rsp.data.size())));
        });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.value.toByteArray(), QByteArray::fromHex("0102030405060708"));
        QVERIFY(card.thread->load() != nullptr);
        QVERIFY(card.thread->load() != QThread::currentThread());
        QCOMPARE(m.traceLog()->count(), 1);
        QCOMPARE(m.traceLog()->entry(0).reader, QStringLiteral("L"));
    }

    void callbackOnCallersThread() {
        CardReaderManager m;
        m.start(false);
        m.insertLocalCard(QStringLiteral("L"), {}, EchoCard{});
        QObject context;
        std::optional<JobResult> got;
        QThread* calledOn = nullptr;
        m.submit(
            QStringLiteral("L"), [](CardChannel& ch) { return QVariant(ch.readerName()); }, &context,
            [&](const JobResult& r) {
                got = r;
                calledOn = QThread::currentThread();
            });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->value.toString(), QStringLiteral("L"));
        QCOMPARE(calledOn, QThread::currentThread());
    }

    void errorsBecomeClearResults() {
        CardReaderManager m;
        m.start(false);
        m.addLocalReader(QStringLiteral("Empty"));
        m.insertLocalCard(QStringLiteral("L"), {}, EchoCard{});

        JobResult r = m.run(QStringLiteral("Empty"), [](CardChannel&) { return QVariant(); });
        QCOMPARE(r.cardError, std::optional<CardError::Kind>(CardError::Kind::NoCard));
        QVERIFY(r.error.contains(QStringLiteral("Empty")));

        r = m.run(QStringLiteral("Nowhere"), [](CardChannel&) { return QVariant(); });
        QCOMPARE(r.cardError, std::optional<CardError::Kind>(CardError::Kind::UnknownReader));

        r = m.run(QStringLiteral("L"), [](CardChannel&) -> QVariant {
            throw cdos::PersonalisationError("WRITE KEY 1 refused: 6988", 0x6988);
        });
        QCOMPARE(r.sw, quint16(0x6988));
        QVERIFY(r.error.contains(QStringLiteral("MAC")));

        r = m.run(QStringLiteral("L"), [](CardChannel&) -> QVariant { throw std::runtime_error("boom"); });
        QCOMPARE(r.error, QStringLiteral("boom"));

        // QFuture rethrows the job's exception.
        QFuture<QVariant> f = m.submit(QStringLiteral("Empty"), [](CardChannel&) { return QVariant(); });
        QVERIFY_THROWS_EXCEPTION(CardError, f.waitForFinished());
    }

    void stopFailsLaterJobs() {
        CardReaderManager m;
        m.start(false);
        m.insertLocalCard(QStringLiteral("L"), {}, EchoCard{});
        m.stop();
        QVERIFY(!m.isRunning());
        const JobResult r = m.run(QStringLiteral("L"), [](CardChannel&) { return QVariant(1); });
        QCOMPARE(r.cardError, std::optional<CardError::Kind>(CardError::Kind::Cancelled));
        m.start(false); // restartable
        QVERIFY(m.run(QStringLiteral("L"), [](CardChannel&) { return QVariant(1); }).ok());
    }

    void serviceAbsentIsReported() {
        // Point libpcsclite at a socket nobody listens on: the same as pcscd not running.
        qputenv("PCSCLITE_CSOCK_NAME", QByteArrayLiteral("/nonexistent/carddesk-test.comm"));
        CardReaderManager m;
        QSignalSpy status(&m, &CardReaderManager::serviceStatusChanged);
        m.start(true);
        QVERIFY(m.waitForReady(5000));
        QCOMPARE(m.serviceStatus(), ServiceStatus::NotRunning);
        QCOMPARE(m.serviceMessage(), QStringLiteral("PC/SC service not running"));
        QTRY_VERIFY(!status.isEmpty());
        const JobResult r = m.run(QStringLiteral("Virtual PCD 00 00"), [](CardChannel&) { return QVariant(); });
        QCOMPARE(r.cardError, std::optional<CardError::Kind>(CardError::Kind::NoService));
        // Local readers still work without pcscd.
        m.insertLocalCard(QStringLiteral("L"), {}, EchoCard{});
        QVERIFY(m.run(QStringLiteral("L"), [](CardChannel&) { return QVariant(1); }).ok());
        m.stop();
        qunsetenv("PCSCLITE_CSOCK_NAME");
    }
};

QTEST_GUILESS_MAIN(TestCardReaderManager)
#include "TestCardReaderManager.moc"
