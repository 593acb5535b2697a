// carddesk-echo-card: the reference card of the PC/SC benchmark. It speaks vpcd exactly as carddesk-card does
// (same VpcdLink) but does no work: every C-APDU is answered with its own data and 9000. The round trip to it is
// the cost of the stack (pcscd, vpcd, sockets) alone, against which the card OS is compared.
#include "carddesk/card/transport/VirtualCard.h"
#include "carddesk/card/transport/VpcdLink.h"

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
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--port") {
            port = std::strtoul(argv[i + 1], nullptr, 10);
        } else if (a != "--image") { // accepted and ignored: the echo card keeps nothing
            std::fprintf(stderr, "usage: carddesk-echo-card [--port N]\n");
            return 2;
        }
    }
    if (port == 0 || port > 65535) {
        std::fprintf(stderr, "carddesk-echo-card: bad port\n");
        return 2;
    }
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
