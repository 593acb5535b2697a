#include "OperatorCredentials.h"

#include "HeadendAudit.h"
#include "HeadendServer.h"
#include "JsonApi.h"
#include "OperatorAccess.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/Roles.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <QDateTime>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

constexpr qsizetype kMaxTokenChars = 128;
const QString kTokenPrefix = QStringLiteral("cdop_");
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QString timeText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

void badField(const QString& message) {
    throw ApiError(Status::BadRequest, Refusal::BadField, message);
}

// The roles as given, checked, in the table's order (admin last) without repeats.
QStringList rolesOf(const QJsonValue& v) {
    if (!v.isArray() || v.toArray().isEmpty())
        badField(
            QStringLiteral("roles must be a non-empty array of %1").arg(api::role::all().join(QStringLiteral(", "))));
    QStringList given;
    for (const QJsonValue& r : v.toArray()) {
        if (!r.isString() || !api::role::all().contains(r.toString()))
            badField(
                QStringLiteral("unknown role in roles (known: %1)").arg(api::role::all().join(QStringLiteral(", "))));
        given << r.toString();
    }
    QStringList out;
    for (const QString& role : api::role::all())
        if (given.contains(role))
            out << role;
    return out;
}

const QString kColumns =
    QStringLiteral("id, operator_name, roles, created_at, created_by, expires_ms, revoked_at, revoked_by");

} // namespace

QString OperatorCredentials::tokenHash(const QByteArray& token) {
    return hex(cdos::crypto::sha256(cdos::Bytes(token.begin(), token.end())));
}

QString OperatorCredentials::checkName(const QString& name) {
    if (name.isEmpty() || name.size() > 64 || name.trimmed() != name)
        return QStringLiteral("operator must be 1 to 64 characters without leading or trailing blanks");
    for (const QChar c : name)
        if (c.category() == QChar::Other_Control || c == QLatin1Char('+') || c == QLatin1Char('(') ||
            c == QLatin1Char(')') || c == QLatin1Char(':'))
            return QStringLiteral("operator must not contain control characters, '+', '(', ')' or ':'");
    return {};
}

OperatorCredentials::Issued OperatorCredentials::issue(const QString& name, const QStringList& roles, int validDays,
                                                       const QString& by) {
    if (const QString why = checkName(name); !why.isEmpty())
        badField(why);
    if (roles.isEmpty())
        badField(QStringLiteral("roles must not be empty"));
    if (validDays < 1 || validDays > kMaxValidDays)
        badField(QStringLiteral("validDays must be 1 to %1").arg(kMaxValidDays));
    // 256 random bits from OpenSSL's generator; only their hash is stored.
    cdos::Bytes random = cdos::crypto::randomBytes(32);
    Issued out;
    out.token = kTokenPrefix + QString::fromStdString(cdos::toHex(random)).toLower();
    cdos::secureZero(random.data(), random.size());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 expires = now + validDays * kDayMs;
    const QString created = timeText(now);
    const QString hash = tokenHash(out.token.toLatin1());
    m_db.exec(
        QStringLiteral("INSERT INTO operator_credentials (operator_name, roles, token_hash, created_at, created_by,"
                       " expires_ms) VALUES (?, ?, ?, ?, ?, ?)"),
        {name, roles.join(QLatin1Char(',')), hash, created, by, expires}, "credential issue");
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id FROM operator_credentials WHERE token_hash = ?"), {hash},
                            "credential issue");
    if (!q.next())
        throw DatabaseError("credential issue: the new row is not there");
    out.id = q.value(0).toLongLong();
    out.credential = QJsonObject{{api::key::id, out.id},
                                 {api::key::operatorName, name},
                                 {api::key::roles, QJsonArray::fromStringList(roles)},
                                 {api::key::createdAt, created},
                                 {api::key::createdBy, by},
                                 {api::key::expiresAt, timeText(expires)},
                                 {api::key::status, api::credentialStatus::live}};
    return out;
}

QJsonObject OperatorCredentials::credentialJson(const QSqlQuery& q) const {
    const qint64 expires = q.value(5).toLongLong();
    const bool revoked = !q.value(6).isNull();
    QJsonObject o{{api::key::id, q.value(0).toLongLong()},
                  {api::key::operatorName, q.value(1).toString()},
                  {api::key::roles, QJsonArray::fromStringList(q.value(2).toString().split(QLatin1Char(',')))},
                  {api::key::createdAt, q.value(3).toString()},
                  {api::key::createdBy, q.value(4).toString()},
                  {api::key::expiresAt, timeText(expires)}};
    if (revoked) {
        o.insert(api::key::revokedAt, q.value(6).toString());
        o.insert(api::key::revokedBy, q.value(7).toString());
    }
    o.insert(api::key::status, revoked                                          ? api::credentialStatus::revoked
                               : expires <= QDateTime::currentMSecsSinceEpoch() ? api::credentialStatus::expired
                                                                                : api::credentialStatus::live);
    return o;
}

QJsonArray OperatorCredentials::list() {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM operator_credentials ORDER BY id DESC").arg(kColumns), {},
                            "credential list");
    QJsonArray out;
    while (q.next())
        out.append(credentialJson(q));
    return out;
}

QJsonObject OperatorCredentials::revoke(qint64 id, const QString& by, const QString& reason, bool* already) {
    const QString select = QStringLiteral("SELECT %1 FROM operator_credentials WHERE id = ?").arg(kColumns);
    QSqlQuery q = m_db.exec(select, {id}, "credential lookup");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::UnknownCredential, QStringLiteral("no credential %1").arg(id));
    *already = !q.value(6).isNull();
    if (!*already) {
        m_db.exec(QStringLiteral("UPDATE operator_credentials SET revoked_at = ?, revoked_by = ?, revoke_reason = ? "
                                 "WHERE id = ? AND revoked_at IS NULL"),
                  {nowText(), by, reason, id}, "credential revoke");
        q = m_db.exec(select, {id}, "credential lookup");
        q.next();
    }
    return credentialJson(q);
}

OperatorCredentials::Lookup OperatorCredentials::authenticate(const QByteArray& token) {
    Lookup out;
    if (token.size() > kMaxTokenChars || !token.startsWith(kTokenPrefix.toLatin1())) {
        out.refused = Refusal::UnknownCredential;
        return out;
    }
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, operator_name, roles, expires_ms, revoked_at FROM "
                                           "operator_credentials WHERE token_hash = ?"),
                            {tokenHash(token)}, "credential check");
    if (!q.next()) {
        out.refused = Refusal::UnknownCredential;
        return out;
    }
    out.id = q.value(0).toLongLong();
    out.name = q.value(1).toString();
    out.roles = q.value(2).toString().split(QLatin1Char(','));
    if (!q.value(4).isNull())
        out.refused = Refusal::RevokedCredential;
    else if (q.value(3).toLongLong() <= QDateTime::currentMSecsSinceEpoch())
        out.refused = Refusal::ExpiredCredential;
    return out;
}

bool OperatorCredentials::hasLiveAdmin() {
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT roles FROM operator_credentials WHERE revoked_at IS NULL AND expires_ms > ?"),
                  {QDateTime::currentMSecsSinceEpoch()}, "credential check");
    while (q.next())
        if (q.value(0).toString().split(QLatin1Char(',')).contains(api::role::admin))
            return true;
    return false;
}

void OperatorCredentials::registerRoutes(HeadendServer& server) {
    QHttpServer& http = server.http();
    http.route(api::path::adminCredentialsIssue, Method::Post, [this, &server](const QHttpServerRequest& r) {
        return server.answerAs(r, Operation::IssueCredential, [&](const Caller& caller, AuditNote& note) {
            const QJsonObject o = jsonBody(r);
            const QString name = stringField(o, api::key::operatorName, 64);
            const QStringList roles = rolesOf(o.value(api::key::roles));
            qint64 days = kDefaultValidDays;
            if (o.contains(api::key::validDays))
                days = intField(o, api::key::validDays, kMaxValidDays);
            note.detail = QStringLiteral("for %1 (%2), %3 days").arg(name, roles.join(QStringLiteral(", "))).arg(days);
            if (caller.setup) {
                // The first set-up: an admin credential, while none is live — decided under the audit's head lock,
                // so two headends on one database cannot both take the set-up.
                if (!roles.contains(api::role::admin))
                    throw ApiError(Status::Forbidden, Refusal::SetupOnly,
                                   QStringLiteral("the shared set-up token issues only a credential with the role "
                                                  "admin (the first administrator's)"));
                m_audit.lockHead();
                if (hasLiveAdmin())
                    throw ApiError(Status::Forbidden, Refusal::SetupDone,
                                   QStringLiteral("an admin credential exists: the shared set-up token is closed; "
                                                  "issue credentials with an admin's"));
            }
            const Issued issued = issue(name, roles, static_cast<int>(days), caller.name);
            note.detail = QStringLiteral("credential %1 %2, until %3")
                              .arg(issued.id)
                              .arg(note.detail, issued.credential.value(api::key::expiresAt).toString());
            QJsonObject answer = issued.credential;
            answer.insert(api::key::token, issued.token);
            return answer;
        });
    });
    http.route(api::path::adminCredentials, Method::Get, [this, &server](const QHttpServerRequest& r) {
        return server.answerAs(r, Operation::ListCredentials, [&](const Caller&, AuditNote& note) {
            const QJsonArray all = list();
            note.detail = QStringLiteral("%1 credentials").arg(all.size());
            return all;
        });
    });
    http.route(api::path::adminCredentialRevokePattern, Method::Post,
               [this, &server](qint64 id, const QHttpServerRequest& r) {
                   return server.answerAs(r, Operation::RevokeCredential, [&](const Caller& caller, AuditNote& note) {
                       QString reason;
                       if (!r.body().isEmpty()) {
                           const QJsonObject o = jsonBody(r);
                           if (o.contains(api::key::reason))
                               reason = stringField(o, api::key::reason, 200);
                       }
                       note.detail = QStringLiteral("credential %1").arg(id);
                       bool already = false;
                       const QJsonObject c = revoke(id, caller.name, reason, &already);
                       note.detail = QStringLiteral("credential %1 of %2%3%4")
                                         .arg(id)
                                         .arg(c.value(api::key::operatorName).toString(),
                                              already ? QStringLiteral(" (already revoked)") : QString(),
                                              reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
                       return c;
                   });
               });
}

} // namespace carddesk::headend
