// The payment host and online top-up of the real carddesk-headend process (split from TestHeadendServer.cpp): the
// card's side computed by the protocol's e-purse functions and by the real e-purse application of an in-process
// card, the sandbox bank, refunds and recovery, and a blocked card's sessions. Under the ctest fixture `postgres`
// (CARDDESK_TEST_PG_ENV_DIR) the same suite runs against PostgreSQL.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;

class TestHeadendPurse : public QObject, public hdtest::HeadendSuite {
    Q_OBJECT

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY2(m_hd.usePostgresIfAsked(), "PostgreSQL fixture not usable (scripts/pg-env.sh start)");
        QVERIFY2(m_hd.start(), qPrintable(m_hd.error));
    }

    void cleanupTestCase() {
        // Keys never appear in the headend's output.
        const QByteArray log = m_hd.stop();
        QVERIFY(!log.contains("0123456789ABCDEF"));
    }
    void purchaseHost() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000021");
        const QString token = enrolAndAuthenticate(card);
        QVERIFY(!token.isEmpty());
        // The card's INITIALIZE FOR PURCHASE answer, as the e-purse would give it.
        cdos::ep::InitPurchaseResponse init;
        init.balance = 5000;
        init.offlineCounter = 7;
        init.keyVersion = 1;
        init.random = *cdos::fromHex("0A0B0C0D");
        const cdos::ep::TerminalId terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
        const QJsonObject begin{{QStringLiteral("requestId"), QStringLiteral("req-purchase-1")},
                                {QStringLiteral("amount"), 1200},
                                {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                                {QStringLiteral("keyIndex"), 1},
                                {QStringLiteral("initResponse"), hexq(init.encode())}};
        QCOMPARE(post(QStringLiteral("/v1/purchases"), begin).status, 401); // no session
        const Reply b = post(QStringLiteral("/v1/purchases"), begin, token);
        QCOMPARE(b.status, 200);
        // The card's side: MAC1 checks with the card's purchase sub-key; the card then answers MAC2 and the TAC.
        const auto asn = card.profile.info.asn();
        const std::uint32_t serial =
            static_cast<std::uint32_t>(b.json.value(QStringLiteral("terminalSerial")).toInteger());
        const Bytes date = bytesq(b.json.value(QStringLiteral("date"))),
                    time = bytesq(b.json.value(QStringLiteral("time")));
        const cdos::ep::Bcd4 d{date[0], date[1], date[2], date[3]};
        const cdos::ep::Bcd3 t{time[0], time[1], time[2]};
        const Bytes session = cdos::ep::purchaseSessionKey(m_keys->cardKey("PURCHASE", asn)->reveal("test").bytes(),
                                                           init.random, init.offlineCounter, serial);
        QCOMPARE(bytesq(b.json.value(QStringLiteral("mac1"))),
                 cdos::ep::purchaseMac1(session, 1200, 0x06, terminal, d, t));
        // Idempotent: the same request id gives the same MAC1, not a second purchase.
        const Reply again = post(QStringLiteral("/v1/purchases"), begin, token);
        QCOMPARE(again.json.value(QStringLiteral("purchaseId")), b.json.value(QStringLiteral("purchaseId")));
        QCOMPARE(again.json.value(QStringLiteral("mac1")), b.json.value(QStringLiteral("mac1")));

        const Bytes mac2 = cdos::ep::purchaseMac2(session, 1200);
        const Bytes tac = cdos::ep::purchaseTac(cdos::ep::tacKey(m_keys->cardKey("TAC", asn)->reveal("test").bytes()),
                                                1200, 0x06, terminal, serial, d, t);
        const QString done =
            QStringLiteral("/v1/purchases/%1/completion").arg(b.json.value(QStringLiteral("purchaseId")).toInteger());
        Bytes badMac2 = mac2;
        badMac2[0] ^= 1;
        QCOMPARE(
            post(done, {{QStringLiteral("mac2"), hexq(badMac2)}, {QStringLiteral("tac"), hexq(tac)}}, token).code(),
            QStringLiteral("bad_mac2"));
        Bytes badTac = tac;
        badTac[0] ^= 1;
        QCOMPARE(
            post(done, {{QStringLiteral("mac2"), hexq(mac2)}, {QStringLiteral("tac"), hexq(badTac)}}, token).code(),
            QStringLiteral("bad_tac"));
        const QJsonObject good{{QStringLiteral("mac2"), hexq(mac2)}, {QStringLiteral("tac"), hexq(tac)}};
        QCOMPARE(post(done, good, token).status, 200);
        QCOMPARE(post(done, good, token).status, 200); // a replayed completion is recorded once
        const Reply ledger = send("GET", QStringLiteral("/v1/admin/ledger"), QByteArray(), {}, {}, true);
        QCOMPARE(ledger.json.value(QStringLiteral("purse:86010000000000000021")).toInteger(), 1200);
        QCOMPARE(ledger.json.value(QStringLiteral("operator:revenue")).toInteger(), -1200);
        const Reply history =
            send("GET", QStringLiteral("/v1/cards/86010000000000000021/transactions"), QByteArray(), token);
        QCOMPARE(history.status, 200);
        const Reply sub =
            send("GET", QStringLiteral("/v1/subscribers/U00000001/transactions"), QByteArray(), {}, {}, true);
        QCOMPARE(sub.status, 200);
    }

private:
    // The card's side of a load, computed with the protocol's e-purse functions (the card role of EPurse.h).
    struct SimPurse {
        const cdos::KeyStore& keys;
        Bytes asn;
        std::uint32_t balance = 0;
        std::uint16_t counter = 0;
        cdos::ep::TerminalId terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
        Bytes random, session;
        std::uint32_t amount = 0;
        Bytes initLoad(std::uint32_t a) {
            amount = a;
            random = cdos::crypto::randomBytes(4);
            session = cdos::ep::loadSessionKey(keys.cardKey("LOAD", asn)->reveal("test").bytes(), random, counter);
            cdos::ep::InitLoadResponse r;
            r.balance = balance;
            r.onlineCounter = counter;
            r.keyVersion = 1;
            r.random = random;
            r.mac1 = cdos::ep::loadMac1(session, balance, a, 0x02, terminal);
            return r.encode();
        }
        // CREDIT FOR LOAD: MAC2 checked, balance and counter moved, TAC returned (empty when MAC2 is wrong).
        Bytes credit(const QJsonObject& answer) {
            const Bytes date = bytesq(answer.value(QStringLiteral("date"))),
                        time = bytesq(answer.value(QStringLiteral("time")));
            const cdos::ep::Bcd4 d{date[0], date[1], date[2], date[3]};
            const cdos::ep::Bcd3 t{time[0], time[1], time[2]};
            if (cdos::ep::loadMac2(session, amount, 0x02, terminal, d, t) !=
                bytesq(answer.value(QStringLiteral("mac2"))))
                return {};
            balance += amount;
            const Bytes tac = cdos::ep::loadTac(cdos::ep::tacKey(keys.cardKey("TAC", asn)->reveal("test").bytes()),
                                                balance, counter, amount, 0x02, terminal, d, t);
            ++counter;
            return tac;
        }
    };

    QJsonObject loadRequest(const QString& requestId, std::uint32_t amount, const Bytes& init) {
        return {{QStringLiteral("requestId"), requestId},
                {QStringLiteral("amount"), qint64(amount)},
                {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                {QStringLiteral("keyIndex"), 1},
                {QStringLiteral("initResponse"), hexq(init)}};
    }

    // The terminal's side of a top-up with the real in-process card: INITIALIZE FOR LOAD, CREDIT FOR LOAD, balance.
    static Bytes cardInitLoad(hdtest::IssuedCard& card, std::uint32_t amount, const cdos::ep::TerminalId& terminal) {
        const auto r = card.tx(cdos::ep::initializeForLoad(cdos::ep::kKeyIndex, amount, terminal));
        return r.ok() ? r.data : Bytes{};
    }
    static cdos::ResponseApdu cardCredit(hdtest::IssuedCard& card, const QJsonObject& a) {
        const Bytes d = bytesq(a.value(QStringLiteral("date"))), tm = bytesq(a.value(QStringLiteral("time")));
        return card.tx(cdos::ep::creditForLoad({d[0], d[1], d[2], d[3]}, {tm[0], tm[1], tm[2]},
                                               bytesq(a.value(QStringLiteral("mac2")))));
    }
    static std::uint32_t cardBalance(hdtest::IssuedCard& card) {
        return cdos::getU32(card.tx(cdos::ep::getBalance()).data.data());
    }

private slots:
    // Issue 17, critical 1: a refund with the very INITIALIZE FOR LOAD answer that POST /v1/loads used gave the
    // money back while the card could still be credited with the MAC2 (the purse got 5000 nobody paid). A refund now
    // needs the card's answer for the headend's one-time challenge, which ends the session that MAC2 was for.
    void refundNeedsProofTheCardCannotBeCredited() {
        namespace ep = cdos::ep;
        hdtest::IssuedCard card(*m_keys, "86010000000000000052");
        const QString t = enrolAndAuthenticate(card);
        QVERIFY(!t.isEmpty());
        const QString holder = QString::fromStdString(card.profile.holder.account);
        QCOMPARE(post(QStringLiteral("/v1/admin/bank/accounts"),
                      {{QStringLiteral("account"), holder}, {QStringLiteral("balance"), 10000}}, {}, true)
                     .status,
                 200);
        QVERIFY(card.tx(cdos::selectAid(ep::kPurseAid)).ok());
        auto initLoad = [&](std::uint32_t amount, const ep::TerminalId& terminal) {
            return cardInitLoad(card, amount, terminal);
        };
        auto credit = [&](const QJsonObject& a) { return cardCredit(card, a); };
        auto balance = [&] { return cardBalance(card); };
        auto refundWith = [&](const QString& path, const Bytes& init) {
            return post(
                path + QStringLiteral("/recovery"),
                {{QStringLiteral("action"), QStringLiteral("refund")}, {QStringLiteral("initResponse"), hexq(init)}},
                t);
        };
        const ep::TerminalId terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

        // The attack: INIT, POST /v1/loads (bank 10000 -> 5000, MAC2), refund with the same answer, then CREDIT.
        const Bytes first = initLoad(5000, terminal);
        const Reply l = post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("attack-1"), 5000, first), t);
        QCOMPARE(l.status, 200);
        QCOMPARE(bankBalance(holder), 5000);
        const QString path = QStringLiteral("/v1/loads/%1").arg(l.json.value(QStringLiteral("loadId")).toInteger());
        QCOMPARE(refundWith(path, first).code(), QStringLiteral("refund_challenge_needed"));
        QCOMPARE(post(path + QStringLiteral("/refund-challenge"), {}, t).status, 200);
        QCOMPARE(refundWith(path, first).code(), QStringLiteral("refund_challenge_needed")); // made before it
        QCOMPARE(bankBalance(holder), 5000);                                                 // nothing given back
        const auto cr = credit(l.json);
        QCOMPARE(cr.sw, std::uint16_t(0x9000));
        QCOMPARE(post(path + QStringLiteral("/completion"), {{QStringLiteral("tac"), hexq(cr.data)}}, t).status, 200);
        QCOMPARE(balance(), 5000u); // paid for: the holder's bank has 5000 less
        QCOMPARE(bankBalance(holder), 5000);

        // The honest refund: the card's answer for the challenge ends the MAC2's session, then the bank pays back.
        const Reply l2 = post(QStringLiteral("/v1/loads"),
                              loadRequest(QStringLiteral("attack-2"), 2000, initLoad(2000, terminal)), t);
        QCOMPARE(l2.status, 200);
        QCOMPARE(bankBalance(holder), 3000);
        const QString path2 = QStringLiteral("/v1/loads/%1").arg(l2.json.value(QStringLiteral("loadId")).toInteger());
        const Reply ch = post(path2 + QStringLiteral("/refund-challenge"), {}, t);
        const Bytes id = bytesq(ch.json.value(QStringLiteral("terminalId")));
        QCOMPARE(id.size(), std::size_t(6));
        const Reply refunded = refundWith(path2, initLoad(2000, {id[0], id[1], id[2], id[3], id[4], id[5]}));
        QCOMPARE(refunded.json.value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
        QCOMPARE(bankBalance(holder), 5000);
        QVERIFY(credit(l2.json).sw != 0x9000); // the old MAC2 credits nothing any more
        QCOMPARE(balance(), 5000u);
    }

    // Issue 17: a session outlived the blocking of its card (the status was checked at authentication only).
    void blockingEndsTheCardsSessions() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000053");
        const QString t = enrolAndAuthenticate(card);
        QVERIFY(!t.isEmpty());
        const QString number = QStringLiteral("86010000000000000053");
        const QString history = QStringLiteral("/v1/cards/%1/transactions").arg(number);
        QCOMPARE(m_hd.send("GET", history, {}, t).status, 200);
        QCOMPARE(post(QStringLiteral("/v1/admin/cards/%1/status").arg(number),
                      {{QStringLiteral("status"), QStringLiteral("blocked")}}, {}, true)
                     .status,
                 200);
        const Reply refused =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("blocked-1"), 100, Bytes(20, 0)), t);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.code(), QStringLiteral("blocked_card"));
        QCOMPARE(m_hd.send("GET", history, {}, t).code(), QStringLiteral("blocked_card"));
        QCOMPARE(post(QStringLiteral("/v1/admin/cards/%1/status").arg(number),
                      {{QStringLiteral("status"), QStringLiteral("active")}}, {}, true)
                     .status,
                 200);
        QCOMPARE(m_hd.send("GET", history, {}, t).status, 200); // unblocked: the session goes on
    }

    // Payment and top-up end to end with the real e-purse application of the in-process card.
    void purseEndToEndWithCard() {
        namespace ep = cdos::ep;
        hdtest::IssuedCard card(*m_keys, "86010000000000000051");
        const QString t = enrolAndAuthenticate(card);
        QVERIFY(!t.isEmpty());
        const QString holderAccount = QString::fromStdString(card.profile.holder.account);
        QCOMPARE(post(QStringLiteral("/v1/admin/bank/accounts"),
                      {{QStringLiteral("account"), holderAccount}, {QStringLiteral("balance"), 20000}}, {}, true)
                     .status,
                 200);
        const qint64 serviceBefore = bankBalance(QStringLiteral("CARDDESK-SERVICE"));
        const ep::TerminalId terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
        auto select = [&] { QVERIFY(card.tx(cdos::selectAid(ep::kPurseAid)).ok()); };
        auto initLoad = [&](std::uint32_t amount) { return cardInitLoad(card, amount, terminal); };
        auto credit = [&](const QJsonObject& a) { return cardCredit(card, a); };
        auto balance = [&] { return cardBalance(card); };
        select();

        // Top-up 5000.
        const Reply l =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("e2e-load-1"), 5000, initLoad(5000)), t);
        QCOMPARE(l.status, 200);
        const auto cr = credit(l.json);
        QCOMPARE(cr.sw, std::uint16_t(0x9000));
        QCOMPARE(post(QStringLiteral("/v1/loads/%1/completion").arg(l.json.value(QStringLiteral("loadId")).toInteger()),
                      {{QStringLiteral("tac"), hexq(cr.data)}}, t)
                     .status,
                 200);
        QCOMPARE(balance(), 5000u);

        // Purchase 1200 (the user's PIN first): MAC1 from the headend, MAC2 and TAC from the card, checked, recorded.
        QVERIFY(card.tx(cdos::verifyPin(1, "1234")).ok());
        const auto ip = card.tx(ep::initializeForPurchase(ep::kKeyIndex, 1200, terminal));
        QVERIFY(ip.ok());
        const Reply p = post(QStringLiteral("/v1/purchases"),
                             {{QStringLiteral("requestId"), QStringLiteral("e2e-buy-1")},
                              {QStringLiteral("amount"), 1200},
                              {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                              {QStringLiteral("keyIndex"), 1},
                              {QStringLiteral("initResponse"), hexq(ip.data)}},
                             t);
        QCOMPARE(p.status, 200);
        const Bytes d = bytesq(p.json.value(QStringLiteral("date"))), tm = bytesq(p.json.value(QStringLiteral("time")));
        const auto debit = card.tx(ep::debitForPurchase(
            static_cast<std::uint32_t>(p.json.value(QStringLiteral("terminalSerial")).toInteger()),
            {d[0], d[1], d[2], d[3]}, {tm[0], tm[1], tm[2]}, bytesq(p.json.value(QStringLiteral("mac1")))));
        QCOMPARE(debit.sw, std::uint16_t(0x9000));
        QCOMPARE(debit.data.size(), std::size_t(8));
        const Bytes tac(debit.data.begin(), debit.data.begin() + 4), mac2(debit.data.begin() + 4, debit.data.end());
        QCOMPARE(post(QStringLiteral("/v1/purchases/%1/completion")
                          .arg(p.json.value(QStringLiteral("purchaseId")).toInteger()),
                      {{QStringLiteral("mac2"), hexq(mac2)}, {QStringLiteral("tac"), hexq(tac)}}, t)
                     .status,
                 200);
        QCOMPARE(balance(), 3800u);

        // Top-up whose CREDIT never reached the card (card pulled): recovery re-issues MAC2 for the new session.
        const Reply lost =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("e2e-load-2"), 1000, initLoad(1000)), t);
        QCOMPARE(lost.status, 200);
        card.card.os->reset();
        select();
        const QString lostPath =
            QStringLiteral("/v1/loads/%1").arg(lost.json.value(QStringLiteral("loadId")).toInteger());
        const Reply re = post(lostPath + QStringLiteral("/recovery"),
                              {{QStringLiteral("action"), QStringLiteral("reissue")},
                               {QStringLiteral("initResponse"), hexq(initLoad(1000))}},
                              t);
        QCOMPARE(re.json.value(QStringLiteral("status")).toString(), QStringLiteral("debited"));
        // The first MAC2 belongs to a card session that is gone: the card refuses it.
        QCOMPARE(credit(lost.json).sw, ep::sw::MacInvalid);
        QCOMPARE(initLoad(1000).empty(), false); // a new session again, for the re-issued MAC2...
        const Reply re2 = post(lostPath + QStringLiteral("/recovery"),
                               {{QStringLiteral("action"), QStringLiteral("reissue")},
                                {QStringLiteral("initResponse"), hexq(initLoad(1000))}},
                               t);
        const auto cr2 = credit(re2.json);
        QCOMPARE(cr2.sw, std::uint16_t(0x9000));
        // Credited, but the TAC never reached the headend: the counter tells, nothing is credited twice.
        card.card.os->reset();
        select();
        const Reply done = post(lostPath + QStringLiteral("/recovery"),
                                {{QStringLiteral("action"), QStringLiteral("reissue")},
                                 {QStringLiteral("initResponse"), hexq(initLoad(1000))}},
                                t);
        QCOMPARE(done.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(balance(), 4800u);
        QCOMPARE(bankBalance(holderAccount), 20000 - 6000);
        QCOMPARE(bankBalance(QStringLiteral("CARDDESK-SERVICE")) - serviceBefore, 6000);
        const Reply ledger = send("GET", QStringLiteral("/v1/admin/ledger"), QByteArray(), {}, {}, true);
        QCOMPARE(ledger.json.value(QStringLiteral("purse:86010000000000000051")).toInteger(), -4800);
    }

    void topUpWithBankAndRecovery() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000041");
        const QString t = enrolAndAuthenticate(card);
        QVERIFY(!t.isEmpty());
        const QString holderAccount = QString::fromStdString(card.profile.holder.account);
        QCOMPARE(post(QStringLiteral("/v1/admin/bank/accounts"),
                      {{QStringLiteral("account"), holderAccount}, {QStringLiteral("balance"), 10000}}, {}, true)
                     .status,
                 200);
        const qint64 serviceBefore = bankBalance(QStringLiteral("CARDDESK-SERVICE"));
        SimPurse purse{*m_keys, card.profile.info.asn()};

        // 1. A load: MAC1 checked, bank debited, MAC2 issued, card credited, TAC checked.
        const Reply b =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-a"), 3000, purse.initLoad(3000)), t);
        QCOMPARE(b.status, 200);
        QCOMPARE(b.json.value(QStringLiteral("status")).toString(), QStringLiteral("debited"));
        const Bytes tac = purse.credit(b.json);
        QVERIFY(!tac.empty());
        const QString loadA = QStringLiteral("/v1/loads/%1").arg(b.json.value(QStringLiteral("loadId")).toInteger());
        Bytes badTac = tac;
        badTac[1] ^= 4;
        QCOMPARE(post(loadA + QStringLiteral("/completion"), {{QStringLiteral("tac"), hexq(badTac)}}, t).code(),
                 QStringLiteral("bad_tac"));
        QCOMPARE(post(loadA + QStringLiteral("/completion"), {{QStringLiteral("tac"), hexq(tac)}}, t)
                     .json.value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("completed"));
        // The same request again: same load, no second debit.
        const Reply again =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-a"), 3000, purse.initLoad(3000)), t);
        QCOMPARE(again.json.value(QStringLiteral("loadId")), b.json.value(QStringLiteral("loadId")));
        QCOMPARE(bankBalance(holderAccount), 7000);

        // 2. Forged MAC1.
        Bytes forged = purse.initLoad(100);
        forged.back() ^= 1;
        QCOMPARE(post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-forged"), 100, forged), t).code(),
                 QStringLiteral("bad_mac1"));

        // 3. The bank refuses: insufficient funds; nothing moves.
        const Reply refused =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-big"), 50000, purse.initLoad(50000)), t);
        QCOMPARE(refused.status, 402);
        QCOMPARE(refused.code(), QStringLiteral("bank_refused"));
        QVERIFY(
            refused.json.value(QStringLiteral("message")).toString().contains(QStringLiteral("insufficient funds")));
        QCOMPARE(bankBalance(holderAccount), 7000);

        // 4. Debited but the CREDIT never reached the card: a new load waits, recovery re-issues MAC2.
        const Reply c =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-c"), 1000, purse.initLoad(1000)), t);
        QCOMPARE(c.status, 200);
        const QString loadC = QStringLiteral("/v1/loads/%1").arg(c.json.value(QStringLiteral("loadId")).toInteger());
        QCOMPARE(
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-d"), 10, purse.initLoad(10)), t).code(),
            QStringLiteral("load_pending"));
        const Reply re = post(loadC + QStringLiteral("/recovery"),
                              {{QStringLiteral("action"), QStringLiteral("reissue")},
                               {QStringLiteral("initResponse"), hexq(purse.initLoad(1000))}},
                              t);
        QCOMPARE(re.json.value(QStringLiteral("status")).toString(), QStringLiteral("debited"));
        QVERIFY(re.json.value(QStringLiteral("mac2")) != c.json.value(QStringLiteral("mac2"))); // new card session
        const Bytes tacC = purse.credit(re.json);
        QVERIFY(!tacC.empty());
        QCOMPARE(post(loadC + QStringLiteral("/completion"), {{QStringLiteral("tac"), hexq(tacC)}}, t).status, 200);

        // 5. Debited, the card WAS credited but the answer got lost: the counter tells, nothing is credited twice.
        const Reply e =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-e"), 700, purse.initLoad(700)), t);
        QVERIFY(!purse.credit(e.json).empty());
        const QString loadE = QStringLiteral("/v1/loads/%1").arg(e.json.value(QStringLiteral("loadId")).toInteger());
        const Reply eRec = post(loadE + QStringLiteral("/recovery"),
                                {{QStringLiteral("action"), QStringLiteral("refund")},
                                 {QStringLiteral("initResponse"), hexq(purse.initLoad(700))}},
                                t);
        QCOMPARE(eRec.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

        // 6. Debited, never credited, the holder wants the money back: refund.
        const Reply f =
            post(QStringLiteral("/v1/loads"), loadRequest(QStringLiteral("load-f"), 500, purse.initLoad(500)), t);
        QCOMPARE(f.status, 200);
        const QString loadF = QStringLiteral("/v1/loads/%1").arg(f.json.value(QStringLiteral("loadId")).toInteger());
        const Reply challenge = post(loadF + QStringLiteral("/refund-challenge"), {}, t);
        QCOMPARE(challenge.status, 200);
        const Bytes challengeId = bytesq(challenge.json.value(QStringLiteral("terminalId")));
        QCOMPARE(challengeId.size(), std::size_t(6));
        const cdos::ep::TerminalId usual = purse.terminal;
        std::copy(challengeId.begin(), challengeId.end(), purse.terminal.begin());
        const QJsonObject refund{{QStringLiteral("action"), QStringLiteral("refund")},
                                 {QStringLiteral("initResponse"), hexq(purse.initLoad(500))}};
        purse.terminal = usual;
        QCOMPARE(post(loadF + QStringLiteral("/recovery"), refund, t).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("refunded"));
        QCOMPARE(post(loadF + QStringLiteral("/recovery"), refund, t).json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("refunded")); // once

        // Totals: money only moved between the holder and the operator, the purse holds exactly what was paid.
        QCOMPARE(purse.balance, 3000u + 1000u + 700u);
        QCOMPARE(bankBalance(holderAccount), 10000 - 4700);
        QCOMPARE(bankBalance(QStringLiteral("CARDDESK-SERVICE")) - serviceBefore, 4700);
        const Reply ledger = send("GET", QStringLiteral("/v1/admin/ledger"), QByteArray(), {}, {}, true);
        QCOMPARE(ledger.json.value(QStringLiteral("purse:86010000000000000041")).toInteger(), -4700);
        QCOMPARE(ledger.json.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
        qint64 sum = 0;
        for (const auto& v : ledger.json)
            sum += v.toInteger();
        QCOMPARE(sum, 0);
        const Reply history =
            send("GET", QStringLiteral("/v1/cards/86010000000000000041/transactions"), QByteArray(), t);
        QCOMPARE(history.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestHeadendPurse)
#include "TestHeadendPurse.moc"
