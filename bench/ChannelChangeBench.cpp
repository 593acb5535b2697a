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
#include "carddesk/protocol/cli/OptionParser.h"

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
    unsigned long changesArg = 40, dwellArg = 500;
    cdos::cli::OptionParser options("carddesk-bench-channel-change",
                                    "tune -> first clear packet through pcscd, between two channels (udp://HOST:PORT "
                                    "or files;\n  bench/run-channel-change-bench.sh starts them)");
    options.text("--card-bin", "FILE", "carddesk-card to start (required)", cardBin)
        .required()
        .text("--keystore", "FILE", "the development key store (required)", keystore)
        .required()
        .number("--changes", "N", "channel changes (default 40, at least 4)", changesArg, 4, 100000)
        .number("--dwell-ms", "MS", "the viewer waits a random 0 .. MS-1 ms between changes (default 500)", dwellArg, 1,
                600000)
        .operands("CHANNEL_A CHANNEL_B", channels, 2, 2);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    const int changes = static_cast<int>(changesArg), dwellMs = static_cast<int>(dwellArg);
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
