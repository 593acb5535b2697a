#include "HeadendDatabase.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>

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
};
constexpr int kLatest = static_cast<int>(std::size(kMigrations));

} // namespace

HeadendDatabase::HeadendDatabase() : m_name(QStringLiteral("headend-db-%1").arg(g_counter.fetchAndAddRelaxed(1))) {}

HeadendDatabase::~HeadendDatabase() {
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
    return QSqlDatabase::database(m_name, false);
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
    if (d.driverName() == QLatin1String("QSQLITE")) {
        // WAL + full sync: a committed payment survives a SIGKILL or a power cut.
        exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        exec(QStringLiteral("PRAGMA synchronous = FULL"));
        exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
    }
    migrate();
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
    // PostgreSQL cannot PREPARE DDL: statements without bindings run directly.
    if (binds.isEmpty()) {
        if (!q.exec(sql))
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

void HeadendDatabase::begin() {
    if (!db().transaction())
        throw DatabaseError("cannot begin a transaction: " + db().lastError().text().toStdString());
}

void HeadendDatabase::commit() {
    if (!db().commit())
        throw DatabaseError("cannot commit: " + db().lastError().text().toStdString());
}

void HeadendDatabase::rollback() {
    db().rollback();
}

} // namespace carddesk::headend
