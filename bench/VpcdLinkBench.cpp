// Round trips over the vpcd link to the real carddesk-card (the figure TestVpcdLink's insertedCardAnswers once
// asserted: 500 APDUs, no 40 ms delayed-ACK stalls), against a fake vpcd in this process, no pcscd. Prints the time
// per APDU; `carddesk-bench-vpcd-link --card-bin build/card/carddesk-card [--apdus N]`.
#include "card/FakeVpcd.h"
#include "carddesk/protocol/apdu/Apdu.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("APDU round trips over the vpcd link to carddesk-card"));
    parser.addHelpOption();
    const QCommandLineOption cardBin(QStringLiteral("card-bin"), QStringLiteral("the carddesk-card program"),
                                     QStringLiteral("PATH"));
    const QCommandLineOption apdus(QStringLiteral("apdus"), QStringLiteral("round trips (default 500)"),
                                   QStringLiteral("N"), QStringLiteral("500"));
    parser.addOption(cardBin);
    parser.addOption(apdus);
    parser.process(app);
    const int n = parser.value(apdus).toInt();
    if (!parser.isSet(cardBin) || n < 1) {
        std::fprintf(stderr, "carddesk-bench-vpcd-link: --card-bin PATH and --apdus N >= 1 needed\n");
        return 2;
    }
    QTemporaryDir dir;
    FakeVpcd vpcd;
    if (!dir.isValid() || !vpcd.listen()) {
        std::fprintf(stderr, "carddesk-bench-vpcd-link: no temporary directory or port\n");
        return 1;
    }
    QProcess card;
    card.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    card.start(parser.value(cardBin),
               {QStringLiteral("--image"), dir.filePath(QStringLiteral("bench.img")), QStringLiteral("--port"),
                QString::number(vpcd.port()), QStringLiteral("--host"), QStringLiteral("127.0.0.1")});
    if (!card.waitForStarted() || !vpcd.waitForCard()) {
        std::fprintf(stderr, "carddesk-bench-vpcd-link: the card did not connect\n");
        return 1;
    }
    vpcd.send(cdos::Bytes{0x01}); // power on: no answer
    const cdos::Bytes getData = *cdos::fromHex("80CA010400");
    int status = 0;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n && status == 0; ++i)
        if (vpcd.transmit(getData).sw != 0x9000)
            status = 1;
    const double ms = double(t.nsecsElapsed()) / 1e6;
    card.terminate();
    if (!card.waitForFinished(3000))
        card.kill();
    if (status != 0) {
        std::fprintf(stderr, "carddesk-bench-vpcd-link: an APDU was not answered 9000\n");
        return 1;
    }
    std::printf("%d APDUs over the vpcd link: %.1f ms, %.3f ms per round trip\n", n, ms, ms / n);
    return 0;
}
