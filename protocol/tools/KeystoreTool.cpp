// carddesk-keystore: makes and inspects key stores. Clear master keys are read from a file given once, at a
// key ceremony; the tool never prints a key value, only check values.
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

// --help: the usage on stdout, exit 0; a wrong command line: the usage on stderr, exit 2.
int usage(int code = 2) {
    (code == 0 ? std::cout : std::cerr)
        << "usage: carddesk-keystore create STORE CLEAR-KEYS-FILE   (passphrase from CARDDESK_KEYSTORE_PASSPHRASE)\n"
           "       carddesk-keystore list STORE\n"
           "CLEAR-KEYS-FILE lines: NAME VERSION HEX32 [shared]\n";
    return code;
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
    if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h"))
        return usage(0);
    if (argc < 3)
        return usage();
    const std::string cmd = argv[1];
    try {
        if (cmd == "create" && argc == 4) {
            const cdos::ClearKeys clear = cdos::KeyStore::readClearKeys(argv[3]);
            cdos::KeyStore::create(argv[2], passphrase(), clear.keys, 200000, clear.shared);
            std::cout << "wrote " << clear.keys.size() << " keys (" << clear.shared.size() << " shared) to " << argv[2]
                      << "\n";
            return 0;
        }
        if (cmd == "list" && argc == 3) {
            const auto ks = cdos::KeyStore::open(argv[2], passphrase());
            for (const auto& name : ks.names())
                std::cout << name << " v" << int(ks.version(name)) << " KCV " << ks.kcvHex(name)
                          << (ks.isShared(name) ? " shared" : "") << "\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "carddesk-keystore: " << e.what() << "\n";
        return 1;
    }
    return usage();
}
