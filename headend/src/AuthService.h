#pragma once
// The headend's side of the three-party authentication ([0010], docs/authentication.md), subscriber and card
// enrolment, and the authenticated sessions that follow (token hashes only are stored).
#include "HeadendDatabase.h"
#include "carddesk/headendapi/AuthMessages.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/crypto/KeyStore.h"

#include <QJsonObject>
#include <QString>

#include <map>
#include <mutex>

namespace carddesk::headend {

class AuthService {
public:
    AuthService(const cdos::IssuerKeys& keys, HeadendDatabase& db, int sessionSeconds)
        : m_keys(keys), m_db(db), m_sessionSeconds(sessionSeconds) {}

    // Step 1: a fresh attempt and its random. One client address holds at most attemptsPerClient attempts at once
    // (429 beyond), so no single client can fill the table and lock every other card out.
    api::AuthChallenge init(const QString& client);
    void setAttemptsPerClient(int n) { m_attemptsPerClient = n; }
    // Step 2: the card's cryptogram of its number -> the same attempt and random2; refuses unknown and blocked cards.
    api::AuthChallenge card(const api::AuthCardRequest& request);
    // Step 3: the card's personal data cryptogram -> the cryptogram for AUTH RESULT and a session.
    api::AuthSession verify(const api::AuthVerifyRequest& request);
    // The card number (hex) of a live session; throws ApiError 401 (missing, unknown or expired session).
    QString sessionCard(const QString& token);
    // A permission grant the session's card signed ({user, entry, permission, mac}, docs/authentication.md) that
    // holds every bit of `needed`; throws ApiError 403 no_permission otherwise. Returns the granting user.
    int requireGrant(const QString& token, const QJsonValue& grant, std::uint32_t needed);

    // Enrolment (CLI and admin endpoint): adds or updates the subscriber and binds the card. Returns a sentence.
    QString enrol(const cdos::Bytes& cardNumber, const cdos::HolderData& holder);
    // The holder object of an enrolment ({userNumber, account, name}: POST /v1/admin/cards, enrol --holder-json);
    // ApiError 400 naming a missing member. enrol() then checks the values.
    static cdos::HolderData holderFromJson(const QJsonObject& holder);
    void setCardBlocked(const QString& cardNumberHex, bool blocked);

private:
    struct Attempt {
        cdos::Bytes random, cardNumber, random2;
        QString client;
        int step = 1;
        qint64 expiresMs = 0;
    };
    Attempt& attempt(const QString& authId, int step);
    void prune(const QString& client);

    const cdos::IssuerKeys& m_keys;
    HeadendDatabase& m_db;
    int m_sessionSeconds;
    int m_attemptsPerClient = 64;
    // Attempts live in RAM: they are seconds long and a restart simply makes the gateway start over. Requests run
    // on several workers: one attempt step at a time (a step is short; sessions, the hot path, need no lock).
    std::mutex m_attemptsMutex;
    std::map<QString, Attempt> m_attempts;
};

} // namespace carddesk::headend
