#include "HeadendDatabase.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <map>

namespace carddesk::headend {

namespace {

QAtomicInt g_counter;

// Migration N brings the schema from N-1 to N; "%ID%" is the driver's auto-increment key. Append, never edit.
const char* const kMigrations[] = {
    // 1: subscribers, cards, sessions, purchases, the ledger.
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
    "CREATE TABLE subscribers (id %ID%, user_number TEXT NOT NULL UNIQUE, account TEXT NOT NULL,"
    " name TEXT NOT NULL, created_at TEXT NOT NULL);"
    "CREATE TABLE cards (card_number TEXT PRIMARY KEY, subscriber_id BIGINT NOT NULL REFERENCES subscribers(id),"
    " status TEXT NOT NULL, enrolled_at TEXT NOT NULL);"
    "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, card_number TEXT NOT NULL REFERENCES cards(card_number),"
    " expires_at BIGINT NOT NULL, created_at TEXT NOT NULL);"
    "CREATE TABLE purchases (id %ID%, request_id TEXT NOT NULL UNIQUE, card_number TEXT NOT NULL"
    " REFERENCES cards(card_number), amount BIGINT NOT NULL, terminal_id TEXT NOT NULL, key_index INTEGER NOT NULL,"
    " balance_before BIGINT NOT NULL, offline_counter INTEGER NOT NULL, card_random TEXT NOT NULL,"
    " terminal_serial BIGINT NOT NULL, tx_date TEXT NOT NULL, tx_time TEXT NOT NULL, status TEXT NOT NULL,"
    " tac TEXT, created_at TEXT NOT NULL, completed_at TEXT);"
    "CREATE INDEX purchases_card ON purchases (card_number, id);"
    "CREATE TABLE ledger_entries (id %ID%, tx_kind TEXT NOT NULL, tx_id BIGINT NOT NULL, account TEXT NOT NULL,"
    " amount BIGINT NOT NULL, created_at TEXT NOT NULL);"
    "CREATE INDEX ledger_account ON ledger_entries (account);"
    "CREATE UNIQUE INDEX ledger_once ON ledger_entries (tx_kind, tx_id, account);",
    // 2: online top-up and the sandbox bank's own tables.
    "CREATE TABLE loads (id %ID%, request_id TEXT NOT NULL UNIQUE, card_number TEXT NOT NULL"
    " REFERENCES cards(card_number), amount BIGINT NOT NULL, terminal_id TEXT NOT NULL, balance_before BIGINT NOT NULL,"
    " online_counter INTEGER NOT NULL, card_random TEXT NOT NULL, tx_date TEXT NOT NULL, tx_time TEXT NOT NULL, "
    "bank_account TEXT NOT NULL,"
    " status TEXT NOT NULL, reason TEXT, tac TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
    "CREATE INDEX loads_card ON loads (card_number, id);"
    "CREATE TABLE bank_accounts (account TEXT PRIMARY KEY, balance BIGINT NOT NULL CHECK (balance >= 0));"
    "CREATE TABLE bank_transfers (transfer_id TEXT PRIMARY KEY, from_account TEXT NOT NULL, to_account TEXT NOT NULL,"
    " amount BIGINT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);",
    // VOD catalogue and VOD purchases (VodService), each tied to its e-purse purchase with the title as sold.
    "CREATE TABLE vod_titles (id %ID%, title TEXT NOT NULL, price BIGINT NOT NULL, programme_id INTEGER NOT NULL"
    " UNIQUE, valid_days INTEGER NOT NULL, active INTEGER NOT NULL, created_at TEXT NOT NULL,"
    " updated_at TEXT NOT NULL);"
    "CREATE TABLE vod_purchases (purchase_id BIGINT PRIMARY KEY REFERENCES purchases(id), title_id BIGINT NOT NULL"
    " REFERENCES vod_titles(id), title TEXT NOT NULL, programme_id INTEGER NOT NULL, price BIGINT NOT NULL,"
    " valid_days INTEGER NOT NULL, created_at TEXT NOT NULL);",
    // Application download (AppCatalogueService): the catalogue, enrolled cards' application identity (public
    // key recorded by the operator), and what was issued to / answered by each card.
    "CREATE TABLE app_catalogue (aid TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,"
    " nvm_size BIGINT NOT NULL, ram_size BIGINT NOT NULL, code_size BIGINT NOT NULL, config_size BIGINT NOT NULL,"
    " code TEXT NOT NULL, config TEXT NOT NULL, description TEXT NOT NULL, published_at TEXT NOT NULL);"
    "CREATE TABLE card_app_identity (card_number TEXT PRIMARY KEY REFERENCES cards(card_number),"
    " issuer_serial TEXT NOT NULL, product_serial TEXT NOT NULL, card_public_key TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL);"
    "CREATE TABLE app_events (id %ID%, card_number TEXT NOT NULL REFERENCES cards(card_number), aid TEXT NOT NULL,"
    " event TEXT NOT NULL, version INTEGER, status_word TEXT, created_at TEXT NOT NULL);"
    "CREATE INDEX app_events_card ON app_events (card_number, id);",
    // Refunds of unfinished top-ups (LoadService::refundChallenge): the host's one-time challenge the card's fresh
    // INITIALIZE FOR LOAD must carry as its terminal id.
    "ALTER TABLE loads ADD COLUMN refund_challenge TEXT;",
    // A session keeps the randoms of its authentication (R2 and the card's RC; never a key) from which the headend
    // derives its session key again to check the card's signed permission grants; an install's answer keeps the
    // random seed the card gave it, which a delete certificate must name.
    "ALTER TABLE sessions ADD COLUMN auth_random TEXT;"
    "ALTER TABLE sessions ADD COLUMN card_random TEXT;"
    "ALTER TABLE app_events ADD COLUMN random_seed TEXT;",
    // Issue 13: operator credentials (the token's SHA-256 only, never the token) and the hash-chained audit trail
    // (cdos::audit) with its head record: the last row's sequence and hash, locked by every append so that several
    // headends on one PostgreSQL database keep one chain (HeadendAudit).
    "CREATE TABLE operator_credentials (id %ID%, operator_name TEXT NOT NULL, roles TEXT NOT NULL,"
    " token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, created_by TEXT NOT NULL, expires_ms BIGINT NOT NULL,"
    " revoked_at TEXT, revoked_by TEXT, revoke_reason TEXT);"
    "CREATE TABLE audit_rows (seq BIGINT PRIMARY KEY, audit_time TEXT NOT NULL, operators TEXT NOT NULL,"
    " role TEXT NOT NULL, action TEXT NOT NULL, card_number TEXT NOT NULL, result TEXT NOT NULL,"
    " detail TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);"
    "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0,"
    " '0000000000000000000000000000000000000000000000000000000000000000');",
};
constexpr int kLatest = static_cast<int>(std::size(kMigrations));

} // namespace

HeadendDatabase::HeadendDatabase() : m_name(QStringLiteral("headend-db-%1").arg(g_counter.fetchAndAddRelaxed(1))) {}

HeadendDatabase::~HeadendDatabase() {
    for (const QString& worker : m_workers)
        QSqlDatabase::removeDatabase(worker);
    if (!QSqlDatabase::contains(m_name))
        return;
    {
        QSqlDatabase d = QSqlDatabase::database(m_name, false);
        d.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

int HeadendDatabase::latestVersion() {
    return kLatest;
}

QSqlDatabase HeadendDatabase::db() const {
    if (QThread::currentThread() == m_owner || !m_owner)
        return QSqlDatabase::database(m_name, false);
    // A worker thread gets its own connection (Qt SQL connections belong to one thread), opened on first use.
    const QString name = m_name + QStringLiteral("-t%1").arg(reinterpret_cast<quintptr>(QThread::currentThread()));
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase d = QSqlDatabase::cloneDatabase(m_name, name);
    if (!d.open())
        throw DatabaseError("cannot open a worker connection: " + d.lastError().text().toStdString());
    configure(d);
    const QMutexLocker lock(&m_workersMutex);
    m_workers.push_back(name);
    return d;
}

QString HeadendDatabase::driverName() const {
    return db().driverName();
}

void HeadendDatabase::open(const QString& location) {
    QSqlDatabase d;
    QString shown = location;
    if (location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"))) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            throw DatabaseError("the PostgreSQL driver (QPSQL) is not installed");
        const QUrl url(location);
        d = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        // A host starting with "/" is a unix-socket directory (given as ?host=/dir).
        const QString socketDir = QUrlQuery(url).queryItemValue(QStringLiteral("host"));
        d.setHostName(socketDir.isEmpty() ? url.host() : socketDir);
        if (url.port() > 0)
            d.setPort(url.port());
        d.setUserName(url.userName());
        d.setPassword(url.password());
        d.setDatabaseName(url.path().mid(1));
        QUrl s = url;
        s.setPassword({});
        shown = s.toString();
    } else {
        const QString path = location.startsWith(QLatin1String("sqlite:")) ? location.mid(7) : location;
        QDir().mkpath(QFileInfo(path).absolutePath());
        d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        d.setDatabaseName(path);
    }
    if (!d.open())
        throw DatabaseError("cannot open the database " + shown.toStdString() + ": " +
                            d.lastError().text().toStdString());
    m_owner = QThread::currentThread();
    m_sqlite = d.driverName() == QLatin1String("QSQLITE");
    if (m_sqlite)
        exec(QStringLiteral("PRAGMA journal_mode = WAL")); // persistent: once for the file
    configure(d);
    migrate();
}

void HeadendDatabase::configure(QSqlDatabase& d) const {
    if (!m_sqlite)
        return;
    // Full sync: a committed payment survives a SIGKILL or a power cut. Writers of other threads wait their turn.
    for (const char* pragma :
         {"PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000"}) {
        QSqlQuery q(d);
        if (!q.exec(QLatin1String(pragma)))
            throw DatabaseError("cannot configure SQLite: " + q.lastError().text().toStdString());
    }
}

int HeadendDatabase::schemaVersion() {
    if (!db().tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery q = exec(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    return q.next() ? q.value(0).toInt() : 0;
}

void HeadendDatabase::migrate() {
    const QStringList tables = db().tables();
    if (!tables.contains(QStringLiteral("schema_version")) && !tables.isEmpty())
        throw DatabaseError("the database holds another program's tables (no schema_version); left untouched");
    const int current = schemaVersion();
    if (current > kLatest)
        throw DatabaseError("the database is from a newer headend (schema " + std::to_string(current) + ")");
    const QString id = driverName() == QLatin1String("QPSQL") ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                                                              : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT");
    for (int v = current + 1; v <= kLatest; ++v) {
        DbTransaction tx(*this);
        const QString script = QString::fromLatin1(kMigrations[v - 1]).replace(QLatin1String("%ID%"), id);
        for (const QString& statement : script.split(QLatin1Char(';'), Qt::SkipEmptyParts))
            exec(statement.trimmed(), {}, "migration");
        exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
             {v, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}, "migration");
        tx.commit();
    }
}

QSqlQuery HeadendDatabase::exec(const QString& sql, const QVariantList& binds, const char* what) {
    QSqlQuery q(db());
    // PostgreSQL cannot PREPARE DDL: statements without bindings run directly. Nor does it need to prepare the
    // others: Qt's PostgreSQL driver would send PREPARE, then EXECUTE with the values as literals formatted by
    // the driver, then DEALLOCATE — three round trips. The same literals, formatted by the same driver function,
    // go in one statement instead (pgbench's default "simple" protocol does the same).
    if (binds.isEmpty() || !m_sqlite) {
        if (!q.exec(binds.isEmpty() ? sql : withLiterals(sql, binds)))
            throw DatabaseError(std::string(what) + ": " + q.lastError().text().toStdString());
        return q;
    }
    if (!q.prepare(sql))
        throw DatabaseError(std::string(what) + ": " + q.lastError().text().toStdString());
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec())
        throw DatabaseError(std::string(what) + ": " + q.lastError().text().toStdString());
    return q;
}

QString HeadendDatabase::withLiterals(const QString& sql, const QVariantList& binds) const {
    const QSqlDriver* driver = db().driver();
    QString out;
    out.reserve(sql.size() + 32 * binds.size());
    qsizetype next = 0;
    bool quoted = false;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (c != QLatin1Char('?') || quoted) {
            out += c;
            continue;
        }
        if (next >= binds.size())
            throw DatabaseError("a statement has more placeholders than values");
        const QVariant& v = binds[next++];
        QSqlField field(QString(), v.metaType());
        field.setValue(v);
        out += driver->formatValue(field);
    }
    if (next != binds.size())
        throw DatabaseError("a statement has fewer placeholders than values");
    return out;
}

int& HeadendDatabase::depth() const {
    // Per thread (each thread has its own connection) and per database object.
    thread_local std::map<const HeadendDatabase*, int> depths;
    return depths[this];
}

void HeadendDatabase::begin() {
    int& d = depth();
    if (d > 0) {
        // Inside a transaction: a savepoint, so that the inner work commits or rolls back on its own while the
        // outer transaction decides (an operator request and its audit row commit together).
        exec(QStringLiteral("SAVEPOINT cd_sp%1").arg(d), {}, "savepoint");
        ++d;
        return;
    }
    if (m_sqlite) {
        // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes could be
        // refused outright (SQLITE_BUSY) when another thread committed in between, instead of waiting its turn.
        QSqlQuery q(db());
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            throw DatabaseError("cannot begin a transaction: " + q.lastError().text().toStdString());
        d = 1;
        return;
    }
    if (!db().transaction())
        throw DatabaseError("cannot begin a transaction: " + db().lastError().text().toStdString());
    d = 1;
}

void HeadendDatabase::commit() {
    int& d = depth();
    if (d > 1) {
        --d;
        exec(QStringLiteral("RELEASE SAVEPOINT cd_sp%1").arg(d), {}, "savepoint");
        return;
    }
    d = 0;
    if (!db().commit())
        throw DatabaseError("cannot commit: " + db().lastError().text().toStdString());
}

void HeadendDatabase::rollback() {
    int& d = depth();
    if (d > 1) {
        --d;
        // Called from DbTransaction's destructor: never throws (the outer transaction fails on its own if the
        // connection is gone).
        QSqlQuery q(db());
        if (q.exec(QStringLiteral("ROLLBACK TO SAVEPOINT cd_sp%1").arg(d)))
            q.exec(QStringLiteral("RELEASE SAVEPOINT cd_sp%1").arg(d));
        return;
    }
    d = 0;
    db().rollback();
}

bool HeadendDatabase::inTransaction() const {
    return depth() > 0;
}

} // namespace carddesk::headend
