#pragma once
// The headend's transaction history of a card or of a subscriber's cards (GET /v1/cards/{card}/transactions,
// GET /v1/subscribers/{user}/transactions, headend/openapi.yaml "Transaction"): purchases with their offline
// counter, terminal serial and TAC, loads with their online counter and TAC, and each one's status. Parsed
// strictly: an answer that is not what the API promises is refused in words, not half-read.
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace carddesk {

class HeadendHistory final {
    Q_DECLARE_TR_FUNCTIONS(HeadendHistory)
public:
    struct Record {
        QString kind; // "purchase" or "load"
        qint64 id = 0;
        QString cardNumber;         // 20 hex digits, upper case
        qint64 amount = 0;          // fen
        QString terminalId;         // 12 hex digits
        qint64 terminalSerial = -1; // purchases
        int counter = 0;            // offline (purchase) or online (load) counter before the transaction
        QString date, time;         // YYYYMMDD, hhmmss (what the card was given)
        QString status; // purchase: pending, completed; load: authorised, debited, completed, refunded, refused
        QString tac;    // 8 hex digits, or empty when the headend has none
        qint64 balanceBefore = -1; // fen; -1 when the headend does not say (older headends)
        QString vodTitle;          // a video-on-demand purchase: the title bought (empty for other purchases)

        bool completed() const { return status == QLatin1String("completed"); }
        // "2026-11-26 03:55:01", as the card's log shows its date and time; empty when unknown.
        QString dateTime() const;
        QJsonObject toJson() const;
        // One history entry; nullopt (and the reason in `error`) when a field is missing or malformed.
        static std::optional<Record> fromJson(const QJsonObject& o, QString* error);
    };

    QList<Record> records;

    // The JSON array the headend answers. Returns nullopt with the reason in words when it is not one.
    static std::optional<HeadendHistory> parse(const QByteArray& json, QString* error);
    // Every card number that appears, in order of first appearance.
    QStringList cardNumbers() const;
};

} // namespace carddesk
