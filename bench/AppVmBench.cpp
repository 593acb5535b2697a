// How soon the application VM's bounds stop a runaway application, in process (the figures TestAppVm's
// runawayApplicationsAreStopped once asserted on a shared machine): an endless loop, one inside pcall, a memory bomb,
// a refused finalizer and the selection that follows it. Prints the median and worst of N rounds;
// `carddesk-bench-app-vm [--rounds N]`.
#include "appdl/AppDlSupport.h"
#include "appdl/HostileApp.h"
#include "carddesk/protocol/cli/OptionParser.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace appdltest;

namespace {

CommandApdu apdu(std::uint8_t ins) {
    return CommandApdu{0x80, ins, 0x00, 0x00, {}, 256};
}

struct Case {
    const char* what;
    std::function<std::uint16_t(IssuedCard&)> run;
    std::uint16_t expected;
    std::vector<double> ms;
};

} // namespace

int main(int argc, char** argv) {
    unsigned long rounds = 10;
    cdos::cli::OptionParser options("carddesk-bench-app-vm", "how soon the VM's bounds stop a runaway application");
    options.number("--rounds", "N", "fresh cards, each running every case once (default 10)", rounds, 1, 10000);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    std::vector<Case> cases{
        {"endless loop (step bound)", [](IssuedCard& c) { return c.tx(apdu(0x56)).sw; }, ad::sw::VmSteps, {}},
        {"endless loop in pcall", [](IssuedCard& c) { return c.tx(apdu(0x58)).sw; }, ad::sw::VmSteps, {}},
        {"memory bomb (RAM bound)", [](IssuedCard& c) { return c.tx(apdu(0x5A)).sw; }, ad::sw::VmMemory, {}},
        {"finalizer refused", [](IssuedCard& c) { return c.tx(apdu(0x66)).sw; }, ad::sw::VmError, {}},
        {"SELECT after them", [](IssuedCard& c) { return c.select(kLoyaltyAid); }, std::uint16_t(0x9000), {}},
    };
    try {
        for (unsigned long r = 0; r < rounds; ++r) {
            IssuedCard c;
            if (c.install(loyaltyApp()).sw != 0x9000 || c.install(hostile()).sw != 0x9000 ||
                c.select(kHostileAid) != 0x9000) {
                std::fprintf(stderr, "carddesk-bench-app-vm: the applications did not install\n");
                return 1;
            }
            for (auto& k : cases) {
                const auto t0 = std::chrono::steady_clock::now();
                const std::uint16_t sw = k.run(c);
                k.ms.push_back(
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                if (sw != k.expected) {
                    std::fprintf(stderr, "carddesk-bench-app-vm: %s answered %04X\n", k.what, sw);
                    return 1;
                }
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-app-vm: %s\n", e.what());
        return 1;
    }
    std::printf("%-28s %10s %10s   (%lu rounds)\n", "stopped", "median ms", "worst ms", rounds);
    for (auto& k : cases) {
        std::sort(k.ms.begin(), k.ms.end());
        std::printf("%-28s %10.1f %10.1f\n", k.what, k.ms[k.ms.size() / 2], k.ms.back());
    }
    return 0;
}
