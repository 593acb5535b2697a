// The table of operation → roles (docs/operators.md, "Roles"). Change a row here and the services, the CLI and
// the console follow.
#include "carddesk/model/Access.h"

#include <QStringList>

namespace carddesk {

namespace {

struct Rule {
    Operation op;
    const char* id;
    Roles roles;
    bool dual;
    Roles second; // dual control: the second operator holds one of these
};

constexpr Roles kNone{};

const Rule kTable[] = {
    {Operation::IssueCard, "issue card", Role::Desk, false, kNone},
    {Operation::BatchIssue, "batch issue", Role::Desk, false, kNone},
    {Operation::DeskLoad, "desk load", Role::Desk, false, kNone},
    {Operation::DeskPurchase, "desk purchase", Role::Desk, false, kNone},
    {Operation::Diagnose, "diagnose", Role::Technician, false, kNone},
    {Operation::TraceView, "trace view", Role::Technician, false, kNone},
    {Operation::TraceRevealSecrets, "trace reveal secrets", Role::Technician, true, Role::Technician | Role::Admin},
    {Operation::AppInstall, "app install", Role::Technician, false, kNone},
    {Operation::AppDelete, "app delete", Role::Technician, false, kNone},
    {Operation::History, "history", Role::Support, false, kNone},
    {Operation::Reconciliation, "reconciliation", Role::Support, false, kNone},
    {Operation::Export, "export", Role::Support, false, kNone},
    {Operation::ManageOperators, "manage operators", Role::Admin, false, kNone},
    {Operation::KeyCeremony, "key ceremony", Role::Admin, true, Role::Admin},
    {Operation::KeyImport, "key import", Role::Admin, true, Role::Admin},
    {Operation::CaKey, "ca-key", Role::Technician, true, Role::Technician | Role::Admin},
    {Operation::Settings, "settings", Role::Admin, false, kNone},
    {Operation::ProductionModeChange, "production-mode change", Role::Admin, true, Role::Admin},
    {Operation::AuditReview, "audit review", Role::Admin, false, kNone},
    {Operation::AuditExport, "audit export", Role::Admin, false, kNone},
    {Operation::PinReset, "pin reset", Role::Desk, false, kNone},
};

const Rule& rule(Operation op) {
    for (const Rule& r : kTable)
        if (r.op == op)
            return r;
    return kTable[0]; // unreachable: every operation has its row (checked by the role-matrix test)
}

const char* const kRoleIds[] = {"desk", "technician", "support", "admin"};

} // namespace

QList<Operation> Access::operations() {
    QList<Operation> out;
    for (const Rule& r : kTable)
        out.append(r.op);
    return out;
}

QList<Role> Access::roles() {
    return {Role::Desk, Role::Technician, Role::Support, Role::Admin};
}

Roles Access::requiredRoles(Operation op) {
    return rule(op).roles;
}

bool Access::needsDualControl(Operation op) {
    return rule(op).dual;
}

Roles Access::secondRoles(Operation op) {
    return rule(op).second;
}

QString Access::roleId(Role role) {
    const QList<Role> all = roles();
    return QString::fromLatin1(kRoleIds[all.indexOf(role)]);
}

QString Access::operationId(Operation op) {
    return QString::fromLatin1(rule(op).id);
}

std::optional<Role> Access::roleFromId(const QString& id) {
    for (Role r : roles())
        if (roleId(r) == id.trimmed().toLower())
            return r;
    return std::nullopt;
}

std::optional<Operation> Access::operationFromId(const QString& id) {
    for (const Rule& r : kTable)
        if (QLatin1String(r.id) == id)
            return r.op;
    return std::nullopt;
}

QString Access::rolesText(Roles held) {
    QStringList names;
    for (Role r : roles())
        if (held.testFlag(r))
            names << roleId(r);
    return names.join(QLatin1Char(','));
}

std::optional<Roles> Access::parseRoles(const QString& text, QString* bad) {
    Roles out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto r = roleFromId(part);
        if (!r) {
            if (bad)
                *bad = part.trimmed();
            return std::nullopt;
        }
        out |= *r;
    }
    return out;
}

QString Access::roleName(Role role) {
    switch (role) {
    case Role::Desk:
        return tr("desk");
    case Role::Technician:
        return tr("technician");
    case Role::Support:
        return tr("support");
    case Role::Admin:
        return tr("admin");
    }
    return {};
}

QString Access::operationName(Operation op) {
    switch (op) {
    case Operation::IssueCard:
        return tr("issue a card");
    case Operation::BatchIssue:
        return tr("issue a batch of cards");
    case Operation::DeskLoad:
        return tr("load a purse at the desk");
    case Operation::DeskPurchase:
        return tr("purchase at the desk");
    case Operation::Diagnose:
        return tr("diagnose a card");
    case Operation::TraceView:
        return tr("view the APDU trace");
    case Operation::TraceRevealSecrets:
        return tr("reveal secrets in the trace");
    case Operation::AppInstall:
        return tr("install an application");
    case Operation::AppDelete:
        return tr("delete an application");
    case Operation::History:
        return tr("read a card's or subscriber's history");
    case Operation::Reconciliation:
        return tr("reconcile a card with the headend");
    case Operation::Export:
        return tr("export a report");
    case Operation::ManageOperators:
        return tr("manage operators");
    case Operation::KeyCeremony:
        return tr("run a key ceremony");
    case Operation::KeyImport:
        return tr("import a key");
    case Operation::CaKey:
        return tr("change a service key on a card");
    case Operation::Settings:
        return tr("change settings");
    case Operation::ProductionModeChange:
        return tr("switch production mode");
    case Operation::AuditReview:
        return tr("review the audit trail");
    case Operation::AuditExport:
        return tr("export the audit trail");
    case Operation::PinReset:
        return tr("reset a card's PINs");
    }
    return {};
}

QString Access::rolesNames(Roles held) {
    QStringList names;
    for (Role r : roles())
        if (held.testFlag(r))
            names << roleName(r);
    if (names.size() <= 1)
        return names.join(QString());
    const QString last = names.takeLast();
    return tr("%1 or %2").arg(names.join(QStringLiteral(", ")), last);
}

QString Access::refusalId(Operation op, Roles held) {
    if (held & requiredRoles(op))
        return {};
    QStringList names;
    for (Role r : roles())
        if (requiredRoles(op).testFlag(r))
            names << roleId(r);
    return QStringLiteral("needs the role %1").arg(names.join(QStringLiteral(" or ")));
}

QString Access::refusal(Operation op, Roles held) {
    if (held & requiredRoles(op))
        return {};
    return tr("%1 needs the role %2").arg(operationName(op), rolesNames(requiredRoles(op)));
}

QString Access::grantingRole(Operation op, Roles held) {
    for (Role r : roles())
        if (requiredRoles(op).testFlag(r) && held.testFlag(r))
            return roleId(r);
    return {};
}

} // namespace carddesk
