#include "HistoryService.h"

#include "HeadendServer.h"
#include "JsonApi.h"
#include "carddesk/headendapi/Headers.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"

#include <QRegularExpression>
#include <QUrlQuery>

#include <vector>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

struct Entry {
    QString createdAt;
    bool purchase = false;
    qint64 id = 0;
    QJsonObject json;
};

// Newest first; the same time: purchases before loads, then the higher id. Any total order merges correctly (the
// cursor follows each stream by its id), this one reads as the card's own log does.
bool before(const Entry& a, const Entry& b) {
    if (a.createdAt != b.createdAt)
        return a.createdAt > b.createdAt;
    if (a.purchase != b.purchase)
        return a.purchase;
    return a.id > b.id;
}

ApiError badCursor() {
    return ApiError(Status::BadRequest, Refusal::BadField,
                    QStringLiteral("after is not a cursor of this history (give the X-Next-Cursor of the previous "
                                   "page, or nothing for the first)"));
}

qint64 idOf(const QString& text) {
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0)
        throw badCursor();
    return v;
}

void checkCardNumber(const QString& card) {
    const auto number = cdos::fromHex(card.toStdString());
    if (!number || number->size() != 10)
        throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("the card number must be 20 hex digits"));
}

struct Query {
    QString after;
    int limit = HistoryService::kDefaultPage;
};

// ?after=<cursor>&limit=N, checked before any database work.
Query pagingOf(const QHttpServerRequest& r) {
    const QUrlQuery q(r.url());
    Query out;
    if (q.hasQueryItem(api::query::limit)) {
        bool ok = false;
        const int n = q.queryItemValue(api::query::limit).toInt(&ok);
        if (!ok || n < 1 || n > HistoryService::kMaxPage)
            throw ApiError(Status::BadRequest, Refusal::BadField,
                           QStringLiteral("limit must be a number from 1 to %1").arg(HistoryService::kMaxPage));
        out.limit = n;
    }
    out.after = q.queryItemValue(api::query::after, QUrl::FullyDecoded);
    if (out.after.size() > 80)
        throw badCursor();
    return out;
}

QHttpServerResponse withCursor(QHttpServerResponse response, const QString& next) {
    if (!next.isEmpty())
        response.setHeader(api::header::nextCursor, next.toLatin1());
    return response;
}

} // namespace

HistoryService::Page HistoryService::page(const QString& card, Bounds from, int limit) {
    std::vector<Entry> purchases, loads;
    // Each stream by the primary key (card_number, id), newest id first, one row more than the page to know
    // whether another page follows.
    const QString below = QStringLiteral(" AND p.id < ?");
    QVariantList binds{card};
    if (from.purchase > 0)
        binds << from.purchase;
    binds << limit + 1;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT p.id, p.amount, p.terminal_id, p.terminal_serial, p.offline_counter,"
                                           " p.tx_date, p.tx_time, p.status, p.tac, p.balance_before, v.title_id,"
                                           " v.title, p.created_at FROM purchases p LEFT JOIN vod_purchases v ON"
                                           " v.card_number = p.card_number AND v.purchase_id = p.id"
                                           " WHERE p.card_number = ?%1 ORDER BY p.id DESC LIMIT ?")
                                .arg(from.purchase > 0 ? below : QString()),
                            binds, "history");
    while (q.next()) {
        QJsonObject o{{api::key::kind, QStringLiteral("purchase")},
                      {api::key::id, q.value(0).toLongLong()},
                      {api::key::cardNumber, card},
                      {api::key::amount, q.value(1).toLongLong()},
                      {api::key::terminalId, q.value(2).toString()},
                      {api::key::terminalSerial, q.value(3).toLongLong()},
                      {api::key::counter, q.value(4).toInt()},
                      {api::key::date, q.value(5).toString()},
                      {api::key::time, q.value(6).toString()},
                      {api::key::status, q.value(7).toString()},
                      {api::key::tac, q.value(8).toString()},
                      {api::key::balanceBefore, q.value(9).toLongLong()}};
        if (!q.isNull(10)) { // a VOD purchase (VodService): the title it bought
            o.insert(api::key::titleId, q.value(10).toLongLong());
            o.insert(api::key::title, q.value(11).toString());
        }
        purchases.push_back({q.value(12).toString(), true, q.value(0).toLongLong(), o});
    }
    binds = {card};
    if (from.load > 0)
        binds << from.load;
    binds << limit + 1;
    q = m_db.exec(QStringLiteral("SELECT id, amount, terminal_id, online_counter, tx_date, tx_time, status, tac,"
                                 " balance_before, created_at FROM loads WHERE card_number = ?%1"
                                 " ORDER BY id DESC LIMIT ?")
                      .arg(from.load > 0 ? QStringLiteral(" AND id < ?") : QString()),
                  binds, "history");
    while (q.next())
        loads.push_back({q.value(9).toString(), false, q.value(0).toLongLong(),
                         QJsonObject{{api::key::kind, QStringLiteral("load")},
                                     {api::key::id, q.value(0).toLongLong()},
                                     {api::key::cardNumber, card},
                                     {api::key::amount, q.value(1).toLongLong()},
                                     {api::key::terminalId, q.value(2).toString()},
                                     {api::key::counter, q.value(3).toInt()},
                                     {api::key::date, q.value(4).toString()},
                                     {api::key::time, q.value(5).toString()},
                                     {api::key::status, q.value(6).toString()},
                                     {api::key::tac, q.value(7).toString()},
                                     {api::key::balanceBefore, q.value(8).toLongLong()}}});
    // Merging by the heads takes a prefix of each stream: the cursor is where each prefix ends.
    Page out;
    std::size_t p = 0, l = 0;
    while (out.records.size() < limit && (p < purchases.size() || l < loads.size())) {
        const bool takePurchase = l >= loads.size() || (p < purchases.size() && before(purchases[p], loads[l]));
        const Entry& e = takePurchase ? purchases[p++] : loads[l++];
        (takePurchase ? from.purchase : from.load) = e.id;
        out.records.append(e.json);
    }
    if (p < purchases.size() || l < loads.size())
        out.next = QStringLiteral("%1.%2").arg(from.purchase).arg(from.load);
    return out;
}

HistoryService::Page HistoryService::cardPage(const QString& card, const QString& after, int limit) {
    Bounds from;
    if (!after.isEmpty()) {
        static const QRegularExpression cursor(QStringLiteral("^(\\d{1,18})\\.(\\d{1,18})$"));
        const auto m = cursor.match(after);
        if (!m.hasMatch())
            throw badCursor();
        from = {idOf(m.captured(1)), idOf(m.captured(2))};
    }
    return page(card, from, limit);
}

QStringList HistoryService::subscriberCards(const QString& userNumber) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT c.card_number FROM cards c JOIN subscribers s ON s.id ="
                                           " c.subscriber_id WHERE s.user_number = ? ORDER BY c.card_number"),
                            {userNumber}, "history");
    QStringList cards;
    while (q.next())
        cards << q.value(0).toString();
    if (cards.isEmpty())
        throw ApiError(Status::NotFound, Refusal::UnknownSubscriber,
                       QStringLiteral("no subscriber %1").arg(userNumber));
    return cards;
}

HistoryService::Page HistoryService::subscriberPage(const QString& userNumber, const QString& after, int limit) {
    const QStringList cards = subscriberCards(userNumber);
    qsizetype at = 0;
    Bounds from;
    if (!after.isEmpty()) {
        // <card>.<purchase>.<load>: the card being read and where its streams stopped.
        static const QRegularExpression cursor(QStringLiteral("^([0-9A-F]{20})\\.(\\d{1,18})\\.(\\d{1,18})$"));
        const auto m = cursor.match(after);
        if (!m.hasMatch() || !cards.contains(m.captured(1)))
            throw badCursor();
        at = cards.indexOf(m.captured(1));
        from = {idOf(m.captured(2)), idOf(m.captured(3))};
    }
    Page out;
    out.cards = cards;
    for (; at < cards.size(); ++at) {
        const Page part = page(cards[at], from, limit - int(out.records.size()));
        for (const auto& v : part.records)
            out.records.append(v);
        if (!part.next.isEmpty()) {
            out.next = cards[at] + QLatin1Char('.') + part.next;
            return out;
        }
        if (out.records.size() >= limit) {
            if (at + 1 < cards.size())
                out.next = cards[at + 1] + QStringLiteral(".0.0");
            return out;
        }
        from = {}; // the next card from its newest record
    }
    return out;
}

void HistoryService::registerRoutes(HeadendServer& server) {
    server.http().route(
        api::path::cardTransactionsPattern, Method::Get,
        [this, &server](const QString& card, const QHttpServerRequest& r) {
            QString next;
            const auto read = [&] {
                // A malformed number is a mistake to say, not an empty history (issue 11).
                checkCardNumber(card);
                const Query paging = pagingOf(r);
                Page p = cardPage(card.toUpper(), paging.after, paging.limit);
                next = p.next;
                return p.records;
            };
            // An operator with the role support (the console's support view), audited ...
            if (OperatorGate::hasOperatorHeader(r))
                return withCursor(server.answerAs(r, Operation::ReadCardHistory,
                                                  [&](const Caller&, AuditNote& note) {
                                                      note.detail = QStringLiteral("card %1").arg(card.left(40));
                                                      checkCardNumber(card);
                                                      note.card = card.toUpper();
                                                      const QJsonArray records = read();
                                                      note.detail = QStringLiteral("%1 records").arg(records.size());
                                                      return records;
                                                  }),
                                  next);
            // ... or the card's own session.
            return withCursor(HeadendServer::answer(r,
                                                    [&]() -> QJsonValue {
                                                        checkCardNumber(card);
                                                        if (server.sessionCard(r) != card.toUpper())
                                                            throw ApiError(Status::Forbidden, Refusal::OtherCard,
                                                                           QStringLiteral("a session may only read its "
                                                                                          "own card's history"));
                                                        return read();
                                                    }),
                              next);
        });
    server.http().route(api::path::subscriberTransactionsPattern, Method::Get,
                        [this, &server](const QString& user, const QHttpServerRequest& r) {
                            QString next;
                            return withCursor(
                                server.answerAs(r, Operation::ReadSubscriberHistory,
                                                [&](const Caller&, AuditNote& note) {
                                                    note.detail = QStringLiteral("subscriber %1").arg(user.left(64));
                                                    const Query paging = pagingOf(r);
                                                    const Page p = subscriberPage(user, paging.after, paging.limit);
                                                    next = p.next;
                                                    note.detail =
                                                        QStringLiteral("subscriber %1: cards %2; %3 records")
                                                            .arg(user.left(64), p.cards.join(QStringLiteral(", ")))
                                                            .arg(p.records.size());
                                                    return p.records;
                                                }),
                                next);
                        });
}

} // namespace carddesk::headend
