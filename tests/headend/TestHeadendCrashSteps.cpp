// The headend killed at each named step of a payment and a top-up (issue 16): CARDDESK_HEADEND_CRASH_AT makes the
// process SIGKILL itself there, as the card's --power-cut-at does, so every window of the recovery rules is hit on
// purpose — above all the top-up's bank-then-update window, which a kill at a random time after a request rarely
// lands in. After each step the terminal retries as the gateway does, and the books are checked: card purse, bank
// accounts (holder + service constant, service gain = total loaded), operator ledger, every transaction once.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QJsonArray>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;
namespace ep = cdos::ep;

namespace {
constexpr const char* kCardNumber = "86010000000000000071";
const QString kService = QStringLiteral("CARDDESK-SERVICE");
const QString kCrashAt = QStringLiteral("CARDDESK_HEADEND_CRASH_AT");

// The named steps (headend/src/CrashPoint.h): the test lists them itself, so a step renamed there fails here.
const QStringList kSteps{QStringLiteral("purchase:recorded"),  QStringLiteral("purchase:verified"),
                         QStringLiteral("purchase:completed"), QStringLiteral("load:authorised"),
                         QStringLiteral("load:bank-moved"),    QStringLiteral("load:debited"),
                         QStringLiteral("load:verified"),      QStringLiteral("load:completed")};
} // namespace

class TestHeadendCrashSteps : public QObject {
    Q_OBJECT
    hdtest::HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;
    std::unique_ptr<hdtest::IssuedCard> m_card;
    QString m_token, m_holder, m_step;
    qint64 m_bankTotal = 0, m_serviceBefore = 0, m_loaded = 0, m_spent = 0;
    QJsonObject m_ledgerBefore;
    int m_transactions = 0, m_crashes = 0;
    const ep::TerminalId m_terminal{0x11, 0x22, 0x33, 0x44, 0x55, 0x71};
    const QString m_terminalHex = QStringLiteral("112233445571");

    // Sends as the gateway does: when the headend died at its crash point on the way, it is restarted without
    // the hook and the same request goes again.
    Reply send(const QString& path, const QJsonObject& body) {
        const Reply r = m_hd.post(path, body, m_token);
        // No answer: the process is gone or going (QProcess may not have reaped it yet).
        if (r.status != 0)
            return r;
        if (m_hd.process->state() != QProcess::NotRunning && !m_hd.process->waitForFinished(5000))
            return r;
        const QByteArray out = m_hd.stop();
        if (!out.contains(QStringLiteral("crash point %1 reached").arg(m_step).toUtf8()))
            qFatal("the headend stopped, but not at its crash point %s: %s", qPrintable(m_step), out.constData());
        ++m_crashes;
        m_hd.extraEnv.remove(kCrashAt);
        if (!m_hd.start(600))
            qFatal("headend did not restart: %s", qPrintable(m_hd.error));
        return m_hd.post(path, body, m_token);
    }

    void restartWith(const QString& step) {
        m_hd.stop();
        m_step = step;
        m_hd.extraEnv.insert(kCrashAt, step);
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
    }

    void topUp(std::uint32_t amount) {
        const auto init = m_card->tx(ep::initializeForLoad(ep::kKeyIndex, amount, m_terminal));
        QVERIFY(init.ok());
        const Reply b = send(QStringLiteral("/v1/loads"),
                             {{QStringLiteral("requestId"), QStringLiteral("step-load-%1").arg(m_transactions)},
                              {QStringLiteral("amount"), qint64(amount)},
                              {QStringLiteral("terminalId"), m_terminalHex},
                              {QStringLiteral("keyIndex"), 1},
                              {QStringLiteral("initResponse"), hexq(init.data)}});
        QCOMPARE(b.status, 200);
        const Bytes d = bytesq(b.json.value(QStringLiteral("date"))), t = bytesq(b.json.value(QStringLiteral("time")));
        QCOMPARE(d.size(), std::size_t(4));
        const auto credit = m_card->tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]},
                                                         bytesq(b.json.value(QStringLiteral("mac2")))));
        QCOMPARE(credit.sw, std::uint16_t(0x9000));
        const Reply c =
            send(QStringLiteral("/v1/loads/%1/completion").arg(b.json.value(QStringLiteral("loadId")).toInteger()),
                 {{QStringLiteral("tac"), hexq(credit.data)}});
        QCOMPARE(c.status, 200);
        QCOMPARE(c.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        m_loaded += amount;
        ++m_transactions;
    }

    void purchase(std::uint32_t amount) {
        const auto init = m_card->tx(ep::initializeForPurchase(ep::kKeyIndex, amount, m_terminal));
        QVERIFY(init.ok());
        const Reply b = send(QStringLiteral("/v1/purchases"),
                             {{QStringLiteral("requestId"), QStringLiteral("step-buy-%1").arg(m_transactions)},
                              {QStringLiteral("amount"), qint64(amount)},
                              {QStringLiteral("terminalId"), m_terminalHex},
                              {QStringLiteral("keyIndex"), 1},
                              {QStringLiteral("initResponse"), hexq(init.data)}});
        QCOMPARE(b.status, 200);
        const Bytes d = bytesq(b.json.value(QStringLiteral("date"))), t = bytesq(b.json.value(QStringLiteral("time")));
        QCOMPARE(d.size(), std::size_t(4));
        const auto debit = m_card->tx(ep::debitForPurchase(
            static_cast<std::uint32_t>(b.json.value(QStringLiteral("terminalSerial")).toInteger()),
            {d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, bytesq(b.json.value(QStringLiteral("mac1")))));
        QCOMPARE(debit.sw, std::uint16_t(0x9000));
        const Reply c = send(
            QStringLiteral("/v1/purchases/%1/completion").arg(b.json.value(QStringLiteral("purchaseId")).toInteger()),
            {{QStringLiteral("mac2"), hexq(Bytes(debit.data.begin() + 4, debit.data.end()))},
             {QStringLiteral("tac"), hexq(Bytes(debit.data.begin(), debit.data.begin() + 4))}});
        QCOMPARE(c.status, 200);
        QCOMPARE(c.json.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(c.json.value(QStringLiteral("amount")).toInteger(), qint64(amount));
        m_spent += amount;
        ++m_transactions;
    }

    // The books after every step: nothing appeared, vanished or counted twice.
    void checkBooks() {
        const std::uint32_t purse = cdos::getU32(m_card->tx(ep::getBalance()).data.data());
        QCOMPARE(qint64(purse), m_loaded - m_spent);
        QCOMPARE(m_hd.bankBalance(m_holder) + m_hd.bankBalance(kService), m_bankTotal);
        QCOMPARE(m_hd.bankBalance(kService) - m_serviceBefore, m_loaded);
        const QJsonObject ledger = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        const auto moved = [&](const char* account) {
            const QString a = QString::fromLatin1(account);
            return ledger.value(a).toInteger() - m_ledgerBefore.value(a).toInteger();
        };
        QCOMPARE(ledger.value(QStringLiteral("purse:%1").arg(QLatin1String(kCardNumber))).toInteger(), -qint64(purse));
        QCOMPARE(moved("operator:revenue"), -m_spent);
        QCOMPARE(moved("operator:service_account"), m_loaded);
        QCOMPARE(ledger.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
        const Reply history =
            m_hd.getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(QLatin1String(kCardNumber)));
        QCOMPARE(history.status, 200);
        const QJsonArray all = QJsonDocument::fromJson(history.body).array();
        QCOMPARE(all.size(), m_transactions);
        qint64 loads = 0, purchases = 0;
        for (const auto& v : all) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
            (o.value(QStringLiteral("kind")).toString() == QLatin1String("load") ? loads : purchases) +=
                o.value(QStringLiteral("amount")).toInteger();
        }
        QCOMPARE(loads, m_loaded);
        QCOMPARE(purchases, m_spent);
    }

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY(m_hd.usePostgresIfAsked());
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
        m_card = std::make_unique<hdtest::IssuedCard>(*m_keys, kCardNumber);
        m_token = m_hd.enrolAndAuthenticate(*m_card);
        QVERIFY(!m_token.isEmpty());
        m_holder = QString::fromStdString(m_card->profile.holder.account);
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), m_holder}, {QStringLiteral("balance"), 1000000}}, {}, true)
                     .status,
                 200);
        m_bankTotal = m_hd.bankBalance(m_holder) + m_hd.bankBalance(kService);
        m_serviceBefore = m_hd.bankBalance(kService);
        m_ledgerBefore = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        QVERIFY(m_card->tx(cdos::selectAid(ep::kPurseAid)).ok());
        QVERIFY(m_card->tx(cdos::verifyPin(1, "1234")).ok());
    }

    void cleanupTestCase() { m_hd.stop(); }

    void unknownStepRefused() {
        m_hd.stop();
        m_hd.extraEnv.insert(kCrashAt, QStringLiteral("load:nowhere"));
        QVERIFY(!m_hd.start(600));
        QVERIFY2(m_hd.error.contains(QStringLiteral("unknown step load:nowhere")), qPrintable(m_hd.error));
        m_hd.extraEnv.remove(kCrashAt);
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
    }

    void everyStepKeepsTheBooks_data() {
        QTest::addColumn<QString>("step");
        for (const QString& step : kSteps)
            QTest::newRow(qPrintable(step)) << step;
    }

    void everyStepKeepsTheBooks() {
        QFETCH(QString, step);
        const int crashesBefore = m_crashes;
        restartWith(step);
        // A top-up and a purchase: the step is on the way of one of them, the other passes it by.
        topUp(2000 + static_cast<std::uint32_t>(m_transactions));
        purchase(300 + static_cast<std::uint32_t>(m_transactions));
        QCOMPARE(m_crashes, crashesBefore + 1); // the kill landed at the step, once
        checkBooks();
    }
};

QTEST_GUILESS_MAIN(TestHeadendCrashSteps)
#include "TestHeadendCrashSteps.moc"
