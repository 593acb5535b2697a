#pragma once
// Operator credentials the headend issues and revokes (issue 13; docs/headend-operators.md): a bearer token of 256
// random bits ("cdop_" and 64 hex digits) bound to an operator name and roles, with an expiry. The token is answered
// once, at issue; the database keeps its SHA-256 only (a 256-bit random value needs no slow hash: there is nothing
// to guess), so a copy of the database gives no credential. Routes: issue, list, revoke.
#include "HeadendDatabase.h"
#include "carddesk/headendapi/Refusal.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace carddesk::headend {

class HeadendServer;
class HeadendAudit;
struct Caller;

class OperatorCredentials {
public:
    OperatorCredentials(HeadendDatabase& db, HeadendAudit& audit) : m_db(db), m_audit(audit) {}

    static constexpr int kDefaultValidDays = 90;
    static constexpr int kMaxValidDays = 366;

    struct Issued {
        qint64 id = 0;
        QString token; // shown once
        QJsonObject credential;
    };
    // Throws ApiError (400 bad_field) for a bad name or role list. `by`: the issuing operator, for the record.
    Issued issue(const QString& name, const QStringList& roles, int validDays, const QString& by);
    QJsonArray list();
    // The credential, revoked now (or already); 404 unknown_credential.
    QJsonObject revoke(qint64 id, const QString& by, const QString& reason, bool* already);

    // The credential a presented token is, or why it is refused. The operator's name is known for a revoked or
    // expired credential (the audit names who tried), not for an unknown token.
    struct Lookup {
        std::optional<api::Refusal> refused; // UnknownCredential, RevokedCredential, ExpiredCredential
        qint64 id = 0;
        QString name;
        QStringList roles;
    };
    Lookup authenticate(const QByteArray& token);
    // A credential holding the role admin that is neither revoked nor expired exists (the set-up token is then
    // refused).
    bool hasLiveAdmin();

    static QString tokenHash(const QByteArray& token);
    // Name rules (1 to 64 characters; no control characters, '+', '(', ')' or ':': the audit writes "alice+bob" for
    // two operators and "(set-up token)", "host:<user>" for the others); the reason in words, or empty.
    static QString checkName(const QString& name);

    void registerRoutes(HeadendServer& server);

private:
    QJsonObject credentialJson(const QSqlQuery& q) const;
    HeadendDatabase& m_db;
    HeadendAudit& m_audit;
};

} // namespace carddesk::headend
