// carddesk-card: the CardDesk card OS as a virtual card in a vpcd reader. One process = one card; its NVM is the
// image file. See card/README.md.
#include "carddesk/card/apps/StandardApplications.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/transport/VpcdLink.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int) {
    g_stop = 1;
}

void installSignals() {
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocking call returns at once
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    using namespace cdos::card;
    std::string image, host = "127.0.0.1";
    unsigned long port = VpcdLink::kDefaultPort, cutAt = 0;
    cdos::Bytes blankKey;
    cdos::cli::OptionParser options("carddesk-card", "the CardDesk card OS as a virtual card in a vpcd reader");
    options.text("--image", "FILE", "the card's NVM image (required); a missing file is a new blank card", image)
        .number("--port", "N", "vpcd port (default 35963 = reader \"Virtual PCD 00 00\")", port, 1, 65535)
        .text("--host", "ADDRESS", "where pcscd's vpcd listens (default 127.0.0.1)", host)
        .value("--blank-key", "HEX32",
               "key 00 of a NEW blank card (the manufacturer's batch key); default: the\n"
               "published development key BLANK_CARD 404142434445464748494A4B4C4D4E4F",
               [&blankKey](const std::string& v) {
                   const auto key = cdos::fromHex(v);
                   if (!key || key->size() != 16)
                       return false;
                   blankKey = *key;
                   return true;
               })
        .number("--power-cut-at", "N",
                "test hook: exit with code 3 in the middle of the N-th page write made\n"
                "once the card is up (not counting image creation or recovery), as if\n"
                "the card were pulled out",
                cutAt, 1, 0xFFFFFFFFul);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    if (image.empty()) {
        std::cerr << "carddesk-card: --image FILE is required\n" << options.usage();
        return 2;
    }

    std::unique_ptr<CardOs> card;
    try {
        std::unique_ptr<Nvm> nvm;
        struct stat st {};
        if (::stat(image.c_str(), &st) != 0 && errno == ENOENT) {
            nvm = Nvm::create(image);
            std::cerr << "carddesk-card: new blank card image " << image << " (chip serial "
                      << cdos::toHex(nvm->chipSerial())
                      << ", key 00 = " << (blankKey.empty() ? "development BLANK_CARD key" : "the given batch key")
                      << ")\n";
        } else {
            nvm = Nvm::open(image);
            if (!blankKey.empty())
                std::cerr << "carddesk-card: --blank-key ignored: " << image << " is not a new card\n";
            if (nvm->upgradedOnOpen())
                std::cerr << "carddesk-card: upgraded " << image << " to image format version " << Nvm::kFormatVersion
                          << " (a check value per page)\n";
            if (nvm->recoveredOnOpen())
                std::cerr << "carddesk-card: finished an interrupted NVM transaction (" << nvm->recoveryWrites()
                          << " page writes)\n";
        }
        // The dispatcher is given its applications here: the standard set of every CardDesk card.
        card = std::make_unique<CardOs>(std::move(nvm), CardOsOptions{blankKey}, standardApplications());
    } catch (const NvmError& e) {
        std::cerr << "carddesk-card: cannot start: " << e.what() << "\n"
                  << "carddesk-card: the image file was left as it is\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "carddesk-card: cannot start: " << e.what() << "\n";
        return 2;
    }
    if (cutAt)
        card->nvm().setPowerCutAt(static_cast<std::uint32_t>(cutAt));

    installSignals();
    VpcdLink link(host, static_cast<std::uint16_t>(port));
    bool waitingReported = false;
    try {
        while (!g_stop) {
            std::string error;
            if (!link.connect(error)) {
                if (!waitingReported)
                    std::cerr << "carddesk-card: waiting for vpcd at " << link.peer() << " (" << error
                              << "); retrying every second\n";
                waitingReported = true;
                for (int i = 0; i < 10 && !g_stop; ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
            waitingReported = false;
            std::cerr << "carddesk-card: connected to vpcd at " << link.peer() << " (card inserted, "
                      << cdos::lifeCycleName(card->lifeCycle()) << ")\n";
            const bool stopped = link.serve(*card, g_stop);
            card->powerOff(); // removal: RAM state is gone
            std::cerr << "carddesk-card: disconnected from vpcd at " << link.peer()
                      << (stopped ? " (stopping)\n" : " (card removed); reconnecting\n");
        }
    } catch (const PowerCut&) {
        std::cerr << "carddesk-card: power cut at page write " << cutAt << " (--power-cut-at)\n";
        ::_exit(3);
    }
    return 0;
}
