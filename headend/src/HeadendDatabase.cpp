#include "HeadendDatabase.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QThread>
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
    // 8 (issue 15): the card key rule; the driver's own text below (kCardKeySqlite, kCardKeyPostgres).
    "",
};
constexpr int kLatest = static_cast<int>(std::size(kMigrations));
constexpr int kCardKeyVersion = 8;

// Issue 15, ready to distribute by card: every table holding card data carries the card number in its primary key
// and unique indexes, so that it can be hash-partitioned by card (PostgreSQL declarative partitioning here; Citus
// create_distributed_table(…, 'card_number') later); catalogues, the bank's tables, operators and the audit trail are
// small tables of their own. The ledger and the VOD purchases gain the card number for it. Lookups by an id alone
// (a completion names its purchase) keep plain indexes. On PostgreSQL the card tables are rebuilt (%BYCARD%: hash
// partitions when the database URL asks ?partitions=N); SQLite, never distributed, only gains the columns.
const char* const kCardKeySqlite =
    "ALTER TABLE ledger_entries ADD COLUMN card_number TEXT;"
    "UPDATE ledger_entries SET card_number = (SELECT card_number FROM purchases WHERE purchases.id ="
    " ledger_entries.tx_id) WHERE tx_kind = 'purchase';"
    "UPDATE ledger_entries SET card_number = (SELECT card_number FROM loads WHERE loads.id = ledger_entries.tx_id)"
    " WHERE tx_kind <> 'purchase';"
    "DROP INDEX ledger_once;"
    "CREATE UNIQUE INDEX ledger_once ON ledger_entries (card_number, tx_kind, tx_id, account);"
    "ALTER TABLE vod_purchases ADD COLUMN card_number TEXT;"
    "UPDATE vod_purchases SET card_number = (SELECT card_number FROM purchases WHERE purchases.id ="
    " vod_purchases.purchase_id);"
    "CREATE INDEX cards_subscriber ON cards (subscriber_id);";

const char* const kCardKeyPostgres =
    "CREATE TABLE cards_v8 (card_number TEXT NOT NULL, subscriber_id BIGINT NOT NULL REFERENCES subscribers(id),"
    " status TEXT NOT NULL, enrolled_at TEXT NOT NULL, PRIMARY KEY (card_number)) %BYCARD%;"
    "CREATE TABLE sessions_v8 (token_hash TEXT NOT NULL, card_number TEXT NOT NULL REFERENCES cards_v8(card_number),"
    " expires_at BIGINT NOT NULL, created_at TEXT NOT NULL, auth_random TEXT, card_random TEXT,"
    " PRIMARY KEY (card_number, token_hash)) %BYCARD%;"
    "CREATE TABLE purchases_v8 (id BIGSERIAL, request_id TEXT NOT NULL, card_number TEXT NOT NULL"
    " REFERENCES cards_v8(card_number), amount BIGINT NOT NULL, terminal_id TEXT NOT NULL, key_index INTEGER NOT NULL,"
    " balance_before BIGINT NOT NULL, offline_counter INTEGER NOT NULL, card_random TEXT NOT NULL,"
    " terminal_serial BIGINT NOT NULL, tx_date TEXT NOT NULL, tx_time TEXT NOT NULL, status TEXT NOT NULL,"
    " tac TEXT, created_at TEXT NOT NULL, completed_at TEXT, PRIMARY KEY (card_number, id),"
    " UNIQUE (card_number, request_id)) %BYCARD%;"
    "CREATE TABLE vod_purchases_v8 (purchase_id BIGINT NOT NULL, card_number TEXT NOT NULL, title_id BIGINT NOT NULL"
    " REFERENCES vod_titles(id), title TEXT NOT NULL, programme_id INTEGER NOT NULL, price BIGINT NOT NULL,"
    " valid_days INTEGER NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (card_number, purchase_id),"
    " FOREIGN KEY (card_number, purchase_id) REFERENCES purchases_v8(card_number, id)) %BYCARD%;"
    "CREATE TABLE ledger_entries_v8 (id BIGSERIAL, card_number TEXT NOT NULL, tx_kind TEXT NOT NULL,"
    " tx_id BIGINT NOT NULL, account TEXT NOT NULL, amount BIGINT NOT NULL, created_at TEXT NOT NULL,"
    " PRIMARY KEY (card_number, id), UNIQUE (card_number, tx_kind, tx_id, account)) %BYCARD%;"
    "CREATE TABLE loads_v8 (id BIGSERIAL, request_id TEXT NOT NULL, card_number TEXT NOT NULL"
    " REFERENCES cards_v8(card_number), amount BIGINT NOT NULL, terminal_id TEXT NOT NULL,"
    " balance_before BIGINT NOT NULL, online_counter INTEGER NOT NULL, card_random TEXT NOT NULL,"
    " tx_date TEXT NOT NULL, tx_time TEXT NOT NULL, bank_account TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,"
    " tac TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, refund_challenge TEXT,"
    " PRIMARY KEY (card_number, id), UNIQUE (card_number, request_id)) %BYCARD%;"
    "CREATE TABLE card_app_identity_v8 (card_number TEXT NOT NULL REFERENCES cards_v8(card_number),"
    " issuer_serial TEXT NOT NULL, product_serial TEXT NOT NULL, card_public_key TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL, PRIMARY KEY (card_number)) %BYCARD%;"
    "CREATE TABLE app_events_v8 (id BIGSERIAL, card_number TEXT NOT NULL REFERENCES cards_v8(card_number),"
    " aid TEXT NOT NULL, event TEXT NOT NULL, version INTEGER, status_word TEXT, created_at TEXT NOT NULL,"
    " random_seed TEXT, PRIMARY KEY (card_number, id)) %BYCARD%;"
    "INSERT INTO cards_v8 SELECT card_number, subscriber_id, status, enrolled_at FROM cards;"
    "INSERT INTO sessions_v8 SELECT token_hash, card_number, expires_at, created_at, auth_random, card_random"
    " FROM sessions;"
    "INSERT INTO purchases_v8 SELECT id, request_id, card_number, amount, terminal_id, key_index, balance_before,"
    " offline_counter, card_random, terminal_serial, tx_date, tx_time, status, tac, created_at, completed_at"
    " FROM purchases;"
    "INSERT INTO vod_purchases_v8 SELECT v.purchase_id, p.card_number, v.title_id, v.title, v.programme_id, v.price,"
    " v.valid_days, v.created_at FROM vod_purchases v JOIN purchases p ON p.id = v.purchase_id;"
    "INSERT INTO loads_v8 SELECT id, request_id, card_number, amount, terminal_id, balance_before, online_counter,"
    " card_random, tx_date, tx_time, bank_account, status, reason, tac, created_at, updated_at, refund_challenge"
    " FROM loads;"
    "INSERT INTO ledger_entries_v8 SELECT e.id, COALESCE(p.card_number, l.card_number), e.tx_kind, e.tx_id,"
    " e.account, e.amount, e.created_at FROM ledger_entries e LEFT JOIN purchases p ON e.tx_kind = 'purchase' AND"
    " p.id = e.tx_id LEFT JOIN loads l ON e.tx_kind <> 'purchase' AND l.id = e.tx_id;"
    "INSERT INTO card_app_identity_v8 SELECT card_number, issuer_serial, product_serial, card_public_key,"
    " recorded_at FROM card_app_identity;"
    "INSERT INTO app_events_v8 SELECT id, card_number, aid, event, version, status_word, created_at, random_seed"
    " FROM app_events;"
    "DROP TABLE vod_purchases, ledger_entries, sessions, card_app_identity, app_events, purchases, loads, cards;"
    "ALTER TABLE cards_v8 RENAME TO cards;"
    "ALTER TABLE sessions_v8 RENAME TO sessions;"
    "ALTER TABLE purchases_v8 RENAME TO purchases;"
    "ALTER TABLE vod_purchases_v8 RENAME TO vod_purchases;"
    "ALTER TABLE ledger_entries_v8 RENAME TO ledger_entries;"
    "ALTER TABLE loads_v8 RENAME TO loads;"
    "ALTER TABLE card_app_identity_v8 RENAME TO card_app_identity;"
    "ALTER TABLE app_events_v8 RENAME TO app_events;"
    // The id sequences keep the names the statements use (the old ones went with their tables).
    "ALTER SEQUENCE purchases_v8_id_seq RENAME TO purchases_id_seq;"
    "ALTER SEQUENCE loads_v8_id_seq RENAME TO loads_id_seq;"
    "ALTER SEQUENCE ledger_entries_v8_id_seq RENAME TO ledger_entries_id_seq;"
    "ALTER SEQUENCE app_events_v8_id_seq RENAME TO app_events_id_seq;"
    // Lookups by a key without the card: a completion names its purchase or load, a repeated request its id, a
    // bearer token its session; the subscriber's cards.
    "CREATE INDEX purchases_id ON purchases (id);"
    "CREATE INDEX purchases_request ON purchases (request_id);"
    "CREATE INDEX loads_id ON loads (id);"
    "CREATE INDEX loads_request ON loads (request_id);"
    "CREATE INDEX loads_open ON loads (card_number) WHERE status IN ('authorised', 'debited');"
    "CREATE INDEX vod_purchases_id ON vod_purchases (purchase_id);"
    "CREATE INDEX sessions_token ON sessions (token_hash);"
    "CREATE INDEX ledger_account ON ledger_entries (account);"
    "CREATE INDEX cards_subscriber ON cards (subscriber_id);"
    "SELECT setval(pg_get_serial_sequence('purchases', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM purchases), false);"
    "SELECT setval(pg_get_serial_sequence('loads', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM loads), false);"
    "SELECT setval(pg_get_serial_sequence('ledger_entries', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM"
    " ledger_entries), false);"
    "SELECT setval(pg_get_serial_sequence('app_events', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM app_events),"
    " false)";

} // namespace

HeadendDatabase::HeadendDatabase() : m_name(QStringLiteral("headend-db-%1").arg(g_counter.fetchAndAddRelaxed(1))) {}

struct HeadendDatabase::Connection {
    QString name;
    int depth = 0;
    QHash<QString, QSqlQuery> statements;
};

HeadendDatabase::~HeadendDatabase() {
    // The kept statements go before their connections (each deallocates itself on its connection); the workers
    // are idle by now (the server and its pool are gone first).
    for (auto& c : m_connections)
        c->statements.clear();
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
    {
        const QMutexLocker lock(&m_workersMutex);
        m_workers.push_back(name);
    }
    // Not open (the server is down): the first statement fails, and reconnecting() opens it once the server is back.
    if (!d.open())
        throw DatabaseError("cannot open a worker connection: " + d.lastError().text().toStdString());
    configure(d);
    return d;
}

HeadendDatabase::Connection& HeadendDatabase::connection() const {
    // Per thread and per database object (named uniquely, so a later object at the same address is another key).
    thread_local QHash<QString, Connection*> mine;
    if (Connection* c = mine.value(m_name))
        return *c;
    auto c = std::make_unique<Connection>();
    Connection* raw = c.get();
    {
        const QMutexLocker lock(&m_connectionsMutex);
        m_connections.push_back(std::move(c));
    }
    mine.insert(m_name, raw);
    return *raw;
}

bool HeadendDatabase::reconnectIfLost() {
    QSqlDatabase d = db();
    {
        QSqlQuery ping(d);
        if (d.isOpen() && ping.exec(QStringLiteral("SELECT 1")))
            return false;
    }
    qWarning("database: the connection was lost; reconnecting");
    connection().statements.clear(); // prepared on the lost session
    d.close();
    if (!d.open())
        throw DatabaseError("the database connection was lost and cannot be opened again: " +
                            d.lastError().text().toStdString());
    configure(d);
    return true;
}

template <class Work> auto HeadendDatabase::reconnecting(Work&& work) {
    if (m_sqlite || depth() > 0)
        return work();
    try {
        return work();
    } catch (const DatabaseError&) {
        if (!reconnectIfLost())
            throw;
    }
    return work();
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
        // ?partitions=N (2..64): a new database's card tables are hash-partitioned by card (issue 15).
        if (const QString n = QUrlQuery(url).queryItemValue(QStringLiteral("partitions")); !n.isEmpty()) {
            bool ok = false;
            m_partitions = n.toInt(&ok);
            if (!ok || m_partitions < 2 || m_partitions > 64)
                throw DatabaseError("partitions must be a number from 2 to 64");
        }
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
        const char* text = v != kCardKeyVersion ? kMigrations[v - 1] : m_sqlite ? kCardKeySqlite : kCardKeyPostgres;
        const QString script = QString::fromLatin1(text).replace(QLatin1String("%ID%"), id);
        for (const QString& statement : script.split(QLatin1Char(';'), Qt::SkipEmptyParts))
            runMigrationStatement(statement.trimmed());
        exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
             {v, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}, "migration");
        tx.commit();
    }
}

void HeadendDatabase::runMigrationStatement(QString statement) {
    static const QLatin1String byCard("%BYCARD%");
    if (!statement.contains(byCard)) {
        exec(statement, {}, "migration");
        return;
    }
    if (m_partitions <= 0) {
        exec(statement.remove(byCard), {}, "migration");
        return;
    }
    // Hash partitions by card (what Citus' distribution does across nodes): PostgreSQL then refuses any primary
    // key or unique index that does not hold the card number, as Citus would.
    exec(statement.replace(byCard, QLatin1String("PARTITION BY HASH (card_number)")), {}, "migration");
    static const QRegularExpression table(QStringLiteral("^CREATE TABLE (\\w+?)(_v8)? "));
    const QString name = table.match(statement).captured(1);
    for (int i = 0; i < m_partitions; ++i)
        exec(QStringLiteral("CREATE TABLE %1_p%2 PARTITION OF %1%3 FOR VALUES WITH (MODULUS %4, REMAINDER %2)")
                 .arg(name)
                 .arg(i)
                 .arg(table.match(statement).captured(2))
                 .arg(m_partitions),
             {}, "migration");
}

QSqlQuery HeadendDatabase::exec(const QString& sql, const QVariantList& binds, const char* what) {
    return reconnecting([&] {
        QSqlQuery q(db());
        // PostgreSQL cannot PREPARE DDL: statements without bindings run directly. A one-off statement is not
        // prepared either: Qt's PostgreSQL driver would send PREPARE, then EXECUTE with the values as literals
        // formatted by the driver, then DEALLOCATE — three round trips. The same literals, formatted by the same
        // driver function, go in one statement instead. The hot statements are kept prepared (prepared()).
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
    });
}

QSqlQuery HeadendDatabase::prepared(const QString& sql, const QVariantList& binds, const char* what) {
    // SQLite prepares cheaply, and a kept statement not read to its end would hold its read snapshot.
    if (m_sqlite)
        return exec(sql, binds, what);
    return reconnecting([&] {
        Connection& c = connection();
        auto it = c.statements.find(sql);
        if (it == c.statements.end()) {
            QSqlQuery q(db());
            if (!q.prepare(sql))
                throw DatabaseError(std::string(what) + ": " + q.lastError().text().toStdString());
            it = c.statements.emplace(sql, std::move(q));
        }
        QSqlQuery& q = it.value();
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds[i]);
        if (!q.exec()) // a lost session's statements go with it (reconnectIfLost)
            throw DatabaseError(std::string(what) + ": " + q.lastError().text().toStdString());
        // A copy shares the kept statement's result (why Qt deprecates copying): read before its next use.
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_DEPRECATED
        return QSqlQuery(q);
        QT_WARNING_POP
    });
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
    return connection().depth;
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
    reconnecting([this] {
        if (!db().transaction())
            throw DatabaseError("cannot begin a transaction: " + db().lastError().text().toStdString());
    });
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
