#pragma once
// The headend's database: SQLite (default, in the data directory) or PostgreSQL (postgresql://user@host:port/db),
// the same schema with versioned migrations in the style of the console's model/Database. Holds subscribers,
// cards, authenticated sessions (token hashes only), purchases and the double-entry ledger — never a key.
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QThread;

#include <memory>
#include <stdexcept>
#include <vector>

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
    // The same through a statement prepared once per connection and kept (PostgreSQL: PREPARE at first use, then
    // one EXECUTE per call: parsed and planned once). For the hot paths. The result is the kept query itself:
    // read it before the same statement runs again on this thread.
    QSqlQuery prepared(const QString& sql, const QVariantList& binds = {}, const char* what = "query");
    // Transactions nest: inside one, begin() sets a savepoint that commit() releases and rollback() rolls back to.
    void begin();
    void commit();
    void rollback();
    bool inTransaction() const; // on the calling thread's connection
    bool isSqlite() const { return m_sqlite; }
    int partitions() const { return m_partitions; }

private:
    struct Connection; // per thread: transaction depth and kept statements
    Connection& connection() const;
    // The calling thread's connection: the opening thread's own, or one cloned for a worker thread.
    QSqlDatabase db() const;
    // PostgreSQL, outside a transaction: runs `work`; when it fails and the connection turns out to be lost (the
    // server restarted or crashed), reconnects and runs it once more. Every statement run outside a transaction
    // here is safe to repeat (reads; writes guarded by unique request ids or the row's state). Inside a
    // transaction nothing is repeated: the request fails (503) and the terminal repeats it.
    template <class Work> auto reconnecting(Work&& work);
    // After a failure: true when a fresh connection replaced a lost one; false when the connection is fine (the
    // failure was the statement's own). Throws DatabaseError when the server cannot be reached again.
    bool reconnectIfLost();
    void configure(QSqlDatabase& d) const;
    // PostgreSQL: `sql` with each ? replaced by its value as a literal, formatted (quoted, escaped) by the driver.
    QString withLiterals(const QString& sql, const QVariantList& binds) const;
    void migrate();
    void runMigrationStatement(QString statement);
    int& depth() const; // transaction nesting of the calling thread's connection
    QString m_name;
    mutable QMutex m_connectionsMutex;
    mutable std::vector<std::unique_ptr<Connection>> m_connections;
    QThread* m_owner = nullptr;
    bool m_sqlite = false;
    int m_partitions = 0; // PostgreSQL ?partitions=N: card tables hash-partitioned by card when created
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
