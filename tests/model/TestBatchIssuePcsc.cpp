// Batch issuance over real PC/SC (issue 14, docs/batch-issuance.md): four readers, each with a carddesk-card input
// hopper, carddesk-cli batch issue / resume. A file with errors issues nothing; a batch whose CLI is SIGKILLed at
// random moments and resumed each time ends as an uninterrupted one (every holder once, numbers contiguous, every
// card in the output stack recorded, nothing in the reject bin, every PIN mailer there and no pending one left); a
// card pulled mid-personalisation ends completed or rejected, never half.
#include "support/CardProcess.h"
#include "support/CliProcess.h"
#include "support/PcscRestart.h"

#include <carddesk/model/Database.h>

#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <memory>

using namespace carddesk;

namespace {

constexpr std::array<int, 4> kPorts{35963, 35964, 35965, 35966};
const QString kTemplate = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json");

QProcessEnvironment cliEnv() {
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const char* inherited : {"CARDDESK_PIN", "CARDDESK_KEYSTORE", "CARDDESK_KEYSTORE_PASSPHRASE",
                                  "CARDDESK_APP_CA_KEY", "CARDDESK_APP_KEYS", "CARDDESK_DATABASE"})
        e.remove(QLatin1String(inherited));
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    e.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
    e.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
    return e;
}

// Holders U0001.. with addresses; PINs in the file unless generated.
QString writeCsv(const QString& path, int rows, bool withPins) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray text = "\xEF\xBB\xBF用户编号,账号,姓名,地址1,地址2,邮编";
    text += withPins ? ",密码1,密码2,密码3\n" : "\n";
    for (int i = 1; i <= rows; ++i) {
        text += QStringLiteral("U%1,6222%2,持卡人%1,北京市海淀区中关村大街%1号,\"%1单元, 3层\",100080")
                    .arg(i, 4, 10, QLatin1Char('0'))
                    .arg(i, 12, 10, QLatin1Char('0'))
                    .toUtf8();
        if (withPins)
            text += ",314159,271828,161803";
        text += "\n";
    }
    f.write(text);
    return path;
}

int countFiles(const QString& dir, const QString& pattern = QStringLiteral("*")) {
    return static_cast<int>(QDir(dir).entryList({pattern}, QDir::Files | QDir::Hidden).size());
}

QString chipSerialOfImage(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.read(28).mid(20).toHex().toUpper());
}

struct Desk {
    QTemporaryDir dir;
    std::array<std::unique_ptr<cdtest::CardProcess>, 4> hoppers;
    QString database() const { return dir.filePath(QStringLiteral("desk.sqlite")); }
    QString hopper(int i) const { return dir.filePath(QStringLiteral("hopper-%1").arg(i)); }
    QStringList readers(int n) const {
        QStringList out;
        for (int i = 0; i < n; ++i)
            out << cdtest::readerForPort(kPorts[static_cast<std::size_t>(i)]);
        return out;
    }
    bool startHoppers(int n, int blanks) {
        for (int i = 0; i < n; ++i) {
            hoppers[static_cast<std::size_t>(i)] = std::make_unique<cdtest::CardProcess>();
            if (!hoppers[static_cast<std::size_t>(i)]->startHopper(
                    hopper(i), kPorts[static_cast<std::size_t>(i)],
                    {QStringLiteral("--hopper-blank"), QString::number(blanks)}))
                return false;
        }
        return true;
    }
};

} // namespace

class TestBatchIssuePcsc : public QObject {
    Q_OBJECT

    QStringList batchArgs(const Desk& desk, const QStringList& args, int readers) {
        return QStringList{QStringLiteral("batch")} + args +
               QStringList{QStringLiteral("--readers"),      desk.readers(readers).join(QLatin1Char(',')),
                           QStringLiteral("--database"),     desk.database(),
                           QStringLiteral("--idle-timeout"), QStringLiteral("20")};
    }

private slots:
    void fileWithErrorsIssuesNothing() {
        Desk desk;
        QVERIFY(cdtest::initDesk(desk.database()));
        QVERIFY(desk.startHoppers(1, 2));
        const QString csv = desk.dir.filePath(QStringLiteral("bad.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "user_number,account,name,pin1,pin2,pin3\nU1,6,A,314159,271828,161803\nU2,6,B,12,271828,161803\nU3,6,C\n");
        f.close();
        const cdtest::CliRun r = cdtest::runCli(batchArgs(
            desk, {QStringLiteral("issue"), QStringLiteral("--template"), kTemplate, QStringLiteral("--file"), csv},
            1));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("line 3")) && r.err.contains(QLatin1String("line 4")), qPrintable(r.err));
        QVERIFY(!r.err.contains(QLatin1String("314159")));
        QCOMPARE(r.json.value(QStringLiteral("problems")).toArray().size(), 2);
        const cdtest::CliRun status = cdtest::runCli(
            {QStringLiteral("batch"), QStringLiteral("status"), QStringLiteral("--database"), desk.database()});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.json.value(QStringLiteral("batches")).toArray().isEmpty());
        // No card was touched: both still in the hopper (one in the reader), none out.
        QCOMPARE(countFiles(desk.hopper(0) + QStringLiteral("/input")) +
                     countFiles(desk.hopper(0) + QStringLiteral("/reader")),
                 2);
        QCOMPARE(countFiles(desk.hopper(0) + QStringLiteral("/output")), 0);
        Database db;
        db.open(desk.database());
        QVERIFY(db.cards().isEmpty());
    }

    // The card pulled out at a page write of its personalisation (the hopper's first card cut with --power-cut-at,
    // as a pulled card loses power mid-write; the standard issuance makes about 90), then the hopper started
    // again: the same card comes back (undone by the card OS, or complete), and the batch completes it or issues it
    // again with its number — never a half-issued card, nothing rejected that was recorded.
    void cardPulledMidPersonalisation_data() {
        QTest::addColumn<int>("cut");
        for (int cut : {3, 30, 60, 89})
            QTest::newRow(qPrintable(QStringLiteral("write %1").arg(cut))) << cut;
    }
    void cardPulledMidPersonalisation() {
        QFETCH(int, cut);
        Desk desk;
        QVERIFY(cdtest::initDesk(desk.database()));
        desk.hoppers[0] = std::make_unique<cdtest::CardProcess>();
        QVERIFY(desk.hoppers[0]->startHopper(desk.hopper(0), kPorts[0],
                                             {QStringLiteral("--hopper-blank"), QStringLiteral("4"),
                                              QStringLiteral("--power-cut-at"), QString::number(cut)}));
        const QString csv = writeCsv(desk.dir.filePath(QStringLiteral("holders.csv")), 2, true);
        QProcess p;
        p.setProcessEnvironment(cliEnv());
        p.start(QStringLiteral(CARDDESK_CLI_BIN), batchArgs(desk,
                                                            {QStringLiteral("issue"), QStringLiteral("--template"),
                                                             kTemplate, QStringLiteral("--file"), csv},
                                                            1));
        QVERIFY(p.waitForStarted());
        QProcess& card = desk.hoppers[0]->process();
        QVERIFY(card.waitForFinished(60000));
        QCOMPARE(card.exitCode(), 3); // the power cut: the card left the reader mid-write
        QTest::qWait(300);
        QVERIFY(desk.hoppers[0]->startHopper(desk.hopper(0), kPorts[0]));
        QVERIFY(p.waitForFinished(180000));
        const QByteArray logs = p.readAllStandardError() + p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, logs.right(3000).constData());
        Database db;
        db.open(desk.database());
        const QString id = db.batches().first().id;
        QCOMPARE(db.batchCounts(id).done, 2);
        // The file's PINs are in no log, report or database page.
        const cdtest::CliRun csvReport =
            cdtest::runCli({QStringLiteral("batch"), QStringLiteral("report"), id, QStringLiteral("--format"),
                            QStringLiteral("csv"), QStringLiteral("--database"), desk.database()});
        const cdtest::CliRun jsonReport = cdtest::runCli(
            {QStringLiteral("batch"), QStringLiteral("report"), id, QStringLiteral("--database"), desk.database()});
        QCOMPARE(csvReport.exitCode, 0);
        QVERIFY(csvReport.out.contains("86100100000000000002"));
        QFile dbFile(desk.database());
        QVERIFY(dbFile.open(QIODevice::ReadOnly));
        const QByteArray everything = logs + csvReport.out + jsonReport.out + dbFile.readAll();
        for (const QByteArray& pin : {QByteArray("314159"), QByteArray("271828"), QByteArray("161803")})
            QVERIFY2(!everything.contains(pin), pin.constData());
        // Every card in the output stack is a recorded, personalised card of the batch; whatever is in the reject
        // bin is void; nothing is left "issuing"; the numbers are 1 and 2.
        QSet<QString> recorded, numbers;
        for (const IssuedCard& c : db.cards()) {
            QVERIFY2(c.lifeCycle == QLatin1String("personalised") || c.lifeCycle == QLatin1String("void"),
                     qPrintable(c.lifeCycle));
            if (c.lifeCycle == QLatin1String("personalised")) {
                recorded.insert(c.chipSerial);
                numbers.insert(c.cardNumber);
            }
        }
        QCOMPARE(recorded.size(), 2);
        QCOMPARE(numbers,
                 (QSet<QString>{QStringLiteral("86100100000000000001"), QStringLiteral("86100100000000000002")}));
        QSet<QString> out;
        const QString output = desk.hopper(0) + QStringLiteral("/output");
        for (const QString& name : QDir(output).entryList(QDir::Files))
            out.insert(chipSerialOfImage(output + QLatin1Char('/') + name));
        QCOMPARE(out, recorded);
        const QString reject = desk.hopper(0) + QStringLiteral("/reject");
        for (const QString& name : QDir(reject).entryList(QDir::Files))
            QVERIFY(!recorded.contains(chipSerialOfImage(reject + QLatin1Char('/') + name)));
    }

    // One card with generated PINs from the CLI: the mailer is the only place the PINs go; without an address for
    // the envelope nothing is touched.
    void singleCardGeneratedPins() {
        Desk desk;
        QVERIFY(cdtest::initDesk(desk.database()));
        QVERIFY(desk.startHoppers(1, 1));
        const QString holder = desk.dir.filePath(QStringLiteral("holder.json"));
        QFile f(holder);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"holder": {"userNumber": "U7", "account": "62220007", "name": "王芳"}, "users": [],
                    "address": ["北京市海淀区", "中关村大街 1 号"]})");
        f.close();
        const QString mailers = desk.dir.filePath(QStringLiteral("mailers"));
        const QStringList base{QStringLiteral("issue"),
                               QStringLiteral("--reader"),
                               desk.readers(1).first(),
                               QStringLiteral("--template"),
                               kTemplate,
                               QStringLiteral("--holder"),
                               holder,
                               QStringLiteral("--database"),
                               desk.database(),
                               QStringLiteral("--generate-pins"),
                               QStringLiteral("--wait"),
                               QStringLiteral("10")};
        const cdtest::CliRun refused = cdtest::runCli(base);
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.err)); // no --mailers
        const cdtest::CliRun r = cdtest::runCli(base + QStringList{QStringLiteral("--mailers"), mailers});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString number = r.json.value(QStringLiteral("cardNumber")).toString();
        QCOMPARE(r.json.value(QStringLiteral("pinMailer")).toString(),
                 mailers + QLatin1Char('/') + number + QStringLiteral(".pdf"));
        QVERIFY(QFile::exists(mailers + QLatin1Char('/') + number + QStringLiteral(".pdf")));
        QCOMPARE(countFiles(mailers + QStringLiteral("/.pending")), 0);
    }

    void killedAtRandomAndResumed() {
        const int rows = qEnvironmentVariableIntValue("CARDDESK_BATCH_TEST_ROWS") > 0
                             ? qEnvironmentVariableIntValue("CARDDESK_BATCH_TEST_ROWS")
                             : 200;
        const int kills = 10;
        Desk desk;
        QVERIFY(cdtest::initDesk(desk.database()));
        QVERIFY(desk.startHoppers(4, rows / 4 + 5));
        const QString csv = writeCsv(desk.dir.filePath(QStringLiteral("holders.csv")), rows, false);
        const QString mailers = desk.dir.filePath(QStringLiteral("mailers"));
        QStringList args =
            batchArgs(desk,
                      {QStringLiteral("issue"), QStringLiteral("--template"), kTemplate, QStringLiteral("--file"), csv,
                       QStringLiteral("--generate-pins"), QStringLiteral("--mailers"), mailers},
                      4);
        QString batchId;
        QByteArray logs;
        auto* rng = QRandomGenerator::global();
        int killed = 0;
        for (int round = 0; round <= kills; ++round) {
            if (!batchId.isEmpty()) {
                Database peek;
                peek.open(desk.database());
                if (peek.batch(batchId)->state == QLatin1String("finished"))
                    break; // done before the tenth kill: the kills above were its interruptions
            }
            QProcess p;
            p.setProcessEnvironment(cliEnv());
            p.start(QStringLiteral(CARDDESK_CLI_BIN), args);
            QVERIFY(p.waitForStarted());
            if (round < kills) {
                // 0.3 to 4 s in: anywhere from the probe of the first card to the middle of the run.
                QTest::qWait(300 + static_cast<int>(rng->bounded(3700)));
                if (p.state() == QProcess::Running)
                    ++killed;
                p.kill();
                p.waitForFinished(10000);
            } else {
                QVERIFY(p.waitForFinished(30 * 60 * 1000));
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            }
            logs += p.readAllStandardError() + p.readAllStandardOutput();
            if (batchId.isEmpty()) {
                const cdtest::CliRun status = cdtest::runCli(
                    {QStringLiteral("batch"), QStringLiteral("status"), QStringLiteral("--database"), desk.database()});
                const QJsonArray list = status.json.value(QStringLiteral("batches")).toArray();
                if (list.isEmpty()) {
                    // Killed before the batch was recorded: issue again.
                    continue;
                }
                QCOMPARE(list.size(), 1);
                batchId = list[0].toObject().value(QStringLiteral("id")).toString();
                args = batchArgs(desk, {QStringLiteral("resume"), batchId}, 4);
            }
        }
        QVERIFY(!batchId.isEmpty());

        Database db;
        db.open(desk.database());
        const auto batch = db.batch(batchId);
        QVERIFY(batch);
        QCOMPARE(batch->state, QStringLiteral("finished"));
        const BatchCounts c = db.batchCounts(batchId);
        QCOMPARE(c.done, rows);
        QCOMPARE(c.failed, 0);
        // Every holder once, numbers 1..rows with no gap, each card personalised with its holder's users.
        QSet<QString> numbers, chips, holders;
        for (const IssuedCard& card : db.cards()) {
            QCOMPARE(card.lifeCycle, QStringLiteral("personalised"));
            numbers.insert(card.cardNumber);
            chips.insert(card.chipSerial);
            holders.insert(card.holderUserNumber);
            QCOMPARE(db.cardUsers(card.cardNumber).size(), 3);
        }
        QCOMPARE(numbers.size(), rows);
        QCOMPARE(holders.size(), rows);
        for (int i = 1; i <= rows; ++i)
            QVERIFY2(numbers.contains(QStringLiteral("86100100%1").arg(i, 12, 10, QLatin1Char('0'))),
                     qPrintable(QStringLiteral("number %1 missing").arg(i)));
        for (const JournalEntry& e : db.journal(batchId)) {
            QCOMPARE(e.state, QStringLiteral("done"));
            const auto card = db.card(e.cardNumber);
            QVERIFY(card);
            QCOMPARE(
                card->holderUserNumber,
                e.holder.value(QStringLiteral("holder")).toObject().value(QStringLiteral("userNumber")).toString());
        }
        // The output stacks hold exactly the recorded cards; nothing was rejected.
        QSet<QString> out;
        for (int i = 0; i < 4; ++i) {
            const QString dir = desk.hopper(i) + QStringLiteral("/output");
            for (const QString& name : QDir(dir).entryList(QDir::Files))
                out.insert(chipSerialOfImage(dir + QLatin1Char('/') + name));
            QCOMPARE(countFiles(desk.hopper(i) + QStringLiteral("/reject")), 0);
        }
        QCOMPARE(out, chips);
        // One PIN mailer per card, none pending, none of a PIN in the logs or the database.
        const QString mailerDir = mailers + QLatin1Char('/') + batchId;
        QCOMPARE(countFiles(mailerDir, QStringLiteral("*.pdf")), rows);
        QCOMPARE(countFiles(mailerDir + QStringLiteral("/.pending")), 0);
        QVERIFY2(killed >= 3, "the batch should have been killed mid-way several times");
        qInfo("batch of %d over 4 readers, %d kills: every holder once, nothing rejected", rows, killed);
    }

    // Last: it restarts the fixture's pcscd, which the slots before must not meet.
    // Issue 16: pcscd killed (SIGKILL) and restarted in the middle of a batch. carddesk-cli says so on stderr, the
    // lane waits for its reader, the reader manager reconnects, and the batch finishes as an uninterrupted one:
    // every holder once, every card in the output stack recorded with its own number, none issued twice, none
    // rejected.
    void pcscdRestartedMidBatch() {
        const int rows = 8;
        Desk desk;
        QVERIFY(cdtest::initDesk(desk.database()));
        QVERIFY(desk.startHoppers(1, rows));
        const QString csv = writeCsv(desk.dir.filePath(QStringLiteral("holders.csv")), rows, true);
        QProcess p;
        p.setProcessEnvironment(cliEnv());
        p.start(QStringLiteral(CARDDESK_CLI_BIN), batchArgs(desk,
                                                            {QStringLiteral("issue"), QStringLiteral("--template"),
                                                             kTemplate, QStringLiteral("--file"), csv},
                                                            1));
        QVERIFY(p.waitForStarted());
        const QString output = desk.hopper(0) + QStringLiteral("/output");
        QTRY_VERIFY_WITH_TIMEOUT(countFiles(output) >= 2, 120000);
        QVERIFY(cdtest::restartPcscd(2));
        QVERIFY(p.waitForFinished(5 * 60 * 1000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        qInfo().noquote() << err;
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(
            err.contains(QStringLiteral("carddesk-cli: PC/SC service not running: the batch waits until it is back")),
            qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("carddesk-cli: the PC/SC service is back: the batch goes on")),
                 qPrintable(err));
        QCOMPARE(countFiles(output), rows);
        QCOMPARE(countFiles(desk.hopper(0) + QStringLiteral("/reject")), 0);
        Database db;
        db.open(desk.database());
        QSet<QString> numbers, chips;
        for (const IssuedCard& card : db.cards()) {
            QCOMPARE(card.lifeCycle, QStringLiteral("personalised"));
            numbers.insert(card.cardNumber);
            chips.insert(card.chipSerial);
        }
        QCOMPARE(numbers.size(), rows);
        QCOMPARE(chips.size(), rows);
        QCOMPARE(db.cards().size(), rows);
        // Each card in the output stack is one of the recorded ones, each recorded once.
        QSet<QString> stacked;
        for (const QString& name : QDir(output).entryList(QDir::Files))
            stacked.insert(chipSerialOfImage(output + QLatin1Char('/') + name));
        QCOMPARE(stacked, chips);
    }
};

QTEST_GUILESS_MAIN(TestBatchIssuePcsc)
#include "TestBatchIssuePcsc.moc"
