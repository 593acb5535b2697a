// carddesk-cli argument handling and the errors it gives before any card is touched (no pcscd needed).
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CARDDESK_CLI_BIN), args);
    p.closeWriteChannel(); // a command that reads a PIN from stdin finds none
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// A libpcsclite socket nobody listens on: "pcscd not running" whatever runs on this machine.
QProcessEnvironment noPcscd() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PCSCLITE_CSOCK_NAME"), QStringLiteral("/nonexistent/carddesk-test.comm"));
    return env;
}

const QString kTemplate = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json");

// No pcscd, and the development admin logged in to `database` (made there by deskAt()).
QProcessEnvironment loggedIn(const QString& database) {
    QProcessEnvironment env = noPcscd();
    env.insert(QStringLiteral("CARDDESK_DATABASE"), database);
    env.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
    env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
    return env;
}

// A desk database with the development admin (operator init-dev).
bool deskAt(const QString& database) {
    return cli({QStringLiteral("operator"), QStringLiteral("init-dev"), QStringLiteral("--database"), database,
                QStringLiteral("--create")})
               .code == 0;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeFile(const char* name, const QByteArray& content) {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }

private slots:
    void usageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("a command is needed");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("format-disk")}
                                         << QStringLiteral("unknown command");
        QTest::newRow("two commands") << QStringList{QStringLiteral("info"), QStringLiteral("readers")}
                                      << QStringLiteral("one command at a time");
        QTest::newRow("info without reader") << QStringList{QStringLiteral("info")} << QStringLiteral("--reader");
        QTest::newRow("issue without files")
            << QStringList{QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R")}
            << QStringLiteral("--template FILE, --holder FILE");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("readers"), QStringLiteral("--colour")}
                                        << QStringLiteral("colour");
        QTest::newRow("misplaced option")
            << QStringList{QStringLiteral("readers"), QStringLiteral("--template"), QStringLiteral("x.json")}
            << QStringLiteral("does not take --template");
        QTest::newRow("bad wait") << QStringList{QStringLiteral("info"), QStringLiteral("--reader"),
                                                 QStringLiteral("R"), QStringLiteral("--wait"), QStringLiteral("soon")}
                                  << QStringLiteral("--wait");
        const QString r = QStringLiteral("R");
        QTest::newRow("purse without reader") << QStringList{QStringLiteral("purse")} << QStringLiteral("--reader");
        QTest::newRow("load without amount")
            << QStringList{QStringLiteral("load"), QStringLiteral("--reader"), r} << QStringLiteral("--amount FEN");
        QTest::newRow("bad amount") << QStringList{QStringLiteral("load"), QStringLiteral("--reader"), r,
                                                   QStringLiteral("--amount"), QStringLiteral("12.5")}
                                    << QStringLiteral("--amount");
        QTest::newRow("purchase without PIN user")
            << QStringList{QStringLiteral("purchase"), QStringLiteral("--reader"), r, QStringLiteral("--amount"),
                           QStringLiteral("100")}
            << QStringLiteral("--pin-user");
        QTest::newRow("PIN on the command line")
            << QStringList{QStringLiteral("purchase"), QStringLiteral("--reader"), r,
                           QStringLiteral("--amount"), QStringLiteral("100"),      QStringLiteral("--pin"),
                           QStringLiteral("1234")}
            << QStringLiteral("pin");
        QTest::newRow("no PIN given")
            << QStringList{QStringLiteral("purchase"), QStringLiteral("--reader"), r,
                           QStringLiteral("--amount"), QStringLiteral("100"),      QStringLiteral("--pin-user"),
                           QStringLiteral("1")}
            << QStringLiteral("CARDDESK_PIN");
        QTest::newRow("prove on load")
            << QStringList{QStringLiteral("load"),     QStringLiteral("--reader"), r,
                           QStringLiteral("--amount"), QStringLiteral("100"),      QStringLiteral("--prove")}
            << QStringLiteral("does not take --prove");
    }
    void usageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = cli(args, noPcscd());
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void help() {
        const Run r = cli({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("issue --reader NAME"));
    }

    void serviceNotRunning() {
        Run r = cli({QStringLiteral("readers")}, noPcscd());
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("PC/SC service not running"), r.err.constData());
        const QString desk = m_dir.filePath(QStringLiteral("service.sqlite"));
        QVERIFY(deskAt(desk));
        r = cli({QStringLiteral("info"), QStringLiteral("--reader"), QStringLiteral("Virtual PCD 00 00")},
                loggedIn(desk));
        QCOMPARE(r.code, 3);
    }

    void badFilesFailBeforeTheCard() {
        const QString holder = writeFile("holder.json", R"({"holder": {"userNumber": "U1", "account": "A", "name": "N"},
            "users": [{"number": 1, "pin": "12"}]})");
        const QString badTemplate = writeFile("template.json", R"({"name": "x", "issuerSerial": "12"})");
        Run r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"),
                     QStringLiteral("--template"), badTemplate, QStringLiteral("--holder"), holder},
                    noPcscd());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("invalid template") && r.err.contains("issuerSerial"), r.err.constData());

        r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"), QStringLiteral("--template"),
                 kTemplate, QStringLiteral("--holder"), holder},
                noPcscd());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("users[0].pin"), r.err.constData());

        // A database path that is not a database: refused, and left as it was.
        const QString goodHolder =
            writeFile("good.json", R"({"holder": {"userNumber": "U1", "account": "A", "name": "N"},
            "users": [{"number": 1, "pin": "1234"}, {"number": 2, "pin": "1234"}, {"number": 3, "pin": "1234"}]})");
        const QString notDb = writeFile("notes.txt", "not a database\n");
        r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"), QStringLiteral("--template"),
                 kTemplate, QStringLiteral("--holder"), goodHolder, QStringLiteral("--database"), notDb},
                noPcscd());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not a CardDesk database"), r.err.constData());
        QFile f(notDb);
        f.open(QIODevice::ReadOnly);
        QCOMPARE(f.readAll(), QByteArray("not a database\n"));

        // Issue 11: a database that does not exist, or a 0-byte file, is not made silently (a mistyped path became
        // a second desk database with its own card numbers).
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder/cards.sqlite"));
        r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"), QStringLiteral("--template"),
                 kTemplate, QStringLiteral("--holder"), goodHolder, QStringLiteral("--database"), missing},
                noPcscd());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("does not exist") && r.err.contains("--create"), r.err.constData());
        QVERIFY(!QFileInfo::exists(missing));
        const QString empty = writeFile("empty.sqlite", "");
        r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"), QStringLiteral("--template"),
                 kTemplate, QStringLiteral("--holder"), goodHolder, QStringLiteral("--database"), empty},
                noPcscd());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("0 bytes"), r.err.constData());
        QCOMPARE(QFileInfo(empty).size(), 0);

        // A wrong key store passphrase.
        QProcessEnvironment env = noPcscd();
        env.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), QStringLiteral("not-the-passphrase"));
        r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"), QStringLiteral("--template"),
                 kTemplate, QStringLiteral("--holder"), goodHolder, QStringLiteral("--database"),
                 m_dir.filePath(QStringLiteral("db.sqlite")), QStringLiteral("--create")},
                env);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("key store"), r.err.constData());
        QVERIFY(!r.err.contains("not-the-passphrase"));

        // Everything fine but no pcscd: the card step fails clearly.
        QVERIFY(deskAt(m_dir.filePath(QStringLiteral("db.sqlite"))));
        r = cli({QStringLiteral("issue"), QStringLiteral("--reader"), QStringLiteral("R"), QStringLiteral("--template"),
                 kTemplate, QStringLiteral("--holder"), goodHolder, QStringLiteral("--database"),
                 m_dir.filePath(QStringLiteral("db.sqlite"))},
                loggedIn(m_dir.filePath(QStringLiteral("db.sqlite"))));
        QCOMPARE(r.code, 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
