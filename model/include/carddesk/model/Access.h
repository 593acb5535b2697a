#pragma once
// Who may do what (docs/operators.md, "Roles"): the one table of operation → roles, read by the model's services,
// the CLI and the console alike, so that all three obey the same rule. An operator holds one or more roles; an
// operation is allowed when the operator holds any of its roles. Operations under dual control (four eyes) also
// need a second, different operator at the same desk who holds one of the operation's second roles.
#include <QCoreApplication>
#include <QFlags>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>

namespace carddesk {

enum class Role : unsigned {
    Desk = 0x1,       // issuance, batch issuance, load and purchase at the desk
    Technician = 0x2, // diagnosis, the trace, application install/delete, service keys on cards
    Support = 0x4,    // histories, reconciliation, exports
    Admin = 0x8,      // operators, key ceremony, settings, the audit trail
};
Q_DECLARE_FLAGS(Roles, Role)
Q_DECLARE_OPERATORS_FOR_FLAGS(Roles)

enum class Operation {
    IssueCard,
    BatchIssue,
    DeskLoad,
    DeskPurchase,
    Diagnose,
    TraceView,
    TraceRevealSecrets, // dual
    AppInstall,
    AppDelete,
    History,
    Reconciliation,
    Export,
    ManageOperators,
    KeyCeremony, // dual
    KeyImport,   // dual
    CaKey,       // dual: a service key changed on a card (carddesk-cli ca-key)
    Settings,
    ProductionModeChange, // dual
    AuditReview,
    AuditExport,
    PinReset, // new generated PINs and a new mailer for an issued card (a lost mailer)
};

class Access {
    Q_DECLARE_TR_FUNCTIONS(Access)
public:
    static QList<Operation> operations(); // every operation, in the order above
    static QList<Role> roles();           // desk, technician, support, admin

    // The table.
    static Roles requiredRoles(Operation op);
    static bool needsDualControl(Operation op);
    // The roles one of which the second operator of a dual-control operation must hold.
    static Roles secondRoles(Operation op);

    // Stable English names, as stored in the database and the audit trail and typed on the CLI.
    static QString roleId(Role role);         // "desk"
    static QString operationId(Operation op); // "issue card"
    static std::optional<Role> roleFromId(const QString& id);
    static std::optional<Operation> operationFromId(const QString& id);
    // "desk,technician" <-> roles; parse returns nothing (and the first bad name in *bad) for an unknown name.
    static QString rolesText(Roles roles);
    static std::optional<Roles> parseRoles(const QString& text, QString* bad = nullptr);

    // The same in the user's language.
    static QString roleName(Role role);
    static QString operationName(Operation op);
    static QString rolesNames(Roles roles); // "desk or support"

    // Empty when `held` may do `op` (dual control aside), else what is missing: "needs the role desk". refusalId is
    // the English text the audit trail records, refusal the translated one for the operator.
    static QString refusalId(Operation op, Roles held);
    static QString refusal(Operation op, Roles held);
    // The first of `op`'s roles that `held` has (the role an allowed operation is recorded under); empty if none.
    static QString grantingRole(Operation op, Roles held);
};

// A refusal: nobody logged in, a missing role, dual control not satisfied, or a request in another operator's name.
// `text` is translated and names what is missing; `auditText` is the English the audit trail recorded.
struct AccessDenied : std::runtime_error {
    enum class Reason { NotLoggedIn, MissingRole, DualControl, OtherOperator };
    AccessDenied(Operation operation, Reason reason, const QString& translated, const QString& english)
        : std::runtime_error(translated.toStdString()), op(operation), why(reason), text(translated),
          auditText(english) {}
    Operation op;
    Reason why;
    QString text;
    QString auditText;
};

} // namespace carddesk
