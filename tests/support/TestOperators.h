#pragma once
// The tests' operators (docs/operators.md): every service asks the logged-in operator first, so a test logs one in
// before it issues, loads, installs or changes a key. The development admin (every role) is made on the test's
// database; other names get the roles asked for, and the password passwordOf(name).
#include <carddesk/model/Database.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/model/OperatorStore.h>

#include <QString>

namespace cdtest {

inline const QString kAdmin = carddesk::OperatorStore::kDevelopmentName;
inline const QString kAdminPassword = carddesk::OperatorStore::kDevelopmentPassword;
// The second operator of the tests' dual control: technician and admin (every dual-control operation's role).
inline const QString kSecond = QStringLiteral("second");
inline constexpr carddesk::Roles kAllRoles =
    carddesk::Role::Desk | carddesk::Role::Technician | carddesk::Role::Support | carddesk::Role::Admin;

inline QString passwordOf(const QString& name) {
    return name == kAdmin ? kAdminPassword : name + QStringLiteral("-password");
}

// The development admin on `db`, when the desk has no operator yet.
inline void ensureDevelopmentAdmin(carddesk::Database& db) {
    carddesk::OperatorStore store(db);
    if (store.isEmpty())
        store.createDevelopmentAdmin();
}

// Operator `name` with `roles` (made by the development admin when missing; its roles set when different).
inline void ensureOperator(carddesk::Database& db, const QString& name, carddesk::Roles roles = kAllRoles) {
    ensureDevelopmentAdmin(db);
    carddesk::OperatorStore store(db);
    carddesk::AuditRecord by;
    by.operators = kAdmin;
    by.role = QStringLiteral("admin");
    const auto existing = store.find(name);
    if (!existing)
        store.add(by, name, roles, passwordOf(name));
    else if (existing->roles != roles && name != kAdmin)
        store.setRoles(by, name, roles);
}

// Logs `session` in as `name` (made with `roles` when missing). Returns the error in words, empty on success.
inline QString logIn(carddesk::OperatorSession& session, const QString& name = kAdmin,
                     carddesk::Roles roles = kAllRoles) {
    ensureOperator(session.database(), name, roles);
    return session.login(name, passwordOf(name));
}

// Dual control: the tests' second operator approves the next `op` of `session`.
inline void approveSecond(carddesk::OperatorSession& session, carddesk::Operation op) {
    ensureOperator(session.database(), kSecond, carddesk::Role::Technician | carddesk::Role::Admin);
    session.approve(op, kSecond, passwordOf(kSecond));
}

} // namespace cdtest
