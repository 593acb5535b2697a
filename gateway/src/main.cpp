// carddesk-gateway: the set-top gateway terminal. The card session (PC/SC and HTTPS, both blocking) runs on a
// worker thread; the main thread only runs the application's event loop.
#include "GatewaySession.h"
#include "HeadendClient.h"
#include "Messages.h"
#include "PcscCard.h"
#include "TextUi.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <unistd.h>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("carddesk-gateway"));
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("CardDesk set-top gateway: card, headend, payments and top-ups."));
    cli.addHelpOption();
    const QCommandLineOption reader(QStringLiteral("reader"), QStringLiteral("PC/SC reader name."),
                                    QStringLiteral("name"));
    const QCommandLineOption headend(QStringLiteral("headend"), QStringLiteral("Headend base URL (https://host:port)."),
                                     QStringLiteral("url"));
    const QCommandLineOption cert(QStringLiteral("headend-cert"),
                                  QStringLiteral("The headend's certificate (PEM), pinned: no other is trusted."),
                                  QStringLiteral("file"));
    const QCommandLineOption script(QStringLiteral("script"),
                                    QStringLiteral("Inputs, one per line (user, PIN, menu choice, amount...)."),
                                    QStringLiteral("file"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("en (default) or zh_CN."),
                                  QStringLiteral("lang"), QStringLiteral("en"));
    const QCommandLineOption terminal(QStringLiteral("terminal-id"), QStringLiteral("Terminal id, 12 hex digits."),
                                      QStringLiteral("hex"), QStringLiteral("000000000001"));
    const QCommandLineOption wait(QStringLiteral("wait-seconds"), QStringLiteral("How long to wait for a card."),
                                  QStringLiteral("s"), QStringLiteral("30"));
    const QCommandLineOption direct(
        QStringLiteral("direct-login"),
        QStringLiteral("Fallback: user, PIN and menu without the card's proactive module."));
    const QCommandLineOption tvInput(
        QStringLiteral("tv-input"), QStringLiteral("A live TV channel: scrambled TS file or udp://HOST:PORT (repeat)."),
        QStringLiteral("url"));
    const QCommandLineOption tvOutput(QStringLiteral("tv-output"),
                                      QStringLiteral("Clear TS out: file, udp://HOST:PORT, or - (| ffplay -)."),
                                      QStringLiteral("out"));
    const QCommandLineOption vodDir(
        QStringLiteral("vod-dir"), QStringLiteral("VOD streams: <programme id>.ts, scrambled."), QStringLiteral("dir"));
    const QCommandLineOption udpIdle(QStringLiteral("udp-idle"),
                                     QStringLiteral("A UDP channel ends after this many seconds without data."),
                                     QStringLiteral("s"), QStringLiteral("5"));
    cli.addOptions({reader, headend, cert, script, lang, terminal, wait, direct, tvInput, tvOutput, vodDir, udpIdle});
    cli.process(app);
    if (!cli.isSet(reader) || !cli.isSet(headend) || !cli.isSet(cert)) {
        std::fprintf(stderr, "carddesk-gateway: --reader, --headend and --headend-cert are required\n");
        return 64;
    }
    const auto tid = cdos::fromHex(cli.value(terminal).toStdString());
    if (!tid || tid->size() != 6) {
        std::fprintf(stderr, "carddesk-gateway: --terminal-id takes 12 hex digits\n");
        return 64;
    }
    cdos::ep::TerminalId terminalId{};
    std::copy(tid->begin(), tid->end(), terminalId.begin());
    if (!cdgw::Messages::setLanguage(cli.value(lang))) {
        std::fprintf(stderr, "carddesk-gateway: --lang takes en or zh_CN, got \"%s\"\n", qPrintable(cli.value(lang)));
        return 64;
    }
    cdgw::TvOptions tv{cli.values(tvInput), cli.value(tvOutput), cli.value(vodDir), cli.value(udpIdle).toInt()};
    std::signal(SIGPIPE, SIG_IGN); // a player that quits ends playback (EPIPE), not the gateway
    if (tv.output == QLatin1String("-")) {
        // The picture takes stdout (| ffplay -); the person's text moves to stderr.
        const int picture = dup(STDOUT_FILENO);
        if (picture < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
            std::fprintf(stderr, "carddesk-gateway: cannot hand stdout to the player\n");
            return 71;
        }
        tv.output = QStringLiteral("/dev/fd/%1").arg(picture);
    }

    int rc = 0;
    // Everything that touches the card or the network lives and dies on this thread.
    QThread* worker = QThread::create([&] {
        try {
            cdgw::TextUi ui(cli.value(script));
            if (!ui.ok()) {
                std::fprintf(stderr, "carddesk-gateway: cannot read the script\n");
                rc = 64;
                return;
            }
            cdgw::HeadendClient net(cli.value(headend), cli.value(cert));
            cdgw::PcscCard card(cli.value(reader).toStdString(), [](const std::string& line) {
                std::fprintf(stderr, "carddesk-gateway: %s\n", line.c_str());
            });
            cdgw::GatewaySession session(card, net, ui, terminalId);
            session.setDirectLogin(cli.isSet(direct));
            session.setTvOptions(tv);
            rc = session.run(std::chrono::seconds(cli.value(wait).toInt()));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "carddesk-gateway: %s\n", e.what());
            rc = 70;
        }
    });
    QObject::connect(worker, &QThread::finished, &app, &QCoreApplication::quit);
    worker->start();
    app.exec();
    worker->wait();
    delete worker;
    return rc;
}
