#include "carddesk/model/OperatorSession.h"

namespace carddesk {

QString Grant::operators() const {
    return secondOperator.isEmpty() ? operatorName : operatorName + QLatin1Char('+') + secondOperator;
}

AuditRecord Grant::record(const QString& action, const QString& card, const QString& result,
                          const QString& detail) const {
    AuditRecord r;
    r.operators = operators();
    r.role = role;
    r.action = action;
    r.card = card;
    r.result = result;
    r.detail = detail;
    return r;
}

OperatorSession::OperatorSession(Database& database, QObject* parent)
    : QObject(parent), m_db(database), m_store(database) {}

OperatorSession::~OperatorSession() {
    try {
        if (m_db.isOpen())
            logout();
    } catch (const std::exception& e) {
        qWarning("%s", e.what());
    }
}

QString OperatorSession::login(const QString& name, const QString& password) {
    if (isLoggedIn())
        logout();
    if (!m_db.isOpen())
        return tr("the database is not open: nobody can log in");
    if (name.isEmpty())
        return tr("no operator name was given");
    OperatorStore::Check c;
    AuditRecord r;
    r.operators = name;
    r.action = QStringLiteral("login");
    try {
        c = m_store.authenticate(name, password);
        if (c.outcome == OperatorStore::Outcome::Ok) {
            r.role = Access::rolesText(c.info.roles);
        } else {
            r.result = c.auditText;
        }
        m_db.appendAudit(r);
    } catch (const DatabaseError& e) {
        return e.text;
    }
    if (c.outcome != OperatorStore::Outcome::Ok)
        return c.error;
    m_name = name;
    m_roles = c.info.roles;
    emit loggedIn(m_name);
    return {};
}

QString OperatorSession::unlock(const QString& password) {
    if (!isLoggedIn())
        return tr("nobody is logged in");
    if (!m_db.isOpen())
        return tr("the database is not open: nobody can log in");
    AuditRecord r;
    r.operators = m_name;
    r.action = QStringLiteral("login");
    r.detail = QStringLiteral("unlock");
    OperatorStore::Check c;
    try {
        c = m_store.authenticate(m_name, password);
        if (c.outcome == OperatorStore::Outcome::Ok)
            r.role = Access::rolesText(c.info.roles);
        else
            r.result = c.auditText;
        m_db.appendAudit(r);
    } catch (const DatabaseError& e) {
        return e.text;
    }
    if (c.outcome != OperatorStore::Outcome::Ok)
        return c.error;
    m_roles = c.info.roles; // an admin may have changed them meanwhile
    emit loggedIn(m_name);
    return {};
}

void OperatorSession::logout() {
    if (!isLoggedIn())
        return;
    const QString name = m_name;
    AuditRecord r;
    r.operators = name;
    r.role = Access::rolesText(m_roles);
    r.action = QStringLiteral("logout");
    m_name.clear();
    m_roles = {};
    m_approvals.clear();
    emit loggedOut(name);
    if (m_db.isOpen())
        m_db.appendAudit(r);
}

bool OperatorSession::allowed(Operation op) const {
    return isLoggedIn() && bool(m_roles & Access::requiredRoles(op));
}

void OperatorSession::refuse(Operation op, AccessDenied::Reason why, const QString& text, const QString& english,
                             const QString& operators, const QString& role, const QString& card) {
    AuditRecord r;
    r.operators = operators;
    r.role = role;
    r.action = Access::operationId(op);
    r.card = card;
    r.result = QStringLiteral("refused: ") + english;
    try {
        if (m_db.isOpen())
            m_db.appendAudit(r);
    } catch (const DatabaseError& e) {
        qWarning("%s", e.what()); // the refusal stands all the same
    }
    throw AccessDenied(op, why, text, english);
}

Grant OperatorSession::checkRoles(Operation op, const QString& card) {
    const QString needed = Access::rolesText(Access::requiredRoles(op));
    if (!isLoggedIn())
        refuse(op, AccessDenied::Reason::NotLoggedIn,
               tr("nobody is logged in: %1 needs an operator with the role %2")
                   .arg(Access::operationName(op), Access::rolesNames(Access::requiredRoles(op))),
               QStringLiteral("nobody is logged in"), {}, needed, card);
    if (const QString missing = Access::refusalId(op, m_roles); !missing.isEmpty())
        refuse(op, AccessDenied::Reason::MissingRole, Access::refusal(op, m_roles), missing, m_name, needed, card);
    Grant g;
    g.operation = op;
    g.operatorName = m_name;
    g.role = Access::grantingRole(op, m_roles);
    return g;
}

Grant OperatorSession::require(Operation op, const QString& card) {
    Grant g = checkRoles(op, card);
    if (!Access::needsDualControl(op))
        return g;
    const auto it = m_approvals.constFind(op);
    if (it == m_approvals.cend() || it->until < QDateTime::currentDateTimeUtc()) {
        m_approvals.remove(op);
        refuse(op, AccessDenied::Reason::DualControl,
               tr("%1 needs a second operator with the role %2 (dual control)")
                   .arg(Access::operationName(op), Access::rolesNames(Access::secondRoles(op))),
               QStringLiteral("needs a second operator (dual control)"), m_name, g.role, card);
    }
    g.secondOperator = it->second;
    m_approvals.remove(op);
    return g;
}

Grant OperatorSession::require(Operation op, const QString& secondOperator, const QString& secondPassword,
                               const QString& card) {
    Grant g = checkRoles(op, card);
    if (Access::needsDualControl(op))
        g.secondOperator = authenticateSecond(op, secondOperator, secondPassword, card);
    return g;
}

void OperatorSession::approve(Operation op, const QString& secondOperator, const QString& secondPassword) {
    const Grant g = checkRoles(op, {});
    if (!Access::needsDualControl(op))
        return;
    const QString second = authenticateSecond(op, secondOperator, secondPassword, {});
    m_approvals.insert(op, Approval{second, QDateTime::currentDateTimeUtc().addSecs(kApprovalSeconds)});
    Q_UNUSED(g);
}

bool OperatorSession::hasApproval(Operation op) const {
    const auto it = m_approvals.constFind(op);
    return it != m_approvals.cend() && it->until >= QDateTime::currentDateTimeUtc();
}

QString OperatorSession::authenticateSecond(Operation op, const QString& second, const QString& password,
                                            const QString& card) {
    const QString role = Access::grantingRole(op, m_roles);
    const Roles secondRoles = Access::secondRoles(op);
    if (second.isEmpty())
        refuse(op, AccessDenied::Reason::DualControl,
               tr("%1 needs a second operator with the role %2 (dual control)")
                   .arg(Access::operationName(op), Access::rolesNames(secondRoles)),
               QStringLiteral("needs a second operator (dual control)"), m_name, role, card);
    const QString both = m_name + QLatin1Char('+') + second;
    if (second == m_name)
        refuse(op, AccessDenied::Reason::DualControl,
               tr("the second operator must be someone other than %1 (dual control)").arg(m_name),
               QStringLiteral("the same operator twice"), both, role, card);
    OperatorStore::Check c;
    try {
        c = m_store.authenticate(second, password);
    } catch (const DatabaseError& e) {
        refuse(op, AccessDenied::Reason::DualControl, e.text, QStringLiteral("the second operator was not checked"),
               both, role, card);
    }
    if (c.outcome != OperatorStore::Outcome::Ok)
        refuse(op, AccessDenied::Reason::DualControl, tr("the second operator could not log in: %1").arg(c.error),
               QStringLiteral("second operator %1").arg(c.auditText), both, role, card);
    if (!(c.info.roles & secondRoles)) {
        QStringList ids;
        for (Role r : Access::roles())
            if (secondRoles.testFlag(r))
                ids << Access::roleId(r);
        refuse(op, AccessDenied::Reason::DualControl,
               tr("the second operator %1 needs the role %2").arg(second, Access::rolesNames(secondRoles)),
               QStringLiteral("the second operator needs the role %1").arg(ids.join(QStringLiteral(" or "))), both,
               role, card);
    }
    return second;
}

void OperatorSession::checkActingName(Operation op, const QString& name) {
    if (name.isEmpty() || name == m_name || !isLoggedIn())
        return;
    refuse(op, AccessDenied::Reason::OtherOperator,
           tr("%1 is logged in: nothing is done in the name of %2").arg(m_name, name),
           QStringLiteral("asked in the name of %1").arg(name), m_name, Access::grantingRole(op, m_roles), {});
}

AuditRecord OperatorSession::actor(const Grant& g) const {
    return g.record({});
}

QList<OperatorInfo> OperatorSession::listOperators() {
    require(Operation::ManageOperators);
    return m_store.list();
}

void OperatorSession::addOperator(const QString& name, Roles roles, const QString& password) {
    m_store.add(actor(require(Operation::ManageOperators)), name, roles, password);
}

void OperatorSession::setOperatorPassword(const QString& name, const QString& password) {
    if (isLoggedIn() && name == m_name) {
        // One's own password: no role needed.
        Grant g;
        g.operatorName = m_name;
        g.role = Access::rolesText(m_roles);
        m_store.setPassword(actor(g), name, password);
        return;
    }
    m_store.setPassword(actor(require(Operation::ManageOperators)), name, password);
}

void OperatorSession::setOperatorRoles(const QString& name, Roles roles) {
    m_store.setRoles(actor(require(Operation::ManageOperators)), name, roles);
    if (name == m_name)
        m_roles = roles;
}

void OperatorSession::lockOperator(const QString& name) {
    const Grant g = require(Operation::ManageOperators);
    if (name == m_name)
        throw OperatorError(tr("%1 is logged in: an operator does not lock itself").arg(name));
    m_store.lock(actor(g), name);
}

void OperatorSession::unlockOperator(const QString& name) {
    m_store.unlock(actor(require(Operation::ManageOperators)), name);
}

void OperatorSession::removeOperator(const QString& name) {
    const Grant g = require(Operation::ManageOperators);
    if (name == m_name)
        throw OperatorError(tr("%1 is logged in: an operator does not remove itself").arg(name));
    m_store.remove(actor(g), name);
}

void OperatorSession::setProductionMode(bool on, const QString& secondOperator, const QString& secondPassword) {
    const Grant g = require(Operation::ProductionModeChange, secondOperator, secondPassword);
    m_db.setSetting(Database::kProductionModeSetting, on ? QStringLiteral("on") : QStringLiteral("off"),
                    g.record(Access::operationId(Operation::ProductionModeChange), {}, QStringLiteral("ok"),
                             on ? QStringLiteral("production mode on") : QStringLiteral("production mode off")));
}

AuditVerification OperatorSession::verifyAudit() {
    require(Operation::AuditReview);
    return m_db.verifyAudit();
}

QList<AuditEntry> OperatorSession::auditTrail() {
    require(Operation::AuditReview);
    return m_db.auditTrail();
}

QByteArray OperatorSession::exportAudit(AuditFormat format) {
    const Grant g = require(Operation::AuditExport);
    const QByteArray out = m_db.exportAudit(format);
    m_db.appendAudit(g.record(Access::operationId(Operation::AuditExport), {}, QStringLiteral("ok"),
                              format == AuditFormat::Csv ? QStringLiteral("csv") : QStringLiteral("json")));
    return out;
}

} // namespace carddesk
