#pragma once
// The console's e-purse work, on the reader's PC/SC owner thread through cardio (never on the GUI thread): read
// the purse (balance, counters, decoded log, last transaction), prove the last transaction (GET TRANSACTION PROVE,
// TAC checked with the issuer's keys), and run a load or a purchase as a terminal with the issuer's (development)
// keys, recording it in the database (PurseLedger). The purse flows and crypto are cdos::ep::PurseTerminal's.
#include "carddesk/model/FutureWait.h"
#include "carddesk/model/PurseLedger.h"

#include <carddesk/protocol/crypto/KeyStore.h>
#include <carddesk/protocol/epurse/PurseTerminal.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>

#include <memory>
#include <optional>

namespace carddesk {

class CardReaderManager;
class Database;
class KeyRing;
class OperatorSession;

struct PurseLogEntry {
    Q_DECLARE_TR_FUNCTIONS(PurseLogEntry)
public:
    int record = 0; // 1 = newest
    quint16 counter = 0;
    quint32 overdraft = 0;
    quint32 amount = 0; // fen
    quint8 type = 0;
    QByteArray terminal;      // 6 bytes
    QString dateTime;         // "2026-11-26 01:55:00", as the card keeps it (terminal's local time)
    qint64 balanceAfter = -1; // fen, reconstructed backwards from the current balance; -1 when unknown

    // Translated name of a transaction type ("EP load" / "电子钱包圈存").
    static QString typeName(quint8 type);
    // +1 for loads, -1 for purchases/unloads/withdrawals, 0 for types that move no money.
    static int direction(quint8 type);
    QJsonObject toJson() const;
};

struct PurseLastTransaction {
    quint8 type = 0;
    quint16 counter = 0;
    quint32 terminalSerial = 0;
    QByteArray terminal;
    QString dateTime;
    quint32 amount = 0;
    QJsonObject toJson() const;
};

struct PurseState {
    QString reader;
    QString cardNumber; // 20 hex digits
    QString asn;        // 16 hex digits: the last 8 bytes of the card number
    QString aid;        // hex, the EP application
    quint32 balance = 0;
    std::optional<quint16> onlineCounter, offlineCounter; // next load / purchase counter
    QList<PurseLogEntry> log;                             // newest first
    std::optional<PurseLastTransaction> last;
    QString error;        // translated; empty on success; words only
    QString errorDetail;  // technical (PC/SC code and text) behind error, for a tool tip or stderr; often empty
    bool refused = false; // the operator may not read cards (error names the role); the card was not touched
    bool ok() const { return error.isEmpty(); }
    // Fills every entry's balanceAfter from `balance` backwards (the log holds amounts, not balances).
    void reconstructBalances();
    QJsonObject toJson() const;
};

struct PurseProof {
    bool available = false; // the card had a last transaction to prove
    bool proved = false;    // its TAC checked with the issuer's keys
    PurseLastTransaction last;
    QByteArray mac, tac;  // 4 bytes each; certificates, not keys
    QString error;        // translated; empty when the card answered
    QString errorDetail;  // technical (PC/SC code and text) behind error, for a tool tip or stderr; often empty
    bool refused = false; // the operator may not diagnose cards; the card was not touched
    QJsonObject toJson() const;
};

enum class PurseOperation { Load, Purchase };

struct PurseRequest {
    QString reader;
    PurseOperation operation = PurseOperation::Load;
    quint32 amount = 0;   // fen
    int pinUser = 0;      // 0: no VERIFY (a purchase needs one)
    QString pin;          // sent in VERIFY only (redacted in the trace); never logged or stored
    QString operatorName; // empty or the logged-in operator
};

struct PurseTransactionResult {
    bool ok = false;
    QString error;        // translated
    QString errorDetail;  // technical (PC/SC code and text) behind error, for a tool tip or stderr; often empty
    bool refused = false; // the operator may not load / purchase at the desk; the card was not touched
    quint16 sw = 0;
    PurseOperation operation = PurseOperation::Load;
    QString cardNumber, asn;
    quint32 amount = 0;
    qint64 balanceBefore = -1, balanceAfter = -1;
    int counter = -1;
    QByteArray terminal;
    qint64 terminalSerial = -1;
    QString dateTime;
    QByteArray tac;
    bool tacVerified = false;
    qint64 recordId = 0; // purse_transactions row
    QJsonObject toJson() const;
};

class PurseService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PurseService)
public:
    // The sub-keys are diversified from `keys`, the session's one key ring; without, a ring of its own. `operators`
    // allows each call: read and prove need diagnose, a load desk load, a purchase desk purchase.
    PurseService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                 QObject* parent = nullptr);
    PurseService(CardReaderManager& readers, Database& database, OperatorSession& operators, QObject* parent = nullptr);
    ~PurseService() override;

    // The issuer keys (the whole ring changes: every service sharing it sees them).
    void setIssuerKeys(std::shared_ptr<const cdos::IssuerKeys> keys);
    bool hasIssuerKeys() const;
    // Opens a key store into the ring (empty: KeyRing's defaults). Returns the reason in words, empty on success.
    QString openKeyStore(const QString& path = {}, const QString& passphrase = {});
    KeyRing& keyRing() { return *m_ring; }
    OperatorSession& operators() { return m_operators; }

    // This desk's terminal id: $CARDDESK_TERMINAL_ID (12 hex digits), else the development id 43 44 00 00 00 01.
    static cdos::ep::TerminalId defaultTerminalId();
    void setTerminalId(const cdos::ep::TerminalId& id) { m_terminal = id; }
    cdos::ep::TerminalId terminalId() const { return m_terminal; }
    static QString aidHex();
    // Translated meaning of a purse status word (9401 insufficient balance…), else ApduDecoder's.
    static QString statusWordMeaning(quint16 sw);

    // Each runs one job on the owner thread; the future's continuation (recording, signals) runs on this object's
    // thread. Results carry a translated error instead of throwing.
    QFuture<PurseState> read(const QString& reader);
    QFuture<PurseProof> proveLast(const QString& reader);
    QFuture<PurseTransactionResult> transact(const PurseRequest& request);
    bool isBusy() const { return m_busy > 0; }

    // Waits for a future with a local event loop (CLI, tests).
    template <typename T> static T wait(QFuture<T> future) { return waitForFuture(std::move(future)); }

signals:
    void busyChanged(bool busy);
    void transactionFinished(const carddesk::PurseTransactionResult& result);

private:
    friend class SupportService; // reads the card beside the records under the support operator's own grant
    QFuture<PurseState> readCard(const QString& reader);
    QFuture<PurseProof> proveCard(const QString& reader);
    void setBusy(int delta);
    void track(const QFuture<QVariant>& job);
    CardReaderManager& m_readers;
    Database& m_db;
    OperatorSession& m_operators;
    KeyRing* m_ring;
    cdos::ep::TerminalId m_terminal;
    int m_busy = 0;
    QList<QFuture<QVariant>> m_pending; // owner-thread jobs, not their continuations
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::PurseState)
Q_DECLARE_METATYPE(carddesk::PurseProof)
Q_DECLARE_METATYPE(carddesk::PurseTransactionResult)
