// carddesk-bench-pcsc: figures for issue 2 through the real stack (pcscd + vpcd), run by bench/run-pcsc-bench.sh.
//  1. round trip of a simple command (SELECT MF) to carddesk-card against the echo card, same run, interleaved;
//  2. one full personalisation of a fresh blank card: APDU count and wall time (and the read-back separately).
#include "bench/PcscClient.h"
#include "carddesk/protocol/Personaliser.h"

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

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

struct Child {
    pid_t pid = -1;
    ~Child() { stop(); }
    void stop() {
        if (pid > 0) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                std::fprintf(stderr, "carddesk-bench-pcsc: card process %d had already ended (status %d)\n", pid,
                             status);
                pid = -1;
                return;
            }
            kill(pid, SIGTERM);
            waitpid(pid, nullptr, 0);
            pid = -1;
        }
    }
};

void spawnCard(Child& c, const std::string& bin, const std::string& image, int port) {
    std::vector<std::string> args{bin, "--image", image, "--port", std::to_string(port)};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&c.pid, bin.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + bin);
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

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
    return p;
}

} // namespace

int main(int argc, char** argv) {
    std::string cardBin, echoBin, keystore;
    int rounds = 2000, persoRuns = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--card-bin")
            cardBin = argv[i + 1];
        else if (a == "--echo-bin")
            echoBin = argv[i + 1];
        else if (a == "--keystore")
            keystore = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::stoi(argv[i + 1]);
        else if (a == "--perso-runs")
            persoRuns = std::stoi(argv[i + 1]);
    }
    if (cardBin.empty() || echoBin.empty() || keystore.empty()) {
        std::fprintf(stderr, "usage: carddesk-bench-pcsc --card-bin P --echo-bin P --keystore P [--rounds N]\n");
        return 2;
    }
    try {
        const auto tmp = std::filesystem::temp_directory_path() / ("carddesk-bench-" + std::to_string(getpid()));
        std::filesystem::create_directories(tmp);
        Child card, echo;
        spawnCard(card, cardBin, (tmp / "rt.img").string(), 35963);
        spawnCard(echo, echoBin, (tmp / "echo.img").string(), 35964);
        cdbench::PcscClient c1, c2;
        if (!c1.waitForCard("Virtual PCD 00 00", std::chrono::seconds(10)) ||
            !c2.waitForCard("Virtual PCD 00 01", std::chrono::seconds(10)))
            throw std::runtime_error("cards did not appear in the readers");
        c1.connect("Virtual PCD 00 00");
        c2.connect("Virtual PCD 00 01");
        roundTrips(c1, 200); // warm-up
        roundTrips(c2, 200);
        std::vector<double> cardUs, echoUs;
        for (int block = 0; block < 10; ++block) { // interleaved so both see the same machine state
            auto a = roundTrips(c1, rounds / 10);
            auto b = roundTrips(c2, rounds / 10);
            cardUs.insert(cardUs.end(), a.begin(), a.end());
            echoUs.insert(echoUs.end(), b.begin(), b.end());
        }
        const double cardMed = percentile(cardUs, 0.5), echoMed = percentile(echoUs, 0.5);
        std::printf("round trip through pcscd+vpcd, SELECT MF, %d each, interleaved\n", rounds);
        std::printf("  carddesk-card  median %.1f us  p90 %.1f us  p99 %.1f us\n", cardMed, percentile(cardUs, 0.9),
                    percentile(cardUs, 0.99));
        std::printf("  echo card      median %.1f us  p90 %.1f us  p99 %.1f us\n", echoMed, percentile(echoUs, 0.9),
                    percentile(echoUs, 0.99));
        std::printf("  ratio of medians %.2f (target <= 1.30)\n", cardMed / echoMed);
        c1.disconnect();
        c2.disconnect();
        card.stop();
        echo.stop();

        const auto keys = cdos::KeyStore::open(keystore, "carddesk-development");
        std::vector<double> persoMs, verifyMs;
        int apdus = 0, verifyApdus = 0;
        for (int run = 0; run < persoRuns; ++run) {
            Child fresh;
            spawnCard(fresh, cardBin, (tmp / ("perso-" + std::to_string(run) + ".img")).string(), 35965);
            cdbench::PcscClient c;
            if (!c.waitForCard("CardDesk Reader B 00 00", std::chrono::seconds(10)))
                throw std::runtime_error("fresh card did not appear");
            // A card that has just appeared can lose its first command to pcscd's power-up of it (vpcd then
            // drops the link); the personalisation is timed from a card that has answered once.
            bool ready = false;
            for (int attempt = 0; attempt < 20 && !ready; ++attempt) {
                try {
                    c.connect("CardDesk Reader B 00 00");
                    ready = c.transmit(cdos::selectFid(cdos::fid::Mf)).sw == 0x9000;
                } catch (const cdbench::PcscError&) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                }
            }
            if (!ready)
                throw std::runtime_error("fresh card does not answer");
            cdos::Personaliser perso(keys, c.transmitter());
            const auto p = profile();
            const auto t0 = Clock::now();
            try {
                perso.personalise(p);
            } catch (const std::exception& e) {
                throw std::runtime_error(std::string(e.what()) + " (after " + std::to_string(perso.apduCount()) +
                                         " APDUs of the personalisation)");
            }
            const auto t1 = Clock::now();
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
            "full personalisation (8 users, 6 menu entries, 7 keys, e-purse DF), %d fresh cards through pcscd\n",
            persoRuns);
        std::printf("  APDUs %d (target <= 60), wall time median %.1f ms  max %.1f ms (target <= 100 ms)\n", apdus,
                    percentile(persoMs, 0.5), percentile(persoMs, 1.0));
        std::printf("  read-back verify: APDUs %d, median %.1f ms\n", verifyApdus, percentile(verifyMs, 0.5));
        std::filesystem::remove_all(tmp);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-pcsc: %s\n", e.what());
        return 1;
    }
    return 0;
}
