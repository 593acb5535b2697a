// The headend killed with SIGKILL in the middle of top-ups and payments, and restarted: the gateway retries with
// the same request ids, and afterwards the card's purse, the bank accounts and the operator's ledger agree — no
// money lost, nothing counted twice. The card is the in-process card with its real e-purse application.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;
namespace ep = cdos::ep;

class TestHeadendCrash : public QObject {
    Q_OBJECT
    hdtest::HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;
    int m_kills = 0;
    QSslCertificate m_firstCertificate;
    QRandomGenerator m_random{20261126};

    // Sends the request and, when `kill` is set, SIGKILLs the headend 0–12 ms later (before, during or after its
    // work on it) and restarts it. Returns the answer when there was one.
    Reply sendMaybeKilled(const QString& path, const QJsonObject& body, const QString& token, bool kill) {
        QNetworkReply* r = m_hd.sendAsync("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
        if (!kill)
            return hdtest::HeadendProcess::finish(r);
        QElapsedTimer t;
        t.start();
        const qint64 delayUs = m_random.bounded(12000);
        while (t.nsecsElapsed() / 1000 < delayUs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        m_hd.kill();
        ++m_kills;
        const Reply lost = hdtest::HeadendProcess::finish(r);
        m_hd.stop();
        if (!m_hd.start(600))
            qFatal("headend did not restart: %s", qPrintable(m_hd.error));
        return lost;
    }

    // Retries until the headend answers (it may have been killed mid-way): same request, same body.
    Reply sendUntilAnswered(const QString& path, const QJsonObject& body, const QString& token, bool kill) {
        Reply r = sendMaybeKilled(path, body, token, kill);
        for (int i = 0; i < 3 && r.status == 0; ++i)
            r = sendMaybeKilled(path, body, token, false);
        return r;
    }

    // Statements on the headend's database through a connection of the test's own: what a database crash leaves
    // behind when it loses commits that did not wait for the disk.
    bool onDatabase(const QStringList& statements) {
        bool ok = false;
        {
            QSqlDatabase db;
            if (m_hd.database.isEmpty()) {
                db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash-db"));
                db.setDatabaseName(m_hd.dir.filePath(QStringLiteral("headend.sqlite")));
            } else {
                const QUrl url(m_hd.database);
                db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("crash-db"));
                db.setHostName(url.host());
                db.setPort(url.port());
                db.setUserName(url.userName());
                db.setDatabaseName(url.path().mid(1));
            }
            ok = db.open();
            for (const QString& statement : statements) {
                QSqlQuery q(db);
                if (ok && !q.exec(statement)) {
                    qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
                    ok = false;
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("crash-db"));
        return ok;
    }

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY(m_hd.usePostgresIfAsked());
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
        m_firstCertificate = m_hd.tls.caCertificates().value(0);
        QVERIFY(!m_firstCertificate.isNull());
    }

    void cleanupTestCase() { m_hd.stop(); }

    void killedDuringLoadsAndPurchases() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000061");
        const QString token = m_hd.enrolAndAuthenticate(card);
        QVERIFY(!token.isEmpty());
        const QString holder = QString::fromStdString(card.profile.holder.account);
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), holder}, {QStringLiteral("balance"), 1000000}}, {}, true)
                     .status,
                 200);
        const qint64 bankTotal = m_hd.bankBalance(holder) + m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE"));
        const qint64 serviceBefore = m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE"));
        const ep::TerminalId terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
        QVERIFY(card.tx(cdos::selectAid(ep::kPurseAid)).ok());
        QVERIFY(card.tx(cdos::verifyPin(1, "1234")).ok());

        qint64 loaded = 0, spent = 0;
        const int rounds = 16;
        for (int i = 0; i < rounds; ++i) {
            const int killAt = i % 3; // 0: during the first request, 1: during the completion, 2: no kill
            if (i % 2 == 0) {
                const std::uint32_t amount = 1000 + i;
                const auto init = card.tx(ep::initializeForLoad(ep::kKeyIndex, amount, terminal));
                QVERIFY(init.ok());
                const QJsonObject begin{{QStringLiteral("requestId"), QStringLiteral("crash-load-%1").arg(i)},
                                        {QStringLiteral("amount"), qint64(amount)},
                                        {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                                        {QStringLiteral("keyIndex"), 1},
                                        {QStringLiteral("initResponse"), hexq(init.data)}};
                const Reply b = sendUntilAnswered(QStringLiteral("/v1/loads"), begin, token, killAt == 0);
                QCOMPARE(b.status, 200);
                const Bytes d = bytesq(b.json.value(QStringLiteral("date"))),
                            tm = bytesq(b.json.value(QStringLiteral("time")));
                const auto credit = card.tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {tm[0], tm[1], tm[2]},
                                                              bytesq(b.json.value(QStringLiteral("mac2")))));
                QCOMPARE(credit.sw, std::uint16_t(0x9000));
                const Reply c = sendUntilAnswered(
                    QStringLiteral("/v1/loads/%1/completion").arg(b.json.value(QStringLiteral("loadId")).toInteger()),
                    {{QStringLiteral("tac"), hexq(credit.data)}}, token, killAt == 1);
                QCOMPARE(c.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
                loaded += amount;
            } else {
                const std::uint32_t amount = 300 + i;
                const auto init = card.tx(ep::initializeForPurchase(ep::kKeyIndex, amount, terminal));
                QVERIFY(init.ok());
                const QJsonObject begin{{QStringLiteral("requestId"), QStringLiteral("crash-buy-%1").arg(i)},
                                        {QStringLiteral("amount"), qint64(amount)},
                                        {QStringLiteral("terminalId"), QStringLiteral("112233445566")},
                                        {QStringLiteral("keyIndex"), 1},
                                        {QStringLiteral("initResponse"), hexq(init.data)}};
                const Reply b = sendUntilAnswered(QStringLiteral("/v1/purchases"), begin, token, killAt == 0);
                QCOMPARE(b.status, 200);
                const Bytes d = bytesq(b.json.value(QStringLiteral("date"))),
                            tm = bytesq(b.json.value(QStringLiteral("time")));
                const auto debit = card.tx(ep::debitForPurchase(
                    static_cast<std::uint32_t>(b.json.value(QStringLiteral("terminalSerial")).toInteger()),
                    {d[0], d[1], d[2], d[3]}, {tm[0], tm[1], tm[2]}, bytesq(b.json.value(QStringLiteral("mac1")))));
                QCOMPARE(debit.sw, std::uint16_t(0x9000));
                const Reply c = sendUntilAnswered(
                    QStringLiteral("/v1/purchases/%1/completion")
                        .arg(b.json.value(QStringLiteral("purchaseId")).toInteger()),
                    {{QStringLiteral("mac2"), hexq(Bytes(debit.data.begin() + 4, debit.data.end()))},
                     {QStringLiteral("tac"), hexq(Bytes(debit.data.begin(), debit.data.begin() + 4))}},
                    token, killAt == 1);
                QCOMPARE(c.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
                spent += amount;
            }
        }
        qInfo("%d SIGKILLs during %d transactions", m_kills, rounds);
        // The TLS identity made at first start is the one every restart used (gateways pin it).
        QCOMPARE(m_hd.tls.caCertificates().value(0), m_firstCertificate);
        QVERIFY(m_kills >= rounds / 2);

        const std::uint32_t purse = cdos::getU32(card.tx(ep::getBalance()).data.data());
        QCOMPARE(qint64(purse), loaded - spent);
        QCOMPARE(m_hd.bankBalance(holder) + m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")), bankTotal);
        QCOMPARE(m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")) - serviceBefore, loaded);
        const Reply ledger = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger"));
        QCOMPARE(ledger.json.value(QStringLiteral("purse:86010000000000000061")).toInteger(), -qint64(purse));
        QCOMPARE(ledger.json.value(QStringLiteral("operator:revenue")).toInteger(), -spent);
        QCOMPARE(ledger.json.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
        // Every transaction once, completed.
        const Reply history = m_hd.getAdmin(QStringLiteral("/v1/cards/86010000000000000061/transactions"));
        QCOMPARE(history.status, 200);
        const QJsonArray all = QJsonDocument::fromJson(history.body).array();
        QCOMPARE(all.size(), rounds);
        for (const auto& v : all)
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    }

    // Issue 15: a purchase's pending row and a top-up's debited state are committed without waiting for the disk.
    // A database crash may lose them (here: removed as the crash would); the card's proofs and the bank's record
    // settle them, and nothing appears, vanishes or counts twice.
    void commitsLostToADatabaseCrash() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000062");
        const QString number = QStringLiteral("86010000000000000062");
        const QString token = m_hd.enrolAndAuthenticate(card);
        QVERIFY(!token.isEmpty());
        const QString holder = QString::fromStdString(card.profile.holder.account);
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), holder}, {QStringLiteral("balance"), 1000000}}, {}, true)
                     .status,
                 200);
        const QString service = QStringLiteral("CARDDESK-SERVICE");
        const qint64 bankTotal = m_hd.bankBalance(holder) + m_hd.bankBalance(service);
        const qint64 serviceBefore = m_hd.bankBalance(service);
        const QJsonObject ledgerBefore = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        const ep::TerminalId terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x67};
        const QString terminalHex = QStringLiteral("112233445567");
        QVERIFY(card.tx(cdos::selectAid(ep::kPurseAid)).ok());
        QVERIFY(card.tx(cdos::verifyPin(1, "1234")).ok());

        // A top-up credited on the card whose debited state (and its ledger legs) the crash lost.
        const auto initLoad = card.tx(ep::initializeForLoad(ep::kKeyIndex, 5000, terminal));
        const Reply l = m_hd.post(QStringLiteral("/v1/loads"),
                                  {{QStringLiteral("requestId"), QStringLiteral("lost-load")},
                                   {QStringLiteral("amount"), 5000},
                                   {QStringLiteral("terminalId"), terminalHex},
                                   {QStringLiteral("keyIndex"), 1},
                                   {QStringLiteral("initResponse"), hexq(initLoad.data)}},
                                  token);
        QCOMPARE(l.status, 200);
        const qint64 loadId = l.json.value(QStringLiteral("loadId")).toInteger();
        Bytes d = bytesq(l.json.value(QStringLiteral("date"))), tm = bytesq(l.json.value(QStringLiteral("time")));
        const auto credit = card.tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {tm[0], tm[1], tm[2]},
                                                      bytesq(l.json.value(QStringLiteral("mac2")))));
        QCOMPARE(credit.sw, std::uint16_t(0x9000));
        QVERIFY(onDatabase(
            {QStringLiteral("UPDATE loads SET status = 'authorised' WHERE id = %1").arg(loadId),
             QStringLiteral("DELETE FROM ledger_entries WHERE tx_kind = 'load-debit' AND tx_id = %1").arg(loadId)}));
        const Reply lc = m_hd.post(QStringLiteral("/v1/loads/%1/completion").arg(loadId),
                                   {{QStringLiteral("tac"), hexq(credit.data)}}, token);
        QCOMPARE(lc.status, 200);
        QCOMPARE(lc.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

        // A purchase debited on the card whose pending row the crash lost, its id then given to the next purchase.
        const auto buy = [&](const QString& requestId, std::uint32_t amount, QJsonObject& begun, Reply& answer) {
            const auto init = card.tx(ep::initializeForPurchase(ep::kKeyIndex, amount, terminal));
            QVERIFY(init.ok());
            begun = {{QStringLiteral("requestId"), requestId},
                     {QStringLiteral("amount"), qint64(amount)},
                     {QStringLiteral("terminalId"), terminalHex},
                     {QStringLiteral("keyIndex"), 1},
                     {QStringLiteral("initResponse"), hexq(init.data)}};
            answer = m_hd.post(QStringLiteral("/v1/purchases"), begun, token);
            QCOMPARE(answer.status, 200);
            const Bytes bd = bytesq(answer.json.value(QStringLiteral("date"))),
                        bt = bytesq(answer.json.value(QStringLiteral("time")));
            const auto debit = card.tx(ep::debitForPurchase(
                static_cast<std::uint32_t>(answer.json.value(QStringLiteral("terminalSerial")).toInteger()),
                {bd[0], bd[1], bd[2], bd[3]}, {bt[0], bt[1], bt[2]},
                bytesq(answer.json.value(QStringLiteral("mac1")))));
            QCOMPARE(debit.sw, std::uint16_t(0x9000));
            begun.insert(QStringLiteral("mac2"), hexq(Bytes(debit.data.begin() + 4, debit.data.end())));
            begun.insert(QStringLiteral("tac"), hexq(Bytes(debit.data.begin(), debit.data.begin() + 4)));
            for (const QString& k : {QStringLiteral("terminalSerial"), QStringLiteral("date"), QStringLiteral("time")})
                begun.insert(k, answer.json.value(k));
        };
        QJsonObject first, second;
        Reply a, b;
        buy(QStringLiteral("lost-buy-1"), 700, first, a);
        const qint64 lostId = a.json.value(QStringLiteral("purchaseId")).toInteger();
        QVERIFY(onDatabase(
            {QStringLiteral("DELETE FROM purchases WHERE id = %1").arg(lostId),
             m_hd.database.isEmpty()
                 ? QStringLiteral("UPDATE sqlite_sequence SET seq = %1 WHERE name = 'purchases'").arg(lostId - 1)
                 : QStringLiteral("SELECT setval('purchases_id_seq', %1, false)").arg(lostId)}));
        buy(QStringLiteral("lost-buy-2"), 200, second, b);
        QCOMPARE(b.json.value(QStringLiteral("purchaseId")).toInteger(), lostId); // the lost row's id, reused
        const QString lostPath = QStringLiteral("/v1/purchases/%1/completion").arg(lostId);
        const Reply c1 = m_hd.post(lostPath, first, token);
        QCOMPARE(c1.status, 200);
        QCOMPARE(c1.json.value(QStringLiteral("amount")).toInteger(), 700);
        const qint64 recordedId = c1.json.value(QStringLiteral("purchaseId")).toInteger();
        QVERIFY(recordedId != lostId);
        const Reply again = m_hd.post(lostPath, first, token); // the terminal repeats it: recorded once
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(QStringLiteral("purchaseId")).toInteger(), recordedId);
        // The same debit under another request id is the same purchase of the card (its offline counter).
        first.insert(QStringLiteral("requestId"), QStringLiteral("lost-buy-1-again"));
        QCOMPARE(m_hd.post(lostPath, first, token).json.value(QStringLiteral("purchaseId")).toInteger(), recordedId);
        const Reply c2 = m_hd.post(lostPath, second, token);
        QCOMPARE(c2.status, 200);
        QCOMPARE(c2.json.value(QStringLiteral("purchaseId")).toInteger(), lostId);

        const std::uint32_t purse = cdos::getU32(card.tx(ep::getBalance()).data.data());
        QCOMPARE(qint64(purse), 5000 - 700 - 200);
        QCOMPARE(m_hd.bankBalance(holder) + m_hd.bankBalance(service), bankTotal);
        QCOMPARE(m_hd.bankBalance(service) - serviceBefore, 5000);
        const QJsonObject ledger = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        QCOMPARE(ledger.value(QStringLiteral("purse:") + number).toInteger(), -qint64(purse));
        QCOMPARE(ledger.value(QStringLiteral("operator:revenue")).toInteger() -
                     ledgerBefore.value(QStringLiteral("operator:revenue")).toInteger(),
                 -900);
        QCOMPARE(ledger.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
        QCOMPARE(ledger.value(QStringLiteral("operator:service_account")).toInteger() -
                     ledgerBefore.value(QStringLiteral("operator:service_account")).toInteger(),
                 5000);
        const QJsonArray all =
            QJsonDocument::fromJson(m_hd.getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(number)).body)
                .array();
        QCOMPARE(all.size(), 3);
        for (const auto& v : all)
            QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    }
};

QTEST_GUILESS_MAIN(TestHeadendCrash)
#include "TestHeadendCrash.moc"
