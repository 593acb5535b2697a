#pragma once
// The transaction histories (issue 15): GET /v1/cards/{card}/transactions and /v1/subscribers/{user}/transactions,
// newest first, in pages. Keyset paging, never OFFSET: a page reads at most limit + 1 rows of each of the card's two
// streams (purchases, loads) by their primary key (card_number, id) below the cursor's ids, whatever the history's
// length, and merges them by time. The cursor names where each stream stopped, so no row shows twice or is missed
// however long the reader scrolls; rows recorded after the first page may show on a later one.
#include "HeadendDatabase.h"

#include <QJsonArray>
#include <QString>

namespace carddesk::headend {

class HeadendServer;

class HistoryService {
public:
    static constexpr int kDefaultPage = 100;
    static constexpr int kMaxPage = 1000;

    struct Page {
        QJsonArray records;
        QString next;      // the cursor of the following page; empty on the last
        QStringList cards; // a subscriber's page: every card of the subscriber (the audit names them)
    };

    explicit HistoryService(HeadendDatabase& db) : m_db(db) {}

    // Both routes; the cursor of the next page in the X-Next-Cursor header.
    void registerRoutes(HeadendServer& server);

    // after: a cursor of an earlier page, or empty for the first. ApiError 400 on a cursor this headend did not give.
    Page cardPage(const QString& cardNumberHex, const QString& after, int limit);
    // A subscriber's cards in card-number order, each card's history newest first. ApiError 404: no such subscriber.
    Page subscriberPage(const QString& userNumber, const QString& after, int limit);

private:
    struct Bounds {
        qint64 purchase = 0, load = 0; // exclusive upper ids of each stream; 0: from the newest
    };
    Page page(const QString& card, Bounds from, int limit);
    QStringList subscriberCards(const QString& userNumber);
    HeadendDatabase& m_db;
};

} // namespace carddesk::headend
