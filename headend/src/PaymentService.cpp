#include "PaymentService.h"

#include "CrashPoint.h"
#include "carddesk/headendapi/TransactionStatus.h"

#include "JsonApi.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QDateTime>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;

namespace {

constexpr std::uint8_t kPurchaseType = static_cast<std::uint8_t>(cdos::ep::TxType::EpPurchase);

struct PurchaseRow {
    qint64 id = 0;
    QString card, terminal, random, date, time, status, tac, requestId;
    qint64 amount = 0, serial = 0;
    int counter = 0;
};

std::optional<PurchaseRow> findPurchase(HeadendDatabase& db, const QString& where, const QVariant& key) {
    QSqlQuery q = db.prepared(QStringLiteral("SELECT id, card_number, terminal_id, card_random, tx_date, tx_time,"
                                             " status, tac, amount, terminal_serial, offline_counter, request_id"
                                             " FROM purchases WHERE ") +
                                  where + QStringLiteral(" = ?"),
                              {key}, "purchase lookup");
    if (!q.next())
        return std::nullopt;
    return PurchaseRow{q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toString(),   q.value(3).toString(),
                       q.value(4).toString(),   q.value(5).toString(),   q.value(6).toString(),   q.value(7).toString(),
                       q.value(11).toString(),  q.value(8).toLongLong(), q.value(9).toLongLong(), q.value(10).toInt()};
}

PurchaseRow loadPurchase(HeadendDatabase& db, qint64 id) {
    auto p = findPurchase(db, QStringLiteral("id"), id);
    if (!p)
        throw ApiError(Status::NotFound, Refusal::UnknownPurchase, QStringLiteral("no purchase %1").arg(id));
    return *p;
}

// PostgreSQL: a new purchase in one statement, one round trip (the statement kept prepared) and one commit that
// does not wait for the WAL flush. The pending row needs no durability: if a database crash loses it, the card's
// MAC2 and TAC over the purchase as begun, which the completion carries, record it then (completePurchase), and
// the completion's own commit is durable. Its id is its terminal serial. An existing request id inserts nothing.
const QString kInsertPendingPg = QStringLiteral(
    "WITH n AS (SELECT nextval('purchases_id_seq') AS id) INSERT INTO purchases (id, request_id, card_number, amount,"
    " terminal_id, key_index, balance_before, offline_counter, card_random, terminal_serial, tx_date, tx_time,"
    " status, created_at) VALUES ((SELECT id FROM n), ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM n), ?, ?, 'pending',"
    " ?) ON CONFLICT (card_number, request_id) DO NOTHING RETURNING id, set_config('synchronous_commit', 'off', true)");

// PostgreSQL: the completion and both ledger legs in one statement, one durable commit; no row when the purchase
// was not pending (completed meanwhile by the same completion sent twice).
const QString kCompletePg = QStringLiteral(
    "WITH u AS (UPDATE purchases SET status = 'completed', tac = ?, completed_at = ? WHERE id = ? AND"
    " status = 'pending' RETURNING id, card_number, amount, completed_at) INSERT INTO ledger_entries (card_number,"
    " tx_kind, tx_id, account, amount, created_at) SELECT card_number, 'purchase', id, 'purse:' || card_number, amount,"
    " completed_at FROM u UNION ALL SELECT card_number, 'purchase', id, 'operator:revenue', -amount, completed_at FROM"
    " u");

// The purchase session key from what the card and the headend exchanged (random and counters are public).
std::unique_ptr<cdos::DesKey> sessionKey(const cdos::IssuerKeys& keys, const PurchaseRow& p) {
    const std::unique_ptr<cdos::DesKey> sub = keys.cardKey("PURCHASE", cdos::asnOf(bytesOf(p.card)));
    return cdos::ep::purchaseSessionKey(*sub, bytesOf(p.random), static_cast<std::uint16_t>(p.counter),
                                        static_cast<std::uint32_t>(p.serial));
}

cdos::Bytes mac1Of(const cdos::IssuerKeys& keys, const PurchaseRow& p) {
    const std::unique_ptr<cdos::DesKey> session = sessionKey(keys, p);
    return cdos::ep::purchaseMac1(*session, static_cast<std::uint32_t>(p.amount), kPurchaseType, arrayOf<6>(p.terminal),
                                  arrayOf<4>(p.date), arrayOf<3>(p.time));
}

// The card's proof that it debited this purchase: MAC2 under the purchase session key (card random, offline
// counter, terminal serial) over the amount, and TAC over amount, terminal, serial, date and time.
void verifyDebit(const cdos::IssuerKeys& keys, const PurchaseRow& p, const cdos::Bytes& mac2, const cdos::Bytes& tac) {
    const cdos::Bytes expectedMac2 = cdos::ep::purchaseMac2(*sessionKey(keys, p), static_cast<std::uint32_t>(p.amount));
    if (!cdos::constantTimeEqual(expectedMac2, mac2))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadMac2, QStringLiteral("MAC2 does not verify"));
    const std::unique_ptr<cdos::DesKey> tacSub = keys.cardKey("TAC", cdos::asnOf(bytesOf(p.card)));
    const cdos::Bytes expectedTac = cdos::ep::purchaseTac(
        *cdos::ep::tacKey(*tacSub), static_cast<std::uint32_t>(p.amount), kPurchaseType, arrayOf<6>(p.terminal),
        static_cast<std::uint32_t>(p.serial), arrayOf<4>(p.date), arrayOf<3>(p.time));
    if (!cdos::constantTimeEqual(expectedTac, tac))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadTac, QStringLiteral("TAC does not verify"));
}

// A purchase the card debited whose pending row the headend no longer has (a database crash lost it before its
// WAL reached the disk): recorded completed from the purchase as begun, which the card's MAC2 and TAC vouch for,
// with the serial the card used. The card's offline counter moves at every debit, so one completed purchase per
// card and counter: the same debit is never recorded twice, whatever request id it comes with.
api::PurchaseCompletionAnswer recordLost(HeadendDatabase& db, const cdos::IssuerKeys& keys, const QString& card,
                                         const api::PurchaseCompletion& r) {
    const api::PurchaseRequest& b = *r.begun;
    const auto init = cdos::ep::InitPurchaseResponse::decode(b.initResponse);
    if (!init)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("initResponse is not an INITIALIZE FOR PURCHASE answer"));
    if (bytesOf(r.date).size() != 4 || bytesOf(r.time).size() != 3 || b.keyIndex != 1 || b.amount == 0)
        throw ApiError(Status::UnprocessableEntity, Refusal::BadField,
                       QStringLiteral("the purchase as begun needs keyIndex 1, an amount, date YYYYMMDD and time "
                                      "hhmmss"));
    const PurchaseRow p{0,  card, hex(b.terminalId), hex(init->random), r.date,           r.time,
                        {}, {},   b.requestId,       b.amount,          r.terminalSerial, int(init->offlineCounter)};
    verifyDebit(keys, p, r.mac2, r.tac);
    DbTransaction tx(db);
    QSqlQuery same = db.exec(QStringLiteral("SELECT id, tac, amount FROM purchases WHERE card_number = ? AND"
                                            " offline_counter = ? AND status = 'completed'"),
                             {card, p.counter}, "purchase");
    if (same.next()) {
        if (cdos::constantTimeEqual(bytesOf(same.value(1).toString()), r.tac))
            return {same.value(0).toLongLong(), api::purchaseStatus::completed, same.value(2).toLongLong()};
        throw ApiError(Status::Conflict, Refusal::AlreadyCompleted,
                       QStringLiteral("the card's purchase %1 is already recorded").arg(same.value(0).toLongLong()));
    }
    const QString now = nowText();
    db.exec(QStringLiteral("INSERT INTO purchases (request_id, card_number, amount, terminal_id, key_index,"
                           " balance_before, offline_counter, card_random, terminal_serial, tx_date, tx_time, status,"
                           " tac, created_at, completed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,'completed',?,?,?)"),
            {b.requestId, card, b.amount, p.terminal, b.keyIndex, qint64(init->balance), p.counter, p.random, p.serial,
             p.date, p.time, hex(r.tac), now, now},
            "purchase");
    QSqlQuery id = db.exec(QStringLiteral("SELECT id FROM purchases WHERE card_number = ? AND request_id = ?"),
                           {card, b.requestId}, "purchase");
    id.next();
    const qint64 purchaseId = id.value(0).toLongLong();
    db.exec(QStringLiteral("INSERT INTO ledger_entries (card_number, tx_kind, tx_id, account, amount, created_at)"
                           " VALUES (?, 'purchase', ?, ?, ?, ?), (?, 'purchase', ?, 'operator:revenue', ?, ?)"),
            {card, purchaseId, QStringLiteral("purse:") + card, b.amount, now, card, purchaseId, -b.amount, now},
            "ledger");
    tx.commit();
    qWarning("purchase %lld recorded from its completion: its pending row was lost", purchaseId);
    return {purchaseId, api::purchaseStatus::completed, b.amount};
}

} // namespace

api::PurchaseAnswer PaymentService::purchaseAnswer(qint64 id) {
    const PurchaseRow p = loadPurchase(m_db, id);
    return {p.id, p.serial, p.date, p.time, mac1Of(m_keys, p), p.status};
}

api::PurchaseAnswer PaymentService::beginPurchase(const QString& card, const api::PurchaseRequest& r,
                                                  const std::function<void(qint64)>& recordItem) {
    const QString& requestId = r.requestId;
    const qint64 amount = r.amount, keyIndex = r.keyIndex;
    const cdos::Bytes& terminal = r.terminalId;
    const auto init = cdos::ep::InitPurchaseResponse::decode(r.initResponse);
    if (!init)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("initResponse is not an INITIALIZE FOR PURCHASE answer"));
    // The same requestId again answers the same purchase. PostgreSQL looks for it only when the insert finds the
    // id taken (or the request is refused: a repeated request is answered, as it always was, before any check).
    const bool onePass = !m_db.isSqlite() && !recordItem;
    const auto repeated = [&]() -> std::optional<api::PurchaseAnswer> {
        QSqlQuery existing = m_db.prepared(QStringLiteral("SELECT id, card_number FROM purchases WHERE request_id = ?"),
                                           {requestId}, "purchase lookup");
        if (!existing.next())
            return std::nullopt;
        if (existing.value(1).toString() != card)
            throw ApiError(Status::Conflict, Refusal::RequestIdReused,
                           QStringLiteral("requestId was used by another card"));
        return purchaseAnswer(existing.value(0).toLongLong());
    };
    const auto refuse = [&](ApiError e) -> api::PurchaseAnswer {
        if (onePass)
            if (auto a = repeated())
                return *a;
        throw e;
    };
    if (!onePass)
        if (auto a = repeated())
            return *a;
    if (amount == 0 || keyIndex != 1)
        return refuse(ApiError(Status::UnprocessableEntity, Refusal::BadField,
                               QStringLiteral("amount must be > 0 and keyIndex 1")));
    if (init->balance + init->overdraftLimit < amount)
        return refuse(
            ApiError(Status::UnprocessableEntity, Refusal::InsufficientBalance,
                     QStringLiteral("the purse holds %1, the purchase is %2").arg(init->balance).arg(amount)));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString date = now.toString(QStringLiteral("yyyyMMdd")), time = now.toString(QStringLiteral("HHmmss"));
    if (onePass) {
        QSqlQuery q = m_db.prepared(kInsertPendingPg,
                                    {requestId, card, amount, hex(terminal), keyIndex, qint64(init->balance),
                                     int(init->offlineCounter), hex(init->random), date, time, nowText()},
                                    "purchase");
        if (!q.next()) { // the request id is taken: a repeated request
            if (auto a = repeated())
                return *a;
            throw DatabaseError("purchase: the request id is taken but not found");
        }
        const qint64 id = q.value(0).toLongLong();
        crashPoint(crash::purchaseRecorded);
        const PurchaseRow p{id,
                            card,
                            hex(terminal),
                            hex(init->random),
                            date,
                            time,
                            api::purchaseStatus::pending,
                            {},
                            requestId,
                            amount,
                            id,
                            int(init->offlineCounter)};
        return {id, id, date, time, mac1Of(m_keys, p), p.status};
    }
    DbTransaction tx(m_db);
    m_db.exec(QStringLiteral("INSERT INTO purchases (request_id, card_number, amount, terminal_id, key_index,"
                             " balance_before, offline_counter, card_random, terminal_serial, tx_date, tx_time, status,"
                             " created_at) VALUES (?,?,?,?,?,?,?,?,0,?,?,'pending',?)"),
              {requestId, card, amount, hex(terminal), keyIndex, qint64(init->balance), int(init->offlineCounter),
               hex(init->random), date, time, nowText()},
              "purchase");
    QSqlQuery id = m_db.exec(QStringLiteral("SELECT id FROM purchases WHERE request_id = ?"), {requestId}, "purchase");
    id.next();
    const qint64 purchaseId = id.value(0).toLongLong();
    // The terminal transaction serial is the purchase's own id: unique and never reused.
    m_db.exec(QStringLiteral("UPDATE purchases SET terminal_serial = id WHERE id = ?"), {purchaseId}, "purchase");
    if (recordItem)
        recordItem(purchaseId);
    tx.commit();
    crashPoint(crash::purchaseRecorded);
    return purchaseAnswer(purchaseId);
}

api::PurchaseCompletionAnswer PaymentService::completePurchase(const QString& card, qint64 purchaseId,
                                                               const api::PurchaseCompletion& r) {
    const cdos::Bytes &mac2 = r.mac2, &tac = r.tac;
    std::optional<PurchaseRow> found = findPurchase(m_db, QStringLiteral("id"), purchaseId);
    // With the purchase as begun: the row of its request id. Without a row, its pending row was lost (and its id
    // may since have gone to another purchase): the card's proofs record it.
    if (r.begun && (!found || found->requestId != r.begun->requestId)) {
        found = findPurchase(m_db, QStringLiteral("request_id"), r.begun->requestId);
        if (!found)
            return recordLost(m_db, m_keys, card, r);
    }
    if (!found || found->card != card)
        throw ApiError(Status::NotFound, Refusal::UnknownPurchase,
                       QStringLiteral("no purchase %1 for this card").arg(purchaseId));
    const PurchaseRow& p = *found;
    const api::PurchaseCompletionAnswer done{p.id, api::purchaseStatus::completed, p.amount};
    if (p.status == api::purchaseStatus::completed) {
        if (cdos::constantTimeEqual(bytesOf(p.tac), tac))
            return done; // the same completion again: recorded once
        throw ApiError(Status::Conflict, Refusal::AlreadyCompleted,
                       QStringLiteral("purchase %1 is already completed").arg(p.id));
    }
    verifyDebit(m_keys, p, mac2, tac);
    crashPoint(crash::purchaseVerified);
    const auto completedMeanwhile = [&] {
        // Another worker completed it meanwhile: the same completion sent twice at once is answered as once.
        if (cdos::constantTimeEqual(bytesOf(loadPurchase(m_db, p.id).tac), tac))
            return done;
        throw ApiError(Status::Conflict, Refusal::AlreadyCompleted,
                       QStringLiteral("purchase %1 is already completed").arg(p.id));
    };
    if (!m_db.isSqlite()) {
        // Purse liability goes down (debit), operator revenue up (credit): one statement, one durable commit.
        QSqlQuery u = m_db.prepared(kCompletePg, {hex(tac), nowText(), p.id}, "purchase");
        crashPoint(crash::purchaseCompleted);
        return u.numRowsAffected() == 2 ? done : completedMeanwhile();
    }
    DbTransaction tx(m_db);
    QSqlQuery u = m_db.exec(QStringLiteral("UPDATE purchases SET status = 'completed', tac = ?, completed_at = ? WHERE"
                                           " id = ? AND status = 'pending'"),
                            {hex(tac), nowText(), p.id}, "purchase");
    if (u.numRowsAffected() != 1) {
        tx.commit();
        return completedMeanwhile();
    }
    // Purse liability goes down (debit), operator revenue up (credit).
    m_db.exec(
        QStringLiteral("INSERT INTO ledger_entries (card_number, tx_kind, tx_id, account, amount, created_at)"
                       " VALUES (?, 'purchase', ?, ?, ?, ?), (?, 'purchase', ?, 'operator:revenue', ?, ?)"),
        {p.card, p.id, QStringLiteral("purse:") + p.card, p.amount, nowText(), p.card, p.id, -p.amount, nowText()},
        "ledger");
    tx.commit();
    crashPoint(crash::purchaseCompleted);
    return done;
}

QString PaymentService::vodRightMac(const QString& card, qint64 purchaseId, std::uint16_t programme,
                                    std::uint32_t price, std::uint16_t validDays) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT offline_counter FROM purchases WHERE id = ? AND card_number = ?"),
                            {purchaseId, card}, "vod right");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::UnknownPurchase,
                       QStringLiteral("no purchase %1 for this card").arg(purchaseId));
    const cdos::Bytes number = bytesOf(card);
    const std::unique_ptr<cdos::DesKey> sub = m_keys.cardKey("PURCHASE", cdos::asnOf(number));
    return hex(cdos::ca::vodRightMac(*sub, number, programme, price, validDays,
                                     static_cast<std::uint16_t>(q.value(0).toInt())));
}

QJsonObject PaymentService::ledgerBalances() {
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT account, SUM(amount) FROM ledger_entries GROUP BY account"), {}, "ledger");
    QJsonObject out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

} // namespace carddesk::headend
