// Hostile clients against a real carddesk-headend (issue 16). Honest terminals (cards in process, payments and
// top-ups over keep-alive HTTPS, as the gateway sends them) are measured unloaded, then under each attack in turn:
// slow heads, slow TLS handshakes, thousands of idle TLS connections, silent TCP connections, huge heads, huge
// bodies, TLS garbage, and a request flood from one address. Per attack it prints the honest p50/p99 and the ratio
// of their p99 to the unloaded one (goal <= 2), the headend's resident memory (peak while under attack), and what
// the attack achieved. Exit status 1 when the headend died or an honest transaction failed; the ratios are
// reported, never asserted. Loopback only; every attack is bounded in count and time.
#include "bench/BenchStats.h"
#include "bench/BenchTerminal.h"
#include "bench/HeadendChild.h"
#include "bench/HostileClients.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <memory>
#include <vector>

#include <sys/resource.h>

namespace {

using cdbench::BenchTerminal;
using cdbench::HostileClients;
namespace api = carddesk::api;

int fail(const QString& what) {
    std::fprintf(stderr, "carddesk-bench-headend-hostile: %s\n", qPrintable(what));
    return 1;
}

qint64 residentKb(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// As many descriptors as the hard limit allows: each attack connection costs one here and one in the headend.
rlim_t raiseFileLimit() {
    rlimit l{};
    if (::getrlimit(RLIMIT_NOFILE, &l) != 0)
        return 1024;
    l.rlim_cur = l.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &l);
    return l.rlim_cur;
}

struct Phase {
    QString name;
    std::vector<double> txMs;
    std::vector<double> payMs, loadMs;
    qint64 peakRssKb = 0;
    double seconds = 0;
    QString attack;
};

} // namespace

int main(int argc, char** argv) {
    const rlim_t files = raiseFileLimit();
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.addHelpOption();
    const QCommandLineOption headendBin(QStringLiteral("headend-bin"), QStringLiteral("carddesk-headend"),
                                        QStringLiteral("f"));
    const QCommandLineOption keystore(QStringLiteral("keystore"), QStringLiteral("key store"), QStringLiteral("f"));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("postgresql://… (default SQLite)"),
                                      QStringLiteral("url"));
    const QCommandLineOption terminals(QStringLiteral("terminals"), QStringLiteral("honest terminals (4)"),
                                       QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("honest run per phase (10)"),
                                     QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption attacks(
        QStringLiteral("attacks"),
        QStringLiteral("comma-separated: slow-headers, slow-handshake, idle-tls, silent-tcp, huge-headers, "
                       "huge-bodies, garbage-tls, flood (all)"),
        QStringLiteral("list"));
    const QCommandLineOption idle(QStringLiteral("idle"), QStringLiteral("idle TLS connections (10000)"),
                                  QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption silent(QStringLiteral("silent"), QStringLiteral("silent TCP connections (2000)"),
                                    QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption slow(QStringLiteral("slow"), QStringLiteral("slow connections of each slow kind (1000)"),
                                  QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption repeat(QStringLiteral("repeat"),
                                    QStringLiteral("connections at once of the repeating kinds (32)"),
                                    QStringLiteral("n"), QStringLiteral("32"));
    const QCommandLineOption flood(QStringLiteral("flood"), QStringLiteral("flooding connections, one address (48)"),
                                   QStringLiteral("n"), QStringLiteral("48"));
    const QCommandLineOption headendArgs(QStringLiteral("headend-arg"),
                                         QStringLiteral("one more option for the headend (repeatable)"),
                                         QStringLiteral("arg"));
    cli.addOptions(
        {headendBin, keystore, database, terminals, seconds, attacks, idle, silent, slow, repeat, flood, headendArgs});
    cli.process(app);
    const int n = std::max(1, cli.value(terminals).toInt());
    const int secs = std::max(1, cli.value(seconds).toInt());

    QList<HostileClients::Kind> kinds;
    const QString list = cli.isSet(attacks) ? cli.value(attacks)
                                            : QStringLiteral("slow-headers,slow-handshake,idle-tls,silent-tcp,"
                                                             "huge-headers,huge-bodies,garbage-tls,flood");
    for (const QString& a : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        HostileClients::Kind k{};
        if (!HostileClients::kindFromName(a.trimmed(), &k))
            return fail(QStringLiteral("unknown attack %1").arg(a));
        kinds << k;
    }
    const auto sizeOf = [&](HostileClients::Kind k) {
        int want = 0;
        switch (k) {
        case HostileClients::Kind::IdleTls:
            want = cli.value(idle).toInt();
            break;
        case HostileClients::Kind::SilentTcp:
            want = cli.value(silent).toInt();
            break;
        case HostileClients::Kind::SlowHeaders:
        case HostileClients::Kind::SlowHandshake:
            want = cli.value(slow).toInt();
            break;
        case HostileClients::Kind::Flood:
            want = cli.value(flood).toInt();
            break;
        default:
            want = cli.value(repeat).toInt();
        }
        // Room for the terminals, the bench's own files and some slack.
        const int room = static_cast<int>(std::min<rlim_t>(files, 1 << 20)) - 256 - 4 * n;
        if (want > room)
            std::printf("  (%s: %d connections asked, %d fit under this process's file limit)\n",
                        qPrintable(HostileClients::name(k)), want, room);
        return std::max(1, std::min(want, room));
    };

    const QByteArray admin = "bench-admin-token";
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("headend.log"));
    cdbench::HeadendChild headend;
    QStringList extra = cli.values(headendArgs);
    if (cli.isSet(database))
        extra << QStringLiteral("--database") << cli.value(database);
    if (!headend.start(cli.value(headendBin), cli.value(keystore), dir.path(), admin, extra, log))
        return fail(QStringLiteral("the headend did not start"));
    const QString base = headend.base(), cert = headend.certificate();
    const QUrl url(base);

    const auto keys = cdos::KeyStore::open(cli.value(keystore).toStdString(), cdtest::kDevPassphrase);
    std::vector<std::unique_ptr<BenchTerminal>> all;
    {
        cdgw::HeadendClient net(base, cert);
        const QByteArray credential = headend.firstCredential(admin);
        if (credential.isEmpty())
            return fail(QStringLiteral("no operator credential"));
        net.setOperatorToken(credential);
        for (int i = 0; i < n; ++i) {
            all.push_back(std::make_unique<BenchTerminal>(i, keys, dir.path()));
            if (const QString problem = all.back()->enrol(net); !problem.isEmpty())
                return fail(problem);
        }
    }
    const qint64 startRss = residentKb(headend.pid());
    std::printf("hostile clients against carddesk-headend (%s), %d honest terminals, %d s a phase; headend RSS at "
                "start %.1f MB\n",
                cli.isSet(database) ? "PostgreSQL" : "SQLite", n, secs, static_cast<double>(startRss) / 1024.0);
    std::fflush(stdout);

    int failures = 0;
    double unloadedP99 = 0;
    // Runs this thread's events (the attack's sockets) for `ms`, sleeping while there are none: a busy loop here
    // would take a core from the headend and skew every figure.
    const auto pump = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    for (int i = -1; i < kinds.size(); ++i) {
        Phase phase;
        std::unique_ptr<HostileClients> attack;
        qint64 peak = residentKb(headend.pid());
        if (i >= 0) {
            const HostileClients::Kind kind = kinds[i];
            attack = std::make_unique<HostileClients>(kind, sizeOf(kind), url.host(), static_cast<quint16>(url.port()),
                                                      10 + i);
            phase.name = HostileClients::name(kind);
            attack->start();
            QElapsedTimer ramp;
            ramp.start();
            while (!attack->ready() && ramp.elapsed() < 120000) {
                pump(50);
                peak = std::max(peak, residentKb(headend.pid()));
            }
            pump(500);
            std::printf("  %s: ramped up in %.1f s\n", qPrintable(phase.name),
                        static_cast<double>(ramp.elapsed()) / 1e3);
        } else {
            phase.name = QStringLiteral("unloaded");
        }
        QElapsedTimer clock;
        clock.start();
        std::vector<QThread*> threads;
        for (auto& t : all) {
            BenchTerminal* term = t.get();
            term->clearFigures();
            threads.push_back(QThread::create([term, base, cert, secs, &clock] {
                term->run(base, cert, qint64(secs) * 1000, clock, QStringLiteral("both"));
            }));
            threads.back()->start();
        }
        // A new terminal arriving meanwhile: a fresh TLS connection and one request, again and again (a listener
        // that stopped accepting shows here, not on the kept-alive connections above).
        std::vector<double> newConnectionMs;
        int newConnectionFailures = 0;
        threads.push_back(QThread::create([&, secs] {
            while (clock.elapsed() < qint64(secs) * 1000) {
                QElapsedTimer t;
                t.start();
                cdgw::HeadendClient fresh(base, cert, 30000);
                const auto r = fresh.get(QStringLiteral("/v1/no-such-route"));
                if (r.status == 404)
                    newConnectionMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
                else
                    ++newConnectionFailures;
                QThread::msleep(100);
            }
        }));
        threads.back()->start();
        const auto allDone = [&] {
            return std::all_of(threads.begin(), threads.end(), [](QThread* t) { return t->isFinished(); });
        };
        while (!allDone()) {
            pump(100);
            peak = std::max(peak, residentKb(headend.pid()));
        }
        phase.seconds = static_cast<double>(clock.elapsed()) / 1e3;
        for (QThread* t : threads) {
            t->wait();
            delete t;
        }
        phase.peakRssKb = peak;
        QString firstFailure;
        for (const auto& t : all) {
            const auto& f = t->figures();
            phase.payMs.insert(phase.payMs.end(), f.payMs.begin(), f.payMs.end());
            phase.loadMs.insert(phase.loadMs.end(), f.loadMs.begin(), f.loadMs.end());
            failures += f.failures;
            if (firstFailure.isEmpty())
                firstFailure = f.firstFailure;
        }
        phase.txMs = phase.payMs;
        phase.txMs.insert(phase.txMs.end(), phase.loadMs.begin(), phase.loadMs.end());
        if (attack) {
            phase.attack = attack->summary();
            attack->stop();
            attack.reset();
        }
        const double p99 = phase.txMs.empty() ? 0 : cdbench::percentile(phase.txMs, 0.99);
        if (i < 0)
            unloadedP99 = p99;
        std::printf("%-15s %6.1f tx/s, transaction p50 %.2f ms p99 %.2f ms", qPrintable(phase.name),
                    static_cast<double>(phase.txMs.size()) / std::max(0.001, phase.seconds),
                    phase.txMs.empty() ? 0 : cdbench::percentile(phase.txMs, 0.5), p99);
        if (i >= 0 && unloadedP99 > 0)
            std::printf(" = %.2fx unloaded (goal <= 2: %s)", p99 / unloadedP99,
                        p99 <= 2 * unloadedP99 ? "met" : "NOT met");
        std::printf("; headend RSS peak %.1f MB\n", static_cast<double>(phase.peakRssKb) / 1024.0);
        std::printf("                new connection + request p50 %.2f ms p99 %.2f ms (%zu served, %d not)\n",
                    newConnectionMs.empty() ? 0 : cdbench::percentile(newConnectionMs, 0.5),
                    newConnectionMs.empty() ? 0 : cdbench::percentile(newConnectionMs, 0.99), newConnectionMs.size(),
                    newConnectionFailures);
        failures += newConnectionFailures;
        if (!phase.attack.isEmpty())
            std::printf("                attack: %s\n", qPrintable(phase.attack));
        if (!firstFailure.isEmpty())
            std::printf("                honest failures: %s\n", qPrintable(firstFailure));
        std::fflush(stdout);
        pump(1000); // the headend closes what the attack left
        if (!headend.running())
            return fail(QStringLiteral("the headend died under %1").arg(phase.name));
    }
    std::printf("headend alive after every attack; RSS now %.1f MB\n",
                static_cast<double>(residentKb(headend.pid())) / 1024.0);
    headend.stop();
    if (failures) {
        QFile f(log);
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray& l : f.readAll().split('\n').mid(0, 40))
                std::fprintf(stderr, "headend: %s\n", l.constData());
        return fail(QStringLiteral("%1 honest transactions failed").arg(failures));
    }
    return 0;
}
