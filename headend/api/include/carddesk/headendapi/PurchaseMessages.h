#pragma once
// The bodies of the payment host ([0012]–[0014]): POST /v1/purchases and /v1/vod/purchases (MAC1 from the card's
// INITIALIZE FOR PURCHASE answer) and POST /v1/purchases/{id}/completion (the card's MAC2 and TAC). fromJson
// refuses a body with a missing or malformed member: nullopt, the member's name in *badField and the headend's
// sentence for it in *why. Members are read in the order the headend has always checked them.
#include "carddesk/protocol/apdu/Bytes.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace carddesk::api {

// POST /v1/purchases.
struct PurchaseRequest {
    QString requestId;      // idempotency: the same id answers the same purchase
    qint64 amount = 0;      // fen
    cdos::Bytes terminalId; // 6 bytes
    qint64 keyIndex = 0;
    cdos::Bytes initResponse; // the card's INITIALIZE FOR PURCHASE answer

    QJsonObject toJson() const;
    static std::optional<PurchaseRequest> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                   QString* why = nullptr);
};

// POST /v1/vod/purchases: as a purchase, with a catalogue title in place of the amount (the headend prices it).
struct VodPurchaseRequest {
    QString requestId;
    qint64 titleId = 0;
    cdos::Bytes terminalId;
    qint64 keyIndex = 0;
    cdos::Bytes initResponse;

    // The purchase of the title at the catalogue's price.
    PurchaseRequest priced(qint64 amount) const;
    QJsonObject toJson() const;
    static std::optional<VodPurchaseRequest> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                      QString* why = nullptr);
};

// The answer of both: MAC1 and the values for DEBIT FOR PURCHASE.
struct PurchaseAnswer {
    qint64 purchaseId = 0;
    qint64 terminalSerial = 0;
    QString date, time; // YYYYMMDD, hhmmss
    cdos::Bytes mac1;
    QString status;

    QJsonObject toJson() const;
    static std::optional<PurchaseAnswer> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                  QString* why = nullptr);
};

// The answer of /v1/vod/purchases: the purchase and the title as sold, with the headend's MAC for OPEN VOD RIGHT.
struct VodPurchaseAnswer {
    PurchaseAnswer purchase;
    qint64 titleId = 0;
    QString title;
    qint64 amount = 0; // the catalogue price charged
    int programmeId = 0;
    int validDays = 0;
    cdos::Bytes rightMac;

    QJsonObject toJson() const;
    static std::optional<VodPurchaseAnswer> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                     QString* why = nullptr);
};

// POST /v1/purchases/{id}/completion: DEBIT FOR PURCHASE's MAC2 and TAC, and (optional) the purchase as it was
// begun — the request sent and the answer's serial, date and time. The card's MAC2 and TAC vouch for those, so
// the headend can record the purchase from them when it no longer has it (its pending row is written without
// waiting for the disk, and a database crash may lose it: docs/authentication.md, "A lost pending purchase").
struct PurchaseCompletion {
    cdos::Bytes mac2, tac; // 4 bytes each
    std::optional<PurchaseRequest> begun;
    qint64 terminalSerial = 0;
    QString date, time; // YYYYMMDD, hhmmss, as answered

    QJsonObject toJson() const;
    static std::optional<PurchaseCompletion> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                      QString* why = nullptr);
};

// Its answer (also for the same completion again).
struct PurchaseCompletionAnswer {
    qint64 purchaseId = 0;
    QString status;
    qint64 amount = 0;

    QJsonObject toJson() const;
    static std::optional<PurchaseCompletionAnswer> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                            QString* why = nullptr);
};

} // namespace carddesk::api
