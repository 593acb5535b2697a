// carddesk-bench-pcsc: figures for issue 2 through the real stack (pcscd + vpcd), run by bench/run-pcsc-bench.sh.
//  1. round trip of a simple command (SELECT MF) to carddesk-card against the echo card, same run, interleaved;
//  2. one full personalisation of a fresh blank card: APDU count and wall time (and the read-back separately).
#include "bench/BenchStats.h"
#include "bench/CardChild.h"
#include "bench/PcscClient.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <signal.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::vector<double> roundTrips(cdbench::PcscClient& pcsc, int n) {
    const cdos::CommandApdu select = cdos::selectFid(cdos::fid::Mf);
    std::vector<double> us;
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        const auto r = pcsc.transmit(select);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        if (r.sw != 0x9000)
            throw std::runtime_error("SELECT MF answered " + std::to_string(r.sw));
    }
    return us;
}

cdos::CardProfile profile() {
    cdos::CardProfile p;
    p.info = {*cdos::fromHex("86010000000000000099"), *cdos::fromHex("4344000000000001"),
              *cdos::fromHex("5456000000000001")};
    p.holder = {"U00000099", "6222021234567899", "Bench Holder"};
    for (std::uint8_t i = 1; i <= 8; ++i) {
        cdos::UserSpec u;
        u.profile = {i, 0xFFu >> (i - 1), 3, "user " + std::to_string(i)};
        u.pin = "12345" + std::to_string(i);
        p.users.push_back(u);
    }
    const char* titles[] = {"Live TV", "Video on demand", "E-purse", "Top up", "Applications", "Settings"};
    for (std::uint8_t i = 0; i < 6; ++i)
        p.menu.push_back({static_cast<std::uint8_t>(i + 1), 1u << i, false, titles[i]});
    p.keys = cdos::CardProfile::standardKeys();
    // The conditional-access part as the standard template issues it: two service keys, a package per user.
    p.ca.serviceKeys = {1, 2};
    for (std::uint8_t i = 1; i <= 8; ++i)
        p.ca.rights.push_back({i, cdos::ca::RightKind::Package, static_cast<std::uint16_t>(i), 20260101, 20261231});
    return p;
}

} // namespace

int main(int argc, char** argv) {
    std::string cardBin, echoBin, keystore;
    unsigned long roundsArg = 2000, persoArg = 10;
    cdos::cli::OptionParser options("carddesk-bench-pcsc",
                                    "SELECT MF round trip against the echo card, and full personalisations, through "
                                    "pcscd\n  (a private one: bench/run-pcsc-bench.sh)");
    options.text("--card-bin", "FILE", "carddesk-card to start (required)", cardBin)
        .required()
        .text("--echo-bin", "FILE", "carddesk-echo-card to start (required)", echoBin)
        .required()
        .text("--keystore", "FILE", "the development key store (required)", keystore)
        .required()
        // In 10 interleaved blocks: fewer than 10 would measure nothing.
        .number("--rounds", "N", "round trips to each card (default 2000, at least 10)", roundsArg, 10, 10000000)
        .number("--perso-runs", "N", "fresh cards personalised with and without the CA part each (default 10)",
                persoArg, 1, 10000);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    const int rounds = static_cast<int>(roundsArg), persoRuns = static_cast<int>(persoArg);
    try {
        const auto tmp = std::filesystem::temp_directory_path() / ("carddesk-bench-" + std::to_string(getpid()));
        std::filesystem::create_directories(tmp);
        cdbench::CardChild card(cardBin, (tmp / "rt.img").string(), 35963);
        cdbench::CardChild echo(echoBin, (tmp / "echo.img").string(), 35964);
        cdbench::PcscClient c1, c2;
        c1.connectWhenReady("Virtual PCD 00 00");
        c2.connectWhenReady("Virtual PCD 00 01");
        roundTrips(c1, 200); // warm-up
        roundTrips(c2, 200);
        std::vector<double> cardUs, echoUs;
        for (int block = 0; block < 10; ++block) { // interleaved so both see the same machine state
            auto a = roundTrips(c1, rounds / 10);
            auto b = roundTrips(c2, rounds / 10);
            cardUs.insert(cardUs.end(), a.begin(), a.end());
            echoUs.insert(echoUs.end(), b.begin(), b.end());
        }
        const double cardMed = cdbench::percentile(cardUs, 0.5), echoMed = cdbench::percentile(echoUs, 0.5);
        std::printf("round trip through pcscd+vpcd, SELECT MF, %d each, interleaved\n", rounds);
        std::printf("  carddesk-card  median %.1f us  p90 %.1f us  p99 %.1f us\n", cardMed,
                    cdbench::percentile(cardUs, 0.9), cdbench::percentile(cardUs, 0.99));
        std::printf("  echo card      median %.1f us  p90 %.1f us  p99 %.1f us\n", echoMed,
                    cdbench::percentile(echoUs, 0.9), cdbench::percentile(echoUs, 0.99));
        std::printf("  ratio of medians %.2f (target <= 1.30)\n", cardMed / echoMed);
        c1.disconnect();
        c2.disconnect();
        card.stop();
        echo.stop();

        const auto keys = cdos::KeyStore::open(keystore, "carddesk-development");
        // With and without the conditional-access part, interleaved, so that both see the same machine state.
        std::vector<double> persoMs, verifyMs, plainMs;
        int apdus = 0, verifyApdus = 0, plainApdus = 0;
        for (int run = 0; run < 2 * persoRuns; ++run) {
            const bool withCa = run % 2 == 1;
            cdbench::CardChild fresh(cardBin, (tmp / ("perso-" + std::to_string(run) + ".img")).string(), 35965);
            cdbench::PcscClient c;
            // The personalisation is timed from a card that has answered once.
            c.connectWhenReady("CardDesk Reader B 00 00");
            cdos::Personaliser perso(keys, c.transmitter());
            auto p = profile();
            if (!withCa)
                p.ca = {};
            const auto t0 = Clock::now();
            try {
                perso.personalise(p);
            } catch (const std::exception& e) {
                throw std::runtime_error(std::string(e.what()) + " (after " + std::to_string(perso.apduCount()) +
                                         " APDUs of the personalisation)");
            }
            const auto t1 = Clock::now();
            if (!withCa) {
                plainApdus = perso.apduCount();
                plainMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                continue;
            }
            apdus = perso.apduCount();
            const auto diffs = perso.verify(p);
            const auto t2 = Clock::now();
            verifyApdus = perso.apduCount() - apdus;
            if (!diffs.empty())
                throw std::runtime_error("read-back differs: " + diffs.front());
            persoMs.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            verifyMs.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        }
        std::printf(
            "full personalisation (8 users, 6 menu entries, 7 keys, e-purse DF, CA DF with 2 service keys and 8 "
            "rights), %d fresh cards through pcscd, image in %s\n",
            persoRuns, tmp.parent_path().c_str());
        std::printf("  APDUs %d (target <= 60), wall time median %.1f ms  max %.1f ms (target <= 100 ms)\n", apdus,
                    cdbench::percentile(persoMs, 0.5), cdbench::percentile(persoMs, 1.0));
        std::printf("  read-back verify: APDUs %d, median %.1f ms\n", verifyApdus, cdbench::percentile(verifyMs, 0.5));
        std::printf("  same run without the CA part: APDUs %d, wall time median %.1f ms  max %.1f ms\n", plainApdus,
                    cdbench::percentile(plainMs, 0.5), cdbench::percentile(plainMs, 1.0));
        std::filesystem::remove_all(tmp);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-pcsc: %s\n", e.what());
        return 1;
    }
    return 0;
}
