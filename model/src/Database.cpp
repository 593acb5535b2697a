#include "carddesk/model/Database.h"

#include "DatabaseAudit.h"
#include "DatabaseErrorText.h"
#include "DatabaseRead.h"
#include "DatabaseTime.h"

#include <pwd.h>
#include <unistd.h>

#include <carddesk/cardio/TraceLog.h>

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>

namespace carddesk {

namespace {

QAtomicInt g_connectionCounter;

// Migration N brings the schema from N-1 to N: its SQL, then (where a step needs code) a function, then more SQL,
// all in one transaction. "%ID%" is the auto-increment key type of the driver. Append new migrations; never edit
// one that was released.
struct Migration {
    const char* sql;
    void (*code)(QSqlDatabase&) = nullptr;
    const char* after = "";
};

const Migration kMigrations[] = {
    // 1: the registry.
    {"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
     "CREATE TABLE cards (id %ID%, card_number TEXT NOT NULL UNIQUE, issuer_serial TEXT NOT NULL,"
     " product_serial TEXT NOT NULL, chip_serial TEXT, holder_user_number TEXT, holder_account TEXT,"
     " holder_name TEXT, template TEXT, life_cycle TEXT NOT NULL, issued_at TEXT NOT NULL, operator TEXT NOT NULL);"
     "CREATE TABLE card_users (card_id BIGINT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,"
     " user_number INTEGER NOT NULL, name TEXT NOT NULL, permissions BIGINT NOT NULL, max_retries INTEGER NOT NULL,"
     " PRIMARY KEY (card_id, user_number));"
     "CREATE TABLE issuance_journal (batch_id TEXT NOT NULL, row_number INTEGER NOT NULL, state TEXT NOT NULL,"
     " error TEXT, card_number TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (batch_id, row_number));"
     "CREATE TABLE audit (id %ID%, time TEXT NOT NULL, operator TEXT NOT NULL, action TEXT NOT NULL, detail TEXT);"
     "CREATE TABLE card_number_sequence (prefix TEXT PRIMARY KEY, next_value BIGINT NOT NULL);"},
    // 2: lookups by holder account (support desk) and by time (audit review).
    {"CREATE INDEX cards_holder_account ON cards (holder_account);"
     "CREATE INDEX audit_time ON audit (time);"},
    // 3: e-purse transactions the desk ran as a terminal (loads, purchases): amounts, counters and the TAC (a
    // certificate, not a key); never keys, session keys or PINs.
    {"CREATE TABLE purse_transactions (id %ID%, card_number TEXT NOT NULL, asn TEXT NOT NULL, kind TEXT NOT NULL,"
     " amount BIGINT NOT NULL, balance_before BIGINT, balance_after BIGINT, counter INTEGER, terminal_id TEXT NOT NULL,"
     " terminal_serial BIGINT, card_time TEXT, tac TEXT, tac_verified INTEGER NOT NULL, outcome TEXT NOT NULL,"
     " error TEXT, reader TEXT, operator TEXT NOT NULL, recorded_at TEXT NOT NULL);"
     "CREATE INDEX purse_transactions_card ON purse_transactions (card_number, id);"},
    // 4: application download: each card's own public key (SubjectPublicKeyInfo, hex), generated in the card at
    // issuance; the producer encrypts process keys under it. The private key never leaves the card.
    {"CREATE TABLE card_app_keys (card_number TEXT PRIMARY KEY, public_key TEXT NOT NULL, recorded_at TEXT NOT NULL);"},
    // 5 (issue 13, docs/operators.md): operators with roles and salted PBKDF2-SHA256 password hashes, settings,
    // and the audit trail as a hash chain (cdos::audit): the unchained rows of before are chained in their order.
    {"CREATE TABLE operators (name TEXT PRIMARY KEY, roles TEXT NOT NULL, password_hash TEXT NOT NULL,"
     " salt TEXT NOT NULL, iterations INTEGER NOT NULL, algorithm TEXT NOT NULL, failed_attempts INTEGER NOT NULL,"
     " locked INTEGER NOT NULL, locked_until TEXT, created_at TEXT NOT NULL, password_changed_at TEXT NOT NULL);"
     "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, changed_at TEXT NOT NULL,"
     " changed_by TEXT NOT NULL);"
     "ALTER TABLE audit RENAME TO audit_unchained;"
     "DROP INDEX audit_time;"
     "CREATE TABLE audit (sequence BIGINT PRIMARY KEY, time TEXT NOT NULL, operators TEXT NOT NULL,"
     " role TEXT NOT NULL, action TEXT NOT NULL, card TEXT NOT NULL, result TEXT NOT NULL, detail TEXT NOT NULL,"
     " hash TEXT NOT NULL);"
     "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), sequence BIGINT NOT NULL, hash TEXT NOT NULL);",
     &auditdb::chainUnchainedRows,
     "DROP TABLE audit_unchained;"
     "CREATE INDEX audit_time ON audit (time);"
     "CREATE INDEX audit_card ON audit (card);"},
    // 6 (issue 14, docs/batch-issuance.md): batches and a journal row per holder that survives any interruption:
    // the holder without PINs, the card's number, ASN and chip serial, the reader, the attempts.
    {"CREATE TABLE batches (batch_id TEXT PRIMARY KEY, name TEXT NOT NULL, template_name TEXT NOT NULL,"
     " template_json TEXT NOT NULL, source_name TEXT NOT NULL, source_sha256 TEXT NOT NULL, row_count INTEGER NOT NULL,"
     " generated_pins INTEGER NOT NULL, pin_length INTEGER NOT NULL, mailer_folder TEXT NOT NULL, state TEXT NOT NULL,"
     " desk TEXT NOT NULL, heartbeat_at TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,"
     " finished_at TEXT);"
     "ALTER TABLE issuance_journal ADD COLUMN holder TEXT;"
     "ALTER TABLE issuance_journal ADD COLUMN asn TEXT;"
     "ALTER TABLE issuance_journal ADD COLUMN chip_serial TEXT;"
     "ALTER TABLE issuance_journal ADD COLUMN reader TEXT;"
     "ALTER TABLE issuance_journal ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
     "CREATE INDEX issuance_journal_card ON issuance_journal (card_number);"
     "CREATE INDEX issuance_journal_state ON issuance_journal (batch_id, state, row_number);"
     "CREATE INDEX cards_chip_serial ON cards (chip_serial);"},
};
constexpr int kLatest = static_cast<int>(std::size(kMigrations));

using dbtime::nowText;
using dbtime::timeFrom;

} // namespace

Database::Database(QObject* parent) : QObject(parent) {
    m_connectionName = QStringLiteral("carddesk-db-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
}

Database::~Database() {
    close();
}

QString Database::defaultLocation() {
    // One place for every program of the desk (issue 11: the console, the CLI and scripts/run-console.sh used
    // two, hence two card-number sequences): <data>/CardDesk/carddesk.sqlite, whatever the program's name.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString path = QDir(data).filePath(QStringLiteral("CardDesk/carddesk.sqlite"));
    // A desk that started with the earlier per-program location keeps its database.
    const QString legacy = QDir(data).filePath(QStringLiteral("CardDesk/carddesk/carddesk.sqlite"));
    if (!QFileInfo::exists(path) && QFileInfo::exists(legacy))
        return legacy;
    return path;
}

int Database::latestSchemaVersion() {
    return kLatest;
}

QString Database::currentOperator() {
    for (const char* var : {"CARDDESK_OPERATOR", "USER", "LOGNAME"}) {
        const QString v = qEnvironmentVariable(var);
        if (!v.isEmpty())
            return v;
    }
    // No login variables (a service, cron, a container): the account itself, never "unknown" (issue 11).
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("uid %1").arg(::getuid());
}

void Database::checkExistingFile(const QString& path) const {
    QFileInfo info(path);
    if (!info.exists())
        return;
    if (!info.isFile())
        throw DatabaseError(tr("%1 is not a file").arg(path));
    if (info.size() == 0)
        return; // an empty file is what SQLite makes for a new database (refused by open() unless creating)
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw DatabaseError(tr("cannot read %1: %2").arg(path, f.errorString()));
    // Checked before SQLite touches the file, so that a wrong file is never written to.
    if (f.read(16) != QByteArray("SQLite format 3\0", 16))
        throw DatabaseError(tr("%1 is not a CardDesk database (not an SQLite file); it was left untouched").arg(path));
}

void Database::open(const QString& locationIn, int targetVersion, bool create) {
    close();
    QString location = locationIn.isEmpty() ? defaultLocation() : locationIn;
    QSqlDatabase db;
    if (location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"))) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            throw DatabaseError(tr("the PostgreSQL driver (QPSQL) is not installed"));
        const QUrl url(location);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        db.setHostName(url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        QUrl shown = url;
        shown.setPassword({});
        m_location = shown.toString();
    } else {
        if (location.startsWith(QLatin1String("sqlite:")))
            location = location.mid(7);
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
            throw DatabaseError(tr("the SQLite driver (QSQLITE) is not installed"));
        checkExistingFile(location);
        const QFileInfo info(location);
        // A mistyped path (or a 0-byte file) must not become a second, empty database with its own numbers.
        if (!create && (!info.exists() || info.size() == 0))
            throw DatabaseError(
                info.exists()
                    ? tr("%1 is empty (0 bytes), not a CardDesk database; to start a new database there, ask for it "
                         "(--create)")
                          .arg(location)
                    : tr("the database %1 does not exist; to start a new one there, ask for it (--create)")
                          .arg(location));
        if (!QDir().mkpath(info.absolutePath()))
            throw DatabaseError(tr("cannot create the folder %1").arg(info.absolutePath()));
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(location);
        // A desk's programs write to one file at once (BEGIN IMMEDIATE audit appends): writers wait their turn.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
        m_location = location;
    }
    if (!db.open()) {
        const QString why = dbtext::sqlError(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw DatabaseError(tr("cannot open the database %1: %2").arg(m_location, why));
    }
    try {
        if (db.driverName() == QLatin1String("QSQLITE")) {
            QSqlQuery q(db);
            // A damaged file is reported before anything is written to it.
            if (QFileInfo(location).size() > 0 && (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() ||
                                                   q.value(0).toString() != QLatin1String("ok")))
                throw DatabaseError(tr("%1 is a damaged database (%2); it was left untouched")
                                        .arg(m_location, q.lastError().isValid() ? dbtext::sqlError(q.lastError())
                                                                                 : q.value(0).toString()));
            q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        }
        migrate(targetVersion < 0 ? kLatest : std::min(targetVersion, kLatest));
    } catch (...) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw;
    }
}

void Database::close() {
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const {
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QString Database::location() const {
    return m_location;
}

QString Database::driverName() const {
    return connection().driverName();
}

QSqlDatabase Database::connection() const {
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const {
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

void Database::migrate(int target) {
    QSqlDatabase db = connection();
    const QStringList tables = db.tables();
    int current = 0;
    if (tables.contains(QStringLiteral("schema_version"))) {
        current = schemaVersion();
    } else if (!tables.isEmpty()) {
        throw DatabaseError(
            tr("%1 holds another program's tables (no schema_version); it was left untouched").arg(m_location));
    }
    if (current > kLatest)
        throw DatabaseError(tr("%1 has schema version %2, newer than this CardDesk knows (%3); it was left untouched")
                                .arg(m_location)
                                .arg(current)
                                .arg(kLatest));
    const QString idType = db.driverName() == QLatin1String("QPSQL")
                               ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                               : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT");
    for (int version = current + 1; version <= target; ++version) {
        if (!db.transaction())
            throw DatabaseError(tr("cannot start a transaction: %1").arg(dbtext::sqlError(db.lastError())));
        const Migration& m = kMigrations[version - 1];
        QSqlQuery q(db);
        const auto fail = [&](const QString& why) {
            db.rollback();
            return DatabaseError(tr("migration %1 failed: %2").arg(version).arg(why));
        };
        const auto run = [&](const char* text) {
            const QString sql = QString::fromLatin1(text).replace(QLatin1String("%ID%"), idType);
            for (const QString& statement : sql.split(QLatin1Char(';'), Qt::SkipEmptyParts))
                if (!q.exec(statement))
                    throw fail(dbtext::sqlError(q.lastError()));
        };
        run(m.sql);
        try {
            if (m.code)
                m.code(db);
        } catch (const DatabaseError& e) {
            throw fail(e.text);
        }
        run(m.after);
        q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
        q.addBindValue(version);
        q.addBindValue(nowText());
        if (!q.exec() || !db.commit())
            throw fail(dbtext::sqlError(q.lastError()) + dbtext::sqlError(db.lastError()));
    }
}

QString Database::allocateIn(QSqlDatabase& db, const QString& prefix, quint64 first) {
    const int width = 20 - static_cast<int>(prefix.size());
    if (width < 1 || width > 18)
        throw DatabaseError(tr("card number prefix \"%1\" must have 2 to 19 hex digits").arg(prefix));
    quint64 limit = 1;
    for (int i = 0; i < width; ++i)
        limit *= 10;
    QSqlQuery q(db);
    auto fail = [&](const QString& why) { return DatabaseError(tr("cannot allocate a card number: %1").arg(why)); };
    q.prepare(QStringLiteral(
        "INSERT INTO card_number_sequence (prefix, next_value) VALUES (?, ?) ON CONFLICT (prefix) DO NOTHING"));
    q.addBindValue(prefix.toUpper());
    q.addBindValue(static_cast<qint64>(first));
    if (!q.exec())
        throw fail(dbtext::sqlError(q.lastError()));
    // The UPDATE first: it takes the row lock (PostgreSQL) before anyone else reads the value.
    for (;;) {
        q.prepare(QStringLiteral("UPDATE card_number_sequence SET next_value = next_value + 1 WHERE prefix = ?"));
        q.addBindValue(prefix.toUpper());
        if (!q.exec())
            throw fail(dbtext::sqlError(q.lastError()));
        q.prepare(QStringLiteral("SELECT next_value - 1 FROM card_number_sequence WHERE prefix = ?"));
        q.addBindValue(prefix.toUpper());
        if (!q.exec() || !q.next())
            throw fail(dbtext::sqlError(q.lastError()));
        const quint64 value = std::max<quint64>(q.value(0).toULongLong(), first);
        if (value >= limit)
            throw fail(tr("the numbers of prefix %1 are exhausted").arg(prefix));
        const QString number = prefix.toUpper() + QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT 1 FROM cards WHERE card_number = ?"));
        exists.addBindValue(number);
        if (!exists.exec())
            throw fail(dbtext::sqlError(exists.lastError()));
        if (!exists.next())
            return number;
    }
}

QString Database::allocateCardNumber(const QString& prefix, quint64 first) {
    QSqlDatabase db = connection();
    if (!db.transaction())
        throw DatabaseError(tr("cannot start a transaction: %1").arg(dbtext::sqlError(db.lastError())));
    try {
        const QString number = allocateIn(db, prefix, first);
        if (!db.commit())
            throw DatabaseError(tr("cannot allocate a card number: %1").arg(dbtext::sqlError(db.lastError())));
        return number;
    } catch (...) {
        db.rollback();
        throw;
    }
}

void Database::setCardLifeCycle(const QString& cardNumber, const QString& lifeCycle) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE cards SET life_cycle = ? WHERE card_number = ?"));
    q.addBindValue(lifeCycle);
    q.addBindValue(cardNumber.toUpper());
    if (!q.exec())
        throw DatabaseError(tr("cannot update card %1: %2").arg(cardNumber, dbtext::sqlError(q.lastError())));
    emit cardsChanged();
}

void Database::voidInterruptedIssuances(const QString& chipSerial) {
    if (chipSerial.isEmpty())
        return;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE cards SET life_cycle = ? WHERE chip_serial = ? AND life_cycle = ?"));
    q.addBindValue(kVoidLifeCycle);
    q.addBindValue(chipSerial.toUpper());
    q.addBindValue(kIssuingLifeCycle);
    if (!q.exec())
        throw DatabaseError(
            tr("cannot update the cards of chip %1: %2").arg(chipSerial, dbtext::sqlError(q.lastError())));
    if (q.numRowsAffected() > 0)
        emit cardsChanged();
}

bool Database::cardExists(const QString& cardNumber) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT 1 FROM cards WHERE card_number = ?"));
    q.addBindValue(cardNumber.toUpper());
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the card registry"));
    return q.next();
}

qint64 Database::insertCardIn(QSqlDatabase& db, const IssuedCard& card, const QList<CardUserRecord>& users) {
    QSqlQuery q(db);
    auto fail = [&](const QString& why) {
        return DatabaseError(tr("cannot record card %1: %2").arg(card.cardNumber, why));
    };
    q.prepare(QStringLiteral(
        "INSERT INTO cards (card_number, issuer_serial, product_serial, chip_serial, holder_user_number,"
        " holder_account, holder_name, template, life_cycle, issued_at, operator) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(card.cardNumber.toUpper());
    q.addBindValue(card.issuerSerial.toUpper());
    q.addBindValue(card.productSerial.toUpper());
    q.addBindValue(card.chipSerial.toUpper());
    q.addBindValue(card.holderUserNumber);
    q.addBindValue(card.holderAccount);
    q.addBindValue(card.holderName);
    q.addBindValue(card.templateName);
    q.addBindValue(card.lifeCycle);
    q.addBindValue((card.issuedAt.isValid() ? card.issuedAt : QDateTime::currentDateTimeUtc())
                       .toUTC()
                       .toString(Qt::ISODateWithMs));
    q.addBindValue(card.operatorName.isEmpty() ? currentOperator() : card.operatorName);
    if (!q.exec())
        throw fail(dbtext::sqlError(q.lastError()));
    QSqlQuery idQuery(db);
    idQuery.prepare(QStringLiteral("SELECT id FROM cards WHERE card_number = ?"));
    idQuery.addBindValue(card.cardNumber.toUpper());
    if (!idQuery.exec() || !idQuery.next())
        throw fail(dbtext::sqlError(idQuery.lastError()));
    const qint64 id = idQuery.value(0).toLongLong();
    for (const auto& u : users) {
        q.prepare(QStringLiteral(
            "INSERT INTO card_users (card_id, user_number, name, permissions, max_retries) VALUES (?,?,?,?,?)"));
        q.addBindValue(id);
        q.addBindValue(u.userNumber);
        q.addBindValue(u.name);
        q.addBindValue(static_cast<qint64>(u.permissions));
        q.addBindValue(u.maxRetries);
        if (!q.exec())
            throw fail(dbtext::sqlError(q.lastError()));
    }
    return id;
}

qint64 Database::recordIssuedCard(const IssuedCard& card, const QList<CardUserRecord>& users) {
    QSqlDatabase db = connection();
    if (!db.transaction())
        throw DatabaseError(tr("cannot start a transaction: %1").arg(dbtext::sqlError(db.lastError())));
    qint64 id = 0;
    try {
        id = insertCardIn(db, card, users);
        if (!db.commit())
            throw DatabaseError(tr("cannot record card %1: %2").arg(card.cardNumber, dbtext::sqlError(db.lastError())));
    } catch (...) {
        db.rollback();
        throw;
    }
    emit cardsChanged();
    return id;
}

namespace {

const char* const kCardColumns = "id, card_number, issuer_serial, product_serial, chip_serial, holder_user_number,"
                                 " holder_account, holder_name, template, life_cycle, issued_at, operator";

IssuedCard cardFrom(const QSqlQuery& q) {
    IssuedCard c;
    c.id = q.value(0).toLongLong();
    c.cardNumber = q.value(1).toString();
    c.issuerSerial = q.value(2).toString();
    c.productSerial = q.value(3).toString();
    c.chipSerial = q.value(4).toString();
    c.holderUserNumber = q.value(5).toString();
    c.holderAccount = q.value(6).toString();
    c.holderName = q.value(7).toString();
    c.templateName = q.value(8).toString();
    c.lifeCycle = q.value(9).toString();
    c.issuedAt = timeFrom(q.value(10));
    c.operatorName = q.value(11).toString();
    return c;
}

} // namespace

std::optional<IssuedCard> Database::card(const QString& cardNumber) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM cards WHERE card_number = ?").arg(QLatin1String(kCardColumns)));
    q.addBindValue(cardNumber.toUpper());
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the card registry"));
    if (!q.next())
        return std::nullopt;
    return cardFrom(q);
}

std::optional<IssuedCard> Database::cardByChip(const QString& chipSerial, const QString& lifeCycle) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM cards WHERE chip_serial = ? AND life_cycle = ? ORDER BY id DESC")
                  .arg(QLatin1String(kCardColumns)));
    q.addBindValue(chipSerial.toUpper());
    q.addBindValue(lifeCycle);
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the card registry"));
    if (!q.next())
        return std::nullopt;
    return cardFrom(q);
}

QList<IssuedCard> Database::cards() const {
    QList<IssuedCard> out;
    QSqlQuery q(connection());
    if (!q.exec(
            QStringLiteral("SELECT %1 FROM cards ORDER BY issued_at DESC, id DESC").arg(QLatin1String(kCardColumns))))
        return out;
    while (q.next())
        out.append(cardFrom(q));
    return out;
}

void Database::setCardAppKey(const QString& cardNumber, const QByteArray& publicKeyDer) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("DELETE FROM card_app_keys WHERE card_number = ?"));
    q.addBindValue(cardNumber.toUpper());
    q.exec();
    q.prepare(QStringLiteral("INSERT INTO card_app_keys (card_number, public_key, recorded_at) VALUES (?, ?, ?)"));
    q.addBindValue(cardNumber.toUpper());
    q.addBindValue(QString::fromLatin1(publicKeyDer.toHex().toUpper()));
    q.addBindValue(nowText());
    if (!q.exec())
        throw DatabaseError(
            tr("cannot record the public key of card %1: %2").arg(cardNumber, dbtext::sqlError(q.lastError())));
}

QByteArray Database::cardAppKey(const QString& cardNumber) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT public_key FROM card_app_keys WHERE card_number = ?"));
    q.addBindValue(cardNumber.toUpper());
    if (!q.exec() || !q.next())
        return {};
    return QByteArray::fromHex(q.value(0).toString().toLatin1());
}

QList<CardUserRecord> Database::cardUsers(const QString& cardNumber) const {
    QList<CardUserRecord> out;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT u.user_number, u.name, u.permissions, u.max_retries FROM card_users u"
                             " JOIN cards c ON c.id = u.card_id WHERE c.card_number = ? ORDER BY u.user_number"));
    q.addBindValue(cardNumber.toUpper());
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the card registry"));
    while (q.next())
        out.append(CardUserRecord{q.value(0).toInt(), q.value(1).toString(),
                                  static_cast<quint32>(q.value(2).toLongLong()), q.value(3).toInt()});
    return out;
}

} // namespace carddesk
