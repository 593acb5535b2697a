#include "AuthService.h"

#include "JsonApi.h"
#include "carddesk/headendapi/CardStatus.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <QDateTime>

#include <algorithm>
#include <cctype>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;

namespace {

constexpr qint64 kAttemptMs = 60 * 1000;
constexpr std::size_t kMaxAttempts = 100000;

QString tokenHash(const QString& token) {
    const std::string t = token.toStdString();
    return hex(cdos::crypto::sha256(cdos::Bytes(t.begin(), t.end())));
}

} // namespace

void AuthService::prune(const QString& client) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::erase_if(m_attempts, [now](const auto& a) { return a.second.expiresMs < now; });
    const auto mine = std::count_if(m_attempts.begin(), m_attempts.end(),
                                    [&client](const auto& a) { return a.second.client == client; });
    if (mine >= m_attemptsPerClient)
        throw ApiError(Status::TooManyRequests, Refusal::TooManyAttempts,
                       QStringLiteral("too many authentications in progress from this address; retry in a minute"));
    if (m_attempts.size() >= kMaxAttempts)
        throw ApiError(Status::ServiceUnavailable, Refusal::Busy,
                       QStringLiteral("too many authentications in progress"));
}

api::AuthChallenge AuthService::init(const QString& client) {
    const std::lock_guard lock(m_attemptsMutex);
    prune(client);
    const QString id = hex(cdos::crypto::randomBytes(16));
    Attempt a;
    a.random = cdos::crypto::randomBytes(cdos::auth::kRandomSize);
    a.expiresMs = QDateTime::currentMSecsSinceEpoch() + kAttemptMs;
    a.client = client;
    m_attempts[id] = a;
    return {id, a.random};
}

AuthService::Attempt& AuthService::attempt(const QString& id, int step) {
    auto it = m_attempts.find(id);
    // A replayed step finds its attempt gone or moved on: the same answer as an unknown attempt.
    if (it == m_attempts.end() || it->second.step != step ||
        it->second.expiresMs < QDateTime::currentMSecsSinceEpoch()) {
        if (it != m_attempts.end())
            m_attempts.erase(it);
        throw ApiError(Status::Conflict, Refusal::UnknownAttempt,
                       QStringLiteral("unknown, used or expired authentication attempt; start again with auth/init"));
    }
    return it->second;
}

api::AuthChallenge AuthService::card(const api::AuthCardRequest& request) {
    const cdos::Bytes& cryptogram = request.cardNumberCryptogram;
    const std::lock_guard lock(m_attemptsMutex);
    const QString& id = request.authId;
    Attempt& a = attempt(id, 1);
    // The transport process key 3DES(TRANSPORT, R) || 3DES(TRANSPORT, NOT R) is the key store's diversification of
    // the transport master by R: the master never leaves the key store.
    const std::unique_ptr<cdos::DesKey> tpk = m_keys.cardKey("TRANSPORT", a.random);
    const auto number = cdos::auth::decryptCardNumber(*tpk, cryptogram);
    if (!number) {
        m_attempts.erase(id);
        throw ApiError(Status::Forbidden, Refusal::BadCryptogram,
                       QStringLiteral("the card number cryptogram does not decrypt (wrong transport key or forged)"));
    }
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT status FROM cards WHERE card_number = ?"), {hex(*number)}, "card lookup");
    if (!q.next()) {
        m_attempts.erase(id);
        throw ApiError(Status::NotFound, Refusal::UnknownCard,
                       QStringLiteral("card %1 is not enrolled at this headend").arg(hex(*number)));
    }
    if (q.value(0).toString() != api::cardStatus::active) {
        m_attempts.erase(id);
        throw ApiError(Status::Forbidden, Refusal::BlockedCard, QStringLiteral("card %1 is blocked").arg(hex(*number)));
    }
    a.cardNumber = *number;
    a.random2 = cdos::crypto::randomBytes(cdos::auth::kRandomSize);
    a.step = 2;
    return {id, a.random2};
}

api::AuthSession AuthService::verify(const api::AuthVerifyRequest& request) {
    const cdos::Bytes& cryptogram = request.personalDataCryptogram;
    const std::lock_guard lock(m_attemptsMutex);
    const Attempt a = attempt(request.authId, 2);
    // Every outcome of the last step ends the attempt: a second try needs a new random.
    m_attempts.erase(request.authId);
    // [0010]: the card authentication key is a master's diversification by the card number (ASN) — the CARD_AUTH
    // master, never the shared transport key a card holds (docs/authentication.md).
    const std::unique_ptr<cdos::DesKey> cardAuthKey = m_keys.cardKey("CARD_AUTH", cdos::asnOf(a.cardNumber));
    const std::unique_ptr<cdos::DesKey> apk = cdos::auth::processKey(*cardAuthKey, a.random2);
    const auto personal = cdos::auth::decryptPersonalData(*apk, cryptogram);
    if (!personal)
        throw ApiError(Status::Forbidden, Refusal::BadCryptogram,
                       QStringLiteral("the personal data cryptogram does not decrypt (wrong card key or forged)"));
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT s.user_number, s.account, s.name, c.status FROM cards c JOIN "
                                           "subscribers s ON s.id = c.subscriber_id WHERE c.card_number = ?"),
                            {hex(a.cardNumber)}, "subscriber lookup");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::UnknownCard,
                       QStringLiteral("card %1 is no longer enrolled").arg(hex(a.cardNumber)));
    if (q.value(3).toString() != api::cardStatus::active)
        throw ApiError(Status::Forbidden, Refusal::BlockedCard,
                       QStringLiteral("card %1 is blocked").arg(hex(a.cardNumber)));
    const cdos::HolderData& holder = personal->holder;
    if (q.value(0).toString().toStdString() != holder.userNumber ||
        q.value(1).toString().toStdString() != holder.account || q.value(2).toString().toStdString() != holder.name)
        throw ApiError(Status::Forbidden, Refusal::MismatchingData,
                       QStringLiteral("the card's personal data does not match the subscriber enrolled for card %1")
                           .arg(hex(a.cardNumber)));
    const QString token = hex(cdos::crypto::randomBytes(32));
    // Expired sessions go when new ones come, so the table stays the size of the live ones.
    m_db.exec(QStringLiteral("DELETE FROM sessions WHERE expires_at < ?"),
              {QDateTime::currentMSecsSinceEpoch() - qint64(24) * 3600 * 1000}, "session cleanup");
    const qint64 expires = QDateTime::currentMSecsSinceEpoch() + qint64(m_sessionSeconds) * 1000;
    m_db.exec(QStringLiteral("INSERT INTO sessions (token_hash, card_number, expires_at, created_at, auth_random, "
                             "card_random) VALUES (?,?,?,?,?,?)"),
              {tokenHash(token), hex(a.cardNumber), expires, nowText(), hex(a.random2), hex(personal->cardRandom)},
              "session");
    // Step 6 carries the card's own random back: the card accepts no recorded step 6.
    return {cdos::auth::encryptAuthResult(*apk, a.cardNumber, personal->cardRandom), token,
            QDateTime::fromMSecsSinceEpoch(expires, Qt::UTC).toString(Qt::ISODateWithMs)};
}

QString AuthService::sessionCard(const QString& token) {
    if (token.isEmpty())
        throw ApiError(Status::Unauthorized, Refusal::NoSession,
                       QStringLiteral("this request needs an authenticated session (Authorization: Bearer …)"));
    // The card's status is read with the session: a card blocked after it authenticated is refused at once.
    QSqlQuery q =
        m_db.prepared(QStringLiteral("SELECT s.card_number, s.expires_at, c.status FROM sessions s JOIN cards c"
                                     " ON c.card_number = s.card_number WHERE s.token_hash = ?"),
                      {tokenHash(token)}, "session lookup");
    if (!q.next())
        throw ApiError(Status::Unauthorized, Refusal::UnknownSession,
                       QStringLiteral("unknown session; authenticate again"));
    if (q.value(1).toLongLong() < QDateTime::currentMSecsSinceEpoch())
        throw ApiError(Status::Unauthorized, Refusal::ExpiredSession,
                       QStringLiteral("the session expired; authenticate again"));
    if (q.value(2).toString() != api::cardStatus::active)
        throw ApiError(Status::Forbidden, Refusal::BlockedCard,
                       QStringLiteral("card %1 is blocked").arg(q.value(0).toString()));
    return q.value(0).toString();
}

int AuthService::requireGrant(const QString& token, const QJsonValue& grant, std::uint32_t needed) {
    const QString card = sessionCard(token);
    const auto refuse = [](const QString& why) { return ApiError(Status::Forbidden, Refusal::NoPermission, why); };
    const QJsonObject g = grant.toObject();
    const qint64 user = g.value(api::key::user).toInteger(-1);
    const qint64 entry = g.value(api::key::entry).toInteger(-1);
    const qint64 permission = g.value(api::key::permission).toInteger(-1);
    const auto mac = cdos::fromHex(g.value(api::key::mac).toString().toStdString());
    if (!grant.isObject() || user < 1 || user > 8 || entry < 0 || entry > 255 || permission < 0 ||
        permission > 0xFFFFFFFFLL || !mac || mac->size() != 4)
        throw refuse(QStringLiteral("this service needs the card's permission grant (user, entry, permission, mac)"));
    if ((static_cast<std::uint32_t>(permission) & needed) != needed)
        throw refuse(QStringLiteral("the card's grant does not hold this service's permission"));
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT auth_random, card_random FROM sessions WHERE token_hash = ?"),
                            {tokenHash(token)}, "session lookup");
    const auto r2 = q.next() ? cdos::fromHex(q.value(0).toString().toStdString()) : std::nullopt;
    const auto rc = q.isValid() ? cdos::fromHex(q.value(1).toString().toStdString()) : std::nullopt;
    if (!r2 || r2->size() != cdos::auth::kRandomSize || !rc || rc->size() != cdos::auth::kCardRandomSize)
        throw refuse(QStringLiteral("this session predates signed grants; authenticate again"));
    const cdos::Bytes number = *cdos::fromHex(card.toStdString());
    const std::unique_ptr<cdos::DesKey> cak = m_keys.cardKey("CARD_AUTH", cdos::asnOf(number));
    const std::unique_ptr<cdos::DesKey> sk = cdos::auth::sessionKey(*cdos::auth::processKey(*cak, *r2), *rc);
    const cdos::Bytes expected =
        cdos::auth::grantMac(*sk, number, static_cast<std::uint8_t>(user), static_cast<std::uint8_t>(entry),
                             static_cast<std::uint32_t>(permission));
    if (!cdos::constantTimeEqual(expected, *mac))
        throw refuse(QStringLiteral("the permission grant was not signed by this session's card"));
    return static_cast<int>(user);
}

QString AuthService::enrol(const cdos::Bytes& cardNumber, const cdos::HolderData& holder) {
    if (cardNumber.size() != 10 || holder.userNumber.empty() || holder.account.empty() || holder.name.empty())
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("enrolment needs a 10-byte card number and userNumber, account and name"));
    // Issue 11: a NUL or other control character in a name, and an account like "1", were accepted.
    const auto hasControl = [](const std::string& s) {
        return std::any_of(s.begin(), s.end(), [](unsigned char ch) { return ch < 0x20 || ch == 0x7F; });
    };
    if (hasControl(holder.userNumber) || hasControl(holder.account) || hasControl(holder.name))
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("userNumber, account and name must not hold control characters"));
    const bool accountShaped =
        holder.account.size() >= 6 && holder.account.size() <= 34 &&
        std::all_of(holder.account.begin(), holder.account.end(), [](unsigned char ch) { return std::isalnum(ch); });
    if (!accountShaped)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("account must be 6 to 34 letters and digits (a bank account number)"));
    DbTransaction tx(m_db);
    const QString user = QString::fromStdString(holder.userNumber);
    const QString account = QString::fromStdString(holder.account);
    const QString name = QString::fromStdString(holder.name);
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id FROM subscribers WHERE user_number = ?"), {user}, "enrol");
    qint64 subscriber = 0;
    if (q.next()) {
        subscriber = q.value(0).toLongLong();
        m_db.exec(QStringLiteral("UPDATE subscribers SET account = ?, name = ? WHERE id = ?"),
                  {account, name, subscriber}, "enrol");
    } else {
        m_db.exec(QStringLiteral("INSERT INTO subscribers (user_number, account, name, created_at) VALUES (?,?,?,?)"),
                  {user, account, name, nowText()}, "enrol");
        QSqlQuery id = m_db.exec(QStringLiteral("SELECT id FROM subscribers WHERE user_number = ?"), {user}, "enrol");
        id.next();
        subscriber = id.value(0).toLongLong();
    }
    const QString number = hex(cardNumber);
    QSqlQuery c = m_db.exec(QStringLiteral("SELECT 1 FROM cards WHERE card_number = ?"), {number}, "enrol");
    if (c.next())
        m_db.exec(QStringLiteral("UPDATE cards SET subscriber_id = ? WHERE card_number = ?"), {subscriber, number},
                  "enrol");
    else
        m_db.exec(QStringLiteral("INSERT INTO cards (card_number, subscriber_id, status, enrolled_at) VALUES "
                                 "(?,?,'active',?)"),
                  {number, subscriber, nowText()}, "enrol");
    tx.commit();
    return QStringLiteral("card %1 enrolled for subscriber %2").arg(number, user);
}

cdos::HolderData AuthService::holderFromJson(const QJsonObject& h) {
    return {stringField(h, api::key::userNumber, 64).toStdString(), stringField(h, api::key::account, 64).toStdString(),
            stringField(h, api::key::name, 64).toStdString()};
}

void AuthService::setCardBlocked(const QString& cardNumberHex, bool blocked) {
    QSqlQuery q = m_db.exec(QStringLiteral("UPDATE cards SET status = ? WHERE card_number = ?"),
                            {blocked ? api::cardStatus::blocked : api::cardStatus::active, cardNumberHex.toUpper()},
                            "card status");
    if (q.numRowsAffected() != 1)
        throw ApiError(Status::NotFound, Refusal::UnknownCard,
                       QStringLiteral("card %1 is not enrolled").arg(cardNumberHex));
}

} // namespace carddesk::headend
