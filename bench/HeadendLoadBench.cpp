// Headend throughput: N synthetic terminals, each with its own card emulated in process (so pcscd is not the limit)
// and its own TLS connection, run three-party authentication once and then alternate online top-ups and payments
// against a real carddesk-headend for a fixed time. Prints transactions per second and p50/p99 per kind; with
// --pgbench, runs `pgbench -b tpcb-like` with the same number of clients on the same PostgreSQL server right after,
// so both figures come from the same server, settings and machine state. bench/run-headend-bench.sh runs it on
// PostgreSQL and on SQLite.
#include "bench/BenchStats.h"
#include "bench/BenchTerminal.h"
#include "bench/HeadendChild.h"

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

using cdbench::BenchTerminal;
using cdbench::Figures;
using cdbench::kStepNames;
using cdbench::kSteps;
namespace api = carddesk::api;

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
    std::vector<std::unique_ptr<BenchTerminal>> all;
    QByteArray credential;
    {
        cdgw::HeadendClient net(base, cert);
        credential = headend.firstCredential(admin);
        if (credential.isEmpty())
            return fail(QStringLiteral("no operator credential"));
        net.setOperatorToken(credential);
        for (int i = 0; i < n; ++i) {
            all.push_back(std::make_unique<BenchTerminal>(i, keys, dir.path()));
            if (const QString problem = all.back()->enrol(net); !problem.isEmpty())
                return fail(problem);
        }
    }

    QElapsedTimer clock;
    clock.start();
    const qint64 deadline = qint64(secs) * 1000;
    std::vector<QThread*> threads;
    for (auto& t : all) {
        BenchTerminal* term = t.get();
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
