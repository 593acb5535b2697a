// carddesk-bench-epurse: figures for issue 3, run by bench/run-epurse-bench.sh.
//  1. card processing time of a purchase (INITIALIZE + DEBIT) in process, median of many;
//  2. the same purchase through pcscd + vpcd to carddesk-card, against two echo round trips (the same two APDUs to
//     carddesk-echo-card) in the same run, interleaved; ratio of medians (target <= 1.3);
//  3. NVM page writes per purchase and per load (target <= 4).
#include "bench/BenchProfile.h"
#include "bench/BenchStats.h"
#include "bench/CardChild.h"
#include "bench/PcscClient.h"
#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
using namespace cdos::ep;

const TerminalId kTerminal{0x00, 0x00, 0x00, 0x00, 0xBE, 0x01};
const Bcd4 kDate = bcdDate(2026, 11, 26);
const Bcd3 kTime = bcdTime(3, 0, 0);

cdos::CardProfile profile() {
    cdos::CardProfile p = cdbench::benchProfile(98);
    p.purse = cdos::PurseParams{10000000, 0};
    return p;
}

} // namespace

int main(int argc, char** argv) {
    std::string cardBin, echoBin, keystore, imageDir = "/dev/shm";
    unsigned long roundsArg = 2000;
    cdos::cli::OptionParser options("carddesk-bench-epurse",
                                    "purchase in process and through pcscd against the echo card (a private pcscd: "
                                    "bench/run-epurse-bench.sh)");
    options.text("--card-bin", "FILE", "carddesk-card to start (required)", cardBin)
        .required()
        .text("--echo-bin", "FILE", "carddesk-echo-card to start (required)", echoBin)
        .required()
        .text("--keystore", "FILE", "the development key store (required)", keystore)
        .required()
        .number("--rounds", "N", "purchases each way (default 2000, at least 20)", roundsArg, 20, 10000000)
        .text("--image-dir", "DIR", "where the card images go (default /dev/shm)", imageDir);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    const int rounds = static_cast<int>(roundsArg);
    try {
        const auto tmp = std::filesystem::path(imageDir) / ("carddesk-bench-ep-" + std::to_string(getpid()));
        std::filesystem::create_directories(tmp);
        const auto keys = cdos::KeyStore::open(keystore, "carddesk-development");
        const auto prof = profile();

        // 1 and 3: in process, the NVM as carddesk-card runs it (durable: fdatasync after journal and home pages).
        {
            cdos::card::CardOs os(cdos::card::Nvm::create((tmp / "inproc.img").string()));
            auto tx = [&os](const cdos::CommandApdu& c) { return os.transmit(c); };
            cdos::Personaliser(keys, tx).personalise(prof);
            PurseTerminal t(tx, kTerminal, PurseKeys::fromIssuer(keys, prof.info.asn()));
            t.selectPurse();
            t.verifyPin(1, "123456");
            std::uint32_t w0 = os.nvm().pageWrites();
            t.load(5000000, kDate, kTime);
            const std::uint32_t loadWrites = os.nvm().pageWrites() - w0;
            w0 = os.nvm().pageWrites();
            t.purchase(1, 0, kDate, kTime);
            const std::uint32_t purchaseWrites = os.nvm().pageWrites() - w0;

            // Card processing only: the terminal's APDUs are made outside the timed part.
            const auto subKey = PurseKeys::fromIssuer(keys, prof.info.asn());
            std::vector<double> us;
            for (int i = 0; i < rounds; ++i) {
                const auto serial = static_cast<std::uint32_t>(i + 1);
                const auto initApdu = initializeForPurchase(kKeyIndex, 1, kTerminal).serialize();
                const auto t0 = Clock::now();
                const auto initRaw = os.process(initApdu);
                const auto t1 = Clock::now();
                const auto init = InitPurchaseResponse::decode(cdos::ResponseApdu::fromRaw(initRaw).data);
                if (!init)
                    throw std::runtime_error("INITIALIZE FOR PURCHASE failed in process");
                const auto s = purchaseSessionKey(*subKey.purchase, init->random, init->offlineCounter, serial);
                const auto debit =
                    debitForPurchase(serial, kDate, kTime, purchaseMac1(*s, 1, 6, kTerminal, kDate, kTime)).serialize();
                const auto t2 = Clock::now();
                const auto r = cdos::ResponseApdu::fromRaw(os.process(debit));
                const auto t3 = Clock::now();
                if (!r.ok())
                    throw std::runtime_error("DEBIT FOR PURCHASE failed in process");
                us.push_back(std::chrono::duration<double, std::micro>((t1 - t0) + (t3 - t2)).count());
            }
            std::printf("purchase (INITIALIZE + DEBIT) card processing in process, %d purchases, NVM on %s\n", rounds,
                        imageDir.c_str());
            std::printf("  median %.1f us  p90 %.1f us  p99 %.1f us\n", cdbench::median(us),
                        cdbench::percentile(us, 0.9), cdbench::percentile(us, 0.99));
            std::vector<double> whole;
            for (int i = 0; i < rounds / 4; ++i) {
                const auto t0 = Clock::now();
                t.purchase(1, static_cast<std::uint32_t>(i), kDate, kTime);
                whole.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
            }
            std::printf("  with the terminal's side (PurseTerminal::purchase in process): median %.1f us\n",
                        cdbench::median(whole));
            std::printf("NVM page writes: purchase %u, load %u (target <= 4)\n", purchaseWrites, loadWrites);
        }

        // 2: through pcscd + vpcd, against the echo card in the same run.
        cdbench::CardChild card(cardBin, (tmp / "pcsc.img").string(), 35965);
        cdbench::CardChild echo(echoBin, (tmp / "echo.img").string(), 35966);
        cdbench::PcscClient c1, c2;
        c1.connectWhenReady("CardDesk Reader B 00 00");
        c2.connectWhenReady("CardDesk Reader B 00 01");
        cdos::Personaliser(keys, c1.transmitter()).personalise(prof);
        PurseTerminal t(c1.transmitter(), kTerminal, PurseKeys::fromIssuer(keys, prof.info.asn()));
        t.selectPurse();
        t.verifyPin(1, "123456");
        t.load(5000000, kDate, kTime);

        const auto echoInit = initializeForPurchase(kKeyIndex, 1, kTerminal);
        const auto echoDebit = debitForPurchase(1, kDate, kTime, cdos::Bytes(4, 0));
        std::uint32_t serial = 1;
        // Only the two transmits are timed, as for the echo card: the terminal's MAC1 is made between them.
        const auto subKeys = PurseKeys::fromIssuer(keys, prof.info.asn());
        const auto initApdu = initializeForPurchase(kKeyIndex, 1, kTerminal);
        auto purchases = [&](int n) {
            std::vector<double> v;
            for (int i = 0; i < n; ++i) {
                ++serial;
                const auto t0 = Clock::now();
                const auto r1 = c1.transmit(initApdu);
                const auto t1 = Clock::now();
                const auto init = InitPurchaseResponse::decode(r1.data);
                if (!init)
                    throw std::runtime_error("INITIALIZE FOR PURCHASE failed through PC/SC");
                const auto sk = purchaseSessionKey(*subKeys.purchase, init->random, init->offlineCounter, serial);
                const auto debit =
                    debitForPurchase(serial, kDate, kTime, purchaseMac1(*sk, 1, 6, kTerminal, kDate, kTime));
                const auto t2 = Clock::now();
                const auto r2 = c1.transmit(debit);
                const auto t3 = Clock::now();
                if (!r2.ok())
                    throw std::runtime_error("DEBIT FOR PURCHASE failed through PC/SC");
                v.push_back(std::chrono::duration<double, std::micro>((t1 - t0) + (t3 - t2)).count());
            }
            return v;
        };
        auto echoes = [&](int n) {
            std::vector<double> v;
            for (int i = 0; i < n; ++i) {
                const auto t0 = Clock::now();
                c2.transmit(echoInit);
                c2.transmit(echoDebit);
                v.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
            }
            return v;
        };
        t.purchase(1, ++serial, kDate, kTime); // the whole terminal role once, TAC and MAC2 checked
        purchases(100);                        // warm-up
        echoes(100);
        std::vector<double> cardUs, echoUs;
        for (int block = 0; block < 10; ++block) {
            auto a = purchases(rounds / 10);
            auto b = echoes(rounds / 10);
            cardUs.insert(cardUs.end(), a.begin(), a.end());
            echoUs.insert(echoUs.end(), b.begin(), b.end());
        }
        std::vector<double> balUs;
        for (int i = 0; i < rounds / 4; ++i) {
            const auto t0 = Clock::now();
            t.balance();
            t.balance();
            balUs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        }
        const double cardMed = cdbench::median(cardUs), echoMed = cdbench::median(echoUs);
        std::printf("  (diagnostic: carddesk-card 2 x GET BALANCE median %.1f us)\n", cdbench::median(balUs));
        std::printf("purchase through pcscd+vpcd (INITIALIZE + DEBIT round trips), %d each, interleaved\n", rounds);
        std::printf("  carddesk-card purchase   median %.1f us  p90 %.1f us  p99 %.1f us\n", cardMed,
                    cdbench::percentile(cardUs, 0.9), cdbench::percentile(cardUs, 0.99));
        std::printf("  echo card, 2 round trips median %.1f us  p90 %.1f us  p99 %.1f us\n", echoMed,
                    cdbench::percentile(echoUs, 0.9), cdbench::percentile(echoUs, 0.99));
        std::printf("  ratio of medians %.2f (target <= 1.30)\n", cardMed / echoMed);
        c1.disconnect();
        c2.disconnect();
        card.stop();
        echo.stop();
        std::filesystem::remove_all(tmp);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-epurse: %s\n", e.what());
        return 1;
    }
    return 0;
}
