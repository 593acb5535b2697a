// Issue 11 over real PC/SC: the standard issuance through IssuanceService and pcscd, the card cut with
// `carddesk-card --power-cut-at N` (the process dies in the middle of that page write, as a pulled card loses
// power), put back (the same image, a new process), and issued again — at every page write. Every card ends issued
// with a new number (it came back blank) or recorded (it had completed), and no number is given twice.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>

#include "support/CardProcess.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

class TestIssueInterruptedPcsc : public QObject {
    Q_OBJECT
    const int m_port = 35963;
    const QString m_reader = cdtest::readerForPort(35963);
    QTemporaryDir m_dir;
    TraceLog m_trace;
    CardReaderManager m_readers{nullptr, &m_trace};
    Database m_db;
    OperatorSession m_ops{m_db};
    std::unique_ptr<IssuanceService> m_service;
    QStringList m_numbers;

    IssuanceRequest request() const {
        QByteArray json = R"({"holder": {"userNumber": "U2", "account": "6222020000000002", "name": "赵磊"},
            "users": [{"number": 1, "pin": "135790"}, {"number": 2, "pin": "8888"}, {"number": 3, "pin": "2468"}]})";
        return IssuanceRequest{
            m_reader,
            CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json")),
            HolderFile::fromJson(json),
            QStringLiteral("cut-pcsc"),
            {},
            0};
    }
    bool present(bool yes) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 15000) {
            const auto r = m_readers.reader(m_reader);
            if (r && r->cardPresent == yes)
                return true;
            QTest::qWait(50);
        }
        return false;
    }

private slots:
    void initTestCase() {
        m_readers.start();
        QVERIFY(m_readers.waitForReady(10000));
        m_db.open(m_dir.filePath(QStringLiteral("cards.sqlite")));
        QCOMPARE(cdtest::logIn(m_ops, QStringLiteral("cut-pcsc")), QString());
        m_service = std::make_unique<IssuanceService>(m_readers, m_db, m_ops);
        m_service->openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()),
                                QString::fromLatin1(cdtest::kDevPassphrase));
    }
    void cleanupTestCase() {
        m_service.reset();
        m_readers.stop();
    }

    void cutThenPutBack_data() {
        QTest::addColumn<int>("cut");
        // Every page write of the standard issuance (90 today; rows past the end are skipped).
        for (int n = 1; n <= 96; ++n)
            QTest::newRow(qPrintable(QStringLiteral("write %1").arg(n))) << n;
    }
    void cutThenPutBack() {
        QFETCH(int, cut);
        const QString image = m_dir.filePath(QStringLiteral("card-%1.img").arg(cut));
        IssuanceResult first;
        {
            cdtest::CardProcess card;
            QVERIFY(present(false));
            QVERIFY(card.start(image, m_port, {QStringLiteral("--power-cut-at"), QString::number(cut)}));
            QVERIFY(present(true));
            first = m_service->issueAndWait(request());
            if (first.ok)
                QSKIP("the issuance finished before this page write");
            QVERIFY(card.process().state() == QProcess::NotRunning || card.process().waitForFinished(10000));
            QCOMPARE(card.process().exitCode(), 3); // the power cut
        }
        if (!first.cardNumber.isEmpty()) {
            QVERIFY(!m_numbers.contains(first.cardNumber));
            m_numbers << first.cardNumber;
        }
        cdtest::CardProcess card;
        QVERIFY(present(false));
        QVERIFY(card.start(image, m_port));
        QVERIFY(present(true));
        const IssuanceResult again = m_service->issueAndWait(request());
        QVERIFY2(again.ok, qPrintable(again.error));
        const auto row = m_db.card(again.cardNumber);
        QVERIFY(row);
        QCOMPARE(row->lifeCycle, QStringLiteral("personalised"));
        QCOMPARE(row->chipSerial, again.chipSerial);
        if (again.recovered) {
            QCOMPARE(again.cardNumber, first.cardNumber);
        } else {
            QVERIFY(!m_numbers.contains(again.cardNumber)); // never twice
            m_numbers << again.cardNumber;
            if (!first.cardNumber.isEmpty())
                QCOMPARE(m_db.card(first.cardNumber)->lifeCycle, Database::kVoidLifeCycle);
        }
        qInfo("cut at page write %d: %s", cut, again.recovered ? "recorded" : "issued again with a new number");
    }
};

QTEST_GUILESS_MAIN(TestIssueInterruptedPcsc)
#include "TestIssueInterruptedPcsc.moc"
