// Three desks on one PostgreSQL (issue 14, docs/issuance.md "Several desks"): three carddesk-cli processes, each
// issuing its own batch over its own reader and hopper at the same time. Every card number is given once and the
// numbers together are contiguous (one shared sequence per prefix, allocated in the transaction that records the
// card); no journal row is lost; each desk sees the others' batches; the audit chain stays whole. And a batch whose
// PostgreSQL server crashes and restarts under it while one of its readers goes away (its hopper killed, started
// again later): the desk stops with a clear message, `batch resume` finishes it, and the end is that of an
// uninterrupted batch.
#include "support/CardProcess.h"
#include "support/CliProcess.h"
#include "support/PrivatePostgres.h"
#include "support/TestDatabases.h"

#include <carddesk/model/Database.h>

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <memory>

using namespace carddesk;

class TestBatchDesksPostgres : public QObject {
    Q_OBJECT
private slots:
    void threeDesksAtOnce() {
        if (!cdtest::postgresAsked())
            QSKIP("runs under the postgres fixture (test_model_batch_desks_postgres)");
        const int rows = qEnvironmentVariableIntValue("CARDDESK_BATCH_DESK_ROWS") > 0
                             ? qEnvironmentVariableIntValue("CARDDESK_BATCH_DESK_ROWS")
                             : 100;
        const QString url = cdtest::freshPostgresDatabase(QStringLiteral("batch_desks"));
        QVERIFY(!url.isEmpty());
        QVERIFY(cdtest::initDesk(url));
        QTemporaryDir dir;
        constexpr std::array<int, 3> ports{35963, 35964, 35965};
        std::array<std::unique_ptr<cdtest::CardProcess>, 3> hoppers;
        std::array<std::unique_ptr<QProcess>, 3> desks;
        for (int d = 0; d < 3; ++d) {
            const auto i = static_cast<std::size_t>(d);
            hoppers[i] = std::make_unique<cdtest::CardProcess>();
            QVERIFY(hoppers[i]->startHopper(dir.filePath(QStringLiteral("hopper-%1").arg(d)), ports[i],
                                            {QStringLiteral("--hopper-blank"), QString::number(rows + 2)}));
            QFile csv(dir.filePath(QStringLiteral("desk-%1.csv").arg(d)));
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write("user_number,account,name,pin1,pin2,pin3\n");
            for (int r = 1; r <= rows; ++r)
                csv.write(QStringLiteral("D%1-%2,62%1%3,持卡人 %1-%2,314159,271828,161803\n")
                              .arg(d)
                              .arg(r, 4, 10, QLatin1Char('0'))
                              .arg(r, 10, 10, QLatin1Char('0'))
                              .toUtf8());
        }
        for (int d = 0; d < 3; ++d) {
            const auto i = static_cast<std::size_t>(d);
            desks[i] = std::make_unique<QProcess>();
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.remove(QStringLiteral("CARDDESK_DATABASE"));
            e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
            e.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
            e.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
            desks[i]->setProcessEnvironment(e);
            desks[i]->start(QStringLiteral(CARDDESK_CLI_BIN),
                            {QStringLiteral("batch"), QStringLiteral("issue"), QStringLiteral("--template"),
                             QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                             QStringLiteral("--file"), dir.filePath(QStringLiteral("desk-%1.csv").arg(d)),
                             QStringLiteral("--readers"), cdtest::readerForPort(ports[i]), QStringLiteral("--database"),
                             url, QStringLiteral("--batch-name"), QStringLiteral("desk %1").arg(d)});
            QVERIFY(desks[i]->waitForStarted());
        }
        for (auto& p : desks) {
            QVERIFY(p->waitForFinished(20 * 60 * 1000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().right(2000).constData());
        }

        Database db;
        db.open(url);
        QSet<QString> numbers;
        for (const IssuedCard& c : db.cards()) {
            QCOMPARE(c.lifeCycle, QStringLiteral("personalised"));
            QVERIFY2(!numbers.contains(c.cardNumber), qPrintable(c.cardNumber));
            numbers.insert(c.cardNumber);
        }
        QCOMPARE(numbers.size(), 3 * rows);
        for (int n = 1; n <= 3 * rows; ++n)
            QVERIFY2(numbers.contains(QStringLiteral("86100100%1").arg(n, 12, 10, QLatin1Char('0'))),
                     qPrintable(QStringLiteral("number %1 missing").arg(n)));
        // Every desk sees every batch, each finished with all its rows done.
        const cdtest::CliRun status =
            cdtest::runCli({QStringLiteral("batch"), QStringLiteral("status"), QStringLiteral("--database"), url});
        QCOMPARE(status.exitCode, 0);
        const QJsonArray batches = status.json.value(QStringLiteral("batches")).toArray();
        QCOMPARE(batches.size(), 3);
        for (const auto& b : batches) {
            const QJsonObject o = b.toObject();
            QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
            QCOMPARE(o.value(QStringLiteral("counts")).toObject().value(QStringLiteral("done")).toInt(), rows);
            QCOMPARE(db.journal(o.value(QStringLiteral("id")).toString()).size(), rows);
        }
        QVERIFY(db.verifyAudit().valid);
    }

    void databaseRestartedAndReaderGone() {
        if (!cdtest::postgresAsked())
            QSKIP("runs under the postgres fixture (test_model_batch_desks_postgres)");
        const int rows = 40;
        QTemporaryDir dir;
        cdtest::PrivatePostgres pg;
        QVERIFY2(pg.start(dir.filePath(QStringLiteral("pg"))), qPrintable(pg.log()));
        const QString url = pg.url();
        QVERIFY(cdtest::initDesk(url));
        constexpr std::array<int, 2> ports{35963, 35964};
        std::array<std::unique_ptr<cdtest::CardProcess>, 2> hoppers;
        const auto hopperDir = [&](int i) { return dir.filePath(QStringLiteral("hopper-%1").arg(i)); };
        const QStringList blanks{QStringLiteral("--hopper-blank"), QString::number(rows / 2 + 5)};
        for (int i = 0; i < 2; ++i) {
            hoppers[static_cast<std::size_t>(i)] = std::make_unique<cdtest::CardProcess>();
            QVERIFY(hoppers[static_cast<std::size_t>(i)]->startHopper(hopperDir(i), ports[static_cast<std::size_t>(i)],
                                                                      blanks));
        }
        QFile csv(dir.filePath(QStringLiteral("holders.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("user_number,account,name,pin1,pin2,pin3\n");
        for (int r = 1; r <= rows; ++r)
            csv.write(
                QStringLiteral("R%1,6200%1,持卡人 %1,314159,271828,161803\n").arg(r, 4, 10, QLatin1Char('0')).toUtf8());
        csv.close();
        const QStringList where{QStringLiteral("--readers"),
                                cdtest::readerForPort(ports[0]) + QLatin1Char(',') + cdtest::readerForPort(ports[1]),
                                QStringLiteral("--database"),
                                url,
                                QStringLiteral("--idle-timeout"),
                                QStringLiteral("30")};
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("CARDDESK_DATABASE"));
        e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        e.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
        e.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
        QProcess desk;
        desk.setProcessEnvironment(e);
        desk.start(QStringLiteral(CARDDESK_CLI_BIN),
                   QStringList{QStringLiteral("batch"), QStringLiteral("issue"), QStringLiteral("--template"),
                               QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                               QStringLiteral("--file"), csv.fileName()} +
                       where);
        QVERIFY(desk.waitForStarted());

        // A quarter of the way in, the server crashes and is down for 2 s; the second reader goes away with it.
        QString batchId;
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            QVERIFY2(waited.elapsed() < 5 * 60 * 1000, "the batch did not get going");
            QVERIFY2(desk.state() == QProcess::Running, desk.readAllStandardError().constData());
            Database peek;
            peek.open(url);
            const auto batches = peek.batches();
            if (!batches.isEmpty()) {
                batchId = batches.first().id;
                if (peek.batchCounts(batchId).done >= rows / 4)
                    break;
            }
            QTest::qWait(200);
        }
        hoppers[1]->kill();
        QVERIFY2(pg.restart(true, 2), qPrintable(pg.log()));
        QTest::qWait(3000);
        QVERIFY(hoppers[1]->startHopper(hopperDir(1), ports[1], blanks));

        // The desk either rode it out or stopped with a clear message; resume finishes what is left.
        // (waitForFinished() is false for a process that has already ended: the desk may have stopped at once.)
        QVERIFY(desk.state() == QProcess::NotRunning || desk.waitForFinished(10 * 60 * 1000));
        QByteArray said = desk.readAllStandardError();
        int resumes = 0;
        int exitCode = desk.exitCode();
        qInfo("the desk ended with %d: %s", exitCode, said.right(600).constData());
        while (exitCode != 0) {
            QVERIFY2(said.contains("database"), said.right(2000).constData());
            QVERIFY2(++resumes <= 3, said.right(2000).constData());
            QProcess resume;
            resume.setProcessEnvironment(e);
            resume.start(QStringLiteral(CARDDESK_CLI_BIN),
                         QStringList{QStringLiteral("batch"), QStringLiteral("resume"), batchId,
                                     QStringLiteral("--file"), csv.fileName()} +
                             where);
            QVERIFY(resume.waitForFinished(10 * 60 * 1000));
            exitCode = resume.exitCode();
            said = resume.readAllStandardError();
            qInfo("resume %d ended with %d: %s", resumes, exitCode, said.right(600).constData());
        }

        Database db;
        db.open(url);
        QCOMPARE(db.batch(batchId)->state, QStringLiteral("finished"));
        const BatchCounts c = db.batchCounts(batchId);
        QCOMPARE(c.done, rows);
        QCOMPARE(c.failed, 0);
        QSet<QString> numbers, chips;
        for (const IssuedCard& card : db.cards()) {
            QCOMPARE(card.lifeCycle, QStringLiteral("personalised"));
            numbers.insert(card.cardNumber);
            chips.insert(card.chipSerial);
        }
        QCOMPARE(numbers.size(), rows);
        for (int n = 1; n <= rows; ++n)
            QVERIFY2(numbers.contains(QStringLiteral("86100100%1").arg(n, 12, 10, QLatin1Char('0'))),
                     qPrintable(QStringLiteral("number %1 missing").arg(n)));
        // The output stacks hold exactly the recorded cards; a card in the reject bin was never recorded.
        int out = 0;
        for (int i = 0; i < 2; ++i) {
            out += static_cast<int>(QDir(hopperDir(i) + QStringLiteral("/output")).entryList(QDir::Files).size());
            for (const QString& name : QDir(hopperDir(i) + QStringLiteral("/reject")).entryList(QDir::Files)) {
                QFile f(hopperDir(i) + QStringLiteral("/reject/") + name);
                QVERIFY(f.open(QIODevice::ReadOnly));
                QVERIFY(!chips.contains(QString::fromLatin1(f.read(28).mid(20).toHex().toUpper())));
            }
        }
        QCOMPARE(out, rows);
        QVERIFY(db.verifyAudit().valid);
        qInfo("PostgreSQL crashed and restarted, a reader gone for 3 s: %d resume(s), every holder once", resumes);
    }
};

QTEST_GUILESS_MAIN(TestBatchDesksPostgres)
#include "TestBatchDesksPostgres.moc"
