// The headend's payment paths run on a pool of workers, each with its own database connection: several terminals
// at once, and the same completion sent twice at the same moment, must still keep the books — every purse equal to
// its card, the bank total unchanged, every transaction recorded once. Runs on SQLite and on PostgreSQL.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QThread>

#include <algorithm>
#include <atomic>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
namespace ep = cdos::ep;

namespace {

// A blocking JSON POST on the calling thread's own network access manager.
class ThreadClient {
public:
    ThreadClient(QString base, QSslConfiguration tls, QString token)
        : m_base(std::move(base)), m_tls(std::move(tls)), m_token(std::move(token)) {}
    QJsonObject post(const QString& path, const QJsonObject& body, int* status = nullptr) {
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
        if (status)
            *status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return QJsonDocument::fromJson(r->readAll()).object();
    }

private:
    QString m_base;
    QSslConfiguration m_tls;
    QString m_token;
    QNetworkAccessManager m_net;
};

} // namespace

class TestHeadendConcurrency : public QObject {
    Q_OBJECT
    hdtest::HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY(m_hd.usePostgresIfAsked());
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
    }
    void cleanupTestCase() { m_hd.stop(); }

    void terminalsAtOnceKeepTheBooks() {
        constexpr int kTerminals = 6, kRounds = 8;
        std::vector<std::unique_ptr<hdtest::IssuedCard>> cards;
        std::vector<QString> tokens;
        // One subscriber with several cards (a family): their top-ups also race on the same bank account.
        for (int i = 0; i < kTerminals; ++i) {
            cards.push_back(
                std::make_unique<hdtest::IssuedCard>(*m_keys, "860300000000000000" + std::to_string(10 + i)));
            tokens.push_back(m_hd.enrolAndAuthenticate(*cards.back()));
            QVERIFY(!tokens.back().isEmpty());
            QVERIFY(cards.back()->tx(cdos::selectAid(ep::kPurseAid)).ok());
            QVERIFY(cards.back()->tx(cdos::verifyPin(1, "1234")).ok());
        }
        const QString holder = QString::fromStdString(cards.front()->profile.holder.account);
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), holder}, {QStringLiteral("balance"), 5000000}}, {}, true)
                     .status,
                 200);
        const qint64 serviceBefore = m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE"));
        const qint64 bankTotal = serviceBefore + 5000000;
        const QJsonObject ledgerBefore = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;

        std::atomic<int> failures{0};
        std::vector<qint64> expected(kTerminals, 0);
        // Per card, each transaction as sent: its kind and amount, to find it once in the headend's history.
        std::vector<std::vector<std::pair<bool, qint64>>> sent(kTerminals);
        std::vector<QThread*> threads;
        for (int i = 0; i < kTerminals; ++i) {
            threads.push_back(QThread::create([&, i] {
                hdtest::IssuedCard& card = *cards[static_cast<std::size_t>(i)];
                ThreadClient net(m_hd.base, m_hd.tls, tokens[static_cast<std::size_t>(i)]);
                const ep::TerminalId terminal{0, 0, 0, 0, 0x33, static_cast<std::uint8_t>(i)};
                const QString terminalHex = hexq(Bytes(terminal.begin(), terminal.end()));
                for (int n = 0; n < kRounds; ++n) {
                    const bool load = n % 2 == 0;
                    const std::uint32_t amount = load ? 1000 + n : 300 + n;
                    const auto init = card.tx(load ? ep::initializeForLoad(ep::kKeyIndex, amount, terminal)
                                                   : ep::initializeForPurchase(ep::kKeyIndex, amount, terminal));
                    const QJsonObject b =
                        net.post(load ? QStringLiteral("/v1/loads") : QStringLiteral("/v1/purchases"),
                                 {{QStringLiteral("requestId"), QStringLiteral("conc-%1-%2").arg(i).arg(n)},
                                  {QStringLiteral("amount"), qint64(amount)},
                                  {QStringLiteral("terminalId"), terminalHex},
                                  {QStringLiteral("keyIndex"), 1},
                                  {QStringLiteral("initResponse"), hexq(init.data)}});
                    const Bytes d = bytesq(b.value(QStringLiteral("date"))),
                                t = bytesq(b.value(QStringLiteral("time")));
                    if (!init.ok() || d.size() != 4 || t.size() != 3) {
                        ++failures;
                        return;
                    }
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
                        if (debit.data.size() != 8) {
                            ++failures;
                            return;
                        }
                        path = QStringLiteral("/v1/purchases/%1/completion")
                                   .arg(b.value(QStringLiteral("purchaseId")).toInteger());
                        completion = {{QStringLiteral("mac2"), hexq(Bytes(debit.data.begin() + 4, debit.data.end()))},
                                      {QStringLiteral("tac"), hexq(Bytes(debit.data.begin(), debit.data.begin() + 4))}};
                    }
                    // The same completion twice at once (a retry racing the first): both answered, counted once.
                    QJsonObject second;
                    int secondStatus = 0;
                    QThread* racer = QThread::create([&] {
                        ThreadClient twin(m_hd.base, m_hd.tls, tokens[static_cast<std::size_t>(i)]);
                        second = twin.post(path, completion, &secondStatus);
                    });
                    racer->start();
                    int firstStatus = 0;
                    const QJsonObject first = net.post(path, completion, &firstStatus);
                    racer->wait();
                    delete racer;
                    if (firstStatus != 200 || secondStatus != 200 ||
                        first.value(QStringLiteral("status")).toString() != QLatin1String("completed") ||
                        second.value(QStringLiteral("status")).toString() != QLatin1String("completed")) {
                        qWarning("terminal %d round %d: %d %d", i, n, firstStatus, secondStatus);
                        ++failures;
                        return;
                    }
                    expected[static_cast<std::size_t>(i)] += load ? qint64(amount) : -qint64(amount);
                    sent[static_cast<std::size_t>(i)].emplace_back(load, qint64(amount));
                }
            }));
        }
        for (QThread* t : threads)
            t->start();
        for (QThread* t : threads) {
            QVERIFY(t->wait(240000));
            delete t;
        }
        QCOMPARE(failures.load(), 0);

        const QJsonObject ledger = m_hd.getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        qint64 loaded = 0, spent = 0;
        const qint64 banks = m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")) + m_hd.bankBalance(holder);
        for (int i = 0; i < kTerminals; ++i) {
            auto& card = *cards[static_cast<std::size_t>(i)];
            const std::uint32_t purse = cdos::getU32(card.tx(ep::getBalance()).data.data());
            QCOMPARE(qint64(purse), expected[static_cast<std::size_t>(i)]);
            const QString number = hexq(card.profile.info.cardNumber);
            QCOMPARE(ledger.value(QStringLiteral("purse:") + number).toInteger(), -qint64(purse));
            const QJsonArray history =
                QJsonDocument::fromJson(m_hd.getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(number)).body)
                    .array();
            QCOMPARE(history.size(), kRounds); // each once
            // Each transaction as it was sent, completed: a double debit and a lost credit that cancel out in the
            // totals still show here.
            std::vector<std::pair<bool, qint64>> recorded;
            for (const auto& v : history) {
                const QJsonObject o = v.toObject();
                QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
                recorded.emplace_back(o.value(QStringLiteral("kind")).toString() == QLatin1String("load"),
                                      o.value(QStringLiteral("amount")).toInteger());
            }
            auto mine = sent[static_cast<std::size_t>(i)];
            std::sort(mine.begin(), mine.end());
            std::sort(recorded.begin(), recorded.end());
            QVERIFY(mine == recorded);
            for (const auto& [load, amount] : mine)
                (load ? loaded : spent) += amount;
        }
        QCOMPARE(banks, bankTotal);
        // The service account gained exactly what was loaded (a double debit of the holder with a lost credit of
        // the service keeps the bank total, not this), and the ledger says the same.
        QCOMPARE(m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")) - serviceBefore, loaded);
        const auto moved = [&](const QString& account) {
            return ledger.value(account).toInteger() - ledgerBefore.value(account).toInteger();
        };
        QCOMPARE(moved(QStringLiteral("operator:service_account")), loaded);
        QCOMPARE(moved(QStringLiteral("operator:revenue")), -spent);
        QCOMPARE(ledger.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHeadendConcurrency)
#include "TestHeadendConcurrency.moc"
