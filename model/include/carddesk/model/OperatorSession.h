#pragma once
// The operator logged in at this desk (docs/operators.md): who it is, what its roles allow (Access.h), and dual
// control. Every service of the console session asks it before acting (require()), so the console and
// carddesk-cli obey the same rule. Logins, logouts, failed logins and every refusal are appended to the audit
// trail; operator and setting changes go through here, checked and audited.
//
// Dual control (four eyes): a second, different operator authenticates at the same desk, either for one call
// (require(op, second, password)) or ahead of a service call (approve(): the next require(op) of this session
// within kApprovalSeconds takes it). Both names are recorded: "alice+bob".
#include "carddesk/model/Access.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/OperatorStore.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QString>

namespace carddesk {

// An allowed operation: who (both names under dual control) and under which role; what the service records.
struct Grant {
    Operation operation = Operation::IssueCard;
    QString operatorName;      // the logged-in operator
    QString secondOperator;    // dual control, else empty
    QString role;              // the logged-in operator's role that allowed it
    QString operators() const; // "alice" or "alice+bob"
    AuditRecord record(const QString& action, const QString& card = {}, const QString& result = QStringLiteral("ok"),
                       const QString& detail = {}) const;
};

class OperatorSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorSession)
public:
    static constexpr int kApprovalSeconds = 120;

    explicit OperatorSession(Database& database, QObject* parent = nullptr);
    ~OperatorSession() override; // logs out (audited)

    Database& database() { return m_db; }
    bool isLoggedIn() const { return !m_name.isEmpty(); }
    QString operatorName() const { return m_name; }
    Roles roles() const { return m_roles; }

    // Empty on success, else why not (translated). Audited: "login" with the result. A login replaces the one
    // before (logged out first).
    QString login(const QString& name, const QString& password);
    void logout(); // audited; nothing when nobody is logged in
    // The console's lock screen: the logged-in operator enters its password again. Audited as a "login" (detail
    // "unlock"); a wrong password counts towards the lock-out but logs nobody out. Empty on success, else why not.
    QString unlock(const QString& password);

    // What the operator's roles allow (the table only; dual control aside): what a view shows.
    bool allowed(Operation op) const;
    // Allows `op` or throws AccessDenied naming what is missing (audited: the operation, "refused: ..."). An
    // operation under dual control takes this session's pending approval (approve()) or is refused.
    Grant require(Operation op, const QString& card = {});
    // Dual control now: `secondOperator` (another operator, holding one of Access::secondRoles(op)) authenticates
    // with `secondPassword`. Throws AccessDenied (audited). A wrong second password counts towards its lock-out.
    Grant require(Operation op, const QString& secondOperator, const QString& secondPassword, const QString& card = {});
    // The second operator approves the next `op` of this session (within kApprovalSeconds). Throws AccessDenied.
    void approve(Operation op, const QString& secondOperator, const QString& secondPassword);
    bool hasApproval(Operation op) const;
    // A service that asks in someone's name: empty or the logged-in operator, else refused (no acting for others).
    void checkActingName(Operation op, const QString& name);

    // Operators (the role admin; one's own password needs no role). Throw AccessDenied or OperatorError.
    QList<OperatorInfo> listOperators();
    void addOperator(const QString& name, Roles roles, const QString& password);
    void setOperatorPassword(const QString& name, const QString& password);
    void setOperatorRoles(const QString& name, Roles roles);
    void lockOperator(const QString& name);
    void unlockOperator(const QString& name);
    void removeOperator(const QString& name);

    // Settings: production mode needs admin and dual control. Throws AccessDenied or DatabaseError.
    void setProductionMode(bool on, const QString& secondOperator, const QString& secondPassword);
    // The audit trail: review (verify, read) and export need their roles.
    AuditVerification verifyAudit();
    QList<AuditEntry> auditTrail();
    QByteArray exportAudit(AuditFormat format);

signals:
    void loggedIn(const QString& name);
    void loggedOut(const QString& name);

private:
    [[noreturn]] void refuse(Operation op, AccessDenied::Reason why, const QString& text, const QString& english,
                             const QString& operators, const QString& role, const QString& card);
    Grant checkRoles(Operation op, const QString& card);
    QString authenticateSecond(Operation op, const QString& second, const QString& password, const QString& card);
    AuditRecord actor(const Grant& g) const;

    Database& m_db;
    OperatorStore m_store;
    QString m_name;
    Roles m_roles;
    struct Approval {
        QString second;
        QDateTime until;
    };
    QMap<Operation, Approval> m_approvals;
};

} // namespace carddesk
