#pragma once
// The gateway's part of the e-purse flows for the support tests: top-ups and purchases through a real headend
// process with an in-process card answering directly (as tests/headend/TestHeadendServer.cpp does them), and a
// tampering helper for the headend's SQLite database.
#include "headend/HeadendProcess.h"

#include "carddesk/protocol/epurse/EPurse.h"

namespace supporttest {

using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;
namespace ep = cdos::ep;

inline const ep::TerminalId kGateway{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

// The gateway's part of the purse flows, with the in-process card answering directly.
class Gateway {
public:
    Gateway(hdtest::HeadendProcess& hd, hdtest::IssuedCard& card, const QString& token)
        : m_hd(hd), m_card(card), m_token(token) {}

    bool select() { return m_card.tx(cdos::selectAid(ep::kPurseAid)).ok(); }
    cdos::Bytes initLoad(std::uint32_t amount) {
        const auto r = m_card.tx(ep::initializeForLoad(ep::kKeyIndex, amount, kGateway));
        return r.ok() ? r.data : cdos::Bytes{};
    }
    Reply beginLoad(const QString& requestId, std::uint32_t amount) {
        return m_hd.post(QStringLiteral("/v1/loads"),
                         {{QStringLiteral("requestId"), requestId},
                          {QStringLiteral("amount"), qint64(amount)},
                          {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                          {QStringLiteral("keyIndex"), 1},
                          {QStringLiteral("initResponse"), hexq(initLoad(amount))}},
                         m_token);
    }
    // Refund of a top-up never credited, as the gateway does it: the headend's one-time challenge as the terminal
    // id of a fresh INITIALIZE FOR LOAD, then the recovery.
    Reply refund(qint64 loadId, std::uint32_t amount) {
        const QString path = QStringLiteral("/v1/loads/%1").arg(loadId);
        const Reply c = m_hd.post(path + QStringLiteral("/refund-challenge"), {}, m_token);
        const cdos::Bytes id = bytesq(c.json.value(QStringLiteral("terminalId")));
        if (id.size() != 6)
            return c;
        const auto init =
            m_card.tx(ep::initializeForLoad(ep::kKeyIndex, amount, {id[0], id[1], id[2], id[3], id[4], id[5]}));
        return m_hd.post(path + QStringLiteral("/recovery"),
                         {{QStringLiteral("action"), QStringLiteral("refund")},
                          {QStringLiteral("initResponse"), hexq(init.ok() ? init.data : cdos::Bytes{})}},
                         m_token);
    }
    // A top-up end to end; returns the load id (0 on failure).
    // `tacLost`: the card is credited but its TAC never reaches the headend, which then completes the load by
    // recovery (the card's online counter moved past it) and keeps no TAC.
    qint64 load(const QString& requestId, std::uint32_t amount, bool tacLost = false) {
        const Reply l = beginLoad(requestId, amount);
        if (l.status != 200)
            return 0;
        const cdos::Bytes d = bytesq(l.json.value(QStringLiteral("date"))),
                          t = bytesq(l.json.value(QStringLiteral("time")));
        const auto cr = m_card.tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]},
                                                    bytesq(l.json.value(QStringLiteral("mac2")))));
        const qint64 id = l.json.value(QStringLiteral("loadId")).toInteger();
        if (cr.ok() && tacLost)
            return m_hd.post(QStringLiteral("/v1/loads/%1/recovery").arg(id),
                             {{QStringLiteral("action"), QStringLiteral("reissue")},
                              {QStringLiteral("initResponse"), hexq(initLoad(amount))}},
                             m_token)
                               .json.value(QStringLiteral("status"))
                               .toString() == QLatin1String("completed")
                       ? id
                       : 0;
        if (!cr.ok() || m_hd.post(QStringLiteral("/v1/loads/%1/completion").arg(id),
                                  {{QStringLiteral("tac"), hexq(cr.data)}}, m_token)
                                .status != 200)
            return 0;
        return id;
    }
    // A purchase; `complete` false leaves the headend's record pending (the completion "lost").
    qint64 purchase(const QString& requestId, std::uint32_t amount, bool complete = true) {
        if (!m_card.tx(cdos::verifyPin(1, "1234")).ok())
            return 0;
        const auto ip = m_card.tx(ep::initializeForPurchase(ep::kKeyIndex, amount, kGateway));
        const Reply p = m_hd.post(QStringLiteral("/v1/purchases"),
                                  {{QStringLiteral("requestId"), requestId},
                                   {QStringLiteral("amount"), qint64(amount)},
                                   {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                                   {QStringLiteral("keyIndex"), 1},
                                   {QStringLiteral("initResponse"), hexq(ip.data)}},
                                  m_token);
        if (p.status != 200)
            return 0;
        const cdos::Bytes d = bytesq(p.json.value(QStringLiteral("date"))),
                          t = bytesq(p.json.value(QStringLiteral("time")));
        const auto debit = m_card.tx(ep::debitForPurchase(
            static_cast<std::uint32_t>(p.json.value(QStringLiteral("terminalSerial")).toInteger()),
            {d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, bytesq(p.json.value(QStringLiteral("mac1")))));
        if (!debit.ok() || debit.data.size() != 8)
            return 0;
        const qint64 id = p.json.value(QStringLiteral("purchaseId")).toInteger();
        if (!complete)
            return id;
        const cdos::Bytes tac(debit.data.begin(), debit.data.begin() + 4),
            mac2(debit.data.begin() + 4, debit.data.end());
        if (m_hd.post(QStringLiteral("/v1/purchases/%1/completion").arg(id),
                      {{QStringLiteral("mac2"), hexq(mac2)}, {QStringLiteral("tac"), hexq(tac)}}, m_token)
                .status != 200)
            return 0;
        return id;
    }

private:
    hdtest::HeadendProcess& m_hd;
    hdtest::IssuedCard& m_card;
    QString m_token;
};

// Runs one UPDATE on the headend's SQLite database (WAL: the running headend sees it); true when one row changed.
inline bool tamperHeadend(const hdtest::HeadendProcess& hd, const QString& sql, qint64 id) {
    const QString name = QStringLiteral("headend-sqlite-tamper");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(hd.dir.filePath(QStringLiteral("headend.sqlite")));
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
            ok = q.prepare(sql);
            q.addBindValue(id);
            ok = ok && q.exec() && q.numRowsAffected() == 1;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Issue 15: enrols `card` for `subscriber` and writes `count` completed purchases of it straight into the headend's
// SQLite, one minute apart (balanceBefore = the minute), as the growth generator fills a headend. False on error.
inline bool fillHeadendHistory(hdtest::HeadendProcess& hd, const QString& card, const QString& subscriber, int count) {
    const QJsonObject holder{{QStringLiteral("userNumber"), subscriber},
                             {QStringLiteral("account"), QStringLiteral("6222") + subscriber},
                             {QStringLiteral("name"), QStringLiteral("Wang")}};
    if (hd.post(QStringLiteral("/v1/admin/cards"),
                {{QStringLiteral("cardNumber"), card}, {QStringLiteral("holder"), holder}}, {}, true)
            .status != 200)
        return false;
    const QString name = QStringLiteral("headend-sqlite-fill");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(hd.dir.filePath(QStringLiteral("headend.sqlite")));
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
            ok = db.transaction();
            for (int i = 0; ok && i < count; ++i) {
                ok = q.prepare(QStringLiteral(
                    "INSERT INTO purchases (request_id, card_number, amount, terminal_id, key_index, balance_before,"
                    " offline_counter, card_random, terminal_serial, tx_date, tx_time, status, created_at) VALUES"
                    " (?, ?, 100, '112233445566', 1, ?, ?, '00000000', ?, '20260101', '000000', 'completed', ?)"));
                for (const QVariant& v : QVariantList{
                         QStringLiteral("fill-%1-%2").arg(card).arg(i), card, i, i % 65536, i + 1,
                         QDateTime(QDate(2026, 1, 1), QTime(0, 0)).addSecs(60 * i).toString(Qt::ISODateWithMs)})
                    q.addBindValue(v);
                ok = ok && q.exec();
            }
            ok = ok && db.commit();
            q = QSqlQuery();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace supporttest
