#pragma once
// The bodies of the three-party authentication (POST /v1/auth/init, /v1/auth/card, /v1/auth/verify; [0010],
// docs/authentication.md). fromJson refuses a body with a missing or malformed member: nullopt, the member's name
// in *badField and the headend's sentence for it in *why.
#include "carddesk/protocol/apdu/Bytes.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace carddesk::api {

// The answer of /v1/auth/init (the attempt and R) and of /v1/auth/card (the same attempt and R2).
struct AuthChallenge {
    QString authId;
    cdos::Bytes random;

    QJsonObject toJson() const;
    static std::optional<AuthChallenge> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                 QString* why = nullptr);
};

// POST /v1/auth/card: the card's answer to AUTH INIT.
struct AuthCardRequest {
    QString authId;
    cdos::Bytes cardNumberCryptogram; // 16 bytes

    QJsonObject toJson() const;
    static std::optional<AuthCardRequest> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                   QString* why = nullptr);
};

// POST /v1/auth/verify: the card's encrypted personal data.
struct AuthVerifyRequest {
    QString authId;
    cdos::Bytes personalDataCryptogram;

    QJsonObject toJson() const;
    static std::optional<AuthVerifyRequest> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                                     QString* why = nullptr);
};

// The answer of /v1/auth/verify: the cryptogram for AUTH RESULT and the session.
struct AuthSession {
    cdos::Bytes cardNumberCryptogram; // 24 bytes: E_APK(card number ‖ the card's random)
    QString sessionToken;
    QString expiresAt; // ISO 8601, UTC

    QJsonObject toJson() const;
    static std::optional<AuthSession> fromJson(const QJsonObject& o, QString* badField = nullptr,
                                               QString* why = nullptr);
};

} // namespace carddesk::api
