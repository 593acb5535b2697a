// Issue 13, the headend's side of operators (docs/headend-operators.md), against the real carddesk-headend process
// over HTTPS (SQLite; PostgreSQL under the `postgres` fixture): credentials issued, listed and revoked; revoked and
// expired ones refused; a refusal names the missing role; the shared set-up token issues the first admin credential
// and nothing else; every history read appends an audit row naming the operator and the card; a row changed or
// deleted in SQL is named by `carddesk-headend audit-verify`; two headend processes on one database appending at
// once keep one chain; no token is stored in clear.
#include "HeadendProcess.h"
#include "carddesk/protocol/audit/AuditChain.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QSqlRecord>

using hdtest::HeadendProcess;
using hdtest::Reply;

namespace {

const QString kCard = QStringLiteral("86010000000000000031");
const QString kCard2 = QStringLiteral("86010000000000000032");
const QString kSubscriber = QStringLiteral("U-OPS-31");

QString history(const QString& card) {
    return QStringLiteral("/v1/cards/%1/transactions").arg(card);
}

QJsonObject holder(const QString& user) {
    return {{QStringLiteral("userNumber"), user},
            {QStringLiteral("account"), QStringLiteral("6222000000000031")},
            {QStringLiteral("name"), QStringLiteral("Operator Test")}};
}

} // namespace

class TestHeadendOperators : public QObject {
    Q_OBJECT
    HeadendProcess m_hd;
    QStringList m_tokens; // every token issued here: none may be stored in clear

    // A request carrying one operator credential.
    Reply as(const QString& token, const QByteArray& method, const QString& path, const QJsonObject& body = {}) {
        const QByteArray data = method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return m_hd.sendWith(method, path, data, {{"X-Operator-Token", token.toLatin1()}});
    }
    Reply withSetupToken(const QByteArray& method, const QString& path, const QJsonObject& body = {},
                         const QByteArray& token = hdtest::kAdminToken) {
        const QByteArray data = method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return m_hd.sendWith(method, path, data, {{"X-Admin-Token", token}});
    }

    // Issues a credential with the suite's admin credential; the token, or "" (with the test failed).
    QString issue(const QString& name, const QStringList& roles, int validDays = 30) {
        const Reply r = as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/issue"),
                           {{QStringLiteral("operator"), name},
                            {QStringLiteral("roles"), QJsonArray::fromStringList(roles)},
                            {QStringLiteral("validDays"), validDays}});
        if (r.status != 200)
            qWarning("issue %s: %d %s", qPrintable(name), r.status, r.body.constData());
        const QString token = r.json.value(QStringLiteral("token")).toString();
        if (!token.isEmpty())
            m_tokens << token;
        return token;
    }
    QJsonArray credentials() {
        return QJsonDocument::fromJson(as(m_hd.operatorToken, "GET", QStringLiteral("/v1/admin/credentials")).body)
            .array();
    }
    // Every audit row, oldest first, through the API (the suite's admin credential).
    QJsonArray auditRows() {
        QJsonArray all;
        qint64 after = 0;
        for (;;) {
            const Reply r =
                as(m_hd.operatorToken, "GET", QStringLiteral("/v1/admin/audit?after=%1&limit=500").arg(after));
            if (r.status != 200)
                return {};
            for (const QJsonValue& v : r.json.value(QStringLiteral("rows")).toArray())
                all.append(v);
            if (!r.json.contains(QStringLiteral("next")))
                return all;
            after = r.json.value(QStringLiteral("next")).toInteger();
        }
    }
    // The last row of an action that was allowed.
    static QJsonObject lastRow(const QJsonArray& rows, const QString& action) {
        for (qsizetype i = rows.size() - 1; i >= 0; --i) {
            const QJsonObject o = rows[i].toObject();
            if (o.value(QStringLiteral("action")).toString() == action &&
                o.value(QStringLiteral("result")).toString() == QLatin1String("ok"))
                return o;
        }
        return {};
    }

    // The headend's database, opened beside the running process (SQLite file or the PostgreSQL test database).
    QSqlDatabase database(const QString& name) {
        QSqlDatabase db;
        if (m_hd.database.isEmpty()) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_hd.dir.filePath(QStringLiteral("headend.sqlite")));
        } else {
            const QUrl url(m_hd.database);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
        }
        if (!db.open())
            qWarning("cannot open the headend database: %s", qPrintable(db.lastError().text()));
        return db;
    }
    // Runs one statement on the headend's database; false (with a warning) when it fails.
    bool sql(const QString& statement) {
        bool ok = false;
        {
            QSqlDatabase db = database(QStringLiteral("ops-sql"));
            QSqlQuery q(db);
            ok = q.exec(statement);
            if (!ok)
                qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ops-sql"));
        return ok;
    }

    // One audit row's columns as stored, and the same put back.
    QVariantList auditRow(qint64 sequence) {
        QVariantList out;
        {
            QSqlDatabase db = database(QStringLiteral("ops-row"));
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT seq, audit_time, operators, role, action, card_number, result, detail, "
                                      "hash FROM audit_rows WHERE seq = %1")
                           .arg(sequence)) &&
                q.next())
                for (int i = 0; i < 9; ++i)
                    out << q.value(i);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ops-row"));
        return out;
    }
    bool insertAuditRow(const QVariantList& row) {
        bool ok = false;
        {
            QSqlDatabase db = database(QStringLiteral("ops-row"));
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO audit_rows (seq, audit_time, operators, role, action, card_number, "
                                     "result, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            for (const QVariant& v : row)
                q.addBindValue(v);
            ok = row.size() == 9 && q.exec();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ops-row"));
        return ok;
    }
    qint64 lastAuditSequence() {
        qint64 last = 0;
        {
            QSqlDatabase db = database(QStringLiteral("ops-row"));
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT MAX(seq) FROM audit_rows")) && q.next())
                last = q.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ops-row"));
        return last;
    }

    // carddesk-headend audit-verify over the suite's database: exit code and output.
    std::pair<int, QString> auditVerify() {
        QProcess p;
        p.start(QStringLiteral(CARDDESK_HEADEND_BIN), QStringList{QStringLiteral("audit-verify")} + m_hd.dbArgs());
        if (!p.waitForFinished(30000))
            return {-1, QStringLiteral("audit-verify did not finish")};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_hd.usePostgresIfAsked(), "PostgreSQL fixture not usable (scripts/pg-env.sh start)");
        QVERIFY2(m_hd.start(), qPrintable(m_hd.error));
        m_tokens << m_hd.operatorToken;
        QVERIFY(m_hd.operatorToken.startsWith(QLatin1String("cdop_")));
        QCOMPARE(m_hd.operatorToken.size(), 5 + 64); // 256 random bits in hex
        // The cards the suite reads, enrolled by a desk operator.
        const QString desk = issue(QStringLiteral("desk-li"), {QStringLiteral("desk")});
        QVERIFY(!desk.isEmpty());
        for (const QString& card : {kCard, kCard2})
            QCOMPARE(as(desk, "POST", QStringLiteral("/v1/admin/cards"),
                        {{QStringLiteral("cardNumber"), card}, {QStringLiteral("holder"), holder(kSubscriber)}})
                         .status,
                     200);
    }

    void cleanupTestCase() {
        // Neither a token nor the set-up token ever reaches the headend's log.
        const QByteArray log = m_hd.stop();
        QVERIFY(log.contains("GET /v1/admin/audit -> 200"));
        QVERIFY(!log.contains(hdtest::kAdminToken));
        for (const QString& token : m_tokens)
            QVERIFY2(!log.contains(token.toLatin1()), "a credential in the headend's log");
    }

    // The rule of docs/headend-operators.md: the shared token issues the first admin credential, and only while no
    // live admin credential exists (again once every admin credential is revoked or expired: recovery).
    void setupTokenOnlyIssuesTheFirstAdminCredential() {
        HeadendProcess fresh;
        fresh.issueCredentialAtStart = false;
        QVERIFY(fresh.usePostgresIfAsked());
        QVERIFY2(fresh.start(), qPrintable(fresh.error));
        const auto setup = [&](const QString& path, const QJsonObject& body, const QByteArray& token) {
            return fresh.sendWith(body.isEmpty() ? "GET" : "POST", path,
                                  body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
                                  {{"X-Admin-Token", token}});
        };
        const QString issuePath = QStringLiteral("/v1/admin/credentials/issue");
        const QJsonObject firstAdmin{{QStringLiteral("operator"), QStringLiteral("wang")},
                                     {QStringLiteral("roles"), QJsonArray{QStringLiteral("admin")}}};
        // Never for a history or any other route, not even before the set-up.
        Reply r = setup(history(kCard), {}, hdtest::kAdminToken);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.code(), QStringLiteral("setup_only"));
        r = setup(QStringLiteral("/v1/admin/ledger"), {}, hdtest::kAdminToken);
        QCOMPARE(r.code(), QStringLiteral("setup_only"));
        // Only an admin credential, and only with the right token.
        r = setup(issuePath,
                  {{QStringLiteral("operator"), QStringLiteral("wang")},
                   {QStringLiteral("roles"), QJsonArray{QStringLiteral("support")}}},
                  hdtest::kAdminToken);
        QCOMPARE(r.code(), QStringLiteral("setup_only"));
        QCOMPARE(setup(issuePath, firstAdmin, "not-the-token").code(), QStringLiteral("not_admin"));
        r = setup(issuePath, firstAdmin, hdtest::kAdminToken);
        QCOMPARE(r.status, 200);
        const QString admin = r.json.value(QStringLiteral("token")).toString();
        QVERIFY(admin.startsWith(QLatin1String("cdop_")));
        QCOMPARE(r.json.value(QStringLiteral("operator")).toString(), QStringLiteral("wang"));
        QCOMPARE(r.json.value(QStringLiteral("expiresAt")).toString().left(4).toInt() > 2000, true);
        // Closed once an admin credential is live.
        r = setup(issuePath, firstAdmin, hdtest::kAdminToken);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.code(), QStringLiteral("setup_done"));
        // Recovery: with the last admin credential revoked, the set-up token opens again.
        const auto adminCall = [&](const QByteArray& method, const QString& path) {
            return fresh.sendWith(method, path, method == "GET" ? QByteArray() : QByteArray("{}"),
                                  {{"X-Operator-Token", admin.toLatin1()}});
        };
        const QJsonArray list =
            QJsonDocument::fromJson(adminCall("GET", QStringLiteral("/v1/admin/credentials")).body).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value(QStringLiteral("createdBy")).toString(), QStringLiteral("(set-up token)"));
        const qint64 id = list[0].toObject().value(QStringLiteral("id")).toInteger();
        QCOMPARE(adminCall("POST", QStringLiteral("/v1/admin/credentials/%1/revoke").arg(id)).status, 200);
        QCOMPARE(adminCall("GET", QStringLiteral("/v1/admin/credentials")).code(),
                 QStringLiteral("revoked_credential"));
        QCOMPARE(setup(issuePath, firstAdmin, hdtest::kAdminToken).status, 200);
        // Each use of the set-up token is in that headend's audit.
        fresh.stop();
        QProcess verify;
        verify.start(QStringLiteral(CARDDESK_HEADEND_BIN),
                     QStringList{QStringLiteral("audit-verify")} + fresh.dbArgs());
        QVERIFY(verify.waitForFinished(30000));
        QCOMPARE(verify.exitCode(), 0);
    }

    void noCredentialAndSetupTokenRefusedHere() {
        // The suite's headend has its admin credential: the set-up token is closed and no route takes it.
        QCOMPARE(withSetupToken("POST", QStringLiteral("/v1/admin/credentials/issue"),
                                {{QStringLiteral("operator"), QStringLiteral("mallory")},
                                 {QStringLiteral("roles"), QJsonArray{QStringLiteral("admin")}}})
                     .code(),
                 QStringLiteral("setup_done"));
        Reply r = withSetupToken("GET", history(kCard));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.code(), QStringLiteral("setup_only"));
        r = m_hd.send("GET", QStringLiteral("/v1/subscribers/%1/transactions").arg(kSubscriber), QByteArray());
        QCOMPARE(r.status, 401);
        QCOMPARE(r.code(), QStringLiteral("no_credential"));
        r = as(QStringLiteral("cdop_") + QString(64, QLatin1Char('0')), "GET", history(kCard));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.code(), QStringLiteral("unknown_credential"));
        QCOMPARE(as(QStringLiteral("garbage"), "GET", history(kCard)).code(), QStringLiteral("unknown_credential"));
    }

    void issueListRevoke() {
        const QString alice = issue(QStringLiteral("alice"), {QStringLiteral("support")});
        QVERIFY(!alice.isEmpty());
        QVERIFY(!m_tokens.mid(0, m_tokens.size() - 1).contains(alice)); // fresh randomness each time
        // Bad requests say which member.
        Reply r = as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/issue"),
                     {{QStringLiteral("operator"), QStringLiteral("a+b")},
                      {QStringLiteral("roles"), QJsonArray{QStringLiteral("support")}}});
        QCOMPARE(r.code(), QStringLiteral("bad_field"));
        r = as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/issue"),
               {{QStringLiteral("operator"), QStringLiteral("x")},
                {QStringLiteral("roles"), QJsonArray{QStringLiteral("root")}}});
        QCOMPARE(r.code(), QStringLiteral("bad_field"));
        r = as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/issue"),
               {{QStringLiteral("operator"), QStringLiteral("x")},
                {QStringLiteral("roles"), QJsonArray{QStringLiteral("support")}},
                {QStringLiteral("validDays"), 9999}});
        QCOMPARE(r.code(), QStringLiteral("bad_field"));

        QCOMPARE(as(alice, "GET", history(kCard)).status, 200);
        // The list: names, roles, states — never a token or a hash.
        const QJsonArray list = credentials();
        QVERIFY(list.size() >= 3);
        QJsonObject mine;
        for (const QJsonValue& v : list)
            if (v.toObject().value(QStringLiteral("operator")).toString() == QLatin1String("alice"))
                mine = v.toObject();
        QCOMPARE(mine.value(QStringLiteral("roles")).toArray(), QJsonArray{QStringLiteral("support")});
        QCOMPARE(mine.value(QStringLiteral("status")).toString(), QStringLiteral("live"));
        QCOMPARE(mine.value(QStringLiteral("createdBy")).toString(), QString::fromLatin1(hdtest::kTestOperator));
        const QByteArray listed = QJsonDocument(list).toJson();
        for (const QString& token : m_tokens)
            QVERIFY(!listed.contains(token.toLatin1()));
        QVERIFY(!listed.contains("hash"));

        // Revoked: refused at once, by name.
        const qint64 id = mine.value(QStringLiteral("id")).toInteger();
        r = as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/%1/revoke").arg(id),
               {{QStringLiteral("reason"), QStringLiteral("left the company")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
        QCOMPARE(r.json.value(QStringLiteral("revokedBy")).toString(), QString::fromLatin1(hdtest::kTestOperator));
        r = as(alice, "GET", history(kCard));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.code(), QStringLiteral("revoked_credential"));
        QVERIFY(r.json.value(QStringLiteral("message")).toString().contains(QLatin1String("alice")));
        // Again: nothing changes; an unknown id is 404.
        QCOMPARE(as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/%1/revoke").arg(id)).status, 200);
        r = as(m_hd.operatorToken, "POST", QStringLiteral("/v1/admin/credentials/999999/revoke"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.code(), QStringLiteral("unknown_credential"));
    }

    void expiredRefused() {
        const QString carol = issue(QStringLiteral("carol"), {QStringLiteral("support")}, 1);
        QVERIFY(!carol.isEmpty());
        QCOMPARE(as(carol, "GET", history(kCard)).status, 200);
        // A day later (the expiry moved into the past in the database).
        QVERIFY(sql(QStringLiteral("UPDATE operator_credentials SET expires_ms = 1000 WHERE operator_name = 'carol'")));
        const Reply r = as(carol, "GET", history(kCard));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.code(), QStringLiteral("expired_credential"));
        for (const QJsonValue& v : credentials())
            if (v.toObject().value(QStringLiteral("operator")).toString() == QLatin1String("carol"))
                QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("expired"));
    }

    void refusalNamesTheMissingRole() {
        const QString desk = issue(QStringLiteral("desk-zhao"), {QStringLiteral("desk")});
        const QString support = issue(QStringLiteral("support-qian"), {QStringLiteral("support")});
        const QString admin = issue(QStringLiteral("admin-sun"), {QStringLiteral("admin")});
        const QString technician = issue(QStringLiteral("tech-zhou"), {QStringLiteral("technician")});
        struct Case {
            QString token;
            QByteArray method;
            QString path;
            QStringList needed;
        };
        const QList<Case> cases{
            {desk, "GET", history(kCard), {QStringLiteral("support")}},
            {admin, "GET", history(kCard), {QStringLiteral("support")}}, // separation of duties
            {technician,
             "GET",
             QStringLiteral("/v1/subscribers/%1/transactions").arg(kSubscriber),
             {QStringLiteral("support")}},
            {support, "POST", QStringLiteral("/v1/admin/cards"), {QStringLiteral("desk")}},
            {support, "GET", QStringLiteral("/v1/admin/audit"), {QStringLiteral("admin")}},
            {desk, "GET", QStringLiteral("/v1/admin/credentials"), {QStringLiteral("admin")}},
            {desk,
             "GET",
             QStringLiteral("/v1/admin/cards/%1/apps").arg(kCard),
             {QStringLiteral("support"), QStringLiteral("technician")}},
            {technician,
             "POST",
             QStringLiteral("/v1/admin/cards/%1/status").arg(kCard),
             {QStringLiteral("support"), QStringLiteral("desk")}},
        };
        for (const Case& c : cases) {
            const Reply r = as(c.token, c.method, c.path, {{QStringLiteral("status"), QStringLiteral("active")}});
            QCOMPARE(r.status, 403);
            QCOMPARE(r.code(), QStringLiteral("missing_role"));
            QCOMPARE(r.json.value(QStringLiteral("roles")).toArray(), QJsonArray::fromStringList(c.needed));
            QVERIFY2(r.json.value(QStringLiteral("message")).toString().contains(c.needed.first()),
                     qPrintable(r.json.value(QStringLiteral("message")).toString()));
        }
        // And what each role may do, it does.
        QCOMPARE(as(support, "GET", history(kCard)).status, 200);
        QCOMPARE(as(technician, "GET", QStringLiteral("/v1/admin/cards/%1/apps").arg(kCard)).status, 200);
        QCOMPARE(as(support, "POST", QStringLiteral("/v1/admin/cards/%1/status").arg(kCard),
                    {{QStringLiteral("status"), QStringLiteral("active")}})
                     .status,
                 200);
        QCOMPARE(as(admin, "GET", QStringLiteral("/v1/admin/audit?limit=1")).status, 200);
        // The refusals are in the audit, with the role they needed.
        const QJsonArray rows = auditRows();
        bool found = false;
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            found = found || (o.value(QStringLiteral("operators")).toString() == QLatin1String("admin-sun") &&
                              o.value(QStringLiteral("result")).toString() == QLatin1String("refused: missing_role") &&
                              o.value(QStringLiteral("role")).toString() == QLatin1String("support") &&
                              o.value(QStringLiteral("cardNumber")).toString().isEmpty());
        }
        QVERIFY(found);
    }

    void historyReadsAreAudited() {
        const QString support = issue(QStringLiteral("support-wu"), {QStringLiteral("support")});
        QCOMPARE(as(support, "GET", history(kCard2.toLower())).status, 200);
        QJsonArray rows = auditRows();
        QJsonObject row = lastRow(rows, QStringLiteral("read card history"));
        QCOMPARE(row.value(QStringLiteral("operators")).toString(), QStringLiteral("support-wu"));
        QCOMPARE(row.value(QStringLiteral("role")).toString(), QStringLiteral("support"));
        QCOMPARE(row.value(QStringLiteral("cardNumber")).toString(), kCard2);
        QCOMPARE(row.value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
        QVERIFY(row.value(QStringLiteral("detail")).toString().contains(QLatin1String("127.0.0.1")));
        QCOMPARE(row.value(QStringLiteral("hash")).toString().size(), 64);

        QCOMPARE(as(support, "GET", QStringLiteral("/v1/subscribers/%1/transactions").arg(kSubscriber)).status, 200);
        rows = auditRows();
        row = lastRow(rows, QStringLiteral("read subscriber history"));
        QCOMPARE(row.value(QStringLiteral("operators")).toString(), QStringLiteral("support-wu"));
        const QString detail = row.value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.contains(kSubscriber) && detail.contains(kCard) && detail.contains(kCard2), qPrintable(detail));

        // Who changed what: enrolment, credentials issued and revoked — and the host's own commands.
        row = lastRow(rows, QStringLiteral("enrol card"));
        QCOMPARE(row.value(QStringLiteral("operators")).toString(), QStringLiteral("desk-li"));
        QCOMPARE(row.value(QStringLiteral("role")).toString(), QStringLiteral("desk"));
        QCOMPARE(row.value(QStringLiteral("cardNumber")).toString(), kCard2);
        row = lastRow(rows, QStringLiteral("revoke credential"));
        QVERIFY2(row.value(QStringLiteral("detail")).toString().contains(QLatin1String("alice")),
                 qPrintable(row.value(QStringLiteral("detail")).toString()));
        row = lastRow(rows, QStringLiteral("issue credential"));
        QVERIFY(row.value(QStringLiteral("detail")).toString().contains(QLatin1String("support-wu")));
        QVERIFY(m_hd.runTool({QStringLiteral("block"), QStringLiteral("--card-number"), kCard2}));
        row = lastRow(auditRows(), QStringLiteral("set card status"));
        QVERIFY(row.value(QStringLiteral("operators")).toString().startsWith(QLatin1String("host:")));
        QCOMPARE(row.value(QStringLiteral("cardNumber")).toString(), kCard2);
        QCOMPARE(row.value(QStringLiteral("detail")).toString(), QStringLiteral("blocked"));

        // The chain the API shows holds: sequences 1..n without gaps, each hash over its predecessor.
        rows = auditRows();
        std::vector<cdos::audit::StoredRow> stored;
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            cdos::audit::StoredRow s;
            s.row.sequence = o.value(QStringLiteral("sequence")).toInteger();
            s.row.time = o.value(QStringLiteral("time")).toString().toStdString();
            s.row.operators = o.value(QStringLiteral("operators")).toString().toStdString();
            s.row.role = o.value(QStringLiteral("role")).toString().toStdString();
            s.row.action = o.value(QStringLiteral("action")).toString().toStdString();
            s.row.card = o.value(QStringLiteral("cardNumber")).toString().toStdString();
            s.row.result = o.value(QStringLiteral("result")).toString().toStdString();
            s.row.detail = o.value(QStringLiteral("detail")).toString().toStdString();
            s.hash = hdtest::bytesq(o.value(QStringLiteral("hash")));
            stored.push_back(s);
        }
        QVERIFY(stored.size() > 20);
        const auto broken = cdos::audit::verify(stored);
        QVERIFY2(!broken, broken ? broken->reason.c_str() : "");
    }

    void auditVerifyNamesATamperedRow() {
        auto [rc, out] = auditVerify();
        QCOMPARE(rc, 0);
        QVERIFY2(out.contains(QLatin1String("audit chain holds")), qPrintable(out));
        // A changed row is named; put back, the chain holds again.
        const QVariantList row3 = auditRow(3);
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET detail = 'nothing to see' WHERE seq = 3")));
        std::tie(rc, out) = auditVerify();
        QCOMPARE(rc, 1);
        QVERIFY2(out.contains(QLatin1String("row 3 was changed")), qPrintable(out));
        QVERIFY(sql(QStringLiteral("DELETE FROM audit_rows WHERE seq = 3")));
        QVERIFY(insertAuditRow(row3));
        QCOMPARE(auditVerify().first, 0);
        // A row deleted in the middle.
        const QVariantList row2 = auditRow(2);
        QVERIFY(sql(QStringLiteral("DELETE FROM audit_rows WHERE seq = 2")));
        std::tie(rc, out) = auditVerify();
        QCOMPARE(rc, 1);
        QVERIFY2(out.contains(QLatin1String("row 2 is missing")), qPrintable(out));
        QVERIFY(insertAuditRow(row2));
        QCOMPARE(auditVerify().first, 0);
        // Two rows swapped (their sequence numbers exchanged).
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET seq = -4 WHERE seq = 4")));
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET seq = 4 WHERE seq = 5")));
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET seq = 5 WHERE seq = -4")));
        std::tie(rc, out) = auditVerify();
        QCOMPARE(rc, 1);
        QVERIFY2(out.contains(QLatin1String("row 4 was changed")), qPrintable(out));
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET seq = -4 WHERE seq = 4")));
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET seq = 4 WHERE seq = 5")));
        QVERIFY(sql(QStringLiteral("UPDATE audit_rows SET seq = 5 WHERE seq = -4")));
        QCOMPARE(auditVerify().first, 0);
        // The end cut off: the head record still names the last row.
        const qint64 last = lastAuditSequence();
        QVERIFY(last > 10);
        const QVariantList lastRow = auditRow(last);
        QVERIFY(sql(QStringLiteral("DELETE FROM audit_rows WHERE seq = %1").arg(last)));
        std::tie(rc, out) = auditVerify();
        QCOMPARE(rc, 1);
        QVERIFY2(out.contains(QStringLiteral("row %1 is missing").arg(last)), qPrintable(out));
        QVERIFY(insertAuditRow(lastRow));
        QCOMPARE(auditVerify().first, 0);
    }

#ifdef CARDDESK_CLI_BIN
    // carddesk-cli's headend commands act with the operator's credential from CARDDESK_HEADEND_TOKEN (never an
    // argument), the set-up token only where the headend takes it.
    void cliUsesTheOperatorsCredential() {
        QTemporaryDir home;
        const auto cli = [&](const QStringList& args, const QMap<QString, QString>& secrets) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("CARDDESK_HEADEND_TOKEN"));
            env.remove(QStringLiteral("CARDDESK_HEADEND_ADMIN_TOKEN"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // not the console's support settings
            env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
            for (auto it = secrets.begin(); it != secrets.end(); ++it)
                env.insert(it.key(), it.value());
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(CARDDESK_CLI_BIN),
                    args + QStringList{QStringLiteral("--headend"), m_hd.base, QStringLiteral("--headend-cert"),
                                       m_hd.dir.filePath(QStringLiteral("tls-cert.pem"))});
            p.waitForFinished(60000);
            return std::tuple{p.exitCode(), QJsonDocument::fromJson(p.readAllStandardOutput()).object(),
                              QString::fromUtf8(p.readAllStandardError())};
        };
        const QString admin = QStringLiteral("CARDDESK_HEADEND_TOKEN");
        auto [rc, out, err] = cli({QStringLiteral("headend-credential-issue"), QStringLiteral("--name"),
                                   QStringLiteral("cli-zheng"), QStringLiteral("--roles"), QStringLiteral("support")},
                                  {{admin, m_hd.operatorToken}});
        QCOMPARE(rc, 0);
        const QString token = out.value(QStringLiteral("token")).toString();
        QVERIFY2(token.startsWith(QLatin1String("cdop_")), qPrintable(err));
        m_tokens << token;
        std::tie(rc, out, err) =
            cli({QStringLiteral("headend-history"), QStringLiteral("--card"), kCard}, {{admin, token}});
        QCOMPARE(rc, 0);
        QCOMPARE(out.value(QStringLiteral("card")).toString(), kCard);
        QCOMPARE(
            lastRow(auditRows(), QStringLiteral("read card history")).value(QStringLiteral("operators")).toString(),
            QStringLiteral("cli-zheng"));
        // Without a credential: said, nothing sent. With the set-up token only: history never takes it.
        std::tie(rc, out, err) = cli({QStringLiteral("headend-history"), QStringLiteral("--card"), kCard}, {});
        QCOMPARE(rc, 2);
        QVERIFY2(err.contains(QLatin1String("CARDDESK_HEADEND_TOKEN")), qPrintable(err));
        std::tie(rc, out, err) =
            cli({QStringLiteral("headend-history"), QStringLiteral("--card"), kCard},
                {{QStringLiteral("CARDDESK_HEADEND_ADMIN_TOKEN"), QString::fromLatin1(hdtest::kAdminToken)}});
        QCOMPARE(rc, 2);
        // The set-up token for an issue: closed here (an admin credential exists).
        std::tie(rc, out, err) =
            cli({QStringLiteral("headend-credential-issue"), QStringLiteral("--name"), QStringLiteral("x"),
                 QStringLiteral("--roles"), QStringLiteral("admin")},
                {{QStringLiteral("CARDDESK_HEADEND_ADMIN_TOKEN"), QString::fromLatin1(hdtest::kAdminToken)}});
        QCOMPARE(rc, 1);
        QVERIFY2(err.contains(QLatin1String("set-up token")), qPrintable(err));
        // The support credential has no role admin: the refusal names it.
        std::tie(rc, out, err) = cli({QStringLiteral("headend-credentials")}, {{admin, token}});
        QCOMPARE(rc, 1);
        QVERIFY2(err.contains(QLatin1String("admin")), qPrintable(err));
        // The audit, exported with its chain values and checked.
        const QString csv = home.filePath(QStringLiteral("audit.csv"));
        std::tie(rc, out, err) =
            cli({QStringLiteral("headend-audit"), QStringLiteral("--out"), csv}, {{admin, m_hd.operatorToken}});
        QCOMPARE(rc, 0);
        QCOMPARE(out.value(QStringLiteral("verified")).toBool(), true);
        QVERIFY(out.value(QStringLiteral("rows")).toInt() > 10);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QVERIFY(data.startsWith("sequence,time,operators,role,action,card_number,result,detail,hash\n"));
        QVERIFY(data.contains("cli-zheng"));
        for (const QString& t : m_tokens)
            QVERIFY(!data.contains(t.toLatin1()));
    }
#endif

    // The token is answered once and stored as its SHA-256 only: not in the SQLite file (nor its WAL), not in any
    // column of the database.
    void tokensAreNotStoredInClear() {
        QVERIFY(m_tokens.size() > 5);
        {
            QSqlDatabase db = database(QStringLiteral("ops-scan"));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT token_hash FROM operator_credentials")));
            QStringList hashes;
            while (q.next())
                hashes << q.value(0).toString().toUpper();
            for (const QString& token : m_tokens)
                QVERIFY(hashes.contains(
                    QString::fromLatin1(QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex())
                        .toUpper()));
            for (const QString& table : db.tables()) {
                QSqlQuery all(db);
                QVERIFY(all.exec(QStringLiteral("SELECT * FROM %1").arg(table)));
                while (all.next())
                    for (int i = 0; i < all.record().count(); ++i)
                        for (const QString& token : m_tokens)
                            QVERIFY2(!all.value(i).toString().contains(token.mid(5), Qt::CaseInsensitive),
                                     qPrintable(table));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ops-scan"));
        if (!m_hd.database.isEmpty())
            return;
        const QDir dir(m_hd.dir.path());
        for (const QString& name : dir.entryList({QStringLiteral("headend.sqlite*")}, QDir::Files)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QString& token : m_tokens)
                QVERIFY2(!bytes.contains(token.mid(5).toLatin1()), qPrintable(name));
        }
    }

    // Two headend processes on one database (PostgreSQL: one server; SQLite: one file), each appending at once:
    // one chain, every row there, audit-verify holds. Runs after the tamper test: the chain starts afresh.
    void twoHeadendsKeepOneChain() {
        m_hd.stop();
        QVERIFY(sql(QStringLiteral("DELETE FROM audit_rows")));
        QVERIFY(sql(QStringLiteral("UPDATE audit_head SET seq = 0, hash = "
                                   "'0000000000000000000000000000000000000000000000000000000000000000'")));
        QVERIFY2(m_hd.start(), qPrintable(m_hd.error));
        HeadendProcess second;
        second.database = m_hd.database.isEmpty() ? m_hd.dir.filePath(QStringLiteral("headend.sqlite")) : m_hd.database;
        second.operatorToken = m_hd.operatorToken;
        QVERIFY2(second.start(), qPrintable(second.error));
        const QString support = issue(QStringLiteral("support-two"), {QStringLiteral("support")});
        constexpr int kEach = 40;
        QList<QNetworkReply*> replies;
        for (int i = 0; i < kEach; ++i)
            for (HeadendProcess* hd : {&m_hd, &second}) {
                QNetworkRequest req(QUrl(hd->base + history(i % 2 ? kCard : kCard2)));
                req.setSslConfiguration(hd->tls);
                req.setRawHeader("X-Operator-Token", support.toLatin1());
                replies << hd->net->get(req);
            }
        int ok = 0;
        for (QNetworkReply* r : replies)
            ok += HeadendProcess::finish(r).status == 200 ? 1 : 0;
        QCOMPARE(ok, 2 * kEach);
        second.stop();
        const QJsonArray rows = auditRows();
        int reads = 0;
        for (const QJsonValue& v : rows)
            reads += v.toObject().value(QStringLiteral("operators")).toString() == QLatin1String("support-two") ? 1 : 0;
        QCOMPARE(reads, 2 * kEach);
        QCOMPARE(rows.last().toObject().value(QStringLiteral("sequence")).toInteger(), qint64(rows.size()));
        const auto [rc, out] = auditVerify();
        QCOMPARE(rc, 0);
        QVERIFY2(out.contains(QStringLiteral("holds: %1 rows").arg(rows.size() + 1)), qPrintable(out)); // + this read
    }
};

QTEST_GUILESS_MAIN(TestHeadendOperators)
#include "TestHeadendOperators.moc"
