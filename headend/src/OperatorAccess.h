#pragma once
// Who may do what on the headend (issue 13; docs/headend-operators.md): the one table of operation → roles, and the
// gate every operator route passes. A request carries an operator credential (X-Operator-Token) the headend issued;
// the gate checks it (unknown, revoked, expired: 401), checks that it holds one of the operation's roles (403
// missing_role naming them), runs the handler and its audit row in one database transaction, and audits every
// refusal too. The shared set-up token (X-Admin-Token) passes only to issue the first admin credential.
#include "HeadendAudit.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QJsonValue>
#include <QStringList>

#include <functional>

namespace carddesk::headend {

class OperatorCredentials;

enum class Operation {
    ReadCardHistory,
    ReadSubscriberHistory,
    ReadCardApps,
    ReadLedger,
    EnrolCard,
    SetCardStatus,
    RecordAppIdentity,
    PublishApp,
    PutVodTitle,
    SetBankAccount,
    ReadBankAccount,
    IssueCredential,
    ListCredentials,
    RevokeCredential,
    ReadAudit,
};

struct OperationRule {
    QString action;    // as the audit names it
    QStringList roles; // any one of them allows it
};
// The table (OperatorAccess.cpp): every operation's audit name and roles.
const OperationRule& ruleOf(Operation op);
QList<Operation> allOperations();

// Who is asking: an operator's credential, or the shared set-up token.
struct Caller {
    qint64 credentialId = 0;
    QString name;       // the operator; "(set-up token)" for the shared token
    QStringList roles;  // the credential's
    QString role;       // the one the operation is allowed under
    bool setup = false; // the shared set-up token
};

// What the handler adds to its audit row.
struct AuditNote {
    QString card;
    QString detail;
};

class OperatorGate {
public:
    OperatorGate(HeadendDatabase& db, OperatorCredentials& credentials, HeadendAudit& audit, QByteArray setupToken);
    ~OperatorGate();
    OperatorGate(const OperatorGate&) = delete;
    OperatorGate& operator=(const OperatorGate&) = delete;

    using Handler = std::function<QJsonValue(const Caller&, AuditNote&)>;
    // Authorises the request for `op`, runs the handler and appends its audit row in one transaction (a refusal of
    // the handler rolls its work back and is audited on its own). Throws ApiError / DatabaseError as handlers do.
    QJsonValue run(const QHttpServerRequest& request, Operation op, const Handler& handler);

    // Whether the request carries an operator credential or the set-up token (the history of a card is also read
    // by the card's own session).
    static bool hasOperatorHeader(const QHttpServerRequest& request);

private:
    Caller authorise(const QHttpServerRequest& request, Operation op, AuditEntry& refusal);
    void auditQuietly(const AuditEntry& entry) noexcept;
    HeadendDatabase& m_db;
    OperatorCredentials& m_credentials;
    HeadendAudit& m_audit;
    QByteArray m_setupToken;
};

} // namespace carddesk::headend
