#pragma once
// The card registry: SQLite by default (one desk), PostgreSQL for many desks (same schema). The schema is
// versioned: schema_version holds the applied migrations, each applied in its own transaction. A file that is
// not a database (or a newer schema) gives a clear error and is never overwritten.
//
// Secrets never enter it: card_users has names and permissions, never PINs; keys are never stored.
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>
#include <stdexcept>

namespace carddesk {

class TraceLog;

struct DatabaseError : std::runtime_error {
    explicit DatabaseError(const QString& message) : std::runtime_error(message.toStdString()), text(message) {}
    QString text; // translated
};

struct IssuedCard {
    qint64 id = 0;
    QString cardNumber;                              // 20 hex digits
    QString issuerSerial, productSerial, chipSerial; // hex
    QString holderUserNumber, holderAccount, holderName;
    QString templateName;
    QString lifeCycle;  // cdos::lifeCycleName: "personalised", "blocked"...
    QDateTime issuedAt; // UTC
    QString operatorName;
};

struct CardUserRecord {
    int userNumber = 0;
    QString name;
    quint32 permissions = 0;
    int maxRetries = 3;
};

// One row of a batch (or a single issuance), docs/batch-issuance.md: pending → assigned (card number, ASN, chip
// serial; recorded with the card's "issuing" row in one transaction) → personalising → verified (card read back
// and recorded) → done (the card left the reader), or failed (reason).
struct JournalEntry {
    QString batchId;
    int row = 0;
    QString state;
    QString error;
    QString cardNumber;
    QDateTime updatedAt;
    QJsonObject holder; // BatchHolder::toJson(): never a PIN; empty for a single issuance
    QString asn;        // the last 16 hex digits of the card number (the e-purse's application serial)
    QString chipSerial;
    QString reader;
    int attempts = 0; // cards tried for this row (a card that failed went to the reject bin)
    QJsonObject toJson() const;
};

// One batch (table batches). state: "ready", "running", "paused", "cancelled", "finished".
struct BatchRecord {
    QString id;
    QString name;
    QString templateName;
    QByteArray templateJson; // the template as it was when the batch was made: a resume issues the same cards
    QString sourceName;      // the holder file's name
    QString sourceSha256;
    int rows = 0;
    bool generatedPins = false;
    int pinLength = 6;
    QString mailerFolder; // where the PIN mailers go (generated PINs)
    QString state;
    QString desk; // "host:pid" of the process running it (or that ran it last)
    QDateTime heartbeatAt, createdAt, finishedAt;
    QString createdBy;
    QJsonObject toJson() const;
};

struct BatchCounts {
    int total = 0, pending = 0, inProgress = 0, done = 0, failed = 0;
};

// What one audit row says (docs/operators.md, "Audit trail"); the database adds the sequence, the time and the hash.
struct AuditRecord {
    QString operators;                     // "alice", or "alice+bob" under dual control (the one who asked first)
    QString role;                          // the role the operation was allowed (or refused) under
    QString action;                        // "issue card", "login", "trace reveal", ...
    QString card;                          // card number where there is one
    QString result = QStringLiteral("ok"); // "ok", "refused: needs the role desk", "failed: ..."
    QString detail;                        // never a secret
};

// One stored row of the hash-chained audit trail (cdos::audit::Row plus its hash).
struct AuditEntry {
    qint64 id = 0;        // the row's sequence number (1, 2, 3 ...)
    QDateTime time;       // UTC
    QString timeText;     // as stored and hashed: ISO 8601 UTC with milliseconds
    QString operatorName; // the first operator (who asked)
    QString operators;    // every operator: "alice" or "alice+bob"
    QString role;
    QString action; // "trace reveal", "trace conceal", "issue card", ...
    QString card;
    QString result;
    QString detail;
    QString hash; // hex SHA-256 over the previous row's hash and this row's canonical encoding
    QJsonObject toJson() const;
};

// The outcome of Database::verifyAudit(): the first row that does not hold, in words.
struct AuditVerification {
    bool valid = true;
    qint64 rows = 0;      // rows read
    qint64 brokenRow = 0; // the first row that does not hold: changed, inserted, moved or missing (0 if valid)
    QString reason;       // translated: "row 17 was changed or inserted (its hash does not match)"
    QString reasonId;     // the same in English (cdos::audit::verify's words)
    QJsonObject toJson() const;
};

enum class AuditFormat { Csv, Json };

class Database final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Database)
public:
    explicit Database(QObject* parent = nullptr);
    ~Database() override;

    // <AppDataLocation>/carddesk.sqlite
    static QString defaultLocation();
    static int latestSchemaVersion();
    // The name recorded where no operator is logged in (tools without a session): $CARDDESK_OPERATOR, else the
    // login name. The services record the logged-in operator (OperatorSession) instead.
    static QString currentOperator();

    // Opens (and creates or migrates) the database at `location`: empty for defaultLocation(), a file path,
    // "sqlite:PATH", or "postgresql://user[:password]@host[:port]/dbname". Throws DatabaseError.
    // `targetVersion` stops the migrations early (tests of upgrades); -1 means the latest.
    // create: make the SQLite file (and its folder) when missing or empty; else such a location is refused by name.
    void open(const QString& location = {}, int targetVersion = -1, bool create = true);
    void close();
    bool isOpen() const;
    QString location() const; // without any password
    QString driverName() const;
    int schemaVersion() const;
    QSqlDatabase connection() const;

    // Next free card number (20 hex digits) for a template's prefix: prefix ‖ zero-padded decimal sequence,
    // starting at `first`, skipping numbers already in `cards`. Consumes the number (gaps are normal).
    QString allocateCardNumber(const QString& prefix, quint64 first = 1);
    bool cardExists(const QString& cardNumber) const;
    // Issuance records a card as "issuing" (with its chip serial) before it touches it, and sets "personalised"
    // when it completed (issue 11): a number that reached a card is never given again. An "issuing" card found
    // blank again (its personalisation was cut before END PERSONALISATION and undone) becomes "void".
    static inline const QString kIssuingLifeCycle = QStringLiteral("issuing");
    static inline const QString kVoidLifeCycle = QStringLiteral("void");
    void setCardLifeCycle(const QString& cardNumber, const QString& lifeCycle);
    void voidInterruptedIssuances(const QString& chipSerial);
    // Records an issued card and its users in one transaction; throws DatabaseError (e.g. a duplicate number).
    qint64 recordIssuedCard(const IssuedCard& card, const QList<CardUserRecord>& users);
    std::optional<IssuedCard> card(const QString& cardNumber) const;
    // The newest card recorded for a chip serial in that life cycle ("issuing": the card a cut issuance left).
    std::optional<IssuedCard> cardByChip(const QString& chipSerial, const QString& lifeCycle) const;
    QList<IssuedCard> cards() const;
    QList<CardUserRecord> cardUsers(const QString& cardNumber) const;
    // The card's application-download public key (SubjectPublicKeyInfo DER); empty when none was recorded.
    void setCardAppKey(const QString& cardNumber, const QByteArray& publicKeyDer);
    QByteArray cardAppKey(const QString& cardNumber) const;

    void setJournal(const QString& batchId, int row, const QString& state, const QString& error = {},
                    const QString& cardNumber = {});
    // Gives the card its number (allocated here when card.cardNumber is empty) and records it "issuing" with its
    // users and the journal row "assigned", in one transaction: a number is never given and then lost.
    // Returns the card's id; card.cardNumber is set. Throws DatabaseError.
    qint64 reserveCard(IssuedCard& card, const QList<CardUserRecord>& users, const QString& prefix, quint64 first,
                       const QString& batchId, int row, const QString& reader);

    // Batches (DatabaseBatch.cpp). createBatch writes the batch and one pending journal row per holder (JSON
    // without PINs) and its audit row in one transaction.
    void createBatch(const BatchRecord& batch, const QList<QJsonObject>& holders, const AuditRecord& audit);
    std::optional<BatchRecord> batch(const QString& id) const;
    QList<BatchRecord> batches() const; // newest first
    BatchCounts batchCounts(const QString& id) const;
    void setBatchState(const QString& id, const QString& state);
    // Takes the batch for `desk` when nobody runs it: its desk is `desk`, or its state is not "running", or its
    // heartbeat is older than `staleSeconds`. False when another desk holds it.
    bool claimBatch(const QString& id, const QString& desk, int staleSeconds);
    void batchHeartbeat(const QString& id, const QString& desk);
    // The first pending row of the batch, now "assigned" to `reader` (no card yet); nullopt when none is pending.
    std::optional<JournalEntry> claimNextRow(const QString& batchId, const QString& reader);
    // The row back to pending (its card went to the reject bin or never got a number): attempts + 1 when
    // `countAttempt`, error kept as the last reason.
    void requeueRow(const QString& batchId, int row, const QString& reason, bool countAttempt);
    // The journal row of the batch holding this card number (any state).
    std::optional<JournalEntry> journalRowForCard(const QString& cardNumber) const;
    // Rows "assigned" without a card number (claimed by a process that died before the card got one): pending.
    int releaseUnnumberedRows(const QString& batchId);
    std::optional<JournalEntry> journalEntry(const QString& batchId, int row) const;
    QList<JournalEntry> journal(const QString& batchId) const;

    // The audit trail (DatabaseAudit.cpp): one hash chain per database. appendAudit() serialises the append
    // (SQLite: BEGIN IMMEDIATE; PostgreSQL: the one row of audit_head locked FOR UPDATE), so desks appending at
    // once keep one valid chain. `change`, when given, runs in the same transaction before the row is written (an
    // operator or setting changed together with its row, or neither); it throws DatabaseError to undo both.
    // Returns the row's sequence number. Throws DatabaseError.
    qint64 appendAudit(const AuditRecord& record, const std::function<void(QSqlDatabase&)>& change = {});
    // One row by one operator, allowed ("ok"), without card or role (tools and the trace log).
    void audit(const QString& operatorName, const QString& action, const QString& detail = {});
    QList<AuditEntry> auditEntries(int limit = 1000) const; // newest first
    QList<AuditEntry> auditTrail() const;                   // every row in sequence order
    // Recomputes the chain (cdos::audit::verify) and compares its end with audit_head (rows cut off the end).
    AuditVerification verifyAudit() const;
    // The whole trail with its chain values (sequence, time, operators, role, action, card, result, detail, hash).
    QByteArray exportAudit(AuditFormat format) const;
    // Records every reveal/conceal of `log`'s secrets in the audit table (for as long as both exist).
    void attachTraceAudit(TraceLog* log);

    // Settings (table settings, name → text). Production mode (a production desk: development keys and the
    // development operator refused) is off until switched on (OperatorSession::setProductionMode, dual control).
    static inline const QString kProductionModeSetting = QStringLiteral("production_mode");
    QString setting(const QString& name, const QString& fallback = {}) const;
    bool productionMode() const;
    // Changes a setting and appends `record` in one transaction. Throws DatabaseError.
    void setSetting(const QString& name, const QString& value, const AuditRecord& record);

signals:
    void cardsChanged();
    void auditAppended();

private:
    static QString allocateIn(QSqlDatabase& db, const QString& prefix, quint64 first);
    static qint64 insertCardIn(QSqlDatabase& db, const IssuedCard& card, const QList<CardUserRecord>& users);
    void migrate(int targetVersion);
    void checkExistingFile(const QString& path) const;
    QString m_connectionName;
    QString m_location;
};

} // namespace carddesk
