// PostgreSQL restarted under load (issue 15): a server of the test's own (tests/support/PrivatePostgres.h) is
// crashed (immediate shutdown: clients cut off, the WAL replayed at the next start) and later restarted cleanly,
// each time down for a while, while terminals keep paying and topping up. The headend must reconnect and go on
// (the same process), every request in flight must either complete or fail cleanly (503 database, answered), the
// terminals repeat a failed request with the same body as the gateway does, and afterwards every purse equals its
// card, the bank total is unchanged and every transaction is recorded once.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "support/PrivatePostgres.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QThread>

#include <atomic>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
namespace ep = cdos::ep;

namespace {

// Blocking JSON POSTs on the calling thread's own network access manager, repeated while the headend answers 503
// (its database is down) — the gateway's postRetrying, without its limit on tries.
class RetryingClient {
public:
    RetryingClient(QString base, QSslConfiguration tls, QString token)
        : m_base(std::move(base)), m_tls(std::move(tls)), m_token(std::move(token)) {}
    // The answer (status 200), or an empty object with `status` set to the first status that is neither 200 nor 503.
    QJsonObject post(const QString& path, const QJsonObject& body, int& status, int& unavailable) {
        QElapsedTimer clock;
        clock.start();
        for (;;) {
            QNetworkRequest req(QUrl(m_base + path));
            req.setSslConfiguration(m_tls);
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            req.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
            req.setTransferTimeout(60000);
            std::unique_ptr<QNetworkReply> r(m_net.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact)));
            QEventLoop loop;
            QObject::connect(r.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
            if (!r->isFinished())
                loop.exec();
            status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject json = QJsonDocument::fromJson(r->readAll()).object();
            if (status != 503)
                return status == 200 ? json : QJsonObject{{QStringLiteral("answer"), json}};
            if (json.value(QStringLiteral("error")).toString() != QLatin1String("database"))
                return json; // a 503 must name the database
            ++unavailable;
            if (clock.elapsed() > 90000)
                return {}; // never came back
            QThread::msleep(50);
        }
    }

private:
    QString m_base;
    QSslConfiguration m_tls;
    QString m_token;
    QNetworkAccessManager m_net;
};

} // namespace

class TestHeadendPgRestart : public QObject {
    Q_OBJECT
    QTemporaryDir m_pgDir;
    cdtest::PrivatePostgres m_pg;
    hdtest::HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY2(m_pg.start(m_pgDir.path()), qPrintable(m_pg.log()));
        m_hd.database = m_pg.url();
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
    }
    void cleanupTestCase() { m_hd.stop(); }

    void restartUnderLoadKeepsTheBooks() {
        constexpr int kTerminals = 4;
        std::vector<std::unique_ptr<hdtest::IssuedCard>> cards;
        std::vector<QString> tokens;
        for (int i = 0; i < kTerminals; ++i) {
            cards.push_back(
                std::make_unique<hdtest::IssuedCard>(*m_keys, "860500000000000000" + std::to_string(10 + i)));
            tokens.push_back(m_hd.enrolAndAuthenticate(*cards.back()));
            QVERIFY(!tokens.back().isEmpty());
            QVERIFY(cards.back()->tx(cdos::selectAid(ep::kPurseAid)).ok());
            QVERIFY(cards.back()->tx(cdos::verifyPin(1, "1234")).ok());
        }
        const QString holder = QString::fromStdString(cards.front()->profile.holder.account);
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), holder}, {QStringLiteral("balance"), 50000000}}, {}, true)
                     .status,
                 200);
        const qint64 bankTotal = m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")) + 50000000;
        const qint64 headendPid = m_hd.process->processId();

        std::atomic<bool> stop{false};
        std::atomic<int> rounds{0}, unavailable{0}, failures{0};
        std::vector<qint64> expected(kTerminals, 0);
        std::vector<int> done(kTerminals, 0);
        std::vector<QString> firstFailure(kTerminals);
        std::vector<QThread*> threads;
        for (int i = 0; i < kTerminals; ++i) {
            threads.push_back(QThread::create([&, i] {
                const auto at = static_cast<std::size_t>(i);
                hdtest::IssuedCard& card = *cards[at];
                RetryingClient net(m_hd.base, m_hd.tls, tokens[at]);
                const ep::TerminalId terminal{0, 0, 0, 0, 0x55, static_cast<std::uint8_t>(i)};
                const QString terminalHex = hexq(Bytes(terminal.begin(), terminal.end()));
                const auto fail = [&](const QString& why) {
                    firstFailure[at] = why;
                    ++failures;
                };
                int refused = 0;
                for (int n = 0; !stop; ++n) {
                    const bool load = n % 2 == 0;
                    const std::uint32_t amount = load ? 1000 + n : 300 + n;
                    const auto init = card.tx(load ? ep::initializeForLoad(ep::kKeyIndex, amount, terminal)
                                                   : ep::initializeForPurchase(ep::kKeyIndex, amount, terminal));
                    const QJsonObject begin{{QStringLiteral("requestId"), QStringLiteral("pgr-%1-%2").arg(i).arg(n)},
                                            {QStringLiteral("amount"), qint64(amount)},
                                            {QStringLiteral("terminalId"), terminalHex},
                                            {QStringLiteral("keyIndex"), 1},
                                            {QStringLiteral("initResponse"), hexq(init.data)}};
                    int status = 0;
                    const QJsonObject b = net.post(load ? QStringLiteral("/v1/loads") : QStringLiteral("/v1/purchases"),
                                                   begin, status, refused);
                    const Bytes d = bytesq(b.value(QStringLiteral("date"))),
                                t = bytesq(b.value(QStringLiteral("time")));
                    if (!init.ok() || status != 200 || d.size() != 4 || t.size() != 3)
                        return fail(QStringLiteral("round %1 begin: %2 %3")
                                        .arg(n)
                                        .arg(status)
                                        .arg(QString::fromUtf8(QJsonDocument(b).toJson(QJsonDocument::Compact))));
                    QString path;
                    QJsonObject completion;
                    if (load) {
                        const auto credit = card.tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]},
                                                                      bytesq(b.value(QStringLiteral("mac2")))));
                        path = QStringLiteral("/v1/loads/%1/completion")
                                   .arg(b.value(QStringLiteral("loadId")).toInteger());
                        completion = {{QStringLiteral("tac"), hexq(credit.data)}};
                    } else {
                        const auto debit = card.tx(ep::debitForPurchase(
                            static_cast<std::uint32_t>(b.value(QStringLiteral("terminalSerial")).toInteger()),
                            {d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, bytesq(b.value(QStringLiteral("mac1")))));
                        if (debit.data.size() != 8)
                            return fail(QStringLiteral("round %1: DEBIT %2").arg(n).arg(debit.sw, 4, 16));
                        path = QStringLiteral("/v1/purchases/%1/completion")
                                   .arg(b.value(QStringLiteral("purchaseId")).toInteger());
                        // As the gateway sends it: with the purchase as begun (a crash may lose the pending row).
                        completion = begin;
                        completion.insert(QStringLiteral("mac2"),
                                          hexq(Bytes(debit.data.begin() + 4, debit.data.end())));
                        completion.insert(QStringLiteral("tac"),
                                          hexq(Bytes(debit.data.begin(), debit.data.begin() + 4)));
                        for (const char* k : {"terminalSerial", "date", "time"})
                            completion.insert(QLatin1String(k), b.value(QLatin1String(k)));
                    }
                    const QJsonObject c = net.post(path, completion, status, refused);
                    if (status != 200 || c.value(QStringLiteral("status")).toString() != QLatin1String("completed"))
                        return fail(QStringLiteral("round %1 completion: %2 %3")
                                        .arg(n)
                                        .arg(status)
                                        .arg(QString::fromUtf8(QJsonDocument(c).toJson(QJsonDocument::Compact))));
                    expected[at] += load ? qint64(amount) : -qint64(amount);
                    ++done[at];
                    ++rounds;
                    unavailable += refused;
                    refused = 0;
                }
            }));
        }
        for (QThread* t : threads)
            t->start();
        // The main thread keeps its event loop going meanwhile: it reads the headend's log (a full pipe would
        // stop the headend).
        const auto waitForRounds = [&](int more) {
            const int target = rounds + more;
            QElapsedTimer clock;
            clock.start();
            while (rounds < target && failures == 0 && clock.elapsed() < 120000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            return rounds >= target;
        };
        const auto restart = [&](bool crash, int down) {
            bool restarted = false;
            std::unique_ptr<QThread> t(QThread::create([&] { restarted = m_pg.restart(crash, down); }));
            t->start();
            while (!t->wait(20))
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            return restarted;
        };
        bool ok = waitForRounds(12);
        // A crash (clients cut off, WAL replayed) with 2 s without a server, then a clean restart with 1 s down.
        ok = ok && restart(true, 2) && waitForRounds(12);
        ok = ok && restart(false, 1) && waitForRounds(12);
        stop = true;
        for (QThread* t : threads) {
            while (!t->wait(20))
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            delete t;
        }
        for (const QString& f : firstFailure)
            if (!f.isEmpty())
                qWarning("%s", qPrintable(f));
        if (failures > 0) // what the headend said (a line per request, its warnings)
            for (const QByteArray& line : m_hd.process->readAllStandardError().split('\n'))
                if (!line.contains(" -> 200"))
                    qWarning("headend: %s", line.constData());
        QCOMPARE(failures.load(), 0);
        QVERIFY2(ok, qPrintable(m_pg.log()));
        qInfo("%d transactions; %d requests answered 503 while the database was down", rounds.load(),
              unavailable.load());
        QVERIFY(unavailable > 0); // the outages were felt, and ridden out
        QCOMPARE(m_hd.process->state(), QProcess::Running);
        QCOMPARE(m_hd.process->processId(), headendPid); // reconnected, not restarted

        const QJsonObject ledger = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        QCOMPARE(ledger.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
        for (int i = 0; i < kTerminals; ++i) {
            auto& card = *cards[static_cast<std::size_t>(i)];
            const std::uint32_t purse = cdos::getU32(card.tx(ep::getBalance()).data.data());
            QCOMPARE(qint64(purse), expected[static_cast<std::size_t>(i)]);
            const QString number = hexq(card.profile.info.cardNumber);
            QCOMPARE(ledger.value(QStringLiteral("purse:") + number).toInteger(), -qint64(purse));
            const QJsonArray history =
                QJsonDocument::fromJson(m_hd.getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(number)).body)
                    .array();
            QCOMPARE(history.size(), done[static_cast<std::size_t>(i)]); // each once
            for (const auto& v : history)
                QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        }
        QCOMPARE(m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")) + m_hd.bankBalance(holder), bankTotal);
    }
};

QTEST_GUILESS_MAIN(TestHeadendPgRestart)
#include "TestHeadendPgRestart.moc"
