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
};

QTEST_GUILESS_MAIN(TestHeadendCrash)
#include "TestHeadendCrash.moc"
