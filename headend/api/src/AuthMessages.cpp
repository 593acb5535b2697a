#include "carddesk/headendapi/AuthMessages.h"

#include "carddesk/headendapi/FieldReader.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/protocol/auth/Authentication.h"

namespace carddesk::api {

namespace {

constexpr qsizetype kMaxAuthId = 64;
constexpr qsizetype kMaxToken = 128;

} // namespace

QJsonObject AuthChallenge::toJson() const {
    return {{key::authId, authId}, {key::random, hexText(random)}};
}

std::optional<AuthChallenge> AuthChallenge::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    AuthChallenge m;
    m.authId = in.string(key::authId, kMaxAuthId);
    m.random = in.hex(key::random, cdos::auth::kRandomSize);
    return in.finish(std::move(m), badField, why);
}

QJsonObject AuthCardRequest::toJson() const {
    return {{key::authId, authId}, {key::cardNumberCryptogram, hexText(cardNumberCryptogram)}};
}

std::optional<AuthCardRequest> AuthCardRequest::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    AuthCardRequest m;
    // The cryptogram first: the order in which the headend has always named a bad member.
    m.cardNumberCryptogram = in.hex(key::cardNumberCryptogram, cdos::auth::kCardNumberCryptogramSize);
    m.authId = in.string(key::authId, kMaxAuthId);
    return in.finish(std::move(m), badField, why);
}

QJsonObject AuthVerifyRequest::toJson() const {
    return {{key::authId, authId}, {key::personalDataCryptogram, hexText(personalDataCryptogram)}};
}

std::optional<AuthVerifyRequest> AuthVerifyRequest::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    AuthVerifyRequest m;
    m.personalDataCryptogram = in.hex(key::personalDataCryptogram);
    m.authId = in.string(key::authId, kMaxAuthId);
    return in.finish(std::move(m), badField, why);
}

QJsonObject AuthSession::toJson() const {
    return {{key::cardNumberCryptogram, hexText(cardNumberCryptogram)},
            {key::sessionToken, sessionToken},
            {key::expiresAt, expiresAt}};
}

std::optional<AuthSession> AuthSession::fromJson(const QJsonObject& o, QString* badField, QString* why) {
    FieldReader in(o);
    AuthSession m;
    m.cardNumberCryptogram = in.hex(key::cardNumberCryptogram, cdos::auth::kAuthResultCryptogramSize);
    m.sessionToken = in.string(key::sessionToken, kMaxToken);
    m.expiresAt = in.string(key::expiresAt);
    return in.finish(std::move(m), badField, why);
}

} // namespace carddesk::api
