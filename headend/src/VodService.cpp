#include "VodService.h"

#include "HeadendServer.h"
#include "JsonApi.h"
#include "carddesk/headendapi/Paths.h"

#include <QJsonArray>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

constexpr qint64 kMaxPrice = 0x7FFFFFFF; // the purse's amounts are 32-bit; a title never costs more
constexpr int kMaxValidDays = 3650;
constexpr qint64 kMaxTitleId = qint64(1) << 50;

void check(bool ok, const QString& message) {
    if (!ok)
        throw ApiError(Status::BadRequest, Refusal::BadField, message);
}

VodTitle titleOf(const QSqlQuery& q) {
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
            q.value(3).toInt(),      q.value(4).toInt(),    q.value(5).toInt() != 0};
}

const QString kTitleColumns = QStringLiteral("id, title, price, programme_id, valid_days, active");

} // namespace

QJsonObject VodTitle::toJson() const {
    return {{api::key::id, id},
            {api::key::title, title},
            {api::key::price, price},
            {api::key::programmeId, programmeId},
            {api::key::validDays, validDays},
            {api::key::active, active}};
}

VodTitle VodService::titleById(qint64 id) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM vod_titles WHERE id = ?").arg(kTitleColumns), {id}, "vod");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::UnknownTitle, QStringLiteral("no VOD title %1").arg(id));
    return titleOf(q);
}

VodTitle VodService::putTitle(const VodTitle& t) {
    check(!t.title.trimmed().isEmpty() && t.title.size() <= 64, QStringLiteral("title must be 1 to 64 characters"));
    check(t.price > 0 && t.price <= kMaxPrice, QStringLiteral("price must be from 1 to %1 fen").arg(kMaxPrice));
    check(t.programmeId >= 1 && t.programmeId <= 0xFFFF, QStringLiteral("programmeId must be from 1 to 65535"));
    check(t.validDays >= 1 && t.validDays <= kMaxValidDays,
          QStringLiteral("validDays must be from 1 to %1").arg(kMaxValidDays));
    DbTransaction tx(m_db);
    QSqlQuery existing =
        m_db.exec(QStringLiteral("SELECT id FROM vod_titles WHERE programme_id = ?"), {t.programmeId}, "vod");
    qint64 id = 0;
    if (existing.next()) {
        // Purchases already made keep the title, price and days they were sold with (copied into vod_purchases).
        id = existing.value(0).toLongLong();
        m_db.exec(
            QStringLiteral("UPDATE vod_titles SET title = ?, price = ?, valid_days = ?, active = ?, updated_at = ?"
                           " WHERE id = ?"),
            {t.title.trimmed(), t.price, t.validDays, t.active ? 1 : 0, nowText(), id}, "vod");
    } else {
        m_db.exec(QStringLiteral("INSERT INTO vod_titles (title, price, programme_id, valid_days, active, created_at,"
                                 " updated_at) VALUES (?,?,?,?,?,?,?)"),
                  {t.title.trimmed(), t.price, t.programmeId, t.validDays, t.active ? 1 : 0, nowText(), nowText()},
                  "vod");
        QSqlQuery q =
            m_db.exec(QStringLiteral("SELECT id FROM vod_titles WHERE programme_id = ?"), {t.programmeId}, "vod");
        q.next();
        id = q.value(0).toLongLong();
    }
    tx.commit();
    return titleById(id);
}

QJsonObject VodService::catalogue() {
    QSqlQuery q = m_db.exec(
        QStringLiteral("SELECT %1 FROM vod_titles WHERE active = 1 ORDER BY title, id").arg(kTitleColumns), {}, "vod");
    QJsonArray titles;
    while (q.next())
        titles.append(titleOf(q).toJson());
    return {{api::key::titles, titles}};
}

api::VodPurchaseAnswer VodService::beginPurchase(const QString& card, const QJsonObject& body) {
    const VodTitle title = titleById(intField(body, api::key::titleId, kMaxTitleId));
    if (!title.active)
        throw ApiError(Status::NotFound, Refusal::UnknownTitle,
                       QStringLiteral("VOD title %1 is not on sale").arg(title.id));
    const auto request = parseBody<api::VodPurchaseRequest>(body);
    // The catalogue's price, the title and its days are copied into the purchase's own row, inside the purchase's
    // transaction: a later catalogue change does not alter what was sold.
    api::VodPurchaseAnswer answer;
    answer.purchase = m_payments.beginPurchase(card, request.priced(title.price), [&](qint64 purchaseId) {
        m_db.exec(QStringLiteral("INSERT INTO vod_purchases (purchase_id, card_number, title_id, title, programme_id,"
                                 " price, valid_days, created_at) VALUES (?,?,?,?,?,?,?,?)"),
                  {purchaseId, card, title.id, title.title, title.programmeId, title.price, title.validDays, nowText()},
                  "vod purchase");
    });
    // A repeated requestId answers its first purchase: it must have been this title's.
    QSqlQuery sold = m_db.exec(QStringLiteral("SELECT title_id, title, programme_id, price, valid_days FROM"
                                              " vod_purchases WHERE card_number = ? AND purchase_id = ?"),
                               {card, answer.purchase.purchaseId}, "vod purchase");
    if (!sold.next() || sold.value(0).toLongLong() != title.id)
        throw ApiError(Status::Conflict, Refusal::RequestIdReused,
                       QStringLiteral("requestId was used for another purchase"));
    answer.titleId = title.id;
    answer.title = sold.value(1).toString();
    answer.programmeId = sold.value(2).toInt();
    answer.amount = sold.value(3).toLongLong();
    answer.validDays = sold.value(4).toInt();
    // What the card will open is what was sold: the card checks this MAC in OPEN VOD RIGHT.
    answer.rightMac = bytesOf(m_payments.vodRightMac(
        card, answer.purchase.purchaseId, static_cast<std::uint16_t>(answer.programmeId),
        static_cast<std::uint32_t>(answer.amount), static_cast<std::uint16_t>(answer.validDays)));
    return answer;
}

void VodService::registerRoutes(HeadendServer& server) {
    server.http().route(api::path::vod, Method::Get, [this, &server](const QHttpServerRequest& r) {
        return HeadendServer::answer(r, [&] {
            server.sessionCard(r); // a live session, whichever card
            return catalogue();
        });
    });
    server.http().route(api::path::vodPurchases, Method::Post, [this, &server](const QHttpServerRequest& r) {
        return HeadendServer::answer(r, [&] {
            const QString card = server.sessionCard(r);
            return beginPurchase(card, jsonBody(r)).toJson();
        });
    });
    server.http().route(api::path::adminVod, Method::Post, [this, &server](const QHttpServerRequest& r) {
        return server.answerAs(r, Operation::PutVodTitle, [&](const Caller&, AuditNote& note) {
            const QJsonObject o = jsonBody(r);
            VodTitle t;
            t.title = stringField(o, api::key::title, 64);
            t.price = intField(o, api::key::price, kMaxPrice);
            t.programmeId = static_cast<int>(intField(o, api::key::programmeId, 0xFFFF));
            t.validDays = static_cast<int>(intField(o, api::key::validDays, kMaxValidDays));
            if (o.contains(api::key::active)) {
                check(o.value(api::key::active).isBool(), QStringLiteral("active must be true or false"));
                t.active = o.value(api::key::active).toBool();
            }
            note.detail = QStringLiteral("programme %1: %2, %3 fen, %4 days%5")
                              .arg(t.programmeId)
                              .arg(t.title)
                              .arg(t.price)
                              .arg(t.validDays)
                              .arg(t.active ? QString() : QStringLiteral(", inactive"));
            return putTitle(t).toJson();
        });
    });
}

} // namespace carddesk::headend
