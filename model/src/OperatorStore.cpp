#include "carddesk/model/OperatorStore.h"

#include "DatabaseErrorText.h"
#include "DatabaseTime.h"

#include <carddesk/protocol/crypto/Crypto.h>

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace carddesk {

namespace {

using dbtime::nowText;
using dbtime::timeFrom;

const char* const kColumns = "name, roles, failed_attempts, locked, locked_until, iterations, created_at,"
                             " password_changed_at";

OperatorInfo infoFrom(const QSqlQuery& q) {
    OperatorInfo o;
    o.name = q.value(0).toString();
    o.roles = Access::parseRoles(q.value(1).toString()).value_or(Roles());
    o.failedAttempts = q.value(2).toInt();
    o.locked = q.value(3).toInt() != 0;
    if (!q.value(4).isNull() && !q.value(4).toString().isEmpty())
        o.lockedUntil = timeFrom(q.value(4));
    o.iterations = q.value(5).toInt();
    o.createdAt = timeFrom(q.value(6));
    o.passwordChangedAt = timeFrom(q.value(7));
    return o;
}

QString hex(const cdos::Bytes& b) {
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())).toHex());
}

cdos::Bytes unhex(const QString& s) {
    const QByteArray raw = QByteArray::fromHex(s.toLatin1());
    return cdos::Bytes(raw.cbegin(), raw.cend());
}

// The password's UTF-8 bytes, wiped when done.
struct Secret {
    std::string bytes;
    explicit Secret(const QString& s) : bytes(s.toUtf8().toStdString()) {}
    ~Secret() { cdos::secureZero(bytes.data(), bytes.size()); }
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
};

void exec(QSqlQuery& q, const QString& what) {
    if (!q.exec())
        throw DatabaseError(OperatorStore::tr("cannot %1: %2").arg(what, dbtext::sqlError(q.lastError())));
}

} // namespace

bool OperatorInfo::isLockedAt(const QDateTime& nowUtc) const {
    return locked && (!lockedUntil.isValid() || lockedUntil > nowUtc);
}

QJsonObject OperatorInfo::toJson() const {
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("roles"), Access::rolesText(roles)},
                  {QStringLiteral("locked"), isLockedAt(QDateTime::currentDateTimeUtc())},
                  {QStringLiteral("failedAttempts"), failedAttempts},
                  {QStringLiteral("passwordIterations"), iterations},
                  {QStringLiteral("createdAt"), createdAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("passwordChangedAt"), passwordChangedAt.toString(Qt::ISODateWithMs)}};
    if (locked && lockedUntil.isValid())
        o.insert(QStringLiteral("lockedUntil"), lockedUntil.toString(Qt::ISODateWithMs));
    return o;
}

OperatorStore::OperatorStore(Database& database) : m_db(database) {}

QString OperatorStore::passwordProblem(const QString& password, const QString& name) {
    if (password.size() < kMinPasswordLength)
        return tr("a password needs at least %1 characters; this one has %2")
            .arg(kMinPasswordLength)
            .arg(password.size());
    if (!name.isEmpty() && password.compare(name, Qt::CaseInsensitive) == 0)
        return tr("the password must not be the operator's name");
    return {};
}

QString OperatorStore::nameProblem(const QString& name) {
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
    if (valid.match(name).hasMatch())
        return {};
    return tr("an operator's name has 1 to 32 letters, digits, '.', '_' or '-', got \"%1\"").arg(name);
}

OperatorStore::Hash OperatorStore::hashPassword(const QString& password) {
    const Secret secret(password);
    const cdos::Bytes salt = cdos::crypto::randomBytes(kSaltBytes);
    const cdos::Bytes hash = cdos::crypto::pbkdf2Sha256(secret.bytes, salt, kIterations, kHashBytes);
    return Hash{hex(hash), hex(salt), kIterations};
}

bool OperatorStore::isEmpty() const {
    QSqlQuery q(m_db.connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM operators")) && q.next() && q.value(0).toLongLong() == 0;
}

QList<OperatorInfo> OperatorStore::list() const {
    QList<OperatorInfo> out;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM operators ORDER BY name").arg(QLatin1String(kColumns))))
        throw DatabaseError(tr("cannot read the operators: %1").arg(dbtext::sqlError(q.lastError())));
    while (q.next())
        out.append(infoFrom(q));
    return out;
}

std::optional<OperatorInfo> OperatorStore::find(const QString& name) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM operators WHERE name = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return infoFrom(q);
}

OperatorStore::Check OperatorStore::authenticate(const QString& name, const QString& password) {
    Check c;
    const Secret secret(password);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1, password_hash, salt, algorithm FROM operators WHERE name = ?")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(name);
    exec(q, tr("read the operators"));
    const QString wrong = tr("wrong operator name or password");
    if (!q.next()) {
        // As long as a wrong password would take: the time does not tell which names exist.
        (void)cdos::crypto::pbkdf2Sha256(secret.bytes, cdos::Bytes(kSaltBytes, 0), kIterations, kHashBytes);
        c.outcome = Outcome::Unknown;
        c.error = wrong;
        c.auditText = QStringLiteral("failed: unknown operator");
        return c;
    }
    c.info = infoFrom(q);
    const cdos::Bytes stored = unhex(q.value(8).toString());
    const cdos::Bytes salt = unhex(q.value(9).toString());
    const QString algorithm = q.value(10).toString();
    q.finish();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (c.info.locked) {
        if (c.info.isLockedAt(now)) {
            c.outcome = Outcome::Locked;
            c.error = c.info.lockedUntil.isValid()
                          ? tr("operator %1 is locked until %2 (UTC) after %3 wrong passwords; an admin can unlock it")
                                .arg(name, c.info.lockedUntil.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                                .arg(kMaxFailures)
                          : tr("operator %1 is locked by an admin").arg(name);
            c.auditText = c.info.lockedUntil.isValid()
                              ? QStringLiteral("refused: locked until %1").arg(c.info.lockedUntil.toString(Qt::ISODate))
                              : QStringLiteral("refused: locked by an admin");
            return c;
        }
        // The lock's time is over: it lifts, and the count starts again.
        QSqlQuery lift(db);
        lift.prepare(
            QStringLiteral("UPDATE operators SET locked = 0, locked_until = NULL, failed_attempts = 0 WHERE name = ?"));
        lift.addBindValue(name);
        exec(lift, tr("update operator %1").arg(name));
        c.info.locked = false;
        c.info.lockedUntil = {};
        c.info.failedAttempts = 0;
    }
    if (algorithm != kAlgorithm || c.info.iterations < kMinIterations || salt.size() < 8 ||
        stored.size() != std::size_t(kHashBytes)) {
        c.outcome = Outcome::WrongPassword;
        c.error = tr("the stored password of operator %1 is not usable; an admin must set a new one").arg(name);
        c.auditText = QStringLiteral("failed: the stored password is not usable");
        return c;
    }
    const cdos::Bytes computed = cdos::crypto::pbkdf2Sha256(secret.bytes, salt, c.info.iterations, kHashBytes);
    QSqlQuery update(db);
    if (cdos::crypto::equalConstantTime(computed, stored)) {
        if (c.info.failedAttempts != 0) {
            update.prepare(QStringLiteral("UPDATE operators SET failed_attempts = 0 WHERE name = ?"));
            update.addBindValue(name);
            exec(update, tr("update operator %1").arg(name));
            c.info.failedAttempts = 0;
        }
        c.outcome = Outcome::Ok;
        return c;
    }
    update.prepare(QStringLiteral("UPDATE operators SET failed_attempts = failed_attempts + 1 WHERE name = ?"));
    update.addBindValue(name);
    exec(update, tr("update operator %1").arg(name));
    const int failures = find(name).value_or(c.info).failedAttempts;
    c.info.failedAttempts = failures;
    c.outcome = Outcome::WrongPassword;
    c.error = wrong;
    c.auditText = QStringLiteral("failed: wrong password (%1 in a row)").arg(failures);
    if (failures >= kMaxFailures) {
        const QDateTime until = now.addSecs(qint64(kLockMinutes) * 60);
        update.prepare(QStringLiteral("UPDATE operators SET locked = 1, locked_until = ? WHERE name = ?"));
        update.addBindValue(until.toString(Qt::ISODateWithMs));
        update.addBindValue(name);
        exec(update, tr("update operator %1").arg(name));
        c.info.locked = true;
        c.info.lockedUntil = until;
        c.error = tr("wrong operator name or password; after %1 in a row operator %2 is locked for %3 minutes")
                      .arg(kMaxFailures)
                      .arg(name)
                      .arg(kLockMinutes);
        c.auditText += QStringLiteral("; locked until %1").arg(until.toString(Qt::ISODate));
    }
    return c;
}

void OperatorStore::insert(QSqlDatabase& db, const QString& name, Roles roles, const QString& password) {
    if (const QString e = nameProblem(name); !e.isEmpty())
        throw OperatorError(e);
    if (const QString e = passwordProblem(password, name); !e.isEmpty())
        throw OperatorError(e);
    if (!roles)
        throw OperatorError(tr("an operator needs at least one role: desk, technician, support or admin"));
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM operators WHERE name = ?"));
    exists.addBindValue(name);
    exec(exists, tr("read the operators"));
    if (exists.next())
        throw OperatorError(tr("operator %1 exists already").arg(name));
    const Hash h = hashPassword(password);
    const QString now = nowText();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO operators (name, roles, password_hash, salt, iterations, algorithm,"
                             " failed_attempts, locked, locked_until, created_at, password_changed_at)"
                             " VALUES (?,?,?,?,?,?,0,0,NULL,?,?)"));
    q.addBindValue(name);
    q.addBindValue(Access::rolesText(roles));
    q.addBindValue(h.hash);
    q.addBindValue(h.salt);
    q.addBindValue(h.iterations);
    q.addBindValue(kAlgorithm);
    q.addBindValue(now);
    q.addBindValue(now);
    exec(q, tr("add operator %1").arg(name));
}

OperatorInfo OperatorStore::require(QSqlDatabase& db, const QString& name) const {
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM operators WHERE name = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(name);
    exec(q, tr("read the operators"));
    if (!q.next())
        throw OperatorError(tr("there is no operator %1").arg(name));
    return infoFrom(q);
}

void OperatorStore::keepAnAdmin(QSqlDatabase& db, const QString& name, bool stillAdmin) const {
    const OperatorInfo o = require(db, name);
    if (stillAdmin || !o.roles.testFlag(Role::Admin))
        return;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT roles FROM operators WHERE name <> ? AND locked = 0"));
    q.addBindValue(name);
    exec(q, tr("read the operators"));
    while (q.next())
        if (Access::parseRoles(q.value(0).toString()).value_or(Roles()).testFlag(Role::Admin))
            return;
    throw OperatorError(tr("%1 is the last admin who can log in: make another admin first").arg(name));
}

namespace {

AuditRecord change(const AuditRecord& by, const QString& action, const QString& detail) {
    AuditRecord r = by;
    r.action = action;
    r.result = QStringLiteral("ok");
    r.detail = detail;
    return r;
}

} // namespace

void OperatorStore::add(const AuditRecord& by, const QString& name, Roles roles, const QString& password) {
    m_db.appendAudit(
        change(by, QStringLiteral("operator add"), QStringLiteral("%1 roles=%2").arg(name, Access::rolesText(roles))),
        [&](QSqlDatabase& db) { insert(db, name, roles, password); });
}

void OperatorStore::setPassword(const AuditRecord& by, const QString& name, const QString& password) {
    if (const QString e = passwordProblem(password, name); !e.isEmpty())
        throw OperatorError(e);
    m_db.appendAudit(change(by, QStringLiteral("operator password"), name), [&](QSqlDatabase& db) {
        require(db, name);
        const Hash h = hashPassword(password);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE operators SET password_hash = ?, salt = ?, iterations = ?, algorithm = ?,"
                                 " failed_attempts = 0, password_changed_at = ? WHERE name = ?"));
        q.addBindValue(h.hash);
        q.addBindValue(h.salt);
        q.addBindValue(h.iterations);
        q.addBindValue(kAlgorithm);
        q.addBindValue(nowText());
        q.addBindValue(name);
        exec(q, tr("update operator %1").arg(name));
    });
}

void OperatorStore::setRoles(const AuditRecord& by, const QString& name, Roles roles) {
    if (!roles)
        throw OperatorError(tr("an operator needs at least one role: desk, technician, support or admin"));
    m_db.appendAudit(
        change(by, QStringLiteral("operator roles"), QStringLiteral("%1 roles=%2").arg(name, Access::rolesText(roles))),
        [&](QSqlDatabase& db) {
            keepAnAdmin(db, name, roles.testFlag(Role::Admin));
            QSqlQuery q(db);
            q.prepare(QStringLiteral("UPDATE operators SET roles = ? WHERE name = ?"));
            q.addBindValue(Access::rolesText(roles));
            q.addBindValue(name);
            exec(q, tr("update operator %1").arg(name));
        });
}

void OperatorStore::lock(const AuditRecord& by, const QString& name) {
    m_db.appendAudit(change(by, QStringLiteral("operator lock"), name), [&](QSqlDatabase& db) {
        keepAnAdmin(db, name, false);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE operators SET locked = 1, locked_until = NULL WHERE name = ?"));
        q.addBindValue(name);
        exec(q, tr("update operator %1").arg(name));
    });
}

void OperatorStore::unlock(const AuditRecord& by, const QString& name) {
    m_db.appendAudit(change(by, QStringLiteral("operator unlock"), name), [&](QSqlDatabase& db) {
        require(db, name);
        QSqlQuery q(db);
        q.prepare(
            QStringLiteral("UPDATE operators SET locked = 0, locked_until = NULL, failed_attempts = 0 WHERE name = ?"));
        q.addBindValue(name);
        exec(q, tr("update operator %1").arg(name));
    });
}

void OperatorStore::remove(const AuditRecord& by, const QString& name) {
    m_db.appendAudit(change(by, QStringLiteral("operator remove"), name), [&](QSqlDatabase& db) {
        keepAnAdmin(db, name, false);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM operators WHERE name = ?"));
        q.addBindValue(name);
        exec(q, tr("remove operator %1").arg(name));
    });
}

void OperatorStore::createFirstAdmin(const QString& name, const QString& password) {
    AuditRecord r;
    r.operators = name;
    r.role = Access::roleId(Role::Admin);
    r.action = QStringLiteral("operator init");
    r.detail = QStringLiteral("first admin %1").arg(name);
    m_db.appendAudit(r, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM operators"));
        exec(q, tr("read the operators"));
        if (q.next() && q.value(0).toLongLong() > 0)
            throw OperatorError(tr("the desk has operators already: an admin adds more (carddesk-cli operator add)"));
        insert(db, name, Role::Admin, password);
    });
}

void OperatorStore::createDevelopmentAdmin() {
    if (m_db.productionMode())
        throw OperatorError(tr("the desk is in production mode: the development operator is refused"));
    AuditRecord r;
    r.operators = kDevelopmentName;
    r.role = Access::rolesText(Role::Desk | Role::Technician | Role::Support | Role::Admin);
    r.action = QStringLiteral("operator init-dev");
    r.detail =
        QStringLiteral("DEVELOPMENT ONLY: operator %1 with the published development password").arg(kDevelopmentName);
    m_db.appendAudit(r, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM operators"));
        exec(q, tr("read the operators"));
        if (q.next() && q.value(0).toLongLong() > 0)
            throw OperatorError(tr("the desk has operators already: the development operator is only made on an "
                                   "empty desk"));
        insert(db, kDevelopmentName, Role::Desk | Role::Technician | Role::Support | Role::Admin, kDevelopmentPassword);
    });
}

} // namespace carddesk
