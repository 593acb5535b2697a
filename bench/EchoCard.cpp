// carddesk-echo-card: the reference card of the PC/SC benchmark. It speaks vpcd exactly as carddesk-card does
// (same VpcdLink) but does no work: every C-APDU is answered with its own data and 9000. The round trip to it is
// the cost of the stack (pcscd, vpcd, sockets) alone, against which the card OS is compared.
#include "carddesk/card/transport/VirtualCard.h"
#include "carddesk/card/transport/VpcdLink.h"
#include "carddesk/protocol/cli/OptionParser.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

volatile std::sig_atomic_t g_stop = 0;

class EchoCard : public cdos::card::VirtualCard {
public:
    cdos::Bytes atr() const override {
        // T=1 offered; historical bytes "ECHO".
        return {0x3B, 0x84, 0x80, 0x01, 'E', 'C', 'H', 'O', 0x00};
    }
    void powerOn() override {}
    void reset() override {}
    void powerOff() override {}
    cdos::Bytes process(const cdos::Bytes& c) override {
        cdos::Bytes r;
        if (c.size() > 5 && c[4] != 0 && c.size() >= 5u + c[4])
            r.assign(c.begin() + 5, c.begin() + 5 + c[4]);
        r.push_back(0x90);
        r.push_back(0x00);
        return r;
    }
};

} // namespace

int main(int argc, char** argv) {
    unsigned long port = cdos::card::VpcdLink::kDefaultPort;
    std::string image;
    cdos::cli::OptionParser options(
        "carddesk-echo-card", "a virtual card in a vpcd reader that answers every command with its data and 9000");
    options
        .number("--port", "N", "vpcd port (default 35963)", port, 1, 65535)
        // Started like carddesk-card (bench/CardChild.cpp); the echo card keeps nothing.
        .text("--image", "FILE", "accepted and ignored", image);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    struct sigaction sa {};
    sa.sa_handler = [](int) { g_stop = 1; };
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    EchoCard card;
    cdos::card::VpcdLink link("127.0.0.1", static_cast<std::uint16_t>(port));
    while (!g_stop) {
        std::string error;
        if (!link.connect(error)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            continue;
        }
        link.serve(card, g_stop);
    }
    return 0;
}
