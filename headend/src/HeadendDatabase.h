#pragma once
// The headend's database: SQLite (default, in the data directory) or PostgreSQL (postgresql://user@host:port/db),
// the same schema with versioned migrations in the style of the console's model/Database. Holds subscribers,
// cards, authenticated sessions (token hashes only), purchases and the double-entry ledger — never a key.
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QThread;

#include <stdexcept>

namespace carddesk::headend {

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class HeadendDatabase {
public:
    HeadendDatabase();
    ~HeadendDatabase();
    HeadendDatabase(const HeadendDatabase&) = delete;
    HeadendDatabase& operator=(const HeadendDatabase&) = delete;

    // location: "postgresql://…" or a file path. Migrates to the latest version. Throws DatabaseError.
    void open(const QString& location);
    int schemaVersion();
    static int latestVersion();
    QString driverName() const;

    // Runs one statement with positional bindings; throws DatabaseError naming `what` (never the bound values).
    QSqlQuery exec(const QString& sql, const QVariantList& binds = {}, const char* what = "query");
    // Transactions nest: inside one, begin() sets a savepoint that commit() releases and rollback() rolls back to.
    void begin();
    void commit();
    void rollback();
    bool inTransaction() const; // on the calling thread's connection
    bool isSqlite() const { return m_sqlite; }

private:
    // The calling thread's connection: the opening thread's own, or one cloned for a worker thread.
    QSqlDatabase db() const;
    void configure(QSqlDatabase& d) const;
    // PostgreSQL: `sql` with each ? replaced by its value as a literal, formatted (quoted, escaped) by the driver.
    QString withLiterals(const QString& sql, const QVariantList& binds) const;
    void migrate();
    int& depth() const; // transaction nesting of the calling thread's connection
    QString m_name;
    QThread* m_owner = nullptr;
    bool m_sqlite = false;
    mutable QMutex m_workersMutex;
    mutable QStringList m_workers;
};

// One database transaction, rolled back unless committed.
class DbTransaction {
public:
    explicit DbTransaction(HeadendDatabase& db) : m_db(db) { m_db.begin(); }
    ~DbTransaction() {
        if (!m_done)
            m_db.rollback();
    }
    void commit() {
        m_db.commit();
        m_done = true;
    }

private:
    HeadendDatabase& m_db;
    bool m_done = false;
};

} // namespace carddesk::headend
