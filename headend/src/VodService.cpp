#include "VodService.h"

#include "HeadendServer.h"
#include "JsonApi.h"

#include <QJsonArray>

#include <cstdio>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

constexpr qint64 kMaxPrice = 0x7FFFFFFF; // the purse's amounts are 32-bit; a title never costs more
constexpr int kMaxValidDays = 3650;

void check(bool ok, const QString& message) {
    if (!ok)
        throw ApiError(Status::BadRequest, "bad_field", message);
}

QJsonObject titleJson(const QSqlQuery& q) {
    return {{QStringLiteral("id"), q.value(0).toLongLong()},    {QStringLiteral("title"), q.value(1).toString()},
            {QStringLiteral("price"), q.value(2).toLongLong()}, {QStringLiteral("programmeId"), q.value(3).toInt()},
            {QStringLiteral("validDays"), q.value(4).toInt()},  {QStringLiteral("active"), q.value(5).toInt() != 0}};
}

const QString kTitleColumns = QStringLiteral("id, title, price, programme_id, valid_days, active");

} // namespace

QJsonObject VodService::titleById(qint64 id) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT %1 FROM vod_titles WHERE id = ?").arg(kTitleColumns), {id}, "vod");
    if (!q.next())
        throw ApiError(Status::NotFound, "unknown_title", QStringLiteral("no VOD title %1").arg(id));
    return titleJson(q);
}

QJsonObject VodService::putTitle(const VodTitle& t) {
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
        titles.append(titleJson(q));
    return {{QStringLiteral("titles"), titles}};
}

QJsonObject VodService::beginPurchase(const QString& card, const QJsonObject& r) {
    const QJsonObject title = titleById(intField(r, "titleId", qint64(1) << 50));
    if (!title.value(QStringLiteral("active")).toBool())
        throw ApiError(
            Status::NotFound, "unknown_title",
            QStringLiteral("VOD title %1 is not on sale").arg(title.value(QStringLiteral("id")).toInteger()));
    const qint64 titleId = title.value(QStringLiteral("id")).toInteger();
    const qint64 price = title.value(QStringLiteral("price")).toInteger();
    // The catalogue's price, the title and its days are copied into the purchase's own row, inside the purchase's
    // transaction: a later catalogue change does not alter what was sold.
    QJsonObject answer = m_payments.beginPurchase(card, r, price, [&](qint64 purchaseId) {
        m_db.exec(QStringLiteral("INSERT INTO vod_purchases (purchase_id, title_id, title, programme_id, price,"
                                 " valid_days, created_at) VALUES (?,?,?,?,?,?,?)"),
                  {purchaseId, titleId, title.value(QStringLiteral("title")).toString(),
                   title.value(QStringLiteral("programmeId")).toInt(), price,
                   title.value(QStringLiteral("validDays")).toInt(), nowText()},
                  "vod purchase");
    });
    // A repeated requestId answers its first purchase: it must have been this title's.
    QSqlQuery sold = m_db.exec(QStringLiteral("SELECT title_id, title, programme_id, price, valid_days FROM"
                                              " vod_purchases WHERE purchase_id = ?"),
                               {answer.value(QStringLiteral("purchaseId")).toInteger()}, "vod purchase");
    if (!sold.next() || sold.value(0).toLongLong() != titleId)
        throw ApiError(Status::Conflict, "request_id_reused",
                       QStringLiteral("requestId was used for another purchase"));
    answer.insert(QStringLiteral("titleId"), titleId);
    answer.insert(QStringLiteral("title"), sold.value(1).toString());
    answer.insert(QStringLiteral("programmeId"), sold.value(2).toInt());
    answer.insert(QStringLiteral("amount"), sold.value(3).toLongLong());
    answer.insert(QStringLiteral("validDays"), sold.value(4).toInt());
    // What the card will open is what was sold: the card checks this MAC in OPEN VOD RIGHT.
    answer.insert(QStringLiteral("rightMac"),
                  m_payments.vodRightMac(card, answer.value(QStringLiteral("purchaseId")).toInteger(),
                                         static_cast<std::uint16_t>(sold.value(2).toInt()),
                                         static_cast<std::uint32_t>(sold.value(3).toLongLong()),
                                         static_cast<std::uint16_t>(sold.value(4).toInt())));
    return answer;
}

void VodService::registerRoutes(HeadendServer& server) {
    server.http().route(QStringLiteral("/v1/vod"), Method::Get, [this, &server](const QHttpServerRequest& r) {
        return HeadendServer::answer(r, [&] {
            server.sessionCard(r); // a live session, whichever card
            return catalogue();
        });
    });
    server.http().route(QStringLiteral("/v1/vod/purchases"), Method::Post,
                        [this, &server](const QHttpServerRequest& r) {
                            return HeadendServer::answer(r, [&] {
                                const QString card = server.sessionCard(r);
                                return beginPurchase(card, jsonBody(r));
                            });
                        });
    server.http().route(QStringLiteral("/v1/admin/vod"), Method::Post, [this, &server](const QHttpServerRequest& r) {
        return HeadendServer::answer(r, [&] {
            server.requireAdmin(r);
            const QJsonObject o = jsonBody(r);
            VodTitle t;
            t.title = stringField(o, "title", 64);
            t.price = intField(o, "price", kMaxPrice);
            t.programmeId = static_cast<int>(intField(o, "programmeId", 0xFFFF));
            t.validDays = static_cast<int>(intField(o, "validDays", kMaxValidDays));
            if (o.contains(QStringLiteral("active"))) {
                check(o.value(QStringLiteral("active")).isBool(), QStringLiteral("active must be true or false"));
                t.active = o.value(QStringLiteral("active")).toBool();
            }
            return putTitle(t);
        });
    });
}

void VodService::addOptions(QCommandLineParser& p) {
    p.addOptions(
        {{QStringLiteral("title"), QStringLiteral("vod-add: the title's name"), QStringLiteral("text")},
         {QStringLiteral("price"), QStringLiteral("vod-add: price in fen"), QStringLiteral("fen")},
         {QStringLiteral("programme-id"), QStringLiteral("vod-add: VOD programme id of its ECMs"), QStringLiteral("n")},
         {QStringLiteral("valid-days"), QStringLiteral("vod-add: days the right runs"), QStringLiteral("d")},
         {QStringLiteral("inactive"), QStringLiteral("vod-add: take the title off sale")}});
}

int VodService::runCommand(HeadendDatabase& db, const QCommandLineParser& p) {
    for (const char* needed : {"title", "price", "programme-id", "valid-days"})
        if (!p.isSet(QLatin1String(needed))) {
            std::fprintf(stderr, "carddesk-headend: vod-add needs --%s\n", needed);
            return 2;
        }
    bool ok1 = false, ok2 = false, ok3 = false;
    VodTitle t;
    t.title = p.value(QStringLiteral("title"));
    t.price = p.value(QStringLiteral("price")).toLongLong(&ok1);
    t.programmeId = p.value(QStringLiteral("programme-id")).toInt(&ok2, 0);
    t.validDays = p.value(QStringLiteral("valid-days")).toInt(&ok3);
    t.active = !p.isSet(QStringLiteral("inactive"));
    if (!ok1 || !ok2 || !ok3) {
        std::fprintf(stderr, "carddesk-headend: --price, --programme-id and --valid-days take numbers\n");
        return 2;
    }
    const cdos::KeyStore noKeys; // the catalogue needs no keys
    PaymentService payments(noKeys, db);
    VodService vod(db, payments);
    try {
        const QJsonObject o = vod.putTitle(t);
        std::printf("VOD title %lld: %s, %lld fen, programme %d, %d days%s\n",
                    static_cast<long long>(o.value(QStringLiteral("id")).toInteger()),
                    qPrintable(o.value(QStringLiteral("title")).toString()),
                    static_cast<long long>(o.value(QStringLiteral("price")).toInteger()),
                    o.value(QStringLiteral("programmeId")).toInt(), o.value(QStringLiteral("validDays")).toInt(),
                    t.active ? "" : " (off sale)");
    } catch (const ApiError& e) {
        std::fprintf(stderr, "carddesk-headend: %s\n", e.what());
        return 2;
    }
    return 0;
}

} // namespace carddesk::headend
