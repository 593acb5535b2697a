// carddesk-replay-card: a saved APDU trace (the console's Json trace file) as a card in a vpcd reader, so that any
// PC/SC program (opensc-tool, pcsc_scan, the console itself) sees the recorded card answer as it did in the field
// (issue 14). The answers come from TraceReplayCard; the vpcd side is the card OS's VpcdLink. A program, not a
// library: cardio stays below the card's tools, and the card library stays Qt-free.
#include "carddesk/card/transport/VpcdLink.h"
#include "carddesk/cardio/HexText.h"
#include "carddesk/cardio/TraceReplayCard.h"
#include "carddesk/protocol/cli/OptionParser.h"

#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int) {
    g_stop = 1;
}

void installSignals() {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocking call returns at once
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

// The replay behind vpcd's card interface. A power-on or reset starts the replay over: each PC/SC program that
// powers the card up sees the recorded session from its beginning.
class ReplayVirtualCard final : public cdos::card::VirtualCard {
public:
    ReplayVirtualCard(std::shared_ptr<carddesk::TraceReplayCard> card, bool verbose)
        : m_card(std::move(card)), m_verbose(verbose) {}
    cdos::Bytes atr() const override { return carddesk::bytesOf(m_card->atr()); }
    void powerOn() override { m_card->rewind(); }
    void reset() override { m_card->rewind(); }
    void powerOff() override {}
    cdos::Bytes process(const cdos::Bytes& rawCapdu) override {
        const QByteArray answer = m_card->answer(carddesk::qbytesOf(rawCapdu));
        // A command the trace lacks is always said: it is what the technician is looking for.
        if (const QString why = m_card->lastError(); !why.isEmpty())
            std::cerr << "carddesk-replay-card: " << why.toStdString() << " (answered 6F00)\n";
        else if (m_verbose)
            std::cerr << "carddesk-replay-card: " << m_card->lastExplanation().toStdString() << "\n";
        return carddesk::bytesOf(answer);
    }

private:
    std::shared_ptr<carddesk::TraceReplayCard> m_card;
    bool m_verbose;
};

} // namespace

int main(int argc, char** argv) {
    using cdos::card::VpcdLink;
    std::string trace, host = "127.0.0.1";
    unsigned long port = VpcdLink::kDefaultPort;
    bool verbose = false;
    cdos::cli::OptionParser options("carddesk-replay-card",
                                    "a saved CardDesk APDU trace answering as a card in a vpcd reader");
    options.text("--trace", "FILE", "the trace saved by the console (JSON, required)", trace)
        .number("--port", "N", "vpcd port (default 35963 = reader \"Virtual PCD 00 00\")", port, 1, 65535)
        .text("--host", "ADDRESS", "where pcscd's vpcd listens (default 127.0.0.1)", host)
        .flag("--verbose", verbose, "say which recorded exchange answers each command");
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    if (trace.empty()) {
        std::cerr << "carddesk-replay-card: --trace FILE is required\n" << options.usage();
        return 2;
    }
    QString error;
    auto replay = carddesk::TraceReplayCard::fromFile(QString::fromLocal8Bit(trace), &error);
    if (!replay) {
        std::cerr << "carddesk-replay-card: cannot start: " << error.toStdString() << "\n";
        return 2;
    }
    ReplayVirtualCard card(replay, verbose);

    installSignals();
    VpcdLink link(host, static_cast<std::uint16_t>(port));
    bool waitingReported = false;
    while (!g_stop) {
        std::string why;
        if (!link.connect(why)) {
            if (!waitingReported)
                std::cerr << "carddesk-replay-card: waiting for vpcd at " << link.peer() << " (" << why
                          << "); retrying every second\n";
            waitingReported = true;
            for (int i = 0; i < 10 && !g_stop; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        waitingReported = false;
        std::cerr << "carddesk-replay-card: connected to vpcd at " << link.peer() << " (replaying " << trace << ", "
                  << replay->exchangeCount() << " exchanges)\n";
        const bool stopped = link.serve(card, g_stop);
        std::cerr << "carddesk-replay-card: disconnected from vpcd at " << link.peer()
                  << (stopped ? " (stopping)\n" : " (card removed); reconnecting\n");
    }
    return 0;
}
