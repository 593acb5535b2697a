// Headend throughput: N synthetic terminals, each with its own card emulated in process (so pcscd is not the limit)
// and its own TLS connection, run three-party authentication once and then alternate online top-ups and payments
// against a real carddesk-headend for a fixed time. Prints transactions per second and p50/p99 per kind; with
// --pgbench, runs `pgbench -b tpcb-like` with the same number of clients on the same PostgreSQL server right after,
// so both figures come from the same server, settings and machine state. bench/run-headend-bench.sh runs it on
// PostgreSQL and on SQLite.
#include "HeadendClient.h"

#include "bench/BenchStats.h"
#include "bench/HeadendChild.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/headendapi/AuthMessages.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/LoadMessages.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/PurchaseMessages.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "support/TestProfiles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

namespace ep = cdos::ep;
namespace api = carddesk::api;

cdos::Bytes bytesq(const QString& hex) {
    return cdos::fromHex(hex.toStdString()).value_or(cdos::Bytes{});
}

// The HTTPS requests of a transaction, each timed on its own (p50/p99 per step).
enum class Step { PurchaseBegin, PurchaseCompletion, LoadBegin, LoadCompletion };
constexpr int kSteps = 4;
const char* const kStepNames[kSteps] = {"POST purchases", "POST purchase completion", "POST loads",
                                        "POST load completion"};

struct Figures {
    std::vector<double> payMs, loadMs, authMs, historyMs; // the last two: --mix growth
    std::vector<double> stepMs[kSteps];
    int failures = 0;
    QString firstFailure;
};

// One terminal: a card of its own, a connection of its own, a loop until the deadline.
class Terminal {
public:
    Terminal(int index, const cdos::KeyStore& keys, const QString& dir)
        : m_index(index), m_number(QStringLiteral("8602%1").arg(index, 16, 10, QLatin1Char('0'))) {
        cdos::card::NvmOptions nvm;
        nvm.durable = false; // the card is not what is measured
        m_card = std::make_unique<cdos::card::CardOs>(
            cdos::card::Nvm::create(QStringLiteral("%1/card-%2.img").arg(dir).arg(index).toStdString(), nvm));
        m_profile = cdtest::sampleProfile(m_number.toStdString());
        m_profile.holder.userNumber = QStringLiteral("B%1").arg(index, 8, 10, QLatin1Char('0')).toStdString();
        // An account number is letters and digits only (issue 11): the headend refuses "BENCH-1".
        m_profile.holder.account = QStringLiteral("BENCH%1").arg(index, 4, 10, QLatin1Char('0')).toStdString();
        cdos::Personaliser(keys, transmitter()).personalise(m_profile);
    }

    cdos::Transmit transmitter() {
        return [this](const cdos::CommandApdu& c) { return m_card->transmit(c); };
    }
    const cdos::CardProfile& profile() const { return m_profile; }
    QString number() const { return m_number; }

    // Runs on its own QThread (the network access manager belongs to the thread that makes it).
    // mix: "both" alternates top-ups and payments; "payments" loads the purse once (not counted), then pays.
    // mix "growth" (issue 15): authentication, top-up, payment and the history of one of the generated cards
    // (`historyCards` of them, numbered as carddesk-bench-headend-fill numbers them) in turn, each timed.
    void run(const QString& base, const QString& cert, qint64 deadlineMs, const QElapsedTimer& clock,
             const QString& mix, const QByteArray& operatorToken = {}, qint64 historyCards = 0) {
        cdgw::HeadendClient net(base, cert, 30000);
        if (!authenticate(net))
            return;
        if (!tx(cdos::verifyPin(1, "1234")).ok()) {
            fail(QStringLiteral("VERIFY refused"));
            return;
        }
        if (mix == QLatin1String("growth")) {
            runGrowth(net, base, cert, deadlineMs, clock, operatorToken, historyCards);
            return;
        }
        const bool paymentsOnly = mix == QLatin1String("payments");
        if (paymentsOnly && !topUp(net, 150000))
            return;
        for (int i = 0; clock.elapsed() < deadlineMs; ++i) {
            QElapsedTimer t;
            t.start();
            const bool load = !paymentsOnly && i % 2 == 0; // top up first: the purse never runs dry
            if (!(load ? topUp(net, 100) : pay(net, paymentsOnly ? 1 : 100)))
                return;
            (load ? m_figures.loadMs : m_figures.payMs).push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
    }
    const Figures& figures() const { return m_figures; }

private:
    void runGrowth(cdgw::HeadendClient& net, const QString& base, const QString& cert, qint64 deadlineMs,
                   const QElapsedTimer& clock, const QByteArray& operatorToken, qint64 historyCards) {
        cdgw::HeadendClient support(base, cert, 30000);
        support.setOperatorToken(operatorToken);
        std::uint64_t pick = 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(m_index + 1);
        for (int i = 0; clock.elapsed() < deadlineMs; ++i) {
            QElapsedTimer t;
            t.start();
            switch (i % 4) {
            case 0:
                if (!authenticate(net))
                    return;
                m_figures.authMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                if (!tx(cdos::verifyPin(1, "1234")).ok()) {
                    fail(QStringLiteral("VERIFY refused"));
                    return;
                }
                break;
            case 1:
                if (!topUp(net, 100))
                    return;
                m_figures.loadMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                break;
            case 2:
                if (!pay(net, 100))
                    return;
                m_figures.payMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                break;
            default: {
                // One page (the newest 100) of a generated card's history; the terminal's own card without them.
                pick = pick * 6364136223846793005ULL + 1442695040888963407ULL;
                const QString card = historyCards > 0
                                         ? QStringLiteral("8603%1").arg(qint64((pick >> 16) % quint64(historyCards)),
                                                                        16, 10, QLatin1Char('0'))
                                         : m_number;
                const auto h = support.get(api::path::cardTransactions(card));
                if (!ok(h, "history"))
                    return;
                m_figures.historyMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            }
            }
        }
    }

    cdos::ResponseApdu tx(const cdos::CommandApdu& c) { return m_card->transmit(c); }
    template <class Request> cdgw::HeadendReply timed(Step step, Request&& request) {
        QElapsedTimer t;
        t.start();
        cdgw::HeadendReply r = request();
        m_figures.stepMs[static_cast<int>(step)].push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        return r;
    }
    bool fail(const QString& why) {
        if (m_figures.failures++ == 0)
            m_figures.firstFailure = QStringLiteral("terminal %1: %2").arg(m_index).arg(why);
        return false;
    }
    bool ok(const cdgw::HeadendReply& r, const char* what) {
        return r.ok() ||
               fail(QStringLiteral("%1: %2 %3 %4").arg(QLatin1String(what)).arg(r.status).arg(r.code(), r.detail));
    }

    // The answer of an Ok reply, or a failure naming the member the API promised and the reply lacks.
    template <class Answer> std::optional<Answer> answer(const cdgw::HeadendReply& r, const char* what) {
        QString member;
        auto a = Answer::fromJson(r.json, &member);
        if (!a)
            fail(QStringLiteral("%1: bad answer (%2)").arg(QLatin1String(what), member));
        return a;
    }

    bool authenticate(cdgw::HeadendClient& net) {
        namespace auth = cdos::auth;
        const auto init = net.post(api::path::authInit, {});
        const auto r1 = ok(init, "auth/init") ? answer<api::AuthChallenge>(init, "auth/init") : std::nullopt;
        if (!r1)
            return false;
        const auto a1 = tx(auth::authInit(r1->random));
        const auto card = net.post(api::path::authCard, api::AuthCardRequest{r1->authId, a1.data}.toJson());
        const auto r2 = ok(card, "auth/card") ? answer<api::AuthChallenge>(card, "auth/card") : std::nullopt;
        if (!r2)
            return false;
        const auto a2 = tx(auth::authenticate(r2->random));
        const auto verify = net.post(api::path::authVerify, api::AuthVerifyRequest{r1->authId, a2.data}.toJson());
        const auto r3 = ok(verify, "auth/verify") ? answer<api::AuthSession>(verify, "auth/verify") : std::nullopt;
        if (!r3)
            return false;
        if (!tx(auth::authResult(r3->cardNumberCryptogram)).ok())
            return fail(QStringLiteral("the card refused the headend"));
        net.setSessionToken(r3->sessionToken);
        return true;
    }

    QString requestId(const char* kind) {
        return QStringLiteral("bench-%1-%2-%3").arg(QLatin1String(kind)).arg(m_index).arg(++m_serial);
    }
    cdos::Bytes terminal() const { return cdos::Bytes(m_terminal.begin(), m_terminal.end()); }

    bool pay(cdgw::HeadendClient& net, std::uint32_t amount) {
        tx(cdos::selectAid(ep::kPurseAid));
        const auto init = tx(ep::initializeForPurchase(ep::kKeyIndex, amount, m_terminal));
        if (!init.ok())
            return fail(QStringLiteral("INITIALIZE FOR PURCHASE %1").arg(init.sw, 4, 16));
        const api::PurchaseRequest request{requestId("buy"), amount, terminal(), ep::kKeyIndex, init.data};
        const auto p = timed(Step::PurchaseBegin, [&] { return net.post(api::path::purchases, request.toJson()); });
        const auto begun = ok(p, "purchases") ? answer<api::PurchaseAnswer>(p, "purchases") : std::nullopt;
        if (!begun)
            return false;
        const cdos::Bytes d = bytesq(begun->date), t = bytesq(begun->time);
        if (d.size() != 4 || t.size() != 3)
            return fail(QStringLiteral("bad date/time"));
        const auto debit = tx(ep::debitForPurchase(static_cast<std::uint32_t>(begun->terminalSerial),
                                                   {d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, begun->mac1));
        if (!debit.ok() || debit.data.size() != 8)
            return fail(QStringLiteral("DEBIT %1").arg(debit.sw, 4, 16));
        const cdos::Bytes tac(debit.data.begin(), debit.data.begin() + 4),
            mac2(debit.data.begin() + 4, debit.data.end());
        // As the gateway does: with the purchase as begun (what a headend that lost its pending row records).
        const api::PurchaseCompletion completion{mac2, tac, request, begun->terminalSerial, begun->date, begun->time};
        const auto c = timed(Step::PurchaseCompletion, [&] {
            return net.post(api::path::purchaseCompletion(begun->purchaseId), completion.toJson());
        });
        return ok(c, "purchase completion");
    }

    bool topUp(cdgw::HeadendClient& net, std::uint32_t amount) {
        tx(cdos::selectAid(ep::kPurseAid));
        const auto init = tx(ep::initializeForLoad(ep::kKeyIndex, amount, m_terminal));
        if (!init.ok())
            return fail(QStringLiteral("INITIALIZE FOR LOAD %1").arg(init.sw, 4, 16));
        const auto l = timed(Step::LoadBegin, [&] {
            return net.post(api::path::loads,
                            api::LoadRequest{requestId("load"), amount, terminal(), ep::kKeyIndex, init.data}.toJson());
        });
        const auto loaded = ok(l, "loads") ? answer<api::LoadAnswer>(l, "loads") : std::nullopt;
        if (!loaded)
            return false;
        const cdos::Bytes d = bytesq(loaded->date), t = bytesq(loaded->time);
        if (d.size() != 4 || t.size() != 3)
            return fail(QStringLiteral("bad date/time"));
        const auto credit = tx(ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, loaded->mac2));
        if (!credit.ok())
            return fail(QStringLiteral("CREDIT %1").arg(credit.sw, 4, 16));
        const auto c = timed(Step::LoadCompletion, [&] {
            return net.post(api::path::loadCompletion(loaded->loadId), api::LoadCompletion{credit.data}.toJson());
        });
        return ok(c, "load completion");
    }

    int m_index;
    QString m_number;
    std::unique_ptr<cdos::card::CardOs> m_card;
    cdos::CardProfile m_profile;
    ep::TerminalId m_terminal{0, 0, 0, 0, 0x42, 0x02};
    int m_serial = 0;
    Figures m_figures;
};

int fail(const QString& what) {
    std::fprintf(stderr, "carddesk-bench-headend: %s\n", qPrintable(what));
    return 1;
}

// `pgbench -b tpcb-like` on the same server: initialised at scale 1 in its own tables, then run for the same time
// with the same number of clients. Returns the tps figure, or a negative number when pgbench failed.
double runPgbench(const QString& pgbench, const QString& url, int clients, int seconds) {
    QProcess init;
    init.setProcessChannelMode(QProcess::MergedChannels);
    init.start(pgbench, {QStringLiteral("-i"), QStringLiteral("-q"), QStringLiteral("-s"), QStringLiteral("1"), url});
    if (!init.waitForFinished(300000) || init.exitCode() != 0) {
        std::fprintf(stderr, "pgbench -i failed: %s\n", init.readAll().constData());
        return -1;
    }
    QProcess run;
    run.setProcessChannelMode(QProcess::MergedChannels);
    run.start(pgbench, {QStringLiteral("-b"), QStringLiteral("tpcb-like"), QStringLiteral("-c"),
                        QString::number(clients), QStringLiteral("-j"), QString::number(std::min(clients, 2)),
                        QStringLiteral("-T"), QString::number(seconds), url});
    if (!run.waitForFinished((seconds + 120) * 1000) || run.exitCode() != 0) {
        std::fprintf(stderr, "pgbench failed: %s\n", run.readAll().constData());
        return -1;
    }
    const QString out = QString::fromUtf8(run.readAll());
    const auto m = QRegularExpression(QStringLiteral(R"(tps = ([0-9.]+))")).match(out);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    const QCommandLineOption headendBin(QStringLiteral("headend-bin"), QStringLiteral("carddesk-headend"),
                                        QStringLiteral("f"));
    const QCommandLineOption keystore(QStringLiteral("keystore"), QStringLiteral("key store"), QStringLiteral("f"));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("postgresql://… (default SQLite)"),
                                      QStringLiteral("url"));
    const QCommandLineOption terminals(QStringLiteral("terminals"), QStringLiteral("concurrent terminals"),
                                       QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("run time"), QStringLiteral("s"),
                                     QStringLiteral("20"));
    const QCommandLineOption pgbench(QStringLiteral("pgbench"), QStringLiteral("pgbench binary: run the reference"),
                                     QStringLiteral("f"));
    const QCommandLineOption mix(QStringLiteral("mix"),
                                 QStringLiteral("both (top-ups and payments alternately) or payments"),
                                 QStringLiteral("m"), QStringLiteral("both"));
    const QCommandLineOption historyCards(QStringLiteral("history-cards"),
                                          QStringLiteral("--mix growth: the generated cards whose histories are read"),
                                          QStringLiteral("n"), QStringLiteral("0"));
    cli.addOptions({headendBin, keystore, database, terminals, seconds, pgbench, mix, historyCards});
    cli.process(app);
    const int n = std::max(1, cli.value(terminals).toInt());
    const int secs = std::max(1, cli.value(seconds).toInt());
    const QByteArray admin = "bench-admin-token";
    QTemporaryDir dir;

    const QString log = dir.filePath(QStringLiteral("headend.log")); // a line per request, shown when a run fails
    cdbench::HeadendChild headend;
    QStringList extra;
    if (cli.isSet(database))
        extra << QStringLiteral("--database") << cli.value(database);
    if (!headend.start(cli.value(headendBin), cli.value(keystore), dir.path(), admin, extra, log))
        return fail(QStringLiteral("the headend did not start"));
    const QString base = headend.base();
    const QString cert = headend.certificate();

    const auto keys = cdos::KeyStore::open(cli.value(keystore).toStdString(), cdtest::kDevPassphrase);
    std::vector<std::unique_ptr<Terminal>> all;
    QByteArray credential;
    {
        cdgw::HeadendClient net(base, cert);
        credential = headend.firstCredential(admin);
        if (credential.isEmpty())
            return fail(QStringLiteral("no operator credential"));
        net.setOperatorToken(credential);
        for (int i = 0; i < n; ++i) {
            all.push_back(std::make_unique<Terminal>(i, keys, dir.path()));
            const auto& h = all.back()->profile().holder;
            const auto e =
                net.post(api::path::adminCards,
                         {{api::key::cardNumber, all.back()->number()},
                          {api::key::holder, QJsonObject{{api::key::userNumber, QString::fromStdString(h.userNumber)},
                                                         {api::key::account, QString::fromStdString(h.account)},
                                                         {api::key::name, QString::fromStdString(h.name)}}}});
            const auto b =
                net.post(api::path::adminBankAccounts, {{api::key::account, QString::fromStdString(h.account)},
                                                        {api::key::balance, qint64(1) << 40}});
            if (!e.ok() || !b.ok())
                return fail(QStringLiteral("enrolment failed: %1 %2").arg(e.status).arg(e.code()));
        }
    }

    QElapsedTimer clock;
    clock.start();
    const qint64 deadline = qint64(secs) * 1000;
    std::vector<QThread*> threads;
    for (auto& t : all) {
        Terminal* term = t.get();
        threads.push_back(QThread::create(
            [term, base, cert, deadline, &clock, m = cli.value(mix), credential,
             h = cli.value(historyCards).toLongLong()] { term->run(base, cert, deadline, clock, m, credential, h); }));
        threads.back()->start();
    }
    for (QThread* t : threads) {
        t->wait();
        delete t;
    }
    const double elapsed = static_cast<double>(clock.elapsed()) / 1000.0;
    headend.stop();

    Figures sum;
    for (const auto& t : all) {
        const Figures& f = t->figures();
        sum.payMs.insert(sum.payMs.end(), f.payMs.begin(), f.payMs.end());
        sum.loadMs.insert(sum.loadMs.end(), f.loadMs.begin(), f.loadMs.end());
        for (int i = 0; i < kSteps; ++i)
            sum.stepMs[i].insert(sum.stepMs[i].end(), f.stepMs[i].begin(), f.stepMs[i].end());
        sum.authMs.insert(sum.authMs.end(), f.authMs.begin(), f.authMs.end());
        sum.historyMs.insert(sum.historyMs.end(), f.historyMs.begin(), f.historyMs.end());
        sum.failures += f.failures;
        if (sum.firstFailure.isEmpty())
            sum.firstFailure = f.firstFailure;
    }
    if (sum.failures || sum.payMs.empty() || (sum.loadMs.empty() && cli.value(mix) != QLatin1String("payments"))) {
        QFile f(log);
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& l : f.readAll().split('\n'))
                if (!l.contains(" -> 200"))
                    std::fprintf(stderr, "headend: %s\n", l.constData());
        return fail(QStringLiteral("%1 terminals failed; first: %2").arg(sum.failures).arg(sum.firstFailure));
    }
    const QString where = cli.isSet(database) ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    const double rate = static_cast<double>(sum.payMs.size() + sum.loadMs.size()) / elapsed;
    std::printf("headend on %s, %d terminals, %.1f s: %.1f transactions/s (%zu payments %.1f/s, %zu top-ups %.1f/s)\n",
                qPrintable(where), n, elapsed, rate, sum.payMs.size(), static_cast<double>(sum.payMs.size()) / elapsed,
                sum.loadMs.size(), static_cast<double>(sum.loadMs.size()) / elapsed);
    std::printf("  payment latency p50 %.2f ms, p99 %.2f ms", cdbench::percentile(sum.payMs, 0.5),
                cdbench::percentile(sum.payMs, 0.99));
    if (!sum.loadMs.empty())
        std::printf("; top-up latency p50 %.2f ms, p99 %.2f ms", cdbench::percentile(sum.loadMs, 0.5),
                    cdbench::percentile(sum.loadMs, 0.99));
    if (!sum.authMs.empty())
        std::printf("; authentication p50 %.2f ms, p99 %.2f ms", cdbench::percentile(sum.authMs, 0.5),
                    cdbench::percentile(sum.authMs, 0.99));
    if (!sum.historyMs.empty())
        std::printf("; card history (first page) p50 %.2f ms, p99 %.2f ms", cdbench::percentile(sum.historyMs, 0.5),
                    cdbench::percentile(sum.historyMs, 0.99));
    std::printf("\n");
    for (int i = 0; i < kSteps; ++i)
        if (!sum.stepMs[i].empty())
            std::printf("  %-26s p50 %.2f ms, p99 %.2f ms (%zu)\n", kStepNames[i],
                        cdbench::percentile(sum.stepMs[i], 0.5), cdbench::percentile(sum.stepMs[i], 0.99),
                        sum.stepMs[i].size());
    std::fflush(stdout);
    if (cli.isSet(pgbench) && cli.isSet(database)) {
        const double tps = runPgbench(cli.value(pgbench), cli.value(database), n, secs);
        if (tps <= 0)
            return fail(QStringLiteral("pgbench did not run"));
        std::printf("  pgbench -b tpcb-like, %d clients, %d s, same server: %.1f tps; headend/pgbench = %.2f "
                    "(target >= 0.70: %s; floor 0.50: %s)\n",
                    n, secs, tps, rate / tps, rate / tps >= 0.7 ? "met" : "NOT met",
                    rate / tps >= 0.5 ? "met" : "NOT met");
    }
    return 0;
}
