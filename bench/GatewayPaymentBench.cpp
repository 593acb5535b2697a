// One payment end to end as the gateway makes it, N times: VERIFY of the payment PIN, INITIALIZE FOR PURCHASE,
// POST /v1/purchases over TLS (pinned), DEBIT FOR PURCHASE, POST completion — through a real pcscd + vpcd +
// carddesk-card and the real carddesk-headend on SQLite. Prints p50/p99 (target p50 <= 20 ms).
// Run with bench/run-gateway-bench.sh (private pcscd); the card is issued and enrolled here.
#include "GatewaySession.h"
#include "HeadendClient.h"
#include "PcscCard.h"
#include "UserInterface.h"

#include "bench/BenchStats.h"
#include "bench/HeadendChild.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "support/TestProfiles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// Answers every question like a holder who knows the PIN; prints nothing (the PIN least of all).
class BenchUi : public cdgw::UserInterface {
public:
    void show(const QString&) override {}
    std::optional<int> choose(const QString&, const QStringList&, const QString&) override { return 0; }
    std::optional<QString> input(const QString&, bool) override { return QStringLiteral("1234"); }
};

int fail(const char* what) {
    std::fprintf(stderr, "carddesk-bench-gateway: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    const QCommandLineOption cardBin(QStringLiteral("card-bin"), QStringLiteral("carddesk-card"), QStringLiteral("f"));
    const QCommandLineOption headendBin(QStringLiteral("headend-bin"), QStringLiteral("carddesk-headend"),
                                        QStringLiteral("f"));
    const QCommandLineOption keystore(QStringLiteral("keystore"), QStringLiteral("key store"), QStringLiteral("f"));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("payments"), QStringLiteral("n"),
                                  QStringLiteral("200"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("vpcd port"), QStringLiteral("p"),
                                  QStringLiteral("35966"));
    cli.addOptions({cardBin, headendBin, keystore, runs, port});
    cli.process(app);
    const int n = std::max(1, cli.value(runs).toInt());
    const QByteArray admin = "bench-admin-token";
    QTemporaryDir dir;

    // The headend on a free port with its own data directory.
    cdbench::HeadendChild headend;
    if (!headend.start(cli.value(headendBin), cli.value(keystore), dir.path(), admin))
        return fail("the headend did not start");
    const QStringList dataDir{QStringLiteral("--data-dir"), dir.path()};
    const QString base = headend.base();

    // The card, issued through PC/SC and enrolled.
    QProcess card;
    card.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    card.start(cli.value(cardBin), {QStringLiteral("--image"), dir.filePath(QStringLiteral("card.img")),
                                    QStringLiteral("--port"), cli.value(port)});
    const std::string reader =
        cli.value(port) == QLatin1String("35966") ? "CardDesk Reader B 00 01" : "CardDesk Reader B 00 00";
    int rc = 0;
    {
        cdgw::PcscCard pcsc(reader);
        if (!pcsc.waitAndConnect(std::chrono::seconds(10)))
            return fail("no card in the reader");
        const auto keys = cdos::KeyStore::open(cli.value(keystore).toStdString(), cdtest::kDevPassphrase);
        const auto profile = cdtest::sampleProfile("86010000000000000099");
        cdos::Personaliser(keys, pcsc.transmitter()).personalise(profile);
        QProcess enrol;
        namespace key = carddesk::api::key;
        const QJsonObject holder{{key::userNumber, QString::fromStdString(profile.holder.userNumber)},
                                 {key::account, QString::fromStdString(profile.holder.account)},
                                 {key::name, QString::fromStdString(profile.holder.name)}};
        enrol.start(cli.value(headendBin),
                    QStringList{QStringLiteral("enrol"), QStringLiteral("--card-number"),
                                QStringLiteral("86010000000000000099"), QStringLiteral("--holder-json"),
                                QString::fromUtf8(QJsonDocument(holder).toJson(QJsonDocument::Compact))} +
                        dataDir);
        if (!enrol.waitForFinished(20000) || enrol.exitCode() != 0)
            return fail("enrolment failed");

        cdgw::HeadendClient net(base, dir.filePath(QStringLiteral("tls-cert.pem")));
        const QByteArray credential = headend.firstCredential(admin);
        if (credential.isEmpty())
            return fail("no operator credential");
        net.setOperatorToken(credential);
        net.post(carddesk::api::path::adminBankAccounts,
                 {{key::account, QString::fromStdString(profile.holder.account)}, {key::balance, 10000000}});
        BenchUi ui;
        cdgw::GatewaySession session(pcsc, net, ui, {0, 0, 0, 0, 0x42, 0x01});
        if (!session.connectCard(std::chrono::seconds(5)) || !session.authenticate())
            return fail("authentication failed");
        auto who = session.login();
        if (!who || !session.topUp(static_cast<std::uint32_t>(n) * 100 + 1000))
            return fail("login or top-up failed");
        std::vector<double> ms;
        for (int i = 0; i < n; ++i) {
            QElapsedTimer t;
            t.start();
            if (!session.pay(*who, 100))
                return fail("a payment failed");
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
        const double p50 = cdbench::percentile(ms, 0.50), p99 = cdbench::percentile(ms, 0.99);
        std::printf("gateway payment end to end (pcscd + TLS + SQLite), %d runs: p50 %.2f ms, p99 %.2f ms, "
                    "min %.2f ms, max %.2f ms — target p50 <= 20 ms: %s\n",
                    n, p50, p99, *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()),
                    p50 <= 20.0 ? "met" : "NOT met");
        rc = p50 <= 20.0 ? 0 : 2;
    }
    card.terminate();
    card.waitForFinished(3000);
    headend.stop();
    return rc;
}
