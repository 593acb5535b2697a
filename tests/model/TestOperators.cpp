// Operators, roles and dual control through the model (docs/operators.md): the password stored only as a salted
// PBKDF2-SHA256 hash, the lock-out after five wrong passwords, the role matrix — every operation × every role
// through OperatorSession and through the console session's services —, refusals audited and naming the role,
// dual control (the same operator twice, a second without the role, both names in the row), production mode and
// the trace's secrets.
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/AppService.h>
#include <carddesk/model/CaKeyService.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/FutureWait.h>
#include <carddesk/model/IssuanceService.h>
#include <carddesk/model/KeyRing.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/model/OperatorStore.h>
#include <carddesk/model/PinResetService.h>
#include <carddesk/model/PurseService.h>
#include <carddesk/model/SupportService.h>

#include "support/StandardCard.h"
#include "support/TestOperators.h"
#include "support/TestProfiles.h"

#include <carddesk/protocol/crypto/Crypto.h>

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

namespace {

const QString kReader = QStringLiteral("Empty desk reader");

// The issue's table, written out here rather than read from Access.cpp: a change there must change this too.
struct Expected {
    Operation op;
    Role role;
    bool dual;
};
const Expected kTable[] = {
    {Operation::IssueCard, Role::Desk, false},
    {Operation::BatchIssue, Role::Desk, false},
    {Operation::DeskLoad, Role::Desk, false},
    {Operation::DeskPurchase, Role::Desk, false},
    {Operation::Diagnose, Role::Technician, false},
    {Operation::TraceView, Role::Technician, false},
    {Operation::TraceRevealSecrets, Role::Technician, true},
    {Operation::AppInstall, Role::Technician, false},
    {Operation::AppDelete, Role::Technician, false},
    {Operation::History, Role::Support, false},
    {Operation::Reconciliation, Role::Support, false},
    {Operation::Export, Role::Support, false},
    {Operation::ManageOperators, Role::Admin, false},
    {Operation::KeyCeremony, Role::Admin, true},
    {Operation::KeyImport, Role::Admin, true},
    {Operation::CaKey, Role::Technician, true},
    {Operation::Settings, Role::Admin, false},
    {Operation::ProductionModeChange, Role::Admin, true},
    {Operation::AuditReview, Role::Admin, false},
    {Operation::AuditExport, Role::Admin, false},
    {Operation::PinReset, Role::Desk, false},
};

// One operator per role, named after it.
QString operatorOf(Role r) {
    return QStringLiteral("only-") + Access::roleId(r);
}

} // namespace

Q_DECLARE_METATYPE(carddesk::Operation)
Q_DECLARE_METATYPE(carddesk::Role)

class TestOperators : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSession> m_session;

    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    Database& db() { return m_session->database(); }
    AuditEntry newest() { return db().auditEntries(1).value(0); }

    static QByteArray fileBytes(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_session = std::make_unique<ConsoleSession>();
        QCOMPARE(m_session->openDatabase(path("desk.sqlite"), true), QString());
        for (Role r : Access::roles())
            cdtest::ensureOperator(db(), operatorOf(r), r);
        cdtest::ensureOperator(db(), cdtest::kSecond, Role::Technician | Role::Admin);
        m_session->readers().addLocalReader(kReader); // no card: an allowed call fails at the card, not before
        m_session->start(false);
        QCOMPARE(m_session->keys().open(QString::fromStdString(cdtest::devKeyStorePath()),
                                        QString::fromLatin1(cdtest::kDevPassphrase)),
                 QString());
    }
    void cleanupTestCase() { m_session.reset(); }

    void theTableIsTheIssues() {
        QCOMPARE(Access::operations().size(), int(std::size(kTable)));
        for (const Expected& e : kTable) {
            QCOMPARE(Access::requiredRoles(e.op), Roles(e.role));
            QCOMPARE(Access::needsDualControl(e.op), e.dual);
            QCOMPARE(Access::operationFromId(Access::operationId(e.op)), std::optional<Operation>(e.op));
            if (e.dual)
                QVERIFY(Access::secondRoles(e.op) & e.role); // a second of the same trade qualifies
        }
        QCOMPARE(Access::parseRoles(QStringLiteral("desk, ADMIN")), std::optional<Roles>(Role::Desk | Role::Admin));
        QString bad;
        QVERIFY(!Access::parseRoles(QStringLiteral("desk,root"), &bad));
        QCOMPARE(bad, QStringLiteral("root"));
        QCOMPARE(Access::refusalId(Operation::IssueCard, Role::Support), QStringLiteral("needs the role desk"));
        QCOMPARE(Access::refusalId(Operation::IssueCard, Role::Desk | Role::Support), QString());
    }

    void passwordIsStoredAsASaltedHashOnly() {
        const QString password = QStringLiteral("Tr0ub4dor&3-horse");
        OperatorStore store(db());
        AuditRecord by;
        by.operators = cdtest::kAdmin;
        store.add(by, QStringLiteral("carol"), Role::Desk, password);
        store.add(by, QStringLiteral("dave"), Role::Desk, password);
        // Not in the file (SQLite writes through at commit), in no encoding a grep would find.
        const QByteArray file = fileBytes(path("desk.sqlite"));
        QVERIFY(!file.isEmpty());
        QVERIFY(!file.contains(password.toUtf8()));
        QVERIFY(!file.contains(password.toUtf8().toHex()));
        QVERIFY(!file.contains(password.toUtf8().toBase64()));
        QSqlQuery q(db().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT name, password_hash, salt, iterations, algorithm FROM operators"
                                      " WHERE name IN ('carol', 'dave') ORDER BY name")));
        QStringList hashes, salts;
        while (q.next()) {
            QCOMPARE(q.value(1).toString().size(), 64); // 32 bytes
            QCOMPARE(q.value(2).toString().size(), 32); // 16 bytes
            QVERIFY(q.value(3).toInt() >= 200000);
            QCOMPARE(q.value(4).toString(), QStringLiteral("pbkdf2-sha256"));
            hashes << q.value(1).toString();
            salts << q.value(2).toString();
        }
        QCOMPARE(hashes.size(), 2);
        QVERIFY(hashes[0] != hashes[1]); // per-operator salt: the same password, two hashes
        QVERIFY(salts[0] != salts[1]);
        // The hash is PBKDF2-SHA256 of the password with that salt and count, checked here from the row.
        const QByteArray salt = QByteArray::fromHex(salts[0].toLatin1());
        const cdos::Bytes expected = cdos::crypto::pbkdf2Sha256(
            password.toStdString(), cdos::Bytes(salt.cbegin(), salt.cend()), OperatorStore::kIterations, 32);
        QCOMPARE(QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(expected.data()), 32).toHex()),
                 hashes[0]);
        // Nor in the audit trail.
        for (const AuditEntry& e : db().auditTrail())
            QVERIFY(!e.detail.contains(password) && !e.result.contains(password) && !e.detail.contains(hashes[0]));
        OperatorSession carol(db());
        QCOMPARE(carol.login(QStringLiteral("carol"), password), QString());
        QVERIFY(!carol.login(QStringLiteral("carol"), password + QLatin1Char('x')).isEmpty());
    }

    void passwordRulesAreSaidInWords() {
        QVERIFY(OperatorStore::passwordProblem(QStringLiteral("123456789")).contains(QStringLiteral("10")));
        QCOMPARE(OperatorStore::passwordProblem(QStringLiteral("1234567890")), QString());
        QVERIFY(!OperatorStore::passwordProblem(QStringLiteral("operator-x"), QStringLiteral("operator-x")).isEmpty());
        QVERIFY(!OperatorStore::nameProblem(QStringLiteral("alice+bob")).isEmpty()); // '+' joins dual names
        QVERIFY(!OperatorStore::nameProblem(QString()).isEmpty());
        OperatorStore store(db());
        AuditRecord by;
        by.operators = cdtest::kAdmin;
        QVERIFY_THROWS_EXCEPTION(OperatorError,
                                 store.add(by, QStringLiteral("eve"), Role::Desk, QStringLiteral("short")));
        QVERIFY_THROWS_EXCEPTION(OperatorError,
                                 store.add(by, QStringLiteral("eve"), Roles(), QStringLiteral("long enough!")));
        QVERIFY(!store.find(QStringLiteral("eve")));
    }

    void lockOutAfterFiveWrongPasswords() {
        cdtest::ensureOperator(db(), QStringLiteral("frank"), Role::Desk);
        OperatorSession session(db());
        for (int i = 1; i <= OperatorStore::kMaxFailures; ++i) {
            const QString e = session.login(QStringLiteral("frank"), QStringLiteral("not-his-password"));
            QVERIFY(!e.isEmpty());
            QVERIFY(!session.isLoggedIn());
            const AuditEntry row = newest();
            QCOMPARE(row.action, QStringLiteral("login"));
            QCOMPARE(row.operators, QStringLiteral("frank"));
            QVERIFY2(row.result.startsWith(QStringLiteral("failed: wrong password")), qPrintable(row.result));
            QVERIFY(!row.result.contains(QStringLiteral("not-his-password")));
            if (i == OperatorStore::kMaxFailures) {
                QVERIFY2(e.contains(QStringLiteral("locked")), qPrintable(e));
                QVERIFY(row.result.contains(QStringLiteral("locked until")));
            }
        }
        // Locked: the right password does not open it either.
        QString e = session.login(QStringLiteral("frank"), cdtest::passwordOf(QStringLiteral("frank")));
        QVERIFY2(e.contains(QStringLiteral("locked")), qPrintable(e));
        QVERIFY(newest().result.startsWith(QStringLiteral("refused: locked until")));
        QVERIFY(OperatorStore(db()).find(QStringLiteral("frank"))->isLockedAt(QDateTime::currentDateTimeUtc()));

        // An admin unlocks (audited).
        OperatorSession admin(db());
        QCOMPARE(cdtest::logIn(admin), QString());
        admin.unlockOperator(QStringLiteral("frank"));
        QCOMPARE(newest().action, QStringLiteral("operator unlock"));
        QCOMPARE(session.login(QStringLiteral("frank"), cdtest::passwordOf(QStringLiteral("frank"))), QString());
        session.logout();

        // Or the lock's time runs out (kLockMinutes): as if it had.
        for (int i = 0; i < OperatorStore::kMaxFailures; ++i)
            session.login(QStringLiteral("frank"), QStringLiteral("wrong-again-1"));
        QVERIFY(!session.login(QStringLiteral("frank"), cdtest::passwordOf(QStringLiteral("frank"))).isEmpty());
        QSqlQuery q(db().connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE operators SET locked_until = '2000-01-01T00:00:00.000Z'"
                                      " WHERE name = 'frank'")));
        QCOMPARE(session.login(QStringLiteral("frank"), cdtest::passwordOf(QStringLiteral("frank"))), QString());
        QCOMPARE(OperatorStore(db()).find(QStringLiteral("frank"))->failedAttempts, 0);

        // A lock by an admin has no end.
        admin.lockOperator(QStringLiteral("frank"));
        QVERIFY(session.login(QStringLiteral("frank"), cdtest::passwordOf(QStringLiteral("frank")))
                    .contains(QStringLiteral("locked by an admin")));
        admin.unlockOperator(QStringLiteral("frank"));
        // Unknown names fail the same way, and are audited.
        QVERIFY(!session.login(QStringLiteral("nobody-here"), QStringLiteral("whatever-1234")).isEmpty());
        QCOMPARE(newest().result, QStringLiteral("failed: unknown operator"));
    }

    void loginAndLogoutAreAudited() {
        OperatorSession session(db());
        QCOMPARE(cdtest::logIn(session, operatorOf(Role::Desk), Role::Desk), QString());
        AuditEntry row = newest();
        QCOMPARE(row.action, QStringLiteral("login"));
        QCOMPARE(row.operators, operatorOf(Role::Desk));
        QCOMPARE(row.role, QStringLiteral("desk"));
        QCOMPARE(row.result, QStringLiteral("ok"));
        session.logout();
        row = newest();
        QCOMPARE(row.action, QStringLiteral("logout"));
        QVERIFY(!session.isLoggedIn());
        // Nobody logged in: everything is refused, and said so.
        try {
            session.require(Operation::IssueCard);
            QFAIL("allowed without a login");
        } catch (const AccessDenied& e) {
            QCOMPARE(e.why, AccessDenied::Reason::NotLoggedIn);
            QVERIFY2(e.text.contains(QStringLiteral("desk")), qPrintable(e.text));
        }
        QCOMPARE(newest().result, QStringLiteral("refused: nobody is logged in"));
    }

    // Every operation × every role through OperatorSession::require (dual control approved by the tests' second
    // operator where the table asks for it).
    void roleMatrixThroughTheSession_data() {
        QTest::addColumn<Operation>("op");
        QTest::addColumn<Role>("role");
        for (const Expected& e : kTable)
            for (Role r : Access::roles())
                QTest::newRow(qPrintable(Access::operationId(e.op) + QLatin1Char('/') + Access::roleId(r)))
                    << e.op << r;
    }
    void roleMatrixThroughTheSession() {
        QFETCH(Operation, op);
        QFETCH(Role, role);
        const Expected& e = *std::find_if(std::begin(kTable), std::end(kTable), [op](auto& x) { return x.op == op; });
        OperatorSession& session = m_session->operators();
        QCOMPARE(cdtest::logIn(session, operatorOf(role), role), QString());
        const bool allowed = e.role == role;
        QCOMPARE(session.allowed(op), allowed);
        try {
            if (e.dual)
                session.approve(op, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
            const Grant g = session.require(op, QStringLiteral("86100100000000000042"));
            QVERIFY2(allowed, "allowed without the role");
            QCOMPARE(g.operatorName, operatorOf(role));
            QCOMPARE(g.role, Access::roleId(role));
            QCOMPARE(g.operators(), e.dual ? operatorOf(role) + QStringLiteral("+second") : operatorOf(role));
        } catch (const AccessDenied& denied) {
            QVERIFY2(!allowed, qPrintable(denied.text));
            QCOMPARE(denied.why, AccessDenied::Reason::MissingRole);
            const QString needed = QStringLiteral("needs the role ") + Access::roleId(e.role);
            QVERIFY2(denied.text.contains(needed), qPrintable(denied.text));
            const AuditEntry row = newest();
            QCOMPARE(row.action, Access::operationId(op));
            QCOMPARE(row.operators, operatorOf(role));
            QCOMPARE(row.role, Access::roleId(e.role));
            QCOMPARE(row.result, QStringLiteral("refused: ") + needed);
        }
    }

    // The same table through the services of the console session: a refused call touches nothing (refused,
    // the role named, audited); an allowed one goes on to the card (none in this reader) or the headend.
    void roleMatrixThroughTheServices_data() {
        QTest::addColumn<Operation>("op");
        QTest::addColumn<Role>("role");
        for (const Expected& e : kTable) {
            if (e.op == Operation::KeyCeremony || e.op == Operation::KeyImport || e.op == Operation::Settings ||
                e.op == Operation::TraceView)
                continue; // no model service of their own yet (keys: PKCS#11 work; settings: production mode)
            for (Role r : Access::roles())
                QTest::newRow(qPrintable(Access::operationId(e.op) + QLatin1Char('/') + Access::roleId(r)))
                    << e.op << r;
        }
    }
    void roleMatrixThroughTheServices() {
        QFETCH(Operation, op);
        QFETCH(Role, role);
        const Expected& e = *std::find_if(std::begin(kTable), std::end(kTable), [op](auto& x) { return x.op == op; });
        const bool allowed = e.role == role;
        ConsoleSession& s = *m_session;
        QCOMPARE(cdtest::logIn(s.operators(), operatorOf(role), role), QString());
        const qint64 before = newest().id;
        bool refused = false;
        QString error;
        const auto dual = [&] {
            try {
                s.operators().approve(op, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
            } catch (const AccessDenied&) {
                // the service's own require() refuses and says so
            }
        };
        switch (op) {
        case Operation::IssueCard:
        case Operation::BatchIssue: {
            QByteArray holder = cdtest::standardHolderJson();
            const IssuanceRequest request{
                kReader,
                CardTemplate::load(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json")),
                HolderFile::fromJson(holder),
                {},
                op == Operation::BatchIssue ? QStringLiteral("batch-7") : QString(),
                op == Operation::BatchIssue ? 1 : 0};
            const IssuanceResult r = s.issuance().issueAndWait(request);
            refused = r.refused;
            error = r.error;
            QVERIFY(r.cardNumber.isEmpty()); // no number spent either way: there is no card
            break;
        }
        case Operation::DeskLoad:
        case Operation::DeskPurchase: {
            PurseRequest request{kReader,
                                 op == Operation::DeskLoad ? PurseOperation::Load : PurseOperation::Purchase,
                                 100,
                                 op == Operation::DeskLoad ? 0 : 1,
                                 QStringLiteral("1234"),
                                 {}};
            const PurseTransactionResult r = PurseService::wait(s.purse().transact(request));
            refused = r.refused;
            error = r.error;
            break;
        }
        case Operation::PinReset: {
            PinResetRequest request;
            request.reader = kReader;
            request.mailerFolder = path("mailers");
            request.address = {QStringLiteral("北京市")};
            const PinResetResult r = waitForFuture(s.pinResets().reset(request));
            refused = r.refused;
            error = r.error;
            QVERIFY(r.mailer.isEmpty()); // no card: no mailer either way
            break;
        }
        case Operation::Diagnose: {
            const PurseState p = PurseService::wait(s.purse().read(kReader));
            const AppCardState a = AppService::wait(s.apps().read(kReader));
            QCOMPARE(a.refused, p.refused);
            refused = p.refused;
            error = p.error;
            break;
        }
        case Operation::TraceRevealSecrets:
            error = s.setTraceReveal(true, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
            refused = !error.isEmpty();
            QCOMPARE(s.trace().revealSecrets(), !refused);
            s.setTraceReveal(false);
            break;
        case Operation::AppInstall:
        case Operation::AppDelete: {
            const QByteArray junk(300, '\x5A');
            const AppOperationResult r = AppService::wait(op == Operation::AppInstall ? s.apps().install(kReader, junk)
                                                                                      : s.apps().remove(kReader, junk));
            refused = r.refused;
            error = r.error;
            break;
        }
        case Operation::History:
        case Operation::Reconciliation: {
            SupportQuery q;
            q.cardNumber = QStringLiteral("86100100000000000001");
            if (op == Operation::Reconciliation)
                q.reader = kReader;
            const SupportReport r = waitForFuture(s.support().lookup(q));
            refused = r.refused;
            error = r.headendError;
            break;
        }
        case Operation::Export:
            error = s.support().exportReport(SupportReport{}, path("report.csv"));
            refused = !error.isEmpty();
            QCOMPARE(QFile::exists(path("report.csv")), !refused);
            QFile::remove(path("report.csv"));
            break;
        case Operation::ManageOperators:
            try {
                QVERIFY(!s.operators().listOperators().isEmpty());
            } catch (const AccessDenied& d) {
                refused = true;
                error = d.text;
            }
            break;
        case Operation::CaKey: {
            dual();
            const CaKeyResult r = waitForFuture(s.caKeys().loadServiceKey(kReader, QStringLiteral("CA_SERVICE_1"), {}));
            refused = r.refused;
            error = r.error;
            break;
        }
        case Operation::ProductionModeChange:
            try {
                s.operators().setProductionMode(false, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
                QVERIFY(!db().productionMode());
            } catch (const AccessDenied& d) {
                refused = true;
                error = d.text;
            }
            break;
        case Operation::AuditReview:
        case Operation::AuditExport:
            try {
                if (op == Operation::AuditReview)
                    QVERIFY(s.operators().verifyAudit().valid);
                else
                    QVERIFY(s.operators().exportAudit(AuditFormat::Json).contains("\"rows\""));
            } catch (const AccessDenied& d) {
                refused = true;
                error = d.text;
            }
            break;
        default:
            QFAIL("no service for this operation");
        }
        QCOMPARE(refused, !allowed);
        if (refused) {
            const QString needed = QStringLiteral("needs the role ") + Access::roleId(e.role);
            QVERIFY2(error.contains(needed), qPrintable(error));
            // The refusal is the newest row (nothing after it: the service stopped there).
            const AuditEntry row = newest();
            QVERIFY(row.id > before);
            QCOMPARE(row.action, Access::operationId(op));
            QCOMPARE(row.result, QStringLiteral("refused: ") + needed);
            QCOMPARE(row.operators, operatorOf(role));
        } else {
            QVERIFY2(!error.contains(QStringLiteral("needs the role")), qPrintable(error));
        }
    }

    void dualControl() {
        OperatorSession& session = m_session->operators();
        QCOMPARE(cdtest::logIn(session, operatorOf(Role::Admin), Role::Admin), QString());
        const QString me = operatorOf(Role::Admin);
        const auto refusedWith = [&](const QString& second, const QString& password, const QString& words) {
            try {
                session.setProductionMode(true, second, password);
                return false;
            } catch (const AccessDenied& e) {
                return e.why == AccessDenied::Reason::DualControl && e.text.contains(words);
            }
        };
        // Nobody second, the same operator twice, a second without the role, a wrong second password.
        QVERIFY(refusedWith({}, {}, QStringLiteral("second operator")));
        QCOMPARE(newest().result, QStringLiteral("refused: needs a second operator (dual control)"));
        QVERIFY(refusedWith(me, cdtest::passwordOf(me), QStringLiteral("someone other than")));
        QCOMPARE(newest().operators, me + QLatin1Char('+') + me);
        QCOMPARE(newest().result, QStringLiteral("refused: the same operator twice"));
        QVERIFY(refusedWith(operatorOf(Role::Desk), cdtest::passwordOf(operatorOf(Role::Desk)),
                            QStringLiteral("needs the role admin")));
        QCOMPARE(newest().operators, me + QStringLiteral("+only-desk"));
        QCOMPARE(newest().result, QStringLiteral("refused: the second operator needs the role admin"));
        QVERIFY(refusedWith(cdtest::kSecond, QStringLiteral("not-the-password"), QStringLiteral("could not log in")));
        QVERIFY(newest().result.startsWith(QStringLiteral("refused: second operator failed: wrong password")));
        QVERIFY(!db().productionMode());

        // Both at the desk: done, both names in the row.
        session.setProductionMode(true, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
        QVERIFY(db().productionMode());
        AuditEntry row = newest();
        QCOMPARE(row.action, QStringLiteral("production-mode change"));
        QCOMPARE(row.operators, me + QStringLiteral("+second"));
        QCOMPARE(row.operatorName, me);
        QCOMPARE(row.role, QStringLiteral("admin"));
        QCOMPARE(row.detail, QStringLiteral("production mode on"));
        // Production mode refuses the development operator.
        try {
            OperatorStore(db()).createDevelopmentAdmin();
            QFAIL("the development operator in production mode");
        } catch (const OperatorError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("production mode")), qPrintable(e.text));
        }
        session.setProductionMode(false, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
        QVERIFY(!db().productionMode());

        // An approval counts once.
        QCOMPARE(cdtest::logIn(session, operatorOf(Role::Technician), Role::Technician), QString());
        session.approve(Operation::CaKey, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
        QVERIFY(session.hasApproval(Operation::CaKey));
        QCOMPARE(session.require(Operation::CaKey).operators(), QStringLiteral("only-technician+second"));
        QVERIFY_THROWS_EXCEPTION(AccessDenied, session.require(Operation::CaKey));
        // An approval for one operation is not one for another, nor does it outlive the login.
        session.approve(Operation::CaKey, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond));
        QVERIFY_THROWS_EXCEPTION(AccessDenied, session.require(Operation::TraceRevealSecrets));
        session.logout();
        QCOMPARE(cdtest::logIn(session, operatorOf(Role::Technician), Role::Technician), QString());
        QVERIFY(!session.hasApproval(Operation::CaKey));
        // Nothing in another's name.
        try {
            session.checkActingName(Operation::Diagnose, QStringLiteral("someone-else"));
            QFAIL("acted in another's name");
        } catch (const AccessDenied& e) {
            QCOMPARE(e.why, AccessDenied::Reason::OtherOperator);
        }
    }

    // The trace's secrets: the trace log cannot be talked into revealing without the session's approval.
    void traceRevealNeedsTheSecondOperator() {
        ConsoleSession& s = *m_session;
        QCOMPARE(cdtest::logIn(s.operators(), operatorOf(Role::Technician), Role::Technician), QString());
        s.trace().setRevealSecrets(true, QStringLiteral("whoever"));
        QVERIFY(!s.trace().revealSecrets()); // undone at once
        QCOMPARE(newest().action, QStringLiteral("trace reveal secrets"));
        QCOMPARE(newest().result, QStringLiteral("refused: needs a second operator (dual control)"));
        QCOMPARE(s.setTraceReveal(true, cdtest::kSecond, cdtest::passwordOf(cdtest::kSecond)), QString());
        QVERIFY(s.trace().revealSecrets());
        QCOMPARE(newest().action, QStringLiteral("trace reveal"));
        QCOMPARE(newest().operators, QStringLiteral("only-technician+second"));
        // Logging out conceals.
        s.operators().logout();
        QVERIFY(!s.trace().revealSecrets());
        const QList<AuditEntry> last = db().auditEntries(2);
        QCOMPARE(last[0].action, QStringLiteral("logout"));
        QCOMPARE(last[1].action, QStringLiteral("trace conceal"));
    }

    void operatorAdministration() {
        OperatorSession& session = m_session->operators();
        QCOMPARE(cdtest::logIn(session, operatorOf(Role::Admin), Role::Admin), QString());
        session.addOperator(QStringLiteral("grace"), Role::Support, QStringLiteral("grace-password"));
        QCOMPARE(newest().action, QStringLiteral("operator add"));
        QCOMPARE(newest().detail, QStringLiteral("grace roles=support"));
        session.setOperatorRoles(QStringLiteral("grace"), Role::Support | Role::Desk);
        QCOMPARE(OperatorStore(db()).find(QStringLiteral("grace"))->roles, Role::Support | Role::Desk);
        session.setOperatorPassword(QStringLiteral("grace"), QStringLiteral("grace-new-password"));
        OperatorSession grace(db());
        QVERIFY(!grace.login(QStringLiteral("grace"), QStringLiteral("grace-password")).isEmpty());
        QCOMPARE(grace.login(QStringLiteral("grace"), QStringLiteral("grace-new-password")), QString());
        // One's own password needs no role; another's does.
        grace.setOperatorPassword(QStringLiteral("grace"), QStringLiteral("grace-third-password"));
        QVERIFY_THROWS_EXCEPTION(AccessDenied,
                                 grace.setOperatorPassword(QStringLiteral("only-desk"), QStringLiteral("0123456789")));
        QVERIFY_THROWS_EXCEPTION(
            AccessDenied, grace.addOperator(QStringLiteral("heidi"), Role::Admin, QStringLiteral("heidi-password")));
        grace.logout();
        session.removeOperator(QStringLiteral("grace"));
        QVERIFY(!OperatorStore(db()).find(QStringLiteral("grace")));
        QVERIFY_THROWS_EXCEPTION(OperatorError, session.removeOperator(operatorOf(Role::Admin))); // itself
        QVERIFY(db().verifyAudit().valid);

        // A new desk: `operator init` makes the first admin (the role admin only), once; the last admin who can log
        // in stays one.
        Database lone;
        lone.open(path("lone.sqlite"));
        OperatorStore store(lone);
        store.createFirstAdmin(QStringLiteral("root1"), QStringLiteral("root1-password"));
        QCOMPARE(store.find(QStringLiteral("root1"))->roles, Roles(Role::Admin));
        QVERIFY_THROWS_EXCEPTION(OperatorError,
                                 store.createFirstAdmin(QStringLiteral("root2"), QStringLiteral("root2-password")));
        QVERIFY_THROWS_EXCEPTION(OperatorError, store.createDevelopmentAdmin());
        OperatorSession root(lone);
        QCOMPARE(root.login(QStringLiteral("root1"), QStringLiteral("root1-password")), QString());
        try {
            root.setOperatorRoles(QStringLiteral("root1"), Role::Desk);
            QFAIL("the last admin gave up the role");
        } catch (const OperatorError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("last admin")), qPrintable(e.text));
        }
        root.addOperator(QStringLiteral("root2"), Role::Admin, QStringLiteral("root2-password"));
        root.setOperatorRoles(QStringLiteral("root1"), Role::Admin | Role::Desk);
        QCOMPARE(root.roles(), Role::Admin | Role::Desk);
        const QList<AuditEntry> trail = lone.auditTrail();
        QCOMPARE(trail.first().action, QStringLiteral("operator init"));
        QVERIFY(lone.verifyAudit().valid);
    }
};

QTEST_GUILESS_MAIN(TestOperators)
#include "TestOperators.moc"
