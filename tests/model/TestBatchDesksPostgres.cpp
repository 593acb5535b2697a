// Three desks on one PostgreSQL (issue 14, docs/issuance.md "Several desks"): three carddesk-cli processes, each
// issuing its own batch over its own reader and hopper at the same time. Every card number is given once and the
// numbers together are contiguous (one shared sequence per prefix, allocated in the transaction that records the
// card); no journal row is lost; each desk sees the others' batches; the audit chain stays whole.
#include "support/CardProcess.h"
#include "support/CliProcess.h"
#include "support/TestDatabases.h"

#include <carddesk/model/Database.h>

#include <QDir>
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
};

QTEST_GUILESS_MAIN(TestBatchDesksPostgres)
#include "TestBatchDesksPostgres.moc"
