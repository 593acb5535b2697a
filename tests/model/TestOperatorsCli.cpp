// Operators through carddesk-cli (docs/operators.md, docs/carddesk-cli.md): a password is never an option, the
// first admin and the development operator, logins (exit 5) and the lock-out, the role matrix — a representative
// command per operation that has one × every role: exit 6 naming the role, audited —, dual control of ca-key and
// production mode, audit verify naming a tampered row, and audit export. No pcscd: an allowed card command stops
// at "PC/SC service not running" (exit 3), after the checks this test is about.
#include <carddesk/model/Access.h>
#include <carddesk/model/Database.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace carddesk;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

const QString kTemplate = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json");

QString passwordOf(const QString& name) {
    return name == QLatin1String("admin") ? QStringLiteral("carddesk-admin-dev") : name + QStringLiteral("-password");
}

} // namespace

class TestOperatorsCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

    QString file(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

    // carddesk-cli as `who` (empty: nobody) on the test's desk, no pcscd, English.
    Run cli(const QStringList& args, const QString& who = QStringLiteral("admin"),
            const QMap<QString, QString>& extra = {}) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"CARDDESK_OPERATOR", "CARDDESK_OPERATOR_PASSWORD", "CARDDESK_SECOND_OPERATOR_PASSWORD",
                                 "CARDDESK_NEW_OPERATOR_PASSWORD", "CARDDESK_DATABASE", "CARDDESK_PIN",
                                 "CARDDESK_KEYSTORE", "CARDDESK_KEYSTORE_PASSPHRASE"})
            env.remove(QLatin1String(name));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("PCSCLITE_CSOCK_NAME"), QStringLiteral("/nonexistent/carddesk-test.comm"));
        env.insert(QStringLiteral("CARDDESK_DATABASE"), m_db);
        if (!who.isEmpty()) {
            env.insert(QStringLiteral("CARDDESK_OPERATOR"), who);
            env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), passwordOf(who));
        }
        for (auto it = extra.cbegin(); it != extra.cend(); ++it)
            env.insert(it.key(), it.value());
        QProcess p;
        p.setProcessEnvironment(env);
        // No controlling terminal, as under a service manager: a password not in the environment is not asked for.
        p.setChildProcessModifier([] { ::setsid(); });
        p.start(QStringLiteral(CARDDESK_CLI_BIN), args);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                p.readAllStandardError()};
    }

    AuditEntry newestRow() const {
        Database db;
        db.open(m_db, -1, false);
        return db.auditEntries(1).value(0);
    }
    QList<AuditEntry> newestRows(int n) const {
        Database db;
        db.open(m_db, -1, false);
        return db.auditEntries(n);
    }

    void addOperator(const QString& name, const QString& roles) {
        const Run r =
            cli({QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("--name"), name,
                 QStringLiteral("--roles"), roles},
                QStringLiteral("admin"), {{QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), passwordOf(name)}});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("roles")).toString(), roles);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db = file("desk.sqlite");
        // Nobody yet: nothing works but the first admin (here: the development one).
        Run r = cli({QStringLiteral("operator"), QStringLiteral("list"), QStringLiteral("--create")});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains("wrong operator name or password"), r.err.constData());
        r = cli({QStringLiteral("operator"), QStringLiteral("init-dev")}, {});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.err.contains("DEVELOPMENT ONLY"));
        QCOMPARE(r.json().value(QStringLiteral("roles")).toString(), QStringLiteral("desk,technician,support,admin"));
        r = cli({QStringLiteral("operator"), QStringLiteral("init-dev")}, {});
        QCOMPARE(r.code, 1); // once only
        for (const Role role : Access::roles())
            addOperator(QStringLiteral("only-") + Access::roleId(role), Access::roleId(role));
        addOperator(QStringLiteral("second"), QStringLiteral("technician,admin"));
        QFile package(file("junk.cdapp"));
        QVERIFY(package.open(QIODevice::WriteOnly));
        package.write(QByteArray(300, 'Z'));
    }

    void passwordIsNeverAnOption_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("--password") << QStringList{QStringLiteral("operator"), QStringLiteral("list"),
                                                   QStringLiteral("--password"), QStringLiteral("carddesk-admin-dev")};
        QTest::newRow("--password=") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"),
                                                    QStringLiteral("--password=carddesk-admin-dev")};
        QTest::newRow("--second-password")
            << QStringList{QStringLiteral("settings"), QStringLiteral("production-mode"),
                           QStringLiteral("on"),       QStringLiteral("--second-operator"),
                           QStringLiteral("second"),   QStringLiteral("--second-password"),
                           QStringLiteral("x")};
        QTest::newRow("--new-password") << QStringList{QStringLiteral("operator"), QStringLiteral("passwd"),
                                                       QStringLiteral("--new-password"), QStringLiteral("x")};
    }
    void passwordIsNeverAnOption() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("never taken on the command line"), r.err.constData());
        QVERIFY2(r.err.contains("CARDDESK_OPERATOR_PASSWORD"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void loginFailuresAndLockOut() {
        // No name, no password (no terminal in a test), a wrong password: exit 5, audited where there is a name.
        Run r = cli({QStringLiteral("audit"), QStringLiteral("verify")}, {});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains("--operator NAME"), r.err.constData());
        r = cli(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--operator"), QStringLiteral("admin")},
            {});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains("CARDDESK_OPERATOR_PASSWORD"), r.err.constData());
        addOperator(QStringLiteral("ivan"), QStringLiteral("desk"));
        for (int i = 1; i <= 5; ++i) {
            r = cli({QStringLiteral("operator"), QStringLiteral("passwd")}, QStringLiteral("ivan"),
                    {{QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("guess-number-%1").arg(i)}});
            QCOMPARE(r.code, 5);
            QCOMPARE(newestRow().action, QStringLiteral("login"));
            QVERIFY(newestRow().result.startsWith(QStringLiteral("failed: wrong password")));
        }
        QVERIFY2(r.err.contains("locked for 30 minutes"), r.err.constData());
        r = cli({QStringLiteral("operator"), QStringLiteral("passwd")}, QStringLiteral("ivan"),
                {{QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("ivan-new-password")}});
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains("is locked until"), r.err.constData());
        r = cli(
            {QStringLiteral("operator"), QStringLiteral("unlock"), QStringLiteral("--name"), QStringLiteral("ivan")});
        QVERIFY2(r.code == 0, r.err.constData());
        // One's own password: no role needed.
        r = cli({QStringLiteral("operator"), QStringLiteral("passwd")}, QStringLiteral("ivan"),
                {{QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("short")}});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("at least 10 characters"), r.err.constData());
        r = cli({QStringLiteral("operator"), QStringLiteral("passwd")}, QStringLiteral("ivan"),
                {{QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("ivan-new-password")}});
        QVERIFY2(r.code == 0, r.err.constData());
        r = cli({QStringLiteral("operator"), QStringLiteral("list")}, QStringLiteral("ivan"),
                {{QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("ivan-new-password")}});
        QCOMPARE(r.code, 6); // logged in, but no admin
        QVERIFY2(r.err.contains("needs the role admin"), r.err.constData());
        // The database has the hash, never the password.
        QFile f(m_db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        for (const char* secret : {"ivan-new-password", "carddesk-admin-dev", "second-password", "only-desk-password"})
            QVERIFY2(!bytes.contains(secret), secret);
    }

    // The role matrix through the CLI: each operation that has a command, as each role.
    void roleMatrix_data() {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("role");
        const QString r = QStringLiteral("Virtual PCD 00 00");
        const QStringList reader{QStringLiteral("--reader"), r};
        const QString holder = file("holder.json");
        QFile h(holder);
        h.open(QIODevice::WriteOnly);
        h.write(R"({"holder": {"userNumber": "U1", "account": "A1", "name": "N"},
            "users": [{"number": 1, "pin": "1234"}, {"number": 2, "pin": "1234"}, {"number": 3, "pin": "1234"}]})");
        const QList<std::pair<Operation, QStringList>> commands{
            {Operation::IssueCard,
             QStringList{QStringLiteral("issue")} + reader +
                 QStringList{QStringLiteral("--template"), kTemplate, QStringLiteral("--holder"), holder}},
            {Operation::DeskLoad, QStringList{QStringLiteral("load")} + reader +
                                      QStringList{QStringLiteral("--amount"), QStringLiteral("100")}},
            {Operation::DeskPurchase, QStringList{QStringLiteral("purchase")} + reader +
                                          QStringList{QStringLiteral("--amount"), QStringLiteral("100"),
                                                      QStringLiteral("--pin-user"), QStringLiteral("1")}},
            {Operation::Diagnose, QStringList{QStringLiteral("info")} + reader},
            {Operation::TraceView, QStringList{QStringLiteral("info"), QStringLiteral("--trace")} + reader},
            {Operation::AppInstall,
             QStringList{QStringLiteral("app-install"), QStringLiteral("--package"), file("junk.cdapp")} + reader},
            {Operation::AppDelete,
             QStringList{QStringLiteral("app-delete"), QStringLiteral("--cert"), file("junk.cdapp")} + reader},
            {Operation::CaKey,
             QStringList{QStringLiteral("ca-key"), QStringLiteral("--key"), QStringLiteral("CA_SERVICE_1"),
                         QStringLiteral("--second-operator"), QStringLiteral("second")} +
                 reader},
            {Operation::PinReset, QStringList{QStringLiteral("pin-reset"), QStringLiteral("--mailers"), file("mailers"),
                                              QStringLiteral("--address"), QStringLiteral("北京")} +
                                      reader},
            {Operation::ManageOperators, {QStringLiteral("operator"), QStringLiteral("list")}},
            {Operation::Settings, {QStringLiteral("settings"), QStringLiteral("show")}},
            {Operation::ProductionModeChange,
             {QStringLiteral("settings"), QStringLiteral("production-mode"), QStringLiteral("off"),
              QStringLiteral("--second-operator"), QStringLiteral("second")}},
            {Operation::AuditReview, {QStringLiteral("audit"), QStringLiteral("verify")}},
            {Operation::AuditExport,
             {QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
              QStringLiteral("--output"), file("export.json")}},
        };
        for (const auto& [op, args] : commands)
            for (const Role role : Access::roles())
                QTest::newRow(qPrintable(Access::operationId(op) + QLatin1Char('/') + Access::roleId(role)))
                    << int(op) << args << Access::roleId(role);
    }
    void roleMatrix() {
        QFETCH(int, operation);
        QFETCH(QStringList, args);
        QFETCH(QString, role);
        const auto op = static_cast<Operation>(operation);
        const QString who = QStringLiteral("only-") + role;
        const bool allowed = Access::requiredRoles(op).testFlag(*Access::roleFromId(role));
        const qint64 before = newestRow().id;
        const Run r =
            cli(args, who,
                {{QStringLiteral("CARDDESK_PIN"), QStringLiteral("1234")},
                 {QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), passwordOf(QStringLiteral("second"))}});
        if (allowed) {
            // Past the roles: the card commands stop at the missing pcscd, the others succeed.
            QVERIFY2(r.code == 0 || r.code == 3, r.err.constData());
            QVERIFY(!r.err.contains("needs the role"));
            return;
        }
        QCOMPARE(r.code, 6);
        const QString needed = QStringLiteral("needs the role ") + Access::rolesText(Access::requiredRoles(op));
        QVERIFY2(QString::fromUtf8(r.err).contains(needed), r.err.constData());
        // Audited: the refusal, then the logout.
        const QList<AuditEntry> rows = newestRows(2);
        QVERIFY(rows[1].id > before);
        QCOMPARE(rows[0].action, QStringLiteral("logout"));
        QCOMPARE(rows[1].result, QStringLiteral("refused: ") + needed);
        QCOMPARE(rows[1].operators, who);
        // TraceView's command needs diagnose too (the same role): its refusal may name either.
        if (op != Operation::TraceView)
            QCOMPARE(rows[1].action, Access::operationId(op));
    }

    void dualControl() {
        const QStringList on{QStringLiteral("settings"), QStringLiteral("production-mode"), QStringLiteral("on")};
        const QMap<QString, QString> secondPassword{
            {QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), passwordOf(QStringLiteral("second"))}};
        // No second operator.
        Run r = cli(on);
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains("second operator"), r.err.constData());
        // The same operator twice.
        r = cli(on + QStringList{QStringLiteral("--second-operator"), QStringLiteral("admin")}, QStringLiteral("admin"),
                {{QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), passwordOf(QStringLiteral("admin"))}});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains("someone other than admin"), r.err.constData());
        QCOMPARE(newestRows(2)[1].result, QStringLiteral("refused: the same operator twice"));
        // A second without the role.
        r = cli(on + QStringList{QStringLiteral("--second-operator"), QStringLiteral("only-desk")},
                QStringLiteral("admin"),
                {{QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), passwordOf(QStringLiteral("only-desk"))}});
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains("needs the role admin"), r.err.constData());
        QCOMPARE(newestRows(2)[1].operators, QStringLiteral("admin+only-desk"));
        // Both: done, both names in the row.
        r = cli(on + QStringList{QStringLiteral("--second-operator"), QStringLiteral("second")},
                QStringLiteral("admin"), secondPassword);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("productionMode")).toBool(), true);
        const AuditEntry change = newestRows(2)[1];
        QCOMPARE(change.action, QStringLiteral("production-mode change"));
        QCOMPARE(change.operators, QStringLiteral("admin+second"));
        QCOMPARE(change.detail, QStringLiteral("production mode on"));
        // Production mode refuses the development operator (on a new desk too, once the setting is there).
        r = cli({QStringLiteral("operator"), QStringLiteral("init-dev")}, {});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("production mode"), r.err.constData());
        r = cli({QStringLiteral("settings"), QStringLiteral("production-mode"), QStringLiteral("off"),
                 QStringLiteral("--second-operator"), QStringLiteral("second")},
                QStringLiteral("admin"), secondPassword);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("productionMode")).toBool(), false);
    }

    void firstAdminOfAnEmptyDesk() {
        const QString other = file("new-desk.sqlite");
        const QMap<QString, QString> env{{QStringLiteral("CARDDESK_DATABASE"), other},
                                         {QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("short")}};
        Run r = cli({QStringLiteral("operator"), QStringLiteral("init"), QStringLiteral("--name"),
                     QStringLiteral("root"), QStringLiteral("--create")},
                    {}, env);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("at least 10 characters"), r.err.constData());
        QMap<QString, QString> good = env;
        good.insert(QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("root-password"));
        r = cli({QStringLiteral("operator"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("root")},
                {}, good);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("roles")).toString(), QStringLiteral("admin"));
        r = cli({QStringLiteral("operator"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("root2")},
                {}, good);
        QCOMPARE(r.code, 1);
        good.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("root"));
        good.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("root-password"));
        r = cli({QStringLiteral("operator"), QStringLiteral("list")}, {}, good);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("operators")).toArray().size(), 1);
    }

    void auditVerifyNamesTheTamperedRow() {
        Run r = cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("valid")).toBool(), true);
        const int rows = r.json().value(QStringLiteral("rows")).toInt();
        QVERIFY(rows > 50);
        // CSV export to stdout: every row and its hash.
        r = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.startsWith("sequence,time,operators,role,action,card,result,detail,hash"));
        QVERIFY(r.out.count("\r\n") > rows);
        r = cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(r.code, 2);
        {
            Database db;
            db.open(m_db, -1, false);
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("UPDATE audit SET detail = 'nothing to see' WHERE sequence = 12")));
        }
        r = cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("broken at row 12") && r.err.contains("row 12 was changed"), r.err.constData());
        QCOMPARE(r.json().value(QStringLiteral("brokenRow")).toInt(), 12);
        {
            Database db;
            db.open(m_db, -1, false);
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("DELETE FROM audit WHERE sequence = 12")));
        }
        r = cli({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("row 12 is missing"), r.err.constData());
        // Only an admin may look.
        r = cli({QStringLiteral("audit"), QStringLiteral("verify")}, QStringLiteral("only-support"));
        QCOMPARE(r.code, 6);
    }
};

QTEST_GUILESS_MAIN(TestOperatorsCli)
#include "TestOperatorsCli.moc"
