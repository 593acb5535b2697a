// carddesk-card: the CardDesk card OS as a virtual card in a vpcd reader. One process = one card (its NVM is the
// image file), or with --hopper a personalisation machine's input hopper feeding one card after another into the
// reader. See card/README.md.
#include "carddesk/card/apps/StandardApplications.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/transport/CardHopper.h"
#include "carddesk/card/transport/HopperCard.h"
#include "carddesk/card/transport/VpcdLink.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace {

using namespace cdos::card;

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

void sleepOneSecond() {
    for (int i = 0; i < 10 && !g_stop; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

// Opens the card image (a missing file is a new blank card). Throws NvmError / std::exception.
std::unique_ptr<CardOs> openCard(const std::string& image, const cdos::Bytes& blankKey, bool sayKeyIgnored) {
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
        if (!blankKey.empty() && sayKeyIgnored)
            std::cerr << "carddesk-card: --blank-key ignored: " << image << " is not a new card\n";
        if (nvm->upgradedOnOpen())
            std::cerr << "carddesk-card: upgraded " << image << " to image format version " << Nvm::kFormatVersion
                      << " (a check value per page)\n";
        if (nvm->recoveredOnOpen())
            std::cerr << "carddesk-card: finished an interrupted NVM transaction (" << nvm->recoveryWrites()
                      << " page writes)\n";
    }
    // The dispatcher is given its applications here: the standard set of every CardDesk card.
    return std::make_unique<CardOs>(std::move(nvm), CardOsOptions{blankKey}, standardApplications());
}

// Serves the card in the reader, reconnecting when vpcd goes away, until SIGTERM (false) or until the card asked to
// leave the reader (true: the hopper's eject, answered and sent).
bool serveCard(VpcdLink& link, VirtualCard& slot, CardOs& card) {
    bool waitingReported = false;
    while (!g_stop) {
        std::string error;
        if (!link.connect(error)) {
            if (!waitingReported)
                std::cerr << "carddesk-card: waiting for vpcd at " << link.peer() << " (" << error
                          << "); retrying every second\n";
            waitingReported = true;
            sleepOneSecond();
            continue;
        }
        waitingReported = false;
        std::cerr << "carddesk-card: connected to vpcd at " << link.peer() << " (card inserted, "
                  << cdos::lifeCycleName(card.lifeCycle()) << ")\n";
        const bool stopped = link.serve(slot, g_stop);
        card.powerOff();              // removal: RAM state is gone
        if (slot.removeAfterAnswer()) // even with SIGTERM: the host was told 9000, the card goes
            return true;
        std::cerr << "carddesk-card: disconnected from vpcd at " << link.peer()
                  << (stopped ? " (stopping)\n" : " (card removed); reconnecting\n");
    }
    return false;
}

// --hopper: one card after another (card/README.md "Input hopper"). Exit code as main's.
int runHopper(const std::string& dir, unsigned long blanks, const cdos::Bytes& blankKey, unsigned long cutAt,
              VpcdLink& link) {
    try {
        CardHopper hopper(dir);
        if (const int made = hopper.fillWithBlanks(static_cast<int>(blanks), blankKey))
            std::cerr << "carddesk-card: " << made << " new blank card images in " << hopper.folder("input").string()
                      << " (key 00 = " << (blankKey.empty() ? "development BLANK_CARD key" : "the given batch key")
                      << ")\n";
        bool emptyReported = false;
        while (!g_stop) {
            const auto image = hopper.cardInReader();
            if (!image) {
                if (!emptyReported)
                    std::cerr << "carddesk-card: hopper empty: the reader stays empty; looking into "
                              << hopper.folder("input").string() << " every second\n";
                emptyReported = true;
                sleepOneSecond();
                continue;
            }
            emptyReported = false;
            std::unique_ptr<CardOs> card;
            try {
                card = openCard(image->string(), blankKey, false);
            } catch (const NvmError& e) {
                if (e.kind == NvmError::Kind::InUse)
                    throw;
                // A card the reader cannot power up is one the machine rejects; the file is moved, not changed.
                std::cerr << "carddesk-card: cannot start " << image->string() << ": " << e.what() << "\n";
                std::cerr << "carddesk-card: moved to " << hopper.eject(true).string() << " unchanged\n";
                continue;
            }
            if (cutAt) // the first inserted card only
                card->nvm().setPowerCutAt(static_cast<std::uint32_t>(std::exchange(cutAt, 0)));
            std::cerr << "carddesk-card: card " << image->filename().string() << " in the reader (chip serial "
                      << cdos::toHex(card->nvm().chipSerial()) << ")\n";
            HopperCard slot(*card, hopper);
            if (!serveCard(link, slot, *card))
                break; // SIGTERM: the card stays in reader/
            const bool reject = hopper.pendingEject().value_or(false);
            card.reset(); // the image is closed before it moves
            std::cerr << "carddesk-card: card removed by the host: " << hopper.eject(reject).string() << "\n";
        }
    } catch (const PowerCut&) {
        throw; // main's exit code 3, the card left in reader/
    } catch (const std::exception& e) {
        std::cerr << "carddesk-card: hopper " << dir << ": " << e.what() << "\n";
        return 2;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    std::string image, hopperDir, host = "127.0.0.1";
    unsigned long port = VpcdLink::kDefaultPort, cutAt = 0, blanks = 0;
    cdos::Bytes blankKey;
    cdos::cli::OptionParser options("carddesk-card", "the CardDesk card OS as a virtual card in a vpcd reader");
    options.text("--image", "FILE", "the card's NVM image; a missing file is a new blank card", image)
        .text("--hopper", "DIR",
              "instead of --image: an input hopper feeding the images of DIR/input one after\n"
              "another into the reader (DIR/reader); the host's FF E1 pseudo-APDU ejects a\n"
              "card to DIR/output or DIR/reject",
              hopperDir)
        .number("--hopper-blank", "N",
                "with --hopper: make N new blank images in DIR/input first when DIR/input and\n"
                "DIR/reader are empty",
                blanks, 1, 99999)
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
                "the card were pulled out; with --hopper the first inserted card only",
                cutAt, 1, 0xFFFFFFFFul);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    if (!image.empty() && !hopperDir.empty()) {
        options.fail("--image and --hopper exclude each other: one card, or a hopper of cards");
        return 2;
    }
    if (image.empty() && hopperDir.empty()) {
        options.fail("--image FILE or --hopper DIR is required");
        return 2;
    }
    if (blanks && hopperDir.empty()) {
        options.fail("--hopper-blank needs --hopper DIR");
        return 2;
    }

    installSignals();
    VpcdLink link(host, static_cast<std::uint16_t>(port));
    try {
        if (!hopperDir.empty())
            return runHopper(hopperDir, blanks, blankKey, cutAt, link);

        std::unique_ptr<CardOs> card;
        try {
            card = openCard(image, blankKey, true);
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
        serveCard(link, *card, *card);
    } catch (const PowerCut&) {
        std::cerr << "carddesk-card: power cut at page write " << cutAt << " (--power-cut-at)\n";
        ::_exit(3);
    }
    return 0;
}
