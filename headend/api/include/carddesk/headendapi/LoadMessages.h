#pragma once
// The bodies of the online top-up ([0015]–[0017]): POST /v1/loads (MAC1 checked, the bank debited, MAC2 issued),
// POST /v1/loads/{id}/completion (the card's TAC), and the recovery of an unfinished load (GET /v1/loads/pending,
// POST /v1/loads/{id}/refund-challenge, POST /v1/loads/{id}/recovery). fromJson refuses a body with a missing or
// malformed member: nullopt, the member's name in *badField and the headend's sentence for it in *why. Members are
// read in the order the headend has always checked them.
#include "carddesk/protocol/apdu/Bytes.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace carddesk::api {

// POST /v1/loads.
struct LoadRequest {
    QString requestId;
    qint64 amount = 0;      // fen
    cdos::Bytes terminalId; // 6 bytes
    qint64 keyIndex = 0;
    cdos::Bytes initResponse; // the card's INITIALIZE FOR LOAD answer

    QJsonObject toJson() const;
    static std::optional<LoadRequest> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                               QString* why = nullptr);
};

// A load as the headend answers it (begin, completion, recovery). mac2, date and time only while it is debited:
// what the card needs for CREDIT FOR LOAD.
struct LoadAnswer {
    qint64 loadId = 0;
    QString status; // authorised, debited, completed, refunded
    qint64 amount = 0;
    int onlineCounter = 0;
    cdos::Bytes mac2; // empty unless debited
    QString date, time;

    bool hasMac2() const { return !mac2.empty(); }
    QJsonObject toJson() const;
    static std::optional<LoadAnswer> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                              QString* why = nullptr);
};

// POST /v1/loads/{id}/completion: the TAC of CREDIT FOR LOAD.
struct LoadCompletion {
    cdos::Bytes tac; // 4 bytes

    QJsonObject toJson() const;
    static std::optional<LoadCompletion> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                  QString* why = nullptr);
};

// POST /v1/loads/{id}/recovery: a fresh INITIALIZE FOR LOAD answer and what to do when the card was not credited.
struct LoadRecovery {
    enum class Action { Reissue, Refund };
    Action action = Action::Reissue;
    cdos::Bytes initResponse;

    QJsonObject toJson() const;
    static std::optional<LoadRecovery> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                QString* why = nullptr);
};

// GET /v1/loads/pending: the session card's unfinished load.
struct PendingLoad {
    qint64 loadId = 0;
    qint64 amount = 0;
    QString status; // authorised or debited
    cdos::Bytes terminalId;
    QString createdAt;

    QJsonObject toJson() const;
    static std::optional<PendingLoad> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                               QString* why = nullptr);
};

// POST /v1/loads/{id}/refund-challenge: the terminal id to run INITIALIZE FOR LOAD with before a refund.
struct RefundChallenge {
    qint64 loadId = 0;
    qint64 amount = 0;
    cdos::Bytes terminalId; // the one-time challenge, 6 bytes

    QJsonObject toJson() const;
    static std::optional<RefundChallenge> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                   QString* why = nullptr);
};

} // namespace carddesk::api
