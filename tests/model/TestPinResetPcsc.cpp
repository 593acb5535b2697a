// A lost PIN mailer (issue 14, docs/issuance.md "PIN reset") through the real PC/SC stack and carddesk-cli: an issued
// card's user gets a new generated PIN written with PIN UNBLOCK under issuer secure messaging and printed only into
// a new mailer; the old PIN stops working, the users not named keep theirs; every reset is audited; wrong input of
// every kind touches nothing.
#include "support/CardProcess.h"
#include "support/CliProcess.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using cdtest::CliRun;

class TestPinResetPcsc : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString m_reader = cdtest::readerForPort(35966);
    cdtest::CardProcess m_card;
    QByteArray m_said; // everything the CLI printed, searched for PINs at the end

    CliRun cli(const QStringList& args, const QString& pin = {}) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CARDDESK_DATABASE"), db());
        if (!pin.isEmpty())
            env.insert(QStringLiteral("CARDDESK_PIN"), pin);
        CliRun r = cdtest::runCli(args, env);
        m_said += r.out + r.err.toUtf8();
        return r;
    }
    QStringList common(const char* command) {
        return {QLatin1String(command),   QStringLiteral("--reader"), m_reader,
                QStringLiteral("--wait"), QStringLiteral("15"),       QStringLiteral("--trace")};
    }
    QString db() { return m_dir.filePath(QStringLiteral("cards.sqlite")); }
    QString mailers() { return m_dir.filePath(QStringLiteral("mailers")); }
    CliRun buy(int user, const QString& pin) {
        return cli(common("purchase") + QStringList{QStringLiteral("--amount"), QStringLiteral("1"),
                                                    QStringLiteral("--pin-user"), QString::number(user)},
                   pin);
    }
    CliRun reset(const QStringList& extra) { return cli(common("pin-reset") + extra); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(cdtest::initDesk(db()));
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img")), 35966));
        QFile holder(m_dir.filePath(QStringLiteral("holder.json")));
        QVERIFY(holder.open(QIODevice::WriteOnly));
        holder.write(R"({"holder": {"userNumber": "U31", "account": "6222000031", "name": "李雷"},
            "users": [{"number": 1, "pin": "246801"}, {"number": 2, "pin": "135791"}, {"number": 3, "pin": "97531"}]})");
        holder.close();
        const CliRun issued = cli(
            common("issue") + QStringList{QStringLiteral("--template"),
                                          QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                                          QStringLiteral("--holder"), holder.fileName()});
        QVERIFY2(issued.exitCode == 0, qPrintable(issued.err));
        const CliRun load = cli(common("load") + QStringList{QStringLiteral("--amount"), QStringLiteral("1000")});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err));
        QVERIFY2(buy(1, QStringLiteral("246801")).exitCode == 0, "user 1's first PIN works");
    }
    void cleanupTestCase() { m_card.stop(); }

    // Wrong input of every kind: a usage error (exit 2) and the card untouched (the old PIN still works).
    void wrongInputTouchesNothing_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        const QStringList address{QStringLiteral("--address"), QStringLiteral("北京市朝阳区")};
        QTest::newRow("no mailer folder") << address << QStringLiteral("--mailers");
        QTest::newRow("user 9") << QStringList{QStringLiteral("--mailers"), mailers(), QStringLiteral("--users"),
                                               QStringLiteral("9")} +
                                       address
                                << QStringLiteral("--users");
        QTest::newRow("user twice") << QStringList{QStringLiteral("--mailers"), mailers(), QStringLiteral("--users"),
                                                   QStringLiteral("1,1")} +
                                           address
                                    << QStringLiteral("--users");
        QTest::newRow("user the card has not")
            << QStringList{QStringLiteral("--mailers"), mailers(), QStringLiteral("--users"), QStringLiteral("5")} +
                   address
            << QStringLiteral("no user 5");
        QTest::newRow("no address on record")
            << QStringList{QStringLiteral("--mailers"), mailers()} << QStringLiteral("address");
        QTest::newRow("pin length 3") << QStringList{QStringLiteral("--mailers"), mailers(),
                                                     QStringLiteral("--pin-length"), QStringLiteral("3")} +
                                             address
                                      << QStringLiteral("digits");
    }
    void wrongInputTouchesNothing() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const CliRun r = reset(args);
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + r.err));
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QCOMPARE(QDir(mailers()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 0);
        QVERIFY2(buy(1, QStringLiteral("246801")).exitCode == 0, "the refused reset left the PIN as it was");
    }

    void oneUserReset() {
        const CliRun r = reset({QStringLiteral("--mailers"), mailers(), QStringLiteral("--users"), QStringLiteral("1"),
                                QStringLiteral("--address"), QStringLiteral("北京市朝阳区"),
                                QStringLiteral("--address"), QStringLiteral("建国路 88 号")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json.value(QStringLiteral("usersReset")).toArray(), QJsonArray{1});
        const QString mailer = r.json.value(QStringLiteral("pinMailer")).toString();
        QVERIFY2(QFileInfo(mailer).isFile(), qPrintable(mailer));
        QCOMPARE(QFileInfo(mailer).absolutePath(), QFileInfo(mailers()).absoluteFilePath());
        QCOMPARE(QFile::permissions(mailer) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions{});
        QCOMPARE(QDir(mailers() + QStringLiteral("/.pending")).entryList(QDir::Files).size(), 0);
        // The old PIN is gone; user 2, not named, keeps its own.
        QVERIFY(buy(1, QStringLiteral("246801")).exitCode != 0);
        QVERIFY2(buy(2, QStringLiteral("135791")).exitCode == 0, "user 2's PIN was not to change");
    }

    void everyUserResetAndAudited() {
        const CliRun r = reset({QStringLiteral("--mailers"), mailers(), QStringLiteral("--address"),
                                QStringLiteral("北京市朝阳区建国路 88 号")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json.value(QStringLiteral("usersReset")).toArray(), (QJsonArray{1, 2, 3}));
        QCOMPARE(QDir(mailers()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 2); // one per reset
        QVERIFY(buy(2, QStringLiteral("135791")).exitCode != 0);
        // Two resets in the audit trail, with the users and the mailer's name, never a PIN.
        const QString exported = m_dir.filePath(QStringLiteral("audit.json"));
        const CliRun audit = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                                  QStringLiteral("json"), QStringLiteral("--output"), exported});
        QVERIFY2(audit.exitCode == 0, qPrintable(audit.err));
        QFile f(exported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray trail = f.readAll();
        int resets = 0;
        for (const auto& row : QJsonDocument::fromJson(trail).object().value(QStringLiteral("rows")).toArray())
            if (row.toObject().value(QStringLiteral("action")).toString() == QLatin1String("pin reset")) {
                ++resets;
                QCOMPARE(row.toObject().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
            }
        QCOMPARE(resets, 2);
        QVERIFY(trail.contains("users 1,2,3"));
        // The PINs the test knows appear nowhere the CLI wrote: stdout, stderr, the trace (--trace), the audit.
        for (const char* pin : {"246801", "135791", "97531"}) {
            QVERIFY2(!m_said.contains(pin), pin);
            QVERIFY2(!trail.contains(pin), pin);
        }
    }
};

QTEST_GUILESS_MAIN(TestPinResetPcsc)
#include "TestPinResetPcsc.moc"
