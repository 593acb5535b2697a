#pragma once
// The card registry: SQLite by default (one desk), PostgreSQL for many desks (same schema). The schema is
// versioned: schema_version holds the applied migrations, each applied in its own transaction. A file that is
// not a database (or a newer schema) gives a clear error and is never overwritten.
//
// Secrets never enter it: card_users has names and permissions, never PINs; keys are never stored.
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

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

// One row of a batch (or a single issuance): started → personalised → verified → recorded, or failed.
struct JournalEntry {
    QString batchId;
    int row = 0;
    QString state;
    QString error;
    QString cardNumber;
    QDateTime updatedAt;
};

struct AuditEntry {
    qint64 id = 0;
    QDateTime time; // UTC
    QString operatorName;
    QString action; // "trace reveal", "trace conceal", "issue card", ...
    QString detail;
};

class Database final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Database)
public:
    explicit Database(QObject* parent = nullptr);
    ~Database() override;

    // <AppDataLocation>/carddesk.sqlite
    static QString defaultLocation();
    static int latestSchemaVersion();
    // The operator recorded in cards and audit rows: $CARDDESK_OPERATOR, else the login name.
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
    QList<IssuedCard> cards() const;
    QList<CardUserRecord> cardUsers(const QString& cardNumber) const;
    // The card's application-download public key (SubjectPublicKeyInfo DER); empty when none was recorded.
    void setCardAppKey(const QString& cardNumber, const QByteArray& publicKeyDer);
    QByteArray cardAppKey(const QString& cardNumber) const;

    void setJournal(const QString& batchId, int row, const QString& state, const QString& error = {},
                    const QString& cardNumber = {});
    std::optional<JournalEntry> journalEntry(const QString& batchId, int row) const;
    QList<JournalEntry> journal(const QString& batchId) const;

    void audit(const QString& operatorName, const QString& action, const QString& detail = {});
    QList<AuditEntry> auditEntries(int limit = 1000) const;
    // Records every reveal/conceal of `log`'s secrets in the audit table (for as long as both exist).
    void attachTraceAudit(TraceLog* log);

signals:
    void cardsChanged();
    void auditAppended();

private:
    void migrate(int targetVersion);
    void checkExistingFile(const QString& path) const;
    QString m_connectionName;
    QString m_location;
};

} // namespace carddesk
