// carddesk-bench-appdl: application download through the real stack (pcscd + vpcd + carddesk-card):
//  1. install of a 16 KB application (the bill-payment example padded): APDU count and wall time (target 150 ms);
//  2. VM dispatch overhead per APDU: an installed application's command against a native one, interleaved.
// Run with bench/run-appdl-bench.sh (a private pcscd), after a build.
#include "bench/BenchStats.h"
#include "bench/CardChild.h"
#include "bench/PcscClient.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppProducer.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
namespace ad = cdos::appdl;

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

ad::AppPackage app(const std::string& src, const std::string& dir, const std::string& aidHex, std::size_t padTo) {
    ad::AppPackage p;
    p.aid = *cdos::fromHex(aidHex);
    p.nvmSize = 1024;
    p.ramSize = 64 * 1024;
    p.code = readText(src + "/resources/apps/" + dir + "/app.lua");
    if (padTo) {
        p.code += "\n--";
        while (p.code.size() + 1 < padTo)
            p.code += static_cast<char>('a' + p.code.size() % 26);
        p.code += "\n";
    }
    const std::string cfg = readText(src + "/resources/apps/" + dir + "/config.txt");
    p.config.assign(cfg.begin(), cfg.end());
    return p;
}

cdos::ResponseApdu sendAll(cdbench::PcscClient& c, const std::vector<cdos::CommandApdu>& apdus) {
    cdos::ResponseApdu r;
    for (const auto& a : apdus) {
        r = c.transmit(a);
        if (r.sw != 0x9000)
            throw std::runtime_error("card answered " + ad::statusText(r.sw));
    }
    return r;
}

} // namespace

int main(int argc, char** argv) {
    std::string cardBin, src, keystore;
    unsigned long runsArg = 10, roundsArg = 2000;
    cdos::cli::OptionParser options("carddesk-bench-appdl",
                                    "16 KB application install and VM dispatch overhead through pcscd (a private one: "
                                    "bench/run-appdl-bench.sh)");
    options.text("--card-bin", "FILE", "carddesk-card to start (required)", cardBin)
        .required()
        .text("--source", "DIR", "the source tree: its example applications and app keys (required)", src)
        .required()
        .text("--keystore", "FILE", "the development key store (required)", keystore)
        .required()
        .number("--runs", "N", "installs of the 16 KB application (default 10)", runsArg, 1, 100000)
        .number("--rounds", "N", "VM and native commands each (default 2000, at least 10)", roundsArg, 10, 10000000);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    const int runs = static_cast<int>(runsArg), rounds = static_cast<int>(roundsArg);
    try {
        const auto tmp = std::filesystem::temp_directory_path() / ("carddesk-bench-appdl-" + std::to_string(getpid()));
        std::filesystem::create_directories(tmp);
        cdbench::CardChild card(cardBin, (tmp / "card.img").string(), 35964);
        const std::string reader = "Virtual PCD 00 01";
        cdbench::PcscClient c;
        c.connectWhenReady(reader);

        // Issue the card, let it make its key pair, give it the development CA key.
        const auto keys = cdos::KeyStore::open(keystore, "carddesk-development");
        cdos::CardProfile p;
        p.info = {*cdos::fromHex("86010000000000000098"), *cdos::fromHex("4344000000000001"),
                  *cdos::fromHex("5456000000000001")};
        p.holder = {"U00000098", "6222021234567898", "Bench Holder"};
        cdos::UserSpec u;
        u.profile = {1, 0xFFFFFFFFu, 3, "user 1"};
        u.pin = "123456";
        p.users.push_back(u);
        p.keys = cdos::CardProfile::standardKeys();
        cdos::Personaliser(keys, c.transmitter()).personalise(p);
        cdos::IssuerSmSession sm(keys.cardKey("ISSUER_SM", p.info.asn()));
        sm.start(c.transmit(cdos::getChallenge()).data);
        const auto producer = ad::AppProducer(ad::AppAuthorities::development(src + "/resources/app-keys", "ec"));
        ad::CardIdentity id{p.info.cardNumber, p.info.issuerSerial, p.info.productSerial, {}};
        const auto pub = c.transmit(sm.wrap(ad::AppCommands::generateCardKey()));
        if (pub.sw != 0x9000)
            throw std::runtime_error("card key generation refused");
        id.cardPublicKey = ad::AppKey::fromPublicDer(pub.data);
        if (c.transmit(sm.wrap(ad::AppCommands::writeCaKey(producer.authorities().ca.publicDer()))).sw != 0x9000)
            throw std::runtime_error("CA key refused");

        // 1. 16 KB install, then delete, `runs` times.
        const auto bill = app(src, "bill-payment", "D15600000101", 16 * 1024);
        const cdos::Bytes msg = ad::AppProducer::installMessage(producer.buildInstallCertificate(bill.aid, id),
                                                                producer.buildUnit(bill, id));
        const auto apdus = ad::AppCommands::install(msg);
        std::vector<double> installMs;
        for (int run = 0; run < runs; ++run) {
            const auto t0 = Clock::now();
            const auto r = sendAll(c, apdus);
            installMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            const cdos::Bytes seed(r.data.begin(), r.data.begin() + 16);
            sendAll(c, ad::AppCommands::remove(producer.buildDeleteCertificate(bill.aid, seed, id).encode()));
        }
        std::printf("install of a 16 KB application through pcscd+vpcd (durable NVM), %d runs\n", runs);
        std::printf("  %zu APDUs, %zu bytes; median %.1f ms, max %.1f ms (target <= 150 ms)\n", apdus.size(),
                    msg.size(), cdbench::median(installMs), *std::max_element(installMs.begin(), installMs.end()));

        // 2. VM command (loyalty BALANCE) against a native GET DATA, interleaved.
        const auto loyalty = app(src, "loyalty-points", "D15600000102", 0);
        sendAll(c, ad::AppCommands::install(ad::AppProducer::installMessage(
                       producer.buildInstallCertificate(loyalty.aid, id), producer.buildUnit(loyalty, id))));
        if (c.transmit(cdos::selectAid(loyalty.aid)).sw != 0x9000)
            throw std::runtime_error("cannot select the loyalty application");
        const cdos::CommandApdu vmCmd{0x80, 0x44, 0, 0, {}, 256};
        const cdos::CommandApdu native = cdos::getData(cdos::tag::CardNumber);
        std::vector<double> vmUs, nativeUs;
        auto time = [&](const cdos::CommandApdu& cmd, std::vector<double>& out) {
            const auto t0 = Clock::now();
            if (c.transmit(cmd).sw != 0x9000)
                throw std::runtime_error("command refused");
            out.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        };
        for (int i = 0; i < rounds; ++i) {
            time(vmCmd, vmUs);
            time(native, nativeUs);
        }
        std::printf("VM dispatch through pcscd, %d each, interleaved\n", rounds);
        std::printf("  VM command (loyalty BALANCE) median %.1f us; native GET DATA median %.1f us; overhead %.1f us\n",
                    cdbench::median(vmUs), cdbench::median(nativeUs),
                    cdbench::median(vmUs) - cdbench::median(nativeUs));
        c.disconnect();
        std::filesystem::remove_all(tmp);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-appdl: %s\n", e.what());
        return 1;
    }
}
