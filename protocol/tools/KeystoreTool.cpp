// carddesk-keystore: makes and inspects key stores. Clear master keys are read from a file given once, at a
// key ceremony; the tool never prints a key value, only check values.
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

const char* const kCommands[] = {"create", "list"};

cdos::cli::OptionParser parserFor(const std::string& cmd, std::vector<std::string>& operands) {
    if (cmd == "create") {
        cdos::cli::OptionParser o(
            "carddesk-keystore create",
            "a store sealed under $CARDDESK_KEYSTORE_PASSPHRASE from clear master keys, one a line:\n"
            "    NAME VERSION HEX32 [shared]");
        o.operands("STORE CLEAR-KEYS-FILE", operands, 2, 2);
        return o;
    }
    cdos::cli::OptionParser o("carddesk-keystore list", "the keys of a store with their check values (never a key)");
    o.operands("STORE", operands, 1, 1);
    return o;
}

std::string usage() {
    std::vector<std::string> unused;
    std::string u = "usage: carddesk-keystore COMMAND   (COMMAND --help: that command alone)\n"
                    "  makes and inspects key stores; its commands:\n";
    for (const char* cmd : kCommands)
        u += "\n" + parserFor(cmd, unused).usage();
    return u;
}

std::string passphrase() {
    auto p = cdos::SecretEnvironment::value("CARDDESK_KEYSTORE_PASSPHRASE");
    if (!p || p->empty()) {
        std::cerr << "set CARDDESK_KEYSTORE_PASSPHRASE\n";
        std::exit(2);
    }
    return *p;
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    cdos::SecretEnvironment::takeAll();
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "--help" || cmd == "-h") {
        std::cout << usage();
        return 0;
    }
    if (std::find(std::begin(kCommands), std::end(kCommands), cmd) == std::end(kCommands)) {
        std::cerr << "carddesk-keystore: " << (cmd.empty() ? "needs a command" : "unknown command " + cmd) << "\n"
                  << usage();
        return 2;
    }
    std::vector<std::string> operands;
    cdos::cli::OptionParser options = parserFor(cmd, operands);
    // The command is the parser's argv[0].
    if (const auto code = options.parseOrExit(argc - 1, argv + 1))
        return *code;
    try {
        if (cmd == "create") {
            const cdos::ClearKeys clear = cdos::KeyStore::readClearKeys(operands[1]);
            cdos::KeyStore::create(operands[0], passphrase(), clear.keys, 200000, clear.shared);
            std::cout << "wrote " << clear.keys.size() << " keys (" << clear.shared.size() << " shared) to "
                      << operands[0] << "\n";
            return 0;
        }
        const auto ks = cdos::KeyStore::open(operands[0], passphrase());
        for (const auto& name : ks.names())
            std::cout << name << " v" << int(ks.version(name)) << " KCV " << ks.kcvHex(name)
                      << (ks.isShared(name) ? " shared" : "") << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "carddesk-keystore: " << e.what() << "\n";
        return 1;
    }
}
