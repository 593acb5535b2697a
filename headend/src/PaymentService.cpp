#include "PaymentService.h"
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
    QString card, terminal, random, date, time, status, tac;
    qint64 amount = 0, serial = 0;
    int counter = 0;
};

PurchaseRow loadPurchase(HeadendDatabase& db, qint64 id) {
    QSqlQuery q = db.exec(QStringLiteral("SELECT id, card_number, terminal_id, card_random, tx_date, tx_time, status,"
                                         " tac, amount, terminal_serial, offline_counter FROM purchases WHERE id = ?"),
                          {id}, "purchase lookup");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::UnknownPurchase, QStringLiteral("no purchase %1").arg(id));
    return PurchaseRow{q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toString(), q.value(3).toString(),
                       q.value(4).toString(),   q.value(5).toString(),   q.value(6).toString(), q.value(7).toString(),
                       q.value(8).toLongLong(), q.value(9).toLongLong(), q.value(10).toInt()};
}

// The purchase session key from what the card and the headend exchanged (random and counters are public).
std::unique_ptr<cdos::DesKey> sessionKey(const cdos::IssuerKeys& keys, const PurchaseRow& p) {
    const std::unique_ptr<cdos::DesKey> sub = keys.cardKey("PURCHASE", cdos::asnOf(bytesOf(p.card)));
    return cdos::ep::purchaseSessionKey(*sub, bytesOf(p.random), static_cast<std::uint16_t>(p.counter),
                                        static_cast<std::uint32_t>(p.serial));
}

} // namespace

api::PurchaseAnswer PaymentService::purchaseAnswer(qint64 id) {
    const PurchaseRow p = loadPurchase(m_db, id);
    const std::unique_ptr<cdos::DesKey> session = sessionKey(m_keys, p);
    const cdos::Bytes mac1 = cdos::ep::purchaseMac1(*session, static_cast<std::uint32_t>(p.amount), kPurchaseType,
                                                    arrayOf<6>(p.terminal), arrayOf<4>(p.date), arrayOf<3>(p.time));
    return {p.id, p.serial, p.date, p.time, mac1, p.status};
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
    QSqlQuery existing = m_db.exec(QStringLiteral("SELECT id, card_number FROM purchases WHERE request_id = ?"),
                                   {requestId}, "purchase lookup");
    if (existing.next()) {
        if (existing.value(1).toString() != card)
            throw ApiError(Status::Conflict, Refusal::RequestIdReused,
                           QStringLiteral("requestId was used by another card"));
        return purchaseAnswer(existing.value(0).toLongLong());
    }
    if (amount == 0 || keyIndex != 1)
        throw ApiError(Status::UnprocessableEntity, Refusal::BadField,
                       QStringLiteral("amount must be > 0 and keyIndex 1"));
    if (init->balance + init->overdraftLimit < amount)
        throw ApiError(Status::UnprocessableEntity, Refusal::InsufficientBalance,
                       QStringLiteral("the purse holds %1, the purchase is %2").arg(init->balance).arg(amount));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString date = now.toString(QStringLiteral("yyyyMMdd")), time = now.toString(QStringLiteral("HHmmss"));
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
    return purchaseAnswer(purchaseId);
}

api::PurchaseCompletionAnswer PaymentService::completePurchase(const QString& card, qint64 purchaseId,
                                                               const api::PurchaseCompletion& r) {
    const cdos::Bytes &mac2 = r.mac2, &tac = r.tac;
    const PurchaseRow p = loadPurchase(m_db, purchaseId);
    if (p.card != card)
        throw ApiError(Status::NotFound, Refusal::UnknownPurchase,
                       QStringLiteral("no purchase %1 for this card").arg(purchaseId));
    const api::PurchaseCompletionAnswer done{p.id, api::purchaseStatus::completed, p.amount};
    if (p.status == api::purchaseStatus::completed) {
        if (p.tac == hex(tac))
            return done; // the same completion again: recorded once
        throw ApiError(Status::Conflict, Refusal::AlreadyCompleted,
                       QStringLiteral("purchase %1 is already completed").arg(p.id));
    }
    const cdos::Bytes expectedMac2 =
        cdos::ep::purchaseMac2(*sessionKey(m_keys, p), static_cast<std::uint32_t>(p.amount));
    if (!cdos::constantTimeEqual(expectedMac2, mac2))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadMac2, QStringLiteral("MAC2 does not verify"));
    const std::unique_ptr<cdos::DesKey> tacSub = m_keys.cardKey("TAC", cdos::asnOf(bytesOf(p.card)));
    const cdos::Bytes expectedTac = cdos::ep::purchaseTac(
        *cdos::ep::tacKey(*tacSub), static_cast<std::uint32_t>(p.amount), kPurchaseType, arrayOf<6>(p.terminal),
        static_cast<std::uint32_t>(p.serial), arrayOf<4>(p.date), arrayOf<3>(p.time));
    if (!cdos::constantTimeEqual(expectedTac, tac))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadTac, QStringLiteral("TAC does not verify"));
    DbTransaction tx(m_db);
    QSqlQuery u = m_db.exec(QStringLiteral("UPDATE purchases SET status = 'completed', tac = ?, completed_at = ? WHERE"
                                           " id = ? AND status = 'pending'"),
                            {hex(tac), nowText(), p.id}, "purchase");
    if (u.numRowsAffected() != 1) {
        // Another worker completed it meanwhile: the same completion sent twice at once is answered as once.
        tx.commit();
        if (loadPurchase(m_db, purchaseId).tac == hex(tac))
            return done;
        throw ApiError(Status::Conflict, Refusal::AlreadyCompleted,
                       QStringLiteral("purchase %1 is already completed").arg(p.id));
    }
    // Purse liability goes down (debit), operator revenue up (credit).
    m_db.exec(QStringLiteral("INSERT INTO ledger_entries (tx_kind, tx_id, account, amount, created_at) VALUES"
                             " ('purchase', ?, ?, ?, ?), ('purchase', ?, 'operator:revenue', ?, ?)"),
              {p.id, QStringLiteral("purse:") + p.card, p.amount, nowText(), p.id, -p.amount, nowText()}, "ledger");
    tx.commit();
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

QJsonArray PaymentService::cardHistory(const QString& card) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, amount, terminal_id, terminal_serial, offline_counter, tx_date,"
                                           " tx_time, status, tac, balance_before, v.title_id, v.title FROM purchases"
                                           " LEFT JOIN vod_purchases v ON v.purchase_id = purchases.id"
                                           " WHERE card_number = ? ORDER BY id"),
                            {card}, "history");
    QJsonArray out;
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
        out.append(o);
    }
    return out;
}

QStringList PaymentService::subscriberCards(const QString& userNumber) {
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

QJsonObject PaymentService::ledgerBalances() {
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT account, SUM(amount) FROM ledger_entries GROUP BY account"), {}, "ledger");
    QJsonObject out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

} // namespace carddesk::headend
