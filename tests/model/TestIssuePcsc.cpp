// The integration test over real PC/SC: a fresh carddesk-card in vpcd, IssuanceService through
// CardReaderManager, the database row (and no PIN in the database file or the saved trace), then
// `carddesk-cli info` on the issued card.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>

#include "support/CardProcess.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

class TestIssuePcsc : public QObject {
    Q_OBJECT
    const int m_port = 35963; // "Virtual PCD 00 00" of the test pcscd (scripts/pcsc-env.sh)
    const QString m_reader = cdtest::readerForPort(35963);

private slots:
    void issueOverPcscThenInfo() {
        QTemporaryDir dir;
        TraceLog trace;
        CardReaderManager readers(nullptr, &trace);
        readers.start();
        QVERIFY(readers.waitForReady(10000));
        QCOMPARE(readers.serviceStatus(), ServiceStatus::Running);
        // A card that left this reader just before (an earlier test) is seen gone only at vpcd's next poll.
        QTRY_VERIFY_WITH_TIMEOUT(readers.reader(m_reader) && !readers.reader(m_reader)->cardPresent, 5000);
        cdtest::CardProcess card;
        QVERIFY(card.start(dir.filePath(QStringLiteral("card.img")), m_port));
        QTRY_VERIFY_WITH_TIMEOUT(readers.reader(m_reader) && readers.reader(m_reader)->cardPresent, 15000);

        Database db;
        db.open(dir.filePath(QStringLiteral("cards.sqlite")));
        OperatorSession operators(db);
        QCOMPARE(cdtest::logIn(operators, QStringLiteral("integration")), QString());
        IssuanceService service(readers, db, operators);
        service.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()),
                             QString::fromLatin1(cdtest::kDevPassphrase));
        QByteArray holder = R"({"holder": {"userNumber": "U20240007", "account": "6222027777777777", "name": "王芳"},
            "users": [{"number": 1, "pin": "314159"}, {"number": 2, "name": "王小明", "pin": "271828"},
                      {"number": 3, "pin": "161803"}]})";
        const IssuanceRequest request{
            m_reader,
            CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json")),
            HolderFile::fromJson(holder),
            QStringLiteral("integration"),
            {},
            0};
        const IssuanceResult r = service.issueAndWait(request);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.cardNumber, QStringLiteral("86100100000000000001"));

        const auto row = db.card(r.cardNumber);
        QVERIFY(row);
        QCOMPARE(row->holderName, QStringLiteral("王芳"));
        QCOMPARE(row->lifeCycle, QStringLiteral("personalised"));
        QCOMPARE(row->chipSerial, r.chipSerial);
        QCOMPARE(db.cardUsers(r.cardNumber).size(), 3);
        QCOMPARE(db.cardUsers(r.cardNumber)[1].name, QStringLiteral("王小明"));

        const QString tracePath = dir.filePath(QStringLiteral("trace.txt"));
        QVERIFY(trace.saveToFile(tracePath, TraceLog::Format::Text));
        QFile traceFile(tracePath);
        QVERIFY(traceFile.open(QIODevice::ReadOnly));
        const QByteArray traceBytes = traceFile.readAll();
        QVERIFY(traceBytes.contains("<redacted 16 bytes>")); // key cryptograms
        operators.logout();
        db.close();
        QFile dbFile(dir.filePath(QStringLiteral("cards.sqlite")));
        QVERIFY(dbFile.open(QIODevice::ReadOnly));
        const QByteArray dbBytes = dbFile.readAll();
        for (const char* pin : {"314159", "271828", "161803"}) {
            QVERIFY2(!dbBytes.contains(pin), pin);
            QVERIFY2(!traceBytes.contains(pin), pin);
        }
        readers.stop(); // the CLI gets the card to itself
        // The CLI logs in to the same database (issue 13): the development admin, made by logIn() above.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CARDDESK_DATABASE"), dir.filePath(QStringLiteral("cards.sqlite")));
        env.insert(QStringLiteral("CARDDESK_OPERATOR"), cdtest::kAdmin);
        env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), cdtest::kAdminPassword);

        // Issue 11: `readers` tells the card's life cycle from the card, not from the ATR of its power-up (blank).
        QProcess list;
        list.start(QStringLiteral(CARDDESK_CLI_BIN), {QStringLiteral("readers")});
        QVERIFY(list.waitForFinished(30000));
        QCOMPARE(list.exitCode(), 0);
        bool listed = false;
        for (const auto& v : QJsonDocument::fromJson(list.readAllStandardOutput())
                                 .object()
                                 .value(QStringLiteral("readers"))
                                 .toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("name")).toString() != m_reader)
                continue;
            listed = true;
            QCOMPARE(o.value(QStringLiteral("lifeCycle")).toString(), QStringLiteral("personalised"));
            QCOMPARE(o.value(QStringLiteral("lifeCycleFrom")).toString(), QStringLiteral("card"));
        }
        QVERIFY(listed);

        QProcess cli;
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(CARDDESK_CLI_BIN),
                  {QStringLiteral("info"), QStringLiteral("--reader"), m_reader, QStringLiteral("--wait"),
                   QStringLiteral("5"), QStringLiteral("--trace")});
        QVERIFY(cli.waitForFinished(30000));
        const QByteArray err = cli.readAllStandardError();
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject info = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(info.value(QStringLiteral("lifeCycle")).toString(), QStringLiteral("personalised"));
        QCOMPARE(info.value(QStringLiteral("cardNumber")).toString(), r.cardNumber);
        QCOMPARE(info.value(QStringLiteral("chipSerial")).toString(), r.chipSerial);
        const QJsonArray users = info.value(QStringLiteral("users")).toArray();
        QCOMPARE(users.size(), 3);
        QCOMPARE(users[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("户主"));
        QCOMPARE(users[0].toObject().value(QStringLiteral("retriesLeft")).toInt(), 3);
        QCOMPARE(info.value(QStringLiteral("menu")).toArray().size(), 6);
        QVERIFY(info.value(QStringLiteral("keys")).toArray().size() >= 7);
        QVERIFY(info.contains(QStringLiteral("nvm")));
        QVERIFY(err.contains("GET DATA")); // --trace went to stderr

        // --keystore names the store that opens the users and the menu (issue 12: info refused the option); one
        // that does not open is said, and the rest of the card is still read.
        const auto infoWith = [&](const QString& store, QByteArray& stderrText) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(CARDDESK_CLI_BIN), {QStringLiteral("info"), QStringLiteral("--reader"), m_reader,
                                                       QStringLiteral("--keystore"), store});
            p.waitForFinished(30000);
            stderrText = p.readAllStandardError();
            return std::make_pair(p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object());
        };
        QByteArray said;
        const auto [rcGood, good] =
            infoWith(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development.cdks"), said);
        QCOMPARE(rcGood, 0);
        QCOMPARE(good.value(QStringLiteral("users")).toArray().size(), 3);
        const auto [rcBad, bad] = infoWith(QStringLiteral("/nonexistent/store.cdks"), said);
        QCOMPARE(rcBad, 0);
        QVERIFY2(said.contains("/nonexistent/store.cdks"), said.constData());
        QCOMPARE(bad.value(QStringLiteral("cardNumber")).toString(), r.cardNumber);
    }
};

QTEST_GUILESS_MAIN(TestIssuePcsc)
#include "TestIssuePcsc.moc"
