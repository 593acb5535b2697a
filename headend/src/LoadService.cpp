#include "LoadService.h"

#include "CrashPoint.h"
#include "carddesk/headendapi/TransactionStatus.h"

#include "JsonApi.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QDateTime>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;

namespace {

constexpr std::uint8_t kLoadType = static_cast<std::uint8_t>(cdos::ep::TxType::EpLoad);

std::unique_ptr<cdos::DesKey> loadSession(const cdos::IssuerKeys& keys, const QString& card, const cdos::Bytes& random,
                                          std::uint16_t counter) {
    const std::unique_ptr<cdos::DesKey> sub = keys.cardKey("LOAD", cdos::asnOf(bytesOf(card)));
    return cdos::ep::loadSessionKey(*sub, random, counter);
}

// The entries carry the load's card: the ledger is distributed by card (issue 15).
void ledger(HeadendDatabase& db, const QString& card, const char* kind, qint64 id, const QString& debit,
            const QString& credit, qint64 amount) {
    db.exec(QStringLiteral("INSERT INTO ledger_entries (card_number, tx_kind, tx_id, account, amount, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)"),
            {card, QString::fromLatin1(kind), id, debit, amount, nowText(), card, QString::fromLatin1(kind), id, credit,
             -amount, nowText()},
            "ledger");
}

const QString kInFlight = QStringLiteral("operator:loads_in_flight");

} // namespace

struct LoadService::Row {
    qint64 id = 0, amount = 0, balanceBefore = 0;
    int counter = 0;
    QString card, terminal, random, date, time, account, status, reason;
};

LoadService::Row LoadService::load(const QString& card, qint64 id) {
    QSqlQuery q =
        m_db.prepared(QStringLiteral("SELECT id, amount, balance_before, online_counter, card_number, terminal_id,"
                                     " card_random, tx_date, tx_time, bank_account, status, reason FROM loads"
                                     " WHERE id = ?"),
                      {id}, "load lookup");
    if (!q.next() || q.value(4).toString() != card)
        throw ApiError(Status::NotFound, Refusal::UnknownLoad, QStringLiteral("no load %1 for this card").arg(id));
    return Row{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toInt(),
               q.value(4).toString(),   q.value(5).toString(),   q.value(6).toString(),   q.value(7).toString(),
               q.value(8).toString(),   q.value(9).toString(),   q.value(10).toString(),  q.value(11).toString()};
}

api::LoadAnswer LoadService::answer(const Row& r) {
    if (r.status == api::loadStatus::refused)
        throw ApiError(Status::PaymentRequired, Refusal::BankRefused,
                       QStringLiteral("the bank refused load %1: %2").arg(r.id).arg(r.reason));
    api::LoadAnswer a{r.id, r.status, r.amount, r.counter, {}, {}, {}};
    if (r.status == api::loadStatus::debited) {
        const std::unique_ptr<cdos::DesKey> session =
            loadSession(m_keys, r.card, bytesOf(r.random), static_cast<std::uint16_t>(r.counter));
        a.mac2 = cdos::ep::loadMac2(*session, static_cast<std::uint32_t>(r.amount), kLoadType, arrayOf<6>(r.terminal),
                                    arrayOf<4>(r.date), arrayOf<3>(r.time));
        a.date = r.date;
        a.time = r.time;
    }
    return a;
}

void LoadService::debit(Row& r) {
    // The transfer is idempotent: after a crash between the bank and this update, repeating it moves nothing.
    const TransferResult t =
        m_bank.transfer(QStringLiteral("load-%1").arg(r.id), r.account, m_serviceAccount, r.amount);
    crashPoint(crash::loadBankMoved);
    if (!m_db.isSqlite()) {
        // One statement: the state and the ledger legs. Its commit does not wait for the disk: the bank's record
        // is the truth about the money, and a load found still authorised later (a database crash lost this
        // commit) runs this step again first — completion and recovery do — and the bank answers as it did.
        m_db.prepared(
            QStringLiteral("WITH u AS (UPDATE loads SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND"
                           " status = 'authorised' RETURNING id, card_number, amount, updated_at, status) INSERT INTO"
                           " ledger_entries (card_number, tx_kind, tx_id, account, amount, created_at) SELECT"
                           " card_number, 'load-debit', id, 'operator:service_account', amount, updated_at FROM u WHERE"
                           " status = 'debited' UNION ALL SELECT card_number, 'load-debit', id,"
                           " 'operator:loads_in_flight', -amount, updated_at FROM u WHERE status = 'debited' RETURNING"
                           " set_config('synchronous_commit', 'off', true)"),
            {t.done ? api::loadStatus::debited : api::loadStatus::refused, t.reason, nowText(), r.id}, "load");
        r.status = t.done ? api::loadStatus::debited : api::loadStatus::refused;
        r.reason = t.reason;
        crashPoint(crash::loadDebited);
        return;
    }
    DbTransaction tx(m_db);
    QSqlQuery u =
        m_db.exec(QStringLiteral("UPDATE loads SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND"
                                 " status = 'authorised'"),
                  {t.done ? api::loadStatus::debited : api::loadStatus::refused, t.reason, nowText(), r.id}, "load");
    if (u.numRowsAffected() == 1 && t.done)
        ledger(m_db, r.card, "load-debit", r.id, QStringLiteral("operator:service_account"), kInFlight, r.amount);
    tx.commit();
    r.status = t.done ? api::loadStatus::debited : api::loadStatus::refused;
    r.reason = t.reason;
    crashPoint(crash::loadDebited);
}

void LoadService::markCompleted(Row& r, const QString& tac) {
    if (!m_db.isSqlite()) { // one statement, one durable commit
        m_db.prepared(
            QStringLiteral(
                "WITH u AS (UPDATE loads SET status = 'completed', tac = ?, updated_at = ? WHERE id = ? AND"
                " status = 'debited' RETURNING id, card_number, amount, updated_at) INSERT INTO"
                " ledger_entries (card_number, tx_kind, tx_id, account, amount, created_at) SELECT"
                " card_number, 'load-credit', id, 'operator:loads_in_flight', amount, updated_at FROM u UNION"
                " ALL SELECT card_number, 'load-credit', id, 'purse:' || card_number, -amount, updated_at FROM"
                " u"),
            {tac, nowText(), r.id}, "load");
        r.status = api::loadStatus::completed;
        crashPoint(crash::loadCompleted);
        return;
    }
    DbTransaction tx(m_db);
    QSqlQuery u = m_db.exec(QStringLiteral("UPDATE loads SET status = 'completed', tac = ?, updated_at = ? WHERE id = ?"
                                           " AND status = 'debited'"),
                            {tac, nowText(), r.id}, "load");
    if (u.numRowsAffected() == 1)
        ledger(m_db, r.card, "load-credit", r.id, kInFlight, QStringLiteral("purse:") + r.card, r.amount);
    tx.commit();
    r.status = api::loadStatus::completed;
    crashPoint(crash::loadCompleted);
}

api::LoadAnswer LoadService::beginLoad(const QString& card, const api::LoadRequest& req) {
    const QString& requestId = req.requestId;
    const qint64 amount = req.amount, keyIndex = req.keyIndex;
    const cdos::Bytes& terminal = req.terminalId;
    const auto init = cdos::ep::InitLoadResponse::decode(req.initResponse);
    if (!init)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("initResponse is not an INITIALIZE FOR LOAD answer"));
    // What the checks need, in one round trip: a load of this request id, an unfinished load of the card, the
    // holder's bank account.
    QSqlQuery seen = m_db.prepared(
        QStringLiteral("SELECT (SELECT id FROM loads WHERE request_id = ?), (SELECT card_number FROM loads WHERE"
                       " request_id = ?), (SELECT id FROM loads WHERE card_number = ? AND status IN ('authorised',"
                       " 'debited') ORDER BY id LIMIT 1), (SELECT s.account FROM cards c JOIN subscribers s ON s.id ="
                       " c.subscriber_id WHERE c.card_number = ?)"),
        {requestId, requestId, card, card}, "load lookup");
    seen.next();
    if (!seen.isNull(0)) {
        if (seen.value(1).toString() != card)
            throw ApiError(Status::Conflict, Refusal::RequestIdReused,
                           QStringLiteral("requestId was used by another card"));
        Row r = load(card, seen.value(0).toLongLong());
        if (r.status == api::loadStatus::authorised)
            debit(r);
        return answer(r);
    }
    if (amount == 0 || keyIndex != 1)
        throw ApiError(Status::UnprocessableEntity, Refusal::BadField,
                       QStringLiteral("amount must be > 0 and keyIndex 1"));
    if (!seen.isNull(2))
        throw ApiError(
            Status::Conflict, Refusal::LoadPending,
            QStringLiteral("load %1 of this card is not finished; recover it first").arg(seen.value(2).toLongLong()));
    const std::unique_ptr<cdos::DesKey> session = loadSession(m_keys, card, init->random, init->onlineCounter);
    const cdos::Bytes mac1 = cdos::ep::loadMac1(*session, init->balance, static_cast<std::uint32_t>(amount), kLoadType,
                                                arrayOf<6>(hex(terminal)));
    if (!cdos::constantTimeEqual(mac1, init->mac1))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadMac1,
                       QStringLiteral("the card's MAC1 does not verify"));
    if (seen.isNull(3))
        throw ApiError(Status::NotFound, Refusal::UnknownCard, QStringLiteral("card %1 is not enrolled").arg(card));
    const QString account = seen.value(3).toString();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Row r{0,
          amount,
          qint64(init->balance),
          int(init->onlineCounter),
          card,
          hex(terminal),
          hex(init->random),
          now.toString(QStringLiteral("yyyyMMdd")),
          now.toString(QStringLiteral("HHmmss")),
          account,
          api::loadStatus::authorised,
          {}};
    // Durable before the bank moves money: a retry after a crash finds the load, and its transfer id, again.
    const QVariantList values{requestId, card,   amount, r.terminal, r.balanceBefore, r.counter,
                              r.random,  r.date, r.time, account,    nowText(),       nowText()};
    const QString insert =
        QStringLiteral("INSERT INTO loads (request_id, card_number, amount, terminal_id, balance_before,"
                       " online_counter, card_random, tx_date, tx_time, bank_account, status, created_at,"
                       " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,'authorised',?,?)");
    if (m_db.isSqlite()) {
        m_db.exec(insert, values, "load");
        QSqlQuery id = m_db.exec(QStringLiteral("SELECT id FROM loads WHERE request_id = ?"), {requestId}, "load");
        id.next();
        r.id = id.value(0).toLongLong();
    } else {
        QSqlQuery id = m_db.prepared(insert + QStringLiteral(" RETURNING id"), values, "load");
        id.next();
        r.id = id.value(0).toLongLong();
    }
    crashPoint(crash::loadAuthorised);
    debit(r);
    return answer(r);
}

api::LoadAnswer LoadService::completeLoad(const QString& card, qint64 id, const api::LoadCompletion& req) {
    const cdos::Bytes& tac = req.tac;
    Row r = load(card, id);
    if (r.status == api::loadStatus::completed)
        return answer(r);
    if (r.status != api::loadStatus::debited && r.status != api::loadStatus::authorised)
        throw ApiError(Status::Conflict, Refusal::NotDebited, QStringLiteral("load %1 is %2").arg(id).arg(r.status));
    const std::unique_ptr<cdos::DesKey> tacSub = m_keys.cardKey("TAC", cdos::asnOf(bytesOf(card)));
    const cdos::Bytes expected =
        cdos::ep::loadTac(*cdos::ep::tacKey(*tacSub), static_cast<std::uint32_t>(r.balanceBefore + r.amount),
                          static_cast<std::uint16_t>(r.counter), static_cast<std::uint32_t>(r.amount), kLoadType,
                          arrayOf<6>(r.terminal), arrayOf<4>(r.date), arrayOf<3>(r.time));
    if (!cdos::constantTimeEqual(expected, tac))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadTac, QStringLiteral("TAC does not verify"));
    crashPoint(crash::loadVerified);
    // The card was credited, so its MAC2 was issued after the bank's transfer: a load still authorised here lost
    // its debited state to a database crash (that commit does not wait for the disk), and the bank's idempotent
    // answer restores it before the credit is recorded.
    if (r.status == api::loadStatus::authorised)
        debit(r);
    if (r.status != api::loadStatus::debited)
        throw ApiError(Status::Conflict, Refusal::NotDebited, QStringLiteral("load %1 is %2").arg(id).arg(r.status));
    markCompleted(r, hex(tac));
    return answer(r);
}

api::RefundChallenge LoadService::refundChallenge(const QString& card, qint64 id) {
    const Row r = load(card, id);
    if (r.status != api::loadStatus::authorised && r.status != api::loadStatus::debited)
        throw ApiError(Status::Conflict, Refusal::NotRefundable, QStringLiteral("load %1 is %2").arg(id).arg(r.status));
    const cdos::Bytes challenge = cdos::crypto::randomBytes(6);
    m_db.exec(QStringLiteral("UPDATE loads SET refund_challenge = ?, updated_at = ? WHERE id = ?"),
              {hex(challenge), nowText(), r.id}, "load");
    return {r.id, r.amount, challenge};
}

// Recovery of a load whose CREDIT FOR LOAD answer was lost. The fresh INITIALIZE FOR LOAD answer tells the truth
// through the card's online counter. A refund gives money back while a MAC2 for this load exists, so it needs
// proof that the card's load session that MAC2 belongs to is gone: an INITIALIZE FOR LOAD made after the MAC2,
// which only an answer carrying the host's unpredictable, one-time challenge as its terminal id proves (a new
// INITIALIZE always replaces the card's session). Never the terminal's word, nor an answer it kept from before.
api::LoadAnswer LoadService::recoverLoad(const QString& card, qint64 id, const api::LoadRecovery& req) {
    const bool refund = req.action == api::LoadRecovery::Action::Refund;
    const auto init = cdos::ep::InitLoadResponse::decode(req.initResponse);
    if (!init)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("initResponse is not an INITIALIZE FOR LOAD answer"));
    Row r = load(card, id);
    if (r.status == api::loadStatus::completed || r.status == api::loadStatus::refunded ||
        r.status == api::loadStatus::refused)
        return answer(r);
    // The fresh answer must be the card's own: MAC1 for the same amount and the load's terminal id, or the refund
    // challenge as terminal id. The counter in it is then the card's word.
    QSqlQuery c = m_db.exec(QStringLiteral("SELECT refund_challenge FROM loads WHERE id = ?"), {r.id}, "load");
    const QString challenge = c.next() ? c.value(0).toString() : QString();
    const auto mac1Verifies = [&](const QString& terminal) {
        const std::unique_ptr<cdos::DesKey> session = loadSession(m_keys, card, init->random, init->onlineCounter);
        const cdos::Bytes mac1 = cdos::ep::loadMac1(*session, init->balance, static_cast<std::uint32_t>(r.amount),
                                                    kLoadType, arrayOf<6>(terminal));
        return cdos::constantTimeEqual(mac1, init->mac1);
    };
    const bool forChallenge = !challenge.isEmpty() && mac1Verifies(challenge);
    if (!forChallenge && !mac1Verifies(r.terminal))
        throw ApiError(Status::UnprocessableEntity, Refusal::BadMac1,
                       refund ? QStringLiteral("the card's MAC1 does not verify for this amount and the refund "
                                               "challenge as terminal id")
                              : QStringLiteral("the card's MAC1 does not verify"));
    if (init->onlineCounter < r.counter)
        throw ApiError(Status::Conflict, Refusal::CounterMismatch,
                       QStringLiteral("the card's online counter went back"));
    if (r.status == api::loadStatus::authorised) {
        if (init->onlineCounter > r.counter)
            throw ApiError(Status::Conflict, Refusal::CounterMismatch, QStringLiteral("the card was loaded elsewhere"));
        debit(r); // finishes a bank step cut short (idempotent); a refund below then gives the money back
        if (r.status == api::loadStatus::refused)
            return answer(r);
    }
    if (init->onlineCounter > r.counter) {
        // The counter moved past this load's: the card was credited (loads of one card never overlap here).
        markCompleted(r, QString());
        return answer(r);
    }
    if (refund && !forChallenge)
        throw ApiError(Status::Conflict, Refusal::RefundChallengeNeeded,
                       QStringLiteral("a refund needs the card's INITIALIZE FOR LOAD for the challenge of POST %1")
                           .arg(api::path::loadRefundChallenge(id)));
    if (!refund) {
        m_db.exec(QStringLiteral("UPDATE loads SET card_random = ?, balance_before = ?, updated_at = ? WHERE id = ?"),
                  {hex(init->random), qint64(init->balance), nowText(), r.id}, "load");
        return answer(load(card, id));
    }
    const TransferResult t = m_bank.refund(QStringLiteral("load-%1").arg(r.id));
    if (!t.done)
        throw ApiError(Status::BadGateway, Refusal::BankRefused,
                       QStringLiteral("the bank refused the refund: %1").arg(t.reason));
    DbTransaction tx(m_db);
    QSqlQuery u = m_db.exec(QStringLiteral("UPDATE loads SET status = 'refunded', refund_challenge = NULL,"
                                           " updated_at = ? WHERE id = ? AND status = 'debited'"),
                            {nowText(), r.id}, "load");
    if (u.numRowsAffected() == 1)
        ledger(m_db, r.card, "load-refund", r.id, kInFlight, QStringLiteral("operator:service_account"), r.amount);
    tx.commit();
    return answer(load(card, id));
}

api::PendingLoad LoadService::pendingLoad(const QString& card) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT id, amount, status, terminal_id, created_at FROM loads WHERE"
                                           " card_number = ? AND status IN ('authorised', 'debited') ORDER BY id"),
                            {card}, "load lookup");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::NoPendingLoad, QStringLiteral("this card has no unfinished load"));
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), bytesOf(q.value(3).toString()),
            q.value(4).toString()};
}

} // namespace carddesk::headend
