// What keys in a PKCS#11 token cost a personalisation (issue 13): the same card profile personalised on in-process
// cards with the development key file's keys (host memory) and with a token's (SoftHSM2: every diversification,
// MAC and cryptogram made inside it), in the same run. Prints APDUs and ms per card (p50, p90) for each and their
// ratio. bench/run-perso-keys-bench.sh makes the development token and runs it:
//   carddesk-bench-perso-keys --keystore FILE --token-uri pkcs11:token=LABEL [--rounds N]   (PIN: CARDDESK_TOKEN_PIN)
#include "bench/BenchStats.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"
#include "carddesk/protocol/perso/Personaliser.h"
#include "carddesk/protocol/token/KeySource.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

cdos::CardProfile profile(unsigned serial) {
    cdos::CardProfile p;
    char number[21];
    std::snprintf(number, sizeof number, "8601%016u", serial);
    p.info =
        cdos::CardInfo{*cdos::fromHex(number), *cdos::fromHex("4344000000000001"), *cdos::fromHex("5456000000000001")};
    p.holder = cdos::HolderData{"U00000001", "6222021234567890", "Bench Holder", {}};
    for (std::uint8_t i = 1; i <= 3; ++i) {
        cdos::UserSpec u;
        u.profile = cdos::UserProfile{i, i == 1 ? 0xFFFFFFFFu : 0x0Fu, 3, "user " + std::to_string(i)};
        u.pin = "12345" + std::to_string(i);
        p.users.push_back(u);
    }
    p.menu = {{1, 0x1, false, "TV"}, {2, 0x2, false, "VOD"}, {3, 0x4, false, "Purse"}};
    p.purse = cdos::PurseParams{200000, 0};
    p.keys = cdos::CardProfile::standardKeys();
    return p;
}

struct Figures {
    std::vector<double> ms;
    int apdus = 0;
};

Figures run(const cdos::IssuerKeys& keys, const std::string& dir, unsigned rounds, unsigned firstSerial) {
    Figures f;
    cdos::card::NvmOptions nvm;
    nvm.durable = false; // the host's fsync is not what is compared
    for (unsigned i = 0; i < rounds; ++i) {
        const std::string image = dir + "/card-" + std::to_string(firstSerial + i) + ".img";
        cdos::card::CardOs os(cdos::card::Nvm::create(image, nvm));
        cdos::Personaliser perso(keys, [&](const cdos::CommandApdu& c) { return os.transmit(c); });
        const auto start = std::chrono::steady_clock::now();
        perso.personalise(profile(firstSerial + i));
        f.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        f.apdus = perso.apduCount();
        std::filesystem::remove(image);
    }
    return f;
}

} // namespace

int main(int argc, char** argv) {
    std::string keystore, tokenUri, dir = std::filesystem::temp_directory_path().string();
    unsigned long rounds = 50;
    cdos::cli::OptionParser options("carddesk-bench-perso-keys",
                                    "one personalisation with a token's keys against the key file's, same run");
    options.text("--keystore", "FILE", "the development key file (passphrase: CARDDESK_KEYSTORE_PASSPHRASE)", keystore)
        .required()
        .text("--token-uri", "URI", "the token holding the same keys (PIN: CARDDESK_TOKEN_PIN)", tokenUri)
        .required()
        .text("--dir", "DIR", "where the card images are made (default the temporary directory)", dir)
        .number("--rounds", "N", "cards personalised with each holder (default 50)", rounds, 3, 100000);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    try {
        const auto passphrase = cdos::SecretEnvironment::value("CARDDESK_KEYSTORE_PASSPHRASE");
        const auto pin = cdos::SecretEnvironment::value("CARDDESK_TOKEN_PIN");
        if (!passphrase || !pin) {
            options.fail("set CARDDESK_KEYSTORE_PASSPHRASE and CARDDESK_TOKEN_PIN");
            return 2;
        }
        const auto file = cdos::openIssuerKeys(keystore, *passphrase);
        const auto token = cdos::openIssuerKeys(tokenUri, *pin);
        const std::string work = dir + "/carddesk-bench-perso-" + std::to_string(::getpid());
        std::filesystem::create_directories(work);
        run(*file, work, 2, 900000); // warm-up: page cache, the token's session pool
        run(*token, work, 2, 900100);
        const auto r = static_cast<unsigned>(rounds);
        const Figures f = run(*file, work, r, 1);
        const Figures t = run(*token, work, r, 500000);
        std::filesystem::remove_all(work);
        std::printf("personalisation, in-process card, %u cards each (standard profile: 3 users, purse, 8 keys)\n", r);
        std::printf("  key file  (%s): %d APDUs, p50 %.2f ms, p90 %.2f ms\n", file->description().c_str(), f.apdus,
                    cdbench::median(f.ms), cdbench::percentile(f.ms, 0.9));
        std::printf("  token     (%s): %d APDUs, p50 %.2f ms, p90 %.2f ms\n", token->description().c_str(), t.apdus,
                    cdbench::median(t.ms), cdbench::percentile(t.ms, 0.9));
        std::printf("  token/file p50: %.2f\n", cdbench::median(t.ms) / cdbench::median(f.ms));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-bench-perso-keys: %s\n", e.what());
        return 1;
    }
    return 0;
}
