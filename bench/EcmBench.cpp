// carddesk-bench-ecm: ECM → control words through pcscd + vpcd to carddesk-card (issue 6, target median ≤ 5 ms).
// Each round is one PROCESS ECM of a new crypto period (as the gateway sends one per period), so every round also
// pays the card's NVM commit of the replay floor. Run by bench/run-ecm-bench.sh against a private pcscd.
#include "bench/BenchStats.h"
#include "bench/CardChild.h"
#include "bench/PcscClient.h"
#include "ca/CaIssuance.h"
#include "carddesk/protocol/Ecm.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

cdos::CardProfile profile() {
    cdos::CardProfile p;
    p.info = {*cdos::fromHex("86010000000000000099"), *cdos::fromHex("4344000000000001"),
              *cdos::fromHex("5456000000000001")};
    p.holder = {"U00000099", "6222021234567899", "Bench Holder"};
    cdos::UserSpec u;
    u.profile = {1, 0xFFFFFFFFu, 3, "holder"};
    u.pin = "123456";
    p.users.push_back(u);
    p.keys = cdos::CardProfile::standardKeys();
    return p;
}

} // namespace

int main(int argc, char** argv) {
    std::string cardBin, keystore;
    int rounds = 300;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--card-bin")
            cardBin = argv[i + 1];
        else if (a == "--keystore")
            keystore = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::max(20, std::stoi(argv[i + 1]));
    }
    if (cardBin.empty() || keystore.empty()) {
        std::fprintf(stderr, "usage: carddesk-bench-ecm --card-bin BIN --keystore FILE [--rounds N]\n");
        return 2;
    }
    try {
        const auto keys = cdos::KeyStore::open(keystore, "carddesk-development");
        // Card image in RAM when possible (as bench/run-epurse-bench.sh): a chip's EEPROM write is not a disk fsync.
        const std::filesystem::path base =
            std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
        const auto dir = base / ("carddesk-ecm-bench-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir);
        cdbench::CardChild card(cardBin, (dir / "card.img").string(), 35964);
        const std::string reader = "Virtual PCD 00 01";
        cdbench::PcscClient pcsc;
        pcsc.connectWhenReady(reader);
        const auto prof = profile();
        catest::issueWithCa(keys, prof, pcsc.transmitter(), {{1, cdos::ca::RightKind::Package, 1, 20260101, 20301231}});
        catest::must(pcsc.transmit(cdos::selectAid(cdos::ca::kCaAid)));
        catest::must(pcsc.transmit(cdos::verifyPin(1, "123456")));

        const cdos::SecretBytes sk = keys.sharedKey("CA_SERVICE_1");
        std::vector<double> ms;
        for (int i = 0; i < rounds; ++i) {
            cdos::ecm::EcmHeader h;
            h.programmeId = 1;
            h.packageId = 1;
            h.cryptoPeriod = static_cast<std::uint32_t>(i);
            cdos::ecm::ControlWords cw{cdos::SecretBytes(cdos::Bytes(8, static_cast<std::uint8_t>(i))),
                                       cdos::SecretBytes(cdos::Bytes(8, static_cast<std::uint8_t>(i + 1)))};
            const auto apdu = cdos::ca::processEcm(20261126, cdos::ecm::Ecm::build(h, cw, sk.bytes()));
            const auto t0 = Clock::now();
            const auto r = pcsc.transmit(apdu);
            const auto t1 = Clock::now();
            if (r.sw != 0x9000 || r.data.size() != 16)
                throw std::runtime_error("PROCESS ECM refused: SW " + std::to_string(r.sw));
            if (r.data[0] != static_cast<std::uint8_t>(i) || r.data[8] != static_cast<std::uint8_t>(i + 1))
                throw std::runtime_error("the card answered other control words");
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        const auto replay = pcsc.transmit(cdos::ca::processEcm(
            20261126, cdos::ecm::Ecm::build(
                          cdos::ecm::EcmHeader{cdos::ecm::Scrambler::Csa2, 1, 1, 1, 1, 0, 0},
                          {cdos::SecretBytes(cdos::Bytes(8, 0)), cdos::SecretBytes(cdos::Bytes(8, 1))}, sk.bytes())));
        std::printf("replayed period 0 after %d periods: SW %04X (9410 expected)\n", rounds, replay.sw);
        std::filesystem::remove_all(dir);
        const double p50 = cdbench::percentile(ms, 0.5);
        std::printf("ECM -> CWs through pcscd: %d rounds, median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms "
                    "(target median <= 5 ms)\n",
                    rounds, p50, cdbench::percentile(ms, 0.9), cdbench::percentile(ms, 0.99),
                    cdbench::percentile(ms, 1.0));
        return p50 <= 5.0 ? 0 : 3;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-ecm: %s\n", e.what());
        return 1;
    }
}
