#pragma once
// The e-purse transactions this desk ran as a terminal (loads and purchases), in the card database (migration 3,
// table purse_transactions). What a reconciliation needs — amounts, balances, counters, terminal, the TAC and
// whether it checked — and never a key, a session key or a PIN.
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace carddesk {

class Database;

struct PurseTransactionRecord {
    qint64 id = 0;
    QString cardNumber;                           // 20 hex digits
    QString asn;                                  // 16 hex digits
    QString kind;                                 // "load" or "purchase"
    qint64 amount = 0;                            // fen
    qint64 balanceBefore = -1, balanceAfter = -1; // fen; -1 when unknown (the card refused before answering)
    int counter = -1;                             // online (load) or offline (purchase) counter before
    QString terminalId;                           // 12 hex digits
    qint64 terminalSerial = -1;                   // purchases only
    QString cardTime;                             // "2026-11-26 01:55:00", as sent to the card
    QString tac;                                  // 8 hex digits
    bool tacVerified = false;
    QString outcome; // "completed" or "failed"
    QString error;   // translated, when failed
    QString reader;
    QString operatorName;
    QDateTime recordedAt; // UTC
};

class PurseLedger final {
    Q_DECLARE_TR_FUNCTIONS(PurseLedger)
public:
    explicit PurseLedger(Database& database) : m_db(database) {}

    // Appends one transaction; returns its id. Throws DatabaseError.
    qint64 record(const PurseTransactionRecord& transaction);
    // The next terminal transaction serial of `terminalId` (12 hex digits): one past the highest recorded.
    qint64 nextTerminalSerial(const QString& terminalId) const;
    // The card's transactions, newest first (all cards when `cardNumber` is empty).
    QList<PurseTransactionRecord> transactions(const QString& cardNumber = {}, int limit = 1000) const;

private:
    Database& m_db;
};

} // namespace carddesk
