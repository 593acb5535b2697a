// Issue 14 end to end: the card OS in a local reader, a real job (reading the card's info) recorded and saved as the
// console saves its trace; the file opened as a replay reader in a new reader manager answers the same job with the
// same result, and a job the trace did not see ends with an error naming the missing command.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/CardSnapshot.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/cardio/TraceReplayCard.h>

#include "carddesk/card/dispatch/CardOs.h"
#include "support/CliProcess.h"
#include "support/InProcessCard.h"
#include "support/TestProfiles.h"

#include <carddesk/protocol/epurse/EPurse.h>

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

class TestTraceReplayEndToEnd : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // What `carddesk-cli info` does without a key store: the snapshot, then whether the purse is there.
    static JobResult readInfo(CardReaderManager& readers, const QString& reader) {
        return readers.run(reader, [](CardChannel& ch) {
            const CardSnapshot s = CardSnapshot::read(ch);
            ch.transmit(cdos::selectAid(cdos::ep::kPurseAid));
            return QVariant::fromValue(s);
        });
    }
    static QJsonObject withoutReader(const JobResult& r) {
        QJsonObject o = r.value.value<CardSnapshot>().toJson();
        // The reader differs, and so may the ATR: the trace holds none (the replay's tells the recorded life cycle).
        o.remove(QStringLiteral("reader"));
        o.remove(QStringLiteral("atr"));
        return o;
    }

private slots:
    void replayAnswersTheRecordedJob() {
        // The field: a personalised card, its info read, the trace saved (redacted, as the console saves it).
        auto card = cdtest::newTestCard(m_dir.filePath(QStringLiteral("card.img")));
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        CardReaderManager field;
        field.start(false);
        field.addLocalReader(QStringLiteral("Field"));
        cdtest::insertInProcessCard(field, QStringLiteral("Field"), card);
        const JobResult perso = field.run(QStringLiteral("Field"), [&](CardChannel& ch) {
            cdos::Personaliser p(keys, ch.transmitter());
            p.personalise(cdtest::sampleProfile());
            return QVariant();
        });
        QVERIFY2(perso.ok(), qPrintable(perso.error));
        field.traceLog()->clear();
        const JobResult recorded = readInfo(field, QStringLiteral("Field"));
        QVERIFY2(recorded.ok(), qPrintable(recorded.error));
        QVERIFY(field.traceLog()->count() > 3);
        const QString path = m_dir.filePath(QStringLiteral("field-trace.json"));
        QString error;
        QVERIFY2(field.traceLog()->saveToFile(path, TraceLog::Format::Json, &error), qPrintable(error));

        // The desk: the file as a reader beside the others, the same job, the same answer.
        CardReaderManager desk;
        desk.start(false);
        const QString reader = TraceReplayCard::attach(desk, path, &error);
        QVERIFY2(!reader.isEmpty(), qPrintable(error));
        QCOMPARE(reader, QStringLiteral("Replay: field-trace.json"));
        QVERIFY(desk.reader(reader)->cardPresent);
        QCOMPARE(desk.reader(reader)->lifeCycle, std::optional<cdos::LifeCycle>(cdos::LifeCycle::Personalised));
        const JobResult replayed = readInfo(desk, reader);
        QVERIFY2(replayed.ok(), qPrintable(replayed.error));
        const QJsonObject expected = withoutReader(recorded);
        QCOMPARE(QJsonDocument(withoutReader(replayed)).toJson(), QJsonDocument(expected).toJson());
        QCOMPARE(expected.value(QStringLiteral("lifeCycle")).toString(), QStringLiteral("personalised"));
        // Run again: the replay starts over where the job's first command was recorded.
        const JobResult again = readInfo(desk, reader);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(QJsonDocument(withoutReader(again)).toJson(), QJsonDocument(expected).toJson());

        // A job the field never ran: refused, the missing command named, its PIN not shown.
        const JobResult other = desk.run(reader, [](CardChannel& ch) {
            ch.transmit(cdos::verifyPin(1, "1234"));
            return QVariant();
        });
        QVERIFY(!other.ok());
        QCOMPARE(other.cardError, std::optional<CardError::Kind>(CardError::Kind::NotInTrace));
        QVERIFY2(other.error.startsWith(QStringLiteral("the trace has no exchange for command 00 20 00 01")),
                 qPrintable(other.error));
        QVERIFY2(!other.error.contains(QStringLiteral("12 34")), qPrintable(other.error));

        // The CLI: --replay adds the reader before the command runs; no pcscd is needed for it.
        const QString database = m_dir.filePath(QStringLiteral("desk.sqlite"));
        QVERIFY(cdtest::initDesk(database));
        const QStringList cliDesk{QStringLiteral("--database"), database, QStringLiteral("--replay"), path};
        // Without a key store, as the field read was (with one, the CLI would read the users under secure messaging).
        cdtest::CliRun cli = cdtest::runCli(cliDesk + QStringList{QStringLiteral("info"), QStringLiteral("--reader"),
                                                                  QStringLiteral("Replay: field-trace.json"),
                                                                  QStringLiteral("--keystore"),
                                                                  m_dir.filePath(QStringLiteral("no-keys.cdks"))});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QCOMPARE(cli.json.value(QStringLiteral("cardNumber")).toString(), QStringLiteral("86010000000000000001"));
        QCOMPARE(cli.json.value(QStringLiteral("lifeCycle")).toString(), QStringLiteral("personalised"));
        cli = cdtest::runCli({QStringLiteral("--replay"), path, QStringLiteral("readers")});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        QVERIFY2(cli.out.contains("Replay: field-trace.json"), cli.out.constData());
        // A command the field never ran (the purse's records): refused, the command named.
        cli = cdtest::runCli(cliDesk + QStringList{QStringLiteral("purse"), QStringLiteral("--reader"),
                                                   QStringLiteral("Replay: field-trace.json")});
        QVERIFY(cli.exitCode != 0);
        QVERIFY2(cli.err.contains(QStringLiteral("the trace has no exchange for command")), qPrintable(cli.err));
        cli = cdtest::runCli(
            {QStringLiteral("--replay"), m_dir.filePath(QStringLiteral("card.img")), QStringLiteral("readers")});
        QCOMPARE(cli.exitCode, 4);
        QVERIFY2(cli.err.contains(QStringLiteral("cannot open the replay reader: card.img: not a saved APDU trace")),
                 qPrintable(cli.err));
    }
};

QTEST_GUILESS_MAIN(TestTraceReplayEndToEnd)
#include "TestTraceReplayEndToEnd.moc"
