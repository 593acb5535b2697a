// carddesk-bench-channel-change: channel change time of the gateway, tune to first clear packet, through pcscd +
// vpcd to carddesk-card. Two live channels arrive over UDP from two carddesk-scrambler --realtime processes
// (bench/run-channel-change-bench.sh starts them); each change closes one channel's socket, opens the other's, and
// runs the gateway's own TvPlayer (PAT -> PMT -> ECM PID -> PROCESS ECM to the card -> control words -> first full
// descrambled batch) until the first descrambled packet would leave for the player. Between changes the viewer
// waits a random 0 .. --dwell-ms (500) ms: a remote-control press is not in step with the channels' ECM and PSI
// repetitions (the two test channels are the same stream started together, so back-to-back changes would always
// land just after the other channel's ECM and measure the worst case).
#include "bench/BenchProfile.h"
#include "bench/BenchStats.h"
#include "bench/CardChild.h"
#include "bench/PcscClient.h"
#include "ca/CaIssuance.h"

#include "PcscCard.h"
#include "TvPlayer.h"

#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>
#include <unistd.h>

namespace {

cdos::CardProfile profile() {
    cdos::CardProfile p = cdbench::benchProfile(98);
    return p;
}

double ms(std::chrono::microseconds us) {
    return static_cast<double>(us.count()) / 1000.0;
}

void print(const char* what, const std::vector<double>& v) {
    std::printf("  %-34s median %7.1f ms   p95 %7.1f ms   min %7.1f ms   max %7.1f ms\n", what, cdbench::median(v),
                cdbench::percentile(v, 0.95), cdbench::percentile(v, 0.0), cdbench::percentile(v, 1.0));
}

} // namespace

int main(int argc, char** argv) {
    std::string cardBin, keystore;
    std::vector<std::string> channels;
    int changes = 40, dwellMs = 500;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--card-bin" && i + 1 < argc)
            cardBin = argv[++i];
        else if (a == "--keystore" && i + 1 < argc)
            keystore = argv[++i];
        else if (a == "--changes" && i + 1 < argc)
            changes = std::max(4, std::stoi(argv[++i]));
        else if (a == "--dwell-ms" && i + 1 < argc)
            dwellMs = std::max(1, std::stoi(argv[++i]));
        else
            channels.push_back(a);
    }
    if (cardBin.empty() || keystore.empty() || channels.size() != 2) {
        std::fprintf(
            stderr, "usage: carddesk-bench-channel-change --card-bin BIN --keystore FILE [--changes N] [--dwell-ms MS] "
                    "CHANNEL_A CHANNEL_B   (udp://HOST:PORT or files)\n");
        return 2;
    }
    try {
        const auto keys = cdos::KeyStore::open(keystore, "carddesk-development");
        // Card image in RAM when possible, as the ECM benchmark: a chip's EEPROM write is not a disk fsync.
        const std::filesystem::path base =
            std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        const auto dir = base / ("carddesk-zap-bench-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir);
        cdbench::CardChild cardProcess(cardBin, (dir / "card.img").string(), 35964);
        const std::string reader = "Virtual PCD 00 01";
        {
            cdbench::PcscClient pcsc;
            pcsc.connectWhenReady(reader);
            catest::issueWithCa(keys, profile(), pcsc.transmitter(),
                                {{1, cdos::ca::RightKind::Package, 1, 20260101, 20991231}});
            pcsc.disconnect();
        }
        // The gateway's own card link and player; the viewer verified once, as after the login.
        cdgw::PcscCard card(reader);
        if (!card.waitAndConnect(std::chrono::seconds(10)))
            throw std::runtime_error("no card in " + reader);
        catest::must(card.transmit(cdos::verifyPin(1, "123456")));
        cdgw::TvPlayer player(card.transmitter());
        const cdgw::TvPlayOptions options{5, true};

        // A first tune to each channel: the scramblers are up and the card has seen both programmes.
        for (const auto& c : channels)
            if (!player.play(c, {}, options).firstClear)
                throw std::runtime_error("no clear packet from " + c + " (is its scrambler running?)");
        std::vector<double> toClear, toKey, cardRoundTrip;
        std::mt19937 rng(42);
        std::uniform_int_distribution<int> dwell(0, dwellMs - 1);
        for (int i = 0; i < changes; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(dwell(rng)));
            const cdgw::TvResult r = player.play(channels[static_cast<std::size_t>(i % 2)], {}, options);
            if (!r.firstClear || !r.firstKey)
                throw std::runtime_error("a change ended without a clear packet (stream over?)");
            toClear.push_back(ms(*r.firstClear));
            toKey.push_back(ms(*r.firstKey));
            cardRoundTrip.push_back(ms(r.firstKeyCard));
        }
        card.disconnect();
        cardProcess.stop();
        std::filesystem::remove_all(dir);
        std::printf("channel change through pcscd to carddesk-card, %d changes between %s and %s (random dwell "
                    "0-%d ms):\n",
                    changes, channels[0].c_str(), channels[1].c_str(), dwellMs);
        print("  of which PROCESS ECM via pcscd", cardRoundTrip);
        print("tune -> control words from the card", toKey);
        print("tune -> first clear packet", toClear);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-channel-change: %s\n", e.what());
        return 1;
    }
}
