// Several headend processes on one PostgreSQL (issue 15), as behind a TCP load balancer: three carddesk-headend
// processes share the database and the TLS identity; each terminal authenticates on one of them and then sends
// every step of its top-ups and payments to another (a begin on one, its completion on the next, the same completion
// again at once on the third), while one of the three is killed with SIGKILL and restarted. Sessions are valid on
// any of them, and the books close as with one: every purse equal to its card, the bank total unchanged, the
// service account gaining exactly what was loaded, every transaction recorded once.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QThread>

#include <algorithm>
#include <array>
#include <atomic>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
namespace ep = cdos::ep;

namespace {

constexpr int kHeadends = 3;

// Blocking JSON POSTs on the calling thread, to whichever headend is asked; a headend that does not answer (killed)
// is passed over for the next, as a load balancer would.
class ClusterClient {
public:
    ClusterClient(std::array<QString, kHeadends> bases, QSslConfiguration tls, QString token)
        : m_bases(std::move(bases)), m_tls(std::move(tls)), m_token(std::move(token)) {}

    QJsonObject post(int headend, const QString& path, const QJsonObject& body, int* status) {
        for (int attempt = 0; attempt < 3 * kHeadends; ++attempt) {
            const QJsonObject answer = once((headend + attempt) % kHeadends, path, body, status);
            if (*status != 0)
                return answer;
            ++m_passedOver;
            QThread::msleep(100);
        }
        return {};
    }
    int passedOver() const { return m_passedOver; }

private:
    QJsonObject once(int headend, const QString& path, const QJsonObject& body, int* status) {
        QNetworkRequest req(QUrl(m_bases[static_cast<std::size_t>(headend)] + path));
        req.setSslConfiguration(m_tls);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
        req.setTransferTimeout(30000);
        std::unique_ptr<QNetworkReply> r(m_net.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        QEventLoop loop;
        QObject::connect(r.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!r->isFinished())
            loop.exec();
        *status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return QJsonDocument::fromJson(r->readAll()).object();
    }

    std::array<QString, kHeadends> m_bases;
    QSslConfiguration m_tls;
    QString m_token;
    QNetworkAccessManager m_net;
    int m_passedOver = 0;
};

} // namespace

class TestHeadendCluster : public QObject {
    Q_OBJECT
    std::array<hdtest::HeadendProcess, kHeadends> m_hd;
    std::unique_ptr<cdos::KeyStore> m_keys;

private slots:
    void initTestCase() {
        if (qEnvironmentVariableIsEmpty("CARDDESK_TEST_PG_ENV_DIR"))
            QFAIL("runs on PostgreSQL only (ctest fixture postgres)");
        m_keys = hdtest::openDevKeys();
        QVERIFY(m_hd[0].usePostgresIfAsked());
        QVERIFY2(m_hd[0].start(600), qPrintable(m_hd[0].error));
        for (int i = 1; i < kHeadends; ++i) {
            m_hd[i].database = m_hd[0].database;
            m_hd[i].sharedDataDir = m_hd[0].dir.path();
            m_hd[i].operatorToken = m_hd[0].operatorToken; // the set-up issues one first credential, for all
            QVERIFY2(m_hd[i].start(600), qPrintable(m_hd[i].error));
        }
        // One identity: the certificate a gateway pins is the same on every headend.
        QCOMPARE(m_hd[1].tls.caCertificates().value(0), m_hd[0].tls.caCertificates().value(0));
    }
    void cleanupTestCase() {
        for (auto& hd : m_hd)
            hd.stop();
    }

    void terminalsSpreadOverHeadendsKeepTheBooks() {
        constexpr int kTerminals = 6, kRounds = 8;
        std::vector<std::unique_ptr<hdtest::IssuedCard>> cards;
        std::vector<QString> tokens;
        for (int i = 0; i < kTerminals; ++i) {
            cards.push_back(
                std::make_unique<hdtest::IssuedCard>(*m_keys, "860400000000000000" + std::to_string(10 + i)));
            // Authenticated on one headend (an attempt lives in that process's memory, seconds long) ...
            tokens.push_back(m_hd[i % kHeadends].enrolAndAuthenticate(*cards.back()));
            QVERIFY(!tokens.back().isEmpty());
            QVERIFY(cards.back()->tx(cdos::selectAid(ep::kPurseAid)).ok());
            QVERIFY(cards.back()->tx(cdos::verifyPin(1, "1234")).ok());
        }
        const QString holder = QString::fromStdString(cards.front()->profile.holder.account);
        const QString service = QStringLiteral("CARDDESK-SERVICE");
        QCOMPARE(m_hd[1]
                     .post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), holder}, {QStringLiteral("balance"), 5000000}}, {}, true)
                     .status,
                 200);
        const qint64 serviceBefore = m_hd[2].bankBalance(service);
        const qint64 bankTotal = serviceBefore + 5000000;
        const QJsonObject ledgerBefore = m_hd[0].getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        // ... every later request to any of them. A killed headend comes back on the same port.
        const std::array<QString, kHeadends> bases{m_hd[0].base, m_hd[1].base, m_hd[2].base};
        m_hd[2].serveArgs = {QStringLiteral("--port"), QString::number(QUrl(m_hd[2].base).port())};

        std::atomic<int> failures{0}, passedOver{0};
        std::vector<std::vector<std::pair<bool, qint64>>> sent(kTerminals);
        std::vector<QThread*> threads;
        for (int i = 0; i < kTerminals; ++i) {
            threads.push_back(QThread::create([&, i] {
                hdtest::IssuedCard& card = *cards[static_cast<std::size_t>(i)];
                ClusterClient net(bases, m_hd[0].tls, tokens[static_cast<std::size_t>(i)]);
                const ep::TerminalId terminal{0, 0, 0, 0, 0x44, static_cast<std::uint8_t>(i)};
                const QString terminalHex = hexq(Bytes(terminal.begin(), terminal.end()));
                for (int n = 0; n < kRounds; ++n) {
                    const bool load = n % 2 == 0;
                    const std::uint32_t amount = load ? 1000 + n : 300 + n;
                    const int first = (i + n) % kHeadends;
                    const auto init = card.tx(load ? ep::initializeForLoad(ep::kKeyIndex, amount, terminal)
                                                   : ep::initializeForPurchase(ep::kKeyIndex, amount, terminal));
                    int status = 0;
                    const QJsonObject b =
                        net.post(first, load ? QStringLiteral("/v1/loads") : QStringLiteral("/v1/purchases"),
                                 {{QStringLiteral("requestId"), QStringLiteral("cluster-%1-%2").arg(i).arg(n)},
                                  {QStringLiteral("amount"), qint64(amount)},
                                  {QStringLiteral("terminalId"), terminalHex},
                                  {QStringLiteral("keyIndex"), 1},
                                  {QStringLiteral("initResponse"), hexq(init.data)}},
                                 &status);
                    const Bytes d = bytesq(b.value(QStringLiteral("date"))),
                                t = bytesq(b.value(QStringLiteral("time")));
                    if (!init.ok() || status != 200 || d.size() != 4 || t.size() != 3) {
                        qWarning("terminal %d round %d: begin %d", i, n, status);
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
                    // The completion on the next headend, and the same completion at once on the third.
                    QJsonObject second;
                    int secondStatus = 0;
                    QThread* racer = QThread::create([&] {
                        ClusterClient twin(bases, m_hd[0].tls, tokens[static_cast<std::size_t>(i)]);
                        second = twin.post((first + 2) % kHeadends, path, completion, &secondStatus);
                        passedOver += twin.passedOver();
                    });
                    racer->start();
                    int firstStatus = 0;
                    const QJsonObject done = net.post((first + 1) % kHeadends, path, completion, &firstStatus);
                    racer->wait();
                    delete racer;
                    if (firstStatus != 200 || secondStatus != 200 ||
                        done.value(QStringLiteral("status")).toString() != QLatin1String("completed") ||
                        second.value(QStringLiteral("status")).toString() != QLatin1String("completed")) {
                        qWarning("terminal %d round %d: completion %d %d", i, n, firstStatus, secondStatus);
                        ++failures;
                        return;
                    }
                    sent[static_cast<std::size_t>(i)].emplace_back(load, qint64(amount));
                }
                passedOver += net.passedOver();
            }));
        }
        for (QThread* t : threads)
            t->start();
        // One headend dies under the load and comes back.
        QTest::qWait(400);
        m_hd[2].kill();
        m_hd[2].stop();
        QVERIFY2(m_hd[2].start(600), qPrintable(m_hd[2].error));
        for (QThread* t : threads) {
            QVERIFY(t->wait(240000));
            delete t;
        }
        QCOMPARE(failures.load(), 0);
        qInfo("requests passed over to another headend while one was down: %d", passedOver.load());

        const QJsonObject ledger = m_hd[1].getAdmin(QStringLiteral("/v1/admin/ledger")).json;
        qint64 loaded = 0, spent = 0;
        for (int i = 0; i < kTerminals; ++i) {
            auto& card = *cards[static_cast<std::size_t>(i)];
            const std::uint32_t purse = cdos::getU32(card.tx(ep::getBalance()).data.data());
            const QString number = hexq(card.profile.info.cardNumber);
            QCOMPARE(ledger.value(QStringLiteral("purse:") + number).toInteger(), -qint64(purse));
            const QJsonArray history =
                QJsonDocument::fromJson(
                    m_hd[i % kHeadends].getAdmin(QStringLiteral("/v1/cards/%1/transactions").arg(number)).body)
                    .array();
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
            QVERIFY(mine == recorded); // each once, as sent
            qint64 expected = 0;
            for (const auto& [isLoad, amount] : mine) {
                (isLoad ? loaded : spent) += amount;
                expected += isLoad ? amount : -amount;
            }
            QCOMPARE(qint64(purse), expected);
        }
        QCOMPARE(m_hd[0].bankBalance(service) + m_hd[0].bankBalance(holder), bankTotal);
        QCOMPARE(m_hd[0].bankBalance(service) - serviceBefore, loaded);
        const auto moved = [&](const QString& account) {
            return ledger.value(account).toInteger() - ledgerBefore.value(account).toInteger();
        };
        QCOMPARE(moved(QStringLiteral("operator:service_account")), loaded);
        QCOMPARE(moved(QStringLiteral("operator:revenue")), -spent);
        QCOMPARE(ledger.value(QStringLiteral("operator:loads_in_flight")).toInteger(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHeadendCluster)
#include "TestHeadendCluster.moc"
