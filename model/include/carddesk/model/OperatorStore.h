#pragma once
// The desk's operators (table operators, migration 5; docs/operators.md): name, roles, and the password only as a
// salted PBKDF2-SHA256 hash with its parameters in the row (a per-operator random salt, the iteration count of when
// it was set). Five wrong passwords in a row lock the operator for kLockMinutes (an admin unlocks sooner). Nothing
// here logs or stores a password or a hash outside its row.
//
// This is the data layer: OperatorSession checks roles before it calls the changes, and every change is written
// with its audit row in one transaction.
#include "carddesk/model/Access.h"
#include "carddesk/model/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>

namespace carddesk {

struct OperatorError : std::runtime_error {
    explicit OperatorError(const QString& message) : std::runtime_error(message.toStdString()), text(message) {}
    QString text; // translated
};

struct OperatorInfo {
    QString name;
    Roles roles;
    int failedAttempts = 0; // wrong passwords in a row
    bool locked = false;    // by an admin (lockedUntil invalid) or by failures (until lockedUntil)
    QDateTime lockedUntil;  // UTC
    int iterations = 0;     // of the stored hash
    QDateTime createdAt, passwordChangedAt;
    bool isLockedAt(const QDateTime& nowUtc) const;
    QJsonObject toJson() const; // never the hash or the salt
};

class OperatorStore {
    Q_DECLARE_TR_FUNCTIONS(OperatorStore)
public:
    static constexpr int kIterations = 300000;    // PBKDF2-SHA256 iterations of a hash set now
    static constexpr int kMinIterations = 200000; // a row below this is refused as damaged
    static constexpr int kSaltBytes = 16;
    static constexpr int kHashBytes = 32;
    static constexpr int kMinPasswordLength = 10;
    static constexpr int kMaxFailures = 5; // wrong passwords in a row that lock
    static constexpr int kLockMinutes = 30;
    static inline const QString kAlgorithm = QStringLiteral("pbkdf2-sha256");
    // The development operator (DEVELOPMENT ONLY, refused in production mode): docs/operators.md.
    static inline const QString kDevelopmentName = QStringLiteral("admin");
    static inline const QString kDevelopmentPassword = QStringLiteral("carddesk-admin-dev");

    explicit OperatorStore(Database& database);

    // Empty when `password` may be used, else why not in words (at least kMinPasswordLength characters, not the
    // operator's name).
    static QString passwordProblem(const QString& password, const QString& name = {});
    // Empty when `name` may name an operator (1 to 32 letters, digits, '.', '_', '-'), else why not.
    static QString nameProblem(const QString& name);

    bool isEmpty() const;
    QList<OperatorInfo> list() const;
    std::optional<OperatorInfo> find(const QString& name) const;

    // Checks a password: counts a wrong one (the kMaxFailures-th locks), clears the count on success, lifts a lock
    // whose time is over. Writes no audit row (OperatorSession does). `error` is translated, `auditText` English.
    enum class Outcome { Ok, Unknown, WrongPassword, Locked };
    struct Check {
        Outcome outcome = Outcome::Unknown;
        OperatorInfo info;
        QString error;
        QString auditText;
    };
    Check authenticate(const QString& name, const QString& password);

    // The changes, each in one transaction with its audit row recorded as `by` (operators and role of who did
    // it). Throw OperatorError (translated) or DatabaseError.
    void add(const AuditRecord& by, const QString& name, Roles roles, const QString& password);
    void setPassword(const AuditRecord& by, const QString& name, const QString& password);
    void setRoles(const AuditRecord& by, const QString& name, Roles roles);
    void lock(const AuditRecord& by, const QString& name);
    void unlock(const AuditRecord& by, const QString& name);
    void remove(const AuditRecord& by, const QString& name);

    // The first admin of an empty table (carddesk-cli operator init): the role admin only (who then adds the
    // desk's operators, or gives itself more roles). Refused when any operator exists.
    void createFirstAdmin(const QString& name, const QString& password);
    // DEVELOPMENT ONLY: operator "admin" with every role and the published password "carddesk-admin-dev" on an
    // empty table; refused in production mode.
    void createDevelopmentAdmin();

private:
    struct Hash {
        QString hash, salt;
        int iterations = 0;
    };
    static Hash hashPassword(const QString& password);
    void insert(QSqlDatabase& db, const QString& name, Roles roles, const QString& password);
    OperatorInfo require(QSqlDatabase& db, const QString& name) const;
    // Refuses a change that would leave no unlocked admin.
    void keepAnAdmin(QSqlDatabase& db, const QString& name, bool stillAdmin) const;
    Database& m_db;
};

} // namespace carddesk
