// The support lookup against a REAL carddesk-headend process (HTTPS, its certificate pinned from its data
// directory) and a real card (the card OS in-process behind a local reader of the console's reader manager).
// Through the headend (TestSupportGateway.h): a refunded top-up, a top-up, three purchases (one left unfinished), a
// top-up debited but never credited; on the card only: a desk purchase. In the headend's SQLite one TAC and one amount
// are then corrupted. The reconciliation must say, row by row: matched + TAC proved, TAC wrong, amount mismatch,
// unfinished, only at the headend (refunded / debited), only on the card (TAC proved by the card); subscriber mode with
// a second card; every connection failure in words; and exports with header and without the token.
#include "TestSupportGateway.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/IssuanceService.h>
#include <carddesk/model/PurseService.h>
#include <carddesk/model/SupportReconciler.h>
#include <carddesk/model/SupportService.h>

#include "support/InProcessCard.h"
#include "support/TestOperators.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QtTest>

using namespace carddesk;
using Match = SupportReport::Match;
using Tac = SupportReport::Tac;
using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;
using supporttest::Gateway;

namespace {

const QString kReader = QStringLiteral("Support desk reader");
const QString kCard = QStringLiteral("86010000000000000061");
const QString kCard2 = QStringLiteral("86010000000000000062");

const SupportReport::Row* rowOf(const SupportReport& r, const QString& kind, qint64 headendId) {
    for (const auto& row : r.rows)
        if (row.kind == kind && row.headend && row.headend->id == headendId)
            return &row;
    return nullptr;
}

} // namespace

class TestSupportService : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    hdtest::HeadendProcess m_hd;
    hdtest::HeadendProcess m_other; // another headend: another certificate
    std::unique_ptr<cdos::KeyStore> m_devKeys;
    std::unique_ptr<hdtest::IssuedCard> m_card, m_card2;
    std::shared_ptr<cdos::card::CardOs> m_os;
    TraceLog m_trace;
    CardReaderManager m_readers{nullptr, &m_trace};
    Database m_db;
    OperatorSession m_ops{m_db};
    std::unique_ptr<PurseService> m_purse;
    std::unique_ptr<SupportService> m_support;
    std::shared_ptr<const cdos::IssuerKeys> m_keys;
    qint64 m_refundedLoad = 0, m_load = 0, m_buy = 0, m_badTac = 0, m_badAmount = 0, m_unfinished = 0, m_debited = 0,
           m_recovered = 0, m_card2Load = 0;

    SupportReport lookup(const SupportQuery& q) { return waitForFuture(m_support->lookup(q)); }
    void configure(HeadendHistoryClient& c) {
        c.setUrl(QUrl(m_hd.base));
        c.setCertificateFile(m_hd.dir.filePath(QStringLiteral("tls-cert.pem")));
        c.setOperatorToken(m_hd.operatorToken);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_devKeys = hdtest::openDevKeys();
        QVERIFY2(m_hd.start(900), qPrintable(m_hd.error));
        QVERIFY2(m_other.start(900), qPrintable(m_other.error));

        // Card 1: everything through the headend, as a gateway does it.
        m_card = std::make_unique<hdtest::IssuedCard>(*m_devKeys, kCard.toStdString());
        const QString token = m_hd.enrolAndAuthenticate(*m_card);
        QVERIFY(!token.isEmpty());
        const QString account = QString::fromStdString(m_card->profile.holder.account);
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), account}, {QStringLiteral("balance"), 100000}}, {}, true)
                     .status,
                 200);
        Gateway gw(m_hd, *m_card, token);
        QVERIFY(gw.select());
        // A top-up never credited, refunded: its online counter is then taken by the next top-up.
        const Reply lost = gw.beginLoad(QStringLiteral("sup-load-lost"), 1000);
        QCOMPARE(lost.status, 200);
        m_refundedLoad = lost.json.value(QStringLiteral("loadId")).toInteger();
        const Reply refund = gw.refund(m_refundedLoad, 1000);
        QCOMPARE(refund.json.value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
        m_load = gw.load(QStringLiteral("sup-load-1"), 5000);
        QVERIFY(m_load);
        m_buy = gw.purchase(QStringLiteral("sup-buy-1"), 1200);
        QVERIFY(m_buy);
        m_badTac = gw.purchase(QStringLiteral("sup-buy-2"), 300);
        QVERIFY(m_badTac);
        m_badAmount = gw.purchase(QStringLiteral("sup-buy-3"), 500);
        QVERIFY(m_badAmount);
        m_unfinished = gw.purchase(QStringLiteral("sup-buy-4"), 250, false);
        QVERIFY(m_unfinished);
        // Credited, its TAC lost: completed by recovery, no TAC at the headend.
        m_recovered = gw.load(QStringLiteral("sup-load-recovered"), 400, true);
        QVERIFY(m_recovered);
        // Debited at the bank, never credited to the card (and not yet recovered).
        const Reply debited = gw.beginLoad(QStringLiteral("sup-load-2"), 700);
        QCOMPARE(debited.json.value(QStringLiteral("status")).toString(), QStringLiteral("debited"));
        m_debited = debited.json.value(QStringLiteral("loadId")).toInteger();

        // Card 2 of the same subscriber: one top-up.
        m_card2 = std::make_unique<hdtest::IssuedCard>(*m_devKeys, kCard2.toStdString());
        const QString token2 = m_hd.enrolAndAuthenticate(*m_card2);
        QVERIFY(!token2.isEmpty());
        Gateway gw2(m_hd, *m_card2, token2);
        QVERIFY(gw2.select());
        m_card2Load = gw2.load(QStringLiteral("sup-load-card2"), 800);
        QVERIFY(m_card2Load);

        // The headend's database, tampered with: one TAC, one amount.
        QVERIFY(supporttest::tamperHeadend(m_hd, QStringLiteral("UPDATE purchases SET tac = '00000000' WHERE id = ?"),
                                           m_badTac));
        QVERIFY(supporttest::tamperHeadend(m_hd, QStringLiteral("UPDATE purchases SET amount = 555 WHERE id = ?"),
                                           m_badAmount));

        // Card 1 now goes to the support desk's reader: from here only the reader's owner thread touches it.
        m_os = std::shared_ptr<cdos::card::CardOs>(std::move(m_card->card.os));
        m_db.open(m_dir.filePath(QStringLiteral("desk.sqlite")));
        QCOMPARE(cdtest::logIn(m_ops, QStringLiteral("desk")), QString());
        m_readers.start(false);
        m_readers.addLocalReader(kReader);
        cdtest::insertInProcessCard(m_readers, kReader, m_os);
        IssuanceService issuance(m_readers, m_db, m_ops);
        issuance.openKeyStore(QString::fromStdString(cdtest::devKeyStorePath()),
                              QString::fromLatin1(cdtest::kDevPassphrase));
        m_keys = issuance.issuerKeys();
        m_purse = std::make_unique<PurseService>(m_readers, m_db, m_ops);
        m_purse->setIssuerKeys(m_keys);
        // An offline purchase at the desk's own terminal: on the card, never uploaded to the headend.
        const PurseTransactionResult desk = PurseService::wait(m_purse->transact(
            PurseRequest{kReader, PurseOperation::Purchase, 200, 1, QStringLiteral("1234"), QStringLiteral("desk")}));
        QVERIFY2(desk.ok, qPrintable(desk.error));
        m_support = std::make_unique<SupportService>(*m_purse);
        configure(m_support->client());
        m_support->setIssuerKeys(m_keys);
    }

    void cleanupTestCase() {
        m_support.reset();
        m_purse.reset();
        m_readers.stop();
        // Neither the set-up token, the credential nor the keys reach the headend's log.
        const QByteArray log = m_hd.stop();
        QVERIFY(!log.contains(hdtest::kAdminToken));
        QVERIFY(!log.contains(m_hd.operatorToken.toLatin1()));
        QVERIFY(log.contains("GET /v1/cards/86010000000000000061/transactions -> 200"));
    }

    void cardModeReconciles() {
        QSignalSpy busy(m_support.get(), &SupportService::busyChanged);
        const SupportReport r = lookup(SupportQuery{false, kCard.toLower(), {}, kReader});
        QCOMPARE(busy.size(), 2); // busy, then idle
        QVERIFY2(r.hasHeadendData(), qPrintable(r.headendError));
        QVERIFY(r.cardCompared);
        QCOMPARE(r.cardNumber, kCard);
        QCOMPARE(r.readerCardNumber, kCard);
        QCOMPARE(r.cardBalance.value_or(0), 5000u + 400 - 1200 - 300 - 500 - 250 - 200);
        QVERIFY(r.keysAvailable);
        QCOMPARE(r.rows.size(), 9);

        const auto* load = rowOf(r, QStringLiteral("load"), m_load);
        QVERIFY(load);
        QCOMPARE(load->match, Match::Matched);
        QCOMPARE(load->tac, Tac::Proved);
        QVERIFY(load->card && load->card->amount == 5000);
        QVERIFY(!load->isProblem());

        const auto* refunded = rowOf(r, QStringLiteral("load"), m_refundedLoad);
        QVERIFY(refunded);
        QCOMPARE(refunded->match, Match::HeadendOnly);
        QCOMPARE(refunded->headend->status, QStringLiteral("refunded"));
        QCOMPARE(refunded->counter, load->counter); // same online counter, the completed one matched
        QVERIFY(!refunded->card);
        QVERIFY(!refunded->isProblem());

        const auto* buy = rowOf(r, QStringLiteral("purchase"), m_buy);
        QVERIFY(buy);
        QCOMPARE(buy->match, Match::Matched);
        QCOMPARE(buy->tac, Tac::Proved);

        const auto* badTac = rowOf(r, QStringLiteral("purchase"), m_badTac);
        QVERIFY(badTac);
        QCOMPARE(badTac->match, Match::Matched);
        QCOMPARE(badTac->tac, Tac::Wrong);
        QVERIFY(badTac->isProblem());

        const auto* badAmount = rowOf(r, QStringLiteral("purchase"), m_badAmount);
        QVERIFY(badAmount);
        QCOMPARE(badAmount->match, Match::AmountMismatch);
        QCOMPARE(badAmount->headendAmount(), 555);
        QCOMPARE(badAmount->cardAmount(), 500);
        QCOMPARE(badAmount->tac, Tac::Wrong);
        // ...and the TAC is the card's for the card's amount: the headend's amount is the one that was changed.
        QVERIFY2(badAmount->note.contains(QStringLiteral("card's amount")), qPrintable(badAmount->note));

        const auto* unfinished = rowOf(r, QStringLiteral("purchase"), m_unfinished);
        QVERIFY(unfinished);
        QCOMPARE(unfinished->match, Match::Unfinished);
        QCOMPARE(unfinished->tac, Tac::Missing);
        QVERIFY(unfinished->isProblem());

        // Completed by recovery: matched, but the headend never had its TAC (and it is not the last transaction).
        const auto* recovered = rowOf(r, QStringLiteral("load"), m_recovered);
        QVERIFY(recovered);
        QCOMPARE(recovered->match, Match::Matched);
        QCOMPARE(recovered->tac, Tac::Missing);
        QVERIFY2(recovered->note.contains(QStringLiteral("recovery")), qPrintable(recovered->note));
        QVERIFY(!recovered->isProblem());

        const auto* debited = rowOf(r, QStringLiteral("load"), m_debited);
        QVERIFY(debited);
        QCOMPARE(debited->match, Match::HeadendOnly);
        QVERIFY(debited->isProblem());

        // The desk's offline purchase: only on the card, its TAC proved by the card (the last transaction).
        const SupportReport::Row* desk = nullptr;
        for (const auto& row : r.rows)
            if (row.match == Match::CardOnly)
                desk = &row;
        QVERIFY(desk);
        QCOMPARE(desk->kind, QStringLiteral("purchase"));
        QCOMPARE(desk->cardAmount(), 200);
        QCOMPARE(desk->card->terminal.toHex().toUpper(), QByteArray("434400000001"));
        QCOMPARE(desk->tac, Tac::Proved);
        QVERIFY(desk->cardTacProved);
        QCOMPARE(desk->cardTac.size(), 8);
        QVERIFY(desk->isProblem());

        QCOMPARE(r.matchedCount(), 4);
        QCOMPARE(r.problemCount(), 5); // bad TAC, amount, unfinished, debited-not-credited, not uploaded
        // Each card-side counter appears once; every headend record appears once.
        QCOMPARE(std::count_if(r.rows.cbegin(), r.rows.cend(), [](const auto& x) { return bool(x.headend); }), 8);
    }

    void forgedCardIsNotProved() {
        // Issue 17: the failing side. A card whose stored TAC is wrong (tampered, cloned) must not show "proved".
        cdtest::forgeLastTac(m_readers, kReader, m_os);
        const SupportReport r = lookup(SupportQuery{false, kCard, {}, kReader});
        cdtest::forgeLastTac(m_readers, kReader, m_os); // undone for the other tests
        const SupportReport::Row* desk = nullptr;
        for (const auto& row : r.rows)
            if (row.match == Match::CardOnly)
                desk = &row;
        QVERIFY(desk);
        QVERIFY(!desk->cardTacProved);
        QCOMPARE(desk->tac, Tac::Wrong);
        QVERIFY(desk->note.contains(QStringLiteral("does not check")));
    }

    void withoutKeysNothingIsProved() {
        PurseService purse(m_readers, m_db, m_ops); // no keys: the card's proof is not asked for either
        SupportService support(purse);
        configure(support.client());
        const SupportReport r = waitForFuture(support.lookup(SupportQuery{false, kCard, {}, kReader}));
        QVERIFY(!r.keysAvailable);
        QCOMPARE(r.rows.size(), 9);
        for (const auto& row : r.rows)
            QCOMPARE(row.tac, Tac::NotChecked);
        QCOMPARE(rowOf(r, QStringLiteral("purchase"), m_badAmount)->match, Match::AmountMismatch);
    }

    void subscriberMode() {
        const SupportReport r = lookup(SupportQuery{true, {}, QStringLiteral("U00000001"), kReader});
        QVERIFY2(r.hasHeadendData(), qPrintable(r.headendError));
        QVERIFY(r.cardCompared); // card 1 is one of the subscriber's
        const auto* other = rowOf(r, QStringLiteral("load"), m_card2Load);
        QVERIFY(other);
        QCOMPARE(other->cardNumber, kCard2);
        QCOMPARE(other->match, Match::NotCompared);
        QCOMPARE(other->tac, Tac::Proved); // recomputed with card 2's TAC key from the headend's fields
        QCOMPARE(rowOf(r, QStringLiteral("purchase"), m_badTac)->tac, Tac::Wrong);
        QCOMPARE(r.rows.size(), 10);

        // Without a reader: headend only, nothing compared.
        const SupportReport h = lookup(SupportQuery{true, {}, QStringLiteral("U00000001"), {}});
        QVERIFY(!h.cardCompared);
        QCOMPARE(h.rows.size(), 9); // 8 headend records of card 1, 1 of card 2
        for (const auto& row : h.rows)
            QCOMPARE(row.match, Match::NotCompared);
    }

    void anotherCardInTheReader() {
        const SupportReport r = lookup(SupportQuery{false, kCard2, {}, kReader});
        QVERIFY(!r.cardCompared);
        QVERIFY(r.cardNote.contains(kCard));
        QCOMPARE(r.rows.size(), 1);
        QCOMPARE(r.rows.first().match, Match::NotCompared);
    }

    void failuresInWords() {
        SupportService support(*m_purse);
        HeadendHistoryClient& c = support.client();
        configure(c);
        const auto failure = [&](const SupportQuery& q) { return waitForFuture(support.lookup(q)); };
        const SupportQuery card{false, kCard, {}, {}};

        c.setOperatorToken(QStringLiteral("not-the-token"));
        SupportReport r = failure(card);
        QCOMPARE(r.headendFailure, HeadendHistoryClient::Failure::CredentialRefused);
        QVERIFY(r.rows.isEmpty());
        QVERIFY(!r.headendError.contains(QStringLiteral("not-the-token")));
        c.setOperatorToken({});
        QCOMPARE(failure(card).headendFailure, HeadendHistoryClient::Failure::Settings);
        // The shared set-up token is never sent for a history (issue 13): without a credential, nothing is asked.
        c.setSetupToken(QString::fromLatin1(hdtest::kAdminToken));
        QCOMPARE(failure(card).headendFailure, HeadendHistoryClient::Failure::Settings);
        c.setSetupToken({});
        qputenv("CARDDESK_HEADEND_TOKEN", "cdop_from-the-environment");
        QCOMPARE(HeadendHistoryClient::operatorTokenFromEnvironment(), QStringLiteral("cdop_from-the-environment"));
        qunsetenv("CARDDESK_HEADEND_TOKEN");
        c.setOperatorToken(m_hd.operatorToken);

        // Another headend's certificate pinned: refused before any byte of the token is sent.
        c.setCertificateFile(m_other.dir.filePath(QStringLiteral("tls-cert.pem")));
        r = failure(card);
        QCOMPARE(r.headendFailure, HeadendHistoryClient::Failure::CertificateMismatch);
        QVERIFY(!r.headendError.isEmpty());
        c.setCertificateFile(m_dir.filePath(QStringLiteral("missing.pem")));
        QCOMPARE(failure(card).headendFailure, HeadendHistoryClient::Failure::CertificateFile);
        QFile notPem(m_dir.filePath(QStringLiteral("not.pem")));
        QVERIFY(notPem.open(QIODevice::WriteOnly));
        notPem.write("not a certificate\n");
        notPem.close();
        c.setCertificateFile(notPem.fileName());
        QCOMPARE(failure(card).headendFailure, HeadendHistoryClient::Failure::CertificateFile);
        c.setCertificateFile(m_hd.dir.filePath(QStringLiteral("tls-cert.pem")));

        // The host must be one the certificate names.
        QUrl wrongHost(m_hd.base);
        c.setUrl(QUrl(QStringLiteral("https://127.0.0.2:%1").arg(wrongHost.port())));
        r = failure(card);
        QVERIFY(r.headendFailure == HeadendHistoryClient::Failure::Unreachable ||
                r.headendFailure == HeadendHistoryClient::Failure::CertificateMismatch);
        // Nobody listening.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 freePort = probe.serverPort();
        probe.close();
        c.setUrl(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(freePort)));
        r = failure(card);
        QCOMPARE(r.headendFailure, HeadendHistoryClient::Failure::Unreachable);
        QVERIFY(r.headendError.contains(QStringLiteral("127.0.0.1")));
        c.setUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(QUrl(m_hd.base).port())));
        QCOMPARE(failure(card).headendFailure, HeadendHistoryClient::Failure::Settings);
        c.setUrl(QUrl(m_hd.base));

        // Unknown subscriber, unknown card, bad numbers.
        QCOMPARE(failure(SupportQuery{true, {}, QStringLiteral("U99999999"), {}}).headendFailure,
                 HeadendHistoryClient::Failure::NotFound);
        r = failure(SupportQuery{false, QStringLiteral("86010000000000000999"), {}, {}});
        QCOMPARE(r.headendFailure, HeadendHistoryClient::Failure::NotFound);
        QVERIFY(r.rows.isEmpty());
        QCOMPARE(failure(SupportQuery{false, QStringLiteral("8601"), {}, {}}).headendFailure,
                 HeadendHistoryClient::Failure::Settings);
        QCOMPARE(failure(SupportQuery{true, {}, QString(), {}}).headendFailure,
                 HeadendHistoryClient::Failure::Settings);
    }

    // A long history: the card keeps its newest 10 log records, older headend records are "older than the log",
    // not "only at the headend" — and a completed record past the card's counter is a problem.
    // Issue 13: the client as an operator uses it — the set-up token only to issue, a credential of its own, a
    // refusal that names the missing role, a revoked credential in words, the audit's pages.
    void operatorCredentialsThroughTheClient() {
        HeadendHistoryClient admin;
        configure(admin);
        HeadendHistoryClient setup;
        configure(setup);
        setup.setOperatorToken({});
        setup.setSetupToken(QString::fromLatin1(hdtest::kAdminToken));
        // The headend already has an admin credential: the set-up token is closed.
        auto a = waitForFuture(setup.issueCredential(QStringLiteral("li"), {QStringLiteral("admin")}, 1));
        QCOMPARE(a.failure, HeadendHistoryClient::Failure::CredentialRefused);
        QVERIFY(a.error.contains(QLatin1String("first admin credential")));

        a = waitForFuture(admin.issueCredential(QStringLiteral("desk-chen"), {QStringLiteral("desk")}, 7));
        QVERIFY2(a.ok(), qPrintable(a.error));
        const QString deskToken = a.value.toObject().value(QStringLiteral("token")).toString();
        const qint64 deskId = a.value.toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(deskToken.startsWith(QLatin1String("cdop_")));
        HeadendHistoryClient desk;
        configure(desk);
        desk.setOperatorToken(deskToken);
        HeadendHistoryClient::Result r = waitForFuture(desk.cardTransactions(kCard));
        QCOMPARE(r.failure, HeadendHistoryClient::Failure::MissingRole);
        QVERIFY2(r.error.contains(QLatin1String("support")), qPrintable(r.error));
        QCOMPARE(waitForFuture(desk.listCredentials()).failure, HeadendHistoryClient::Failure::MissingRole);

        a = waitForFuture(admin.listCredentials());
        QVERIFY(a.ok());
        QVERIFY(a.value.isArray() && a.value.toArray().size() >= 2);
        a = waitForFuture(admin.revokeCredential(deskId, QStringLiteral("test")));
        QVERIFY2(a.ok(), qPrintable(a.error));
        r = waitForFuture(desk.cardTransactions(kCard));
        QCOMPARE(r.failure, HeadendHistoryClient::Failure::CredentialRefused);
        QVERIFY2(r.error.contains(QLatin1String("revoked")), qPrintable(r.error));
        QCOMPARE(waitForFuture(admin.revokeCredential(999999, {})).failure, HeadendHistoryClient::Failure::NotFound);

        a = waitForFuture(admin.auditPage(0, 5));
        QVERIFY2(a.ok(), qPrintable(a.error));
        QCOMPARE(a.value.toObject().value(QStringLiteral("rows")).toArray().size(), 5);
        QVERIFY(a.value.toObject().contains(QStringLiteral("next")));
    }

    // Issue 15: the client reads a history in pages (the headend never answers it whole) and follows them.
    void clientFollowsThePages() {
        const QString card = QStringLiteral("86010000000000000069");
        QVERIFY(supporttest::fillHeadendHistory(m_hd, card, QStringLiteral("U00000069"), 1234));
        HeadendHistoryClient client;
        configure(client);
        HeadendHistoryClient::Result page = waitForFuture(client.cardTransactionsPage(card, QString(), 100));
        QVERIFY2(page.ok(), qPrintable(page.error));
        QCOMPARE(page.history.records.size(), 100);
        QVERIFY(!page.next.isEmpty());
        page = waitForFuture(client.cardTransactionsPage(card, page.next, 100));
        QCOMPARE(page.history.records.first().balanceBefore, 1234 - 101);
        const HeadendHistoryClient::Result all = waitForFuture(client.cardTransactions(card));
        QVERIFY2(all.ok(), qPrintable(all.error));
        QCOMPARE(all.history.records.size(), 1234);
        QSet<qint64> ids;
        for (const auto& r : all.history.records)
            ids.insert(r.id);
        QCOMPARE(ids.size(), 1234);
        QVERIFY(all.next.isEmpty());
    }

    void olderThanTheCardLog() {
        SupportReconciler::Input in;
        in.cardNumber = kCard;
        in.headendUrl = QStringLiteral("https://127.0.0.1:8443");
        in.reader = kReader;
        PurseState card;
        card.cardNumber = kCard;
        card.offlineCounter = 15;
        card.onlineCounter = 0;
        for (int c = 14; c >= 5; --c) { // newest first
            PurseLogEntry e;
            e.record = 15 - c;
            e.counter = quint16(c);
            e.amount = 100;
            e.type = 0x06;
            e.terminal = QByteArray::fromHex("112233445566");
            e.dateTime = QStringLiteral("2026-11-26 01:00:%1").arg(c, 2, 10, QLatin1Char('0'));
            card.log.append(e);
        }
        in.card = card;
        for (int c = 0; c <= 15; ++c) {
            HeadendHistory::Record r;
            r.kind = QStringLiteral("purchase");
            r.id = c + 1;
            r.cardNumber = kCard;
            r.amount = 100;
            r.terminalId = QStringLiteral("112233445566");
            r.terminalSerial = c + 1;
            r.counter = c;
            r.date = QStringLiteral("20261126");
            r.time = QStringLiteral("0100%1").arg(c, 2, 10, QLatin1Char('0'));
            r.status = QStringLiteral("completed");
            in.headend.history.records.append(r);
        }
        const SupportReport r = SupportReconciler::reconcile(in);
        QCOMPARE(r.rows.size(), 16);
        QCOMPARE(r.matchedCount(), 10);
        int older = 0;
        for (const auto& row : r.rows) {
            if (row.match == Match::BeyondCardLog) {
                ++older;
                QVERIFY(row.counter < 5);
                QVERIFY(!row.isProblem());
            }
            QCOMPARE(row.tac, Tac::NotChecked); // no key store
        }
        QCOMPARE(older, 5);
        // Counter 15 is past the card's: completed at the headend, never on this card.
        QCOMPARE(r.rows.first().counter, 15);
        QCOMPARE(r.rows.first().match, Match::HeadendOnly);
        QVERIFY(r.rows.first().isProblem());
        QCOMPARE(r.problemCount(), 1);
    }

    void malformedHistoryRefused() {
        QString why;
        QVERIFY(!HeadendHistory::parse("{}", &why));
        QVERIFY(!why.isEmpty());
        QVERIFY(!HeadendHistory::parse(R"([{"kind":"purchase","id":1}])", &why));
        QVERIFY(!HeadendHistory::parse(R"([{"kind":"load","id":1,"amount":-5,"counter":0}])", &why));
        const QByteArray good = R"([{"kind":"load","id":3,"cardNumber":"86010000000000000061","amount":100,
            "terminalId":"112233445566","counter":2,"date":"20261126","time":"035501","status":"completed",
            "tac":"0A0B0C0D","balanceBefore":40}])";
        const auto h = HeadendHistory::parse(good, &why);
        QVERIFY2(h, qPrintable(why));
        QCOMPARE(h->records.first().dateTime(), QStringLiteral("2026-11-26 03:55:01"));
        QCOMPARE(h->records.first().balanceBefore, 40);
    }

    // A VOD purchase (headend VodService) carries its title: kept, exported, and refused when malformed.
    void vodPurchaseKeepsItsTitle() {
        QString why;
        const QByteArray vod = R"([{"kind":"purchase","id":9,"cardNumber":"86010000000000000061","amount":300,
            "terminalId":"112233445566","terminalSerial":9,"counter":4,"date":"20261126","time":"035501",
            "status":"completed","tac":"0A0B0C0D","balanceBefore":900,"titleId":2,"title":"流浪地球 2"}])";
        const auto h = HeadendHistory::parse(vod, &why);
        QVERIFY2(h, qPrintable(why));
        QCOMPARE(h->records.first().vodTitle, QStringLiteral("流浪地球 2"));
        QCOMPARE(h->records.first().toJson().value(QStringLiteral("title")).toString(), QStringLiteral("流浪地球 2"));
        QVERIFY(!HeadendHistory::parse(QByteArray(vod).replace("\"流浪地球 2\"", "\"\""), &why));
        QVERIFY(!HeadendHistory::parse(QByteArray(vod).replace("\"purchase\"", "\"load\""), &why));
    }

    void exports() {
        const SupportReport r = lookup(SupportQuery{false, kCard, {}, kReader});
        QCOMPARE(r.rows.size(), 9);
        const QString csvPath = m_dir.filePath(QStringLiteral("support.csv"));
        const QString jsonPath = m_dir.filePath(QStringLiteral("support.json"));
        QCOMPARE(r.write(csvPath), QString());
        QCOMPARE(r.write(jsonPath), QString());
        QFile csvFile(csvPath), jsonFile(jsonPath);
        QVERIFY(csvFile.open(QIODevice::ReadOnly) && jsonFile.open(QIODevice::ReadOnly));
        const QByteArray csv = csvFile.readAll(), json = jsonFile.readAll();
        for (const QByteArray& data : {csv, json}) {
            QVERIFY(!data.contains(hdtest::kAdminToken));
            QVERIFY(!data.contains(m_hd.operatorToken.toLatin1()));
            QVERIFY(!data.contains("0123456789ABCDEF")); // the development master keys' bytes
            QVERIFY(!data.contains("X-Admin-Token"));
            QVERIFY(!data.contains("X-Operator-Token"));
        }
        const QString text = QString::fromUtf8(csv);
        QVERIFY(csv.startsWith("\xEF\xBB\xBF")); // UTF-8 with a byte order mark for spreadsheets
        QVERIFY(text.contains(QStringLiteral("# card: ") + kCard));
        QVERIFY(text.contains(QStringLiteral("# headend: ") + m_hd.base));
        QVERIFY(text.contains(QStringLiteral("# exported: ")));
        const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        const qsizetype headerAt = lines.indexOf(QRegularExpression(QStringLiteral("card_number,.*")));
        QVERIFY(headerAt > 0);
        QCOMPARE(lines.size() - headerAt - 1, 9);
        QCOMPARE(lines.filter(QStringLiteral(",amount_mismatch,")).size(), 1);
        QCOMPARE(lines.filter(QStringLiteral(",only_on_card,")).size(), 1);
        QCOMPARE(lines.filter(QStringLiteral(",wrong,")).size(), 2);

        const QJsonObject o = QJsonDocument::fromJson(json).object();
        const QJsonObject header = o.value(QStringLiteral("header")).toObject();
        QCOMPARE(header.value(QStringLiteral("card")).toString(), kCard);
        QCOMPARE(header.value(QStringLiteral("headendUrl")).toString(), m_hd.base);
        QVERIFY(QDateTime::fromString(header.value(QStringLiteral("exportedAt")).toString(), Qt::ISODate).isValid());
        QCOMPARE(o.value(QStringLiteral("rows")).toArray().size(), 9);
        QCOMPARE(o.value(QStringLiteral("summary")).toObject().value(QStringLiteral("problems")).toInt(), 5);

        QVERIFY(!r.write(m_dir.filePath(QStringLiteral("no/such/dir/x.csv"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSupportService)
#include "TestSupportService.moc"
