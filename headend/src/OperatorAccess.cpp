#include "OperatorAccess.h"

#include "JsonApi.h"
#include "OperatorCredentials.h"
#include "carddesk/headendapi/Headers.h"
#include "carddesk/headendapi/Roles.h"

#include <map>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;

namespace {

namespace role = api::role;

// The table: an operation, its name in the audit, the roles that allow it. Separation of duties: admin manages
// credentials, the catalogues and the sandbox bank and reviews the audit; it reads no subscriber's history unless
// the credential also holds support.
const std::map<Operation, OperationRule>& table() {
    static const std::map<Operation, OperationRule> t{
        {Operation::ReadCardHistory, {QStringLiteral("read card history"), {role::support}}},
        {Operation::ReadSubscriberHistory, {QStringLiteral("read subscriber history"), {role::support}}},
        {Operation::ReadCardApps, {QStringLiteral("read card applications"), {role::support, role::technician}}},
        {Operation::ReadLedger, {QStringLiteral("read ledger"), {role::support}}},
        {Operation::EnrolCard, {QStringLiteral("enrol card"), {role::desk}}},
        {Operation::SetCardStatus, {QStringLiteral("set card status"), {role::support, role::desk}}},
        {Operation::RecordAppIdentity, {QStringLiteral("record card application identity"), {role::desk}}},
        {Operation::PublishApp, {QStringLiteral("publish application"), {role::admin}}},
        {Operation::PutVodTitle, {QStringLiteral("put VOD title"), {role::admin}}},
        {Operation::SetBankAccount, {QStringLiteral("set sandbox bank account"), {role::admin}}},
        {Operation::ReadBankAccount, {QStringLiteral("read sandbox bank account"), {role::admin}}},
        {Operation::IssueCredential, {QStringLiteral("issue credential"), {role::admin}}},
        {Operation::ListCredentials, {QStringLiteral("list credentials"), {role::admin}}},
        {Operation::RevokeCredential, {QStringLiteral("revoke credential"), {role::admin}}},
        {Operation::ReadAudit, {QStringLiteral("read audit"), {role::admin}}},
    };
    return t;
}

const QString kSetupName = QStringLiteral("(set-up token)");

bool sameSecret(const QByteArray& a, const QByteArray& b) {
    return !b.isEmpty() && a.size() == b.size() &&
           cdos::constantTimeEqual(reinterpret_cast<const std::uint8_t*>(a.data()),
                                   reinterpret_cast<const std::uint8_t*>(b.data()), static_cast<std::size_t>(a.size()));
}

QString refusedText(const ApiError& e) {
    return QStringLiteral("refused: ") + api::code(e.refusal);
}

} // namespace

const OperationRule& ruleOf(Operation op) {
    return table().at(op);
}

QList<Operation> allOperations() {
    QList<Operation> out;
    for (const auto& [op, rule] : table())
        out << op;
    return out;
}

OperatorGate::OperatorGate(HeadendDatabase& db, OperatorCredentials& credentials, HeadendAudit& audit,
                           QByteArray setupToken)
    : m_db(db), m_credentials(credentials), m_audit(audit), m_setupToken(std::move(setupToken)) {}

OperatorGate::~OperatorGate() {
    cdos::secureZero(m_setupToken.data(), static_cast<std::size_t>(m_setupToken.size()));
}

bool OperatorGate::hasOperatorHeader(const QHttpServerRequest& request) {
    return !request.value(api::header::operatorToken).isEmpty() || !request.value(api::header::adminToken).isEmpty();
}

Caller OperatorGate::authorise(const QHttpServerRequest& request, Operation op, AuditEntry& refusal) {
    const OperationRule& rule = ruleOf(op);
    refusal.role = rule.roles.join(QLatin1Char('|'));
    const QByteArray token = request.value(api::header::operatorToken);
    if (!token.isEmpty()) {
        const OperatorCredentials::Lookup found = m_credentials.authenticate(token);
        refusal.operators =
            found.refused == Refusal::UnknownCredential ? QStringLiteral("(unknown credential)") : found.name;
        if (found.refused == Refusal::UnknownCredential)
            throw ApiError(Status::Unauthorized, Refusal::UnknownCredential,
                           QStringLiteral("the headend did not issue this operator credential"));
        if (found.refused == Refusal::RevokedCredential)
            throw ApiError(
                Status::Unauthorized, Refusal::RevokedCredential,
                QStringLiteral("the operator credential %1 of %2 was revoked").arg(found.id).arg(found.name));
        if (found.refused == Refusal::ExpiredCredential)
            throw ApiError(
                Status::Unauthorized, Refusal::ExpiredCredential,
                QStringLiteral("the operator credential %1 of %2 has expired").arg(found.id).arg(found.name));
        for (const QString& role : rule.roles)
            if (found.roles.contains(role))
                return Caller{found.id, found.name, found.roles, role, false};
        ApiError e(Status::Forbidden, Refusal::MissingRole,
                   QStringLiteral("%1 needs the role %2; the credential of %3 holds %4")
                       .arg(rule.action, rule.roles.join(QStringLiteral(" or ")), found.name,
                            found.roles.join(QStringLiteral(", "))));
        e.roles = rule.roles;
        throw e;
    }
    const QByteArray setup = request.value(api::header::adminToken);
    if (!setup.isEmpty()) {
        refusal.operators = kSetupName;
        if (!sameSecret(setup, m_setupToken))
            throw ApiError(Status::Forbidden, Refusal::NotAdmin,
                           QStringLiteral("the shared set-up token is wrong, or the headend has none"));
        if (op != Operation::IssueCredential)
            throw ApiError(Status::Forbidden, Refusal::SetupOnly,
                           QStringLiteral("the shared set-up token only issues the first admin credential; %1 "
                                          "needs an operator credential (X-Operator-Token) with the role %2")
                               .arg(rule.action, rule.roles.join(QStringLiteral(" or "))));
        if (m_credentials.hasLiveAdmin())
            throw ApiError(Status::Forbidden, Refusal::SetupDone,
                           QStringLiteral("an admin credential exists: the shared set-up token is closed; issue "
                                          "credentials with an admin's"));
        return Caller{0, kSetupName, {api::role::admin}, api::role::admin, true};
    }
    refusal.operators = QStringLiteral("(none)");
    throw ApiError(Status::Unauthorized, Refusal::NoCredential,
                   QStringLiteral("%1 needs an operator credential (X-Operator-Token) with the role %2")
                       .arg(rule.action, rule.roles.join(QStringLiteral(" or "))));
}

void OperatorGate::auditQuietly(const AuditEntry& entry) noexcept {
    try {
        m_audit.append(entry);
    } catch (const std::exception& e) {
        qWarning("audit: a row could not be appended: %s", e.what());
    }
}

QJsonValue OperatorGate::run(const QHttpServerRequest& request, Operation op, const Handler& handler) {
    const OperationRule& rule = ruleOf(op);
    const QString from = QStringLiteral("from %1").arg(request.remoteAddress().toString());
    AuditEntry entry;
    entry.action = rule.action;
    Caller caller;
    try {
        caller = authorise(request, op, entry);
    } catch (const ApiError& e) {
        entry.result = refusedText(e);
        entry.detail = from;
        auditQuietly(entry);
        throw;
    }
    entry.operators = caller.name;
    entry.role = caller.role;
    AuditNote note;
    const auto detail = [&] { return note.detail.isEmpty() ? from : note.detail + QStringLiteral("; ") + from; };
    try {
        // The work and its audit row commit together: a change is never without its row, and a read whose row
        // cannot be written is not answered.
        DbTransaction tx(m_db);
        QJsonValue answer = handler(caller, note);
        entry.card = note.card;
        entry.result = QStringLiteral("ok");
        entry.detail = detail();
        m_audit.append(entry);
        tx.commit();
        return answer;
    } catch (const ApiError& e) {
        entry.card = note.card;
        entry.result = refusedText(e);
        entry.detail = detail();
        auditQuietly(entry);
        throw;
    } catch (const DatabaseError&) {
        entry.card = note.card;
        entry.result = QStringLiteral("failed: database");
        entry.detail = detail();
        auditQuietly(entry);
        throw;
    }
}

} // namespace carddesk::headend
