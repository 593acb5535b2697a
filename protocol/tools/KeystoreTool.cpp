// carddesk-keystore: makes and inspects key stores. Clear master keys are read from a file given once, at a
// key ceremony; the tool never prints a key value, only check values.
#include "carddesk/protocol/KeyStore.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

int usage() {
    std::cerr
        << "usage: carddesk-keystore create STORE CLEAR-KEYS-FILE   (passphrase from CARDDESK_KEYSTORE_PASSPHRASE)\n"
           "       carddesk-keystore list STORE\n"
           "CLEAR-KEYS-FILE lines: NAME VERSION HEX32\n";
    return 2;
}

std::string passphrase() {
    const char* p = std::getenv("CARDDESK_KEYSTORE_PASSPHRASE");
    if (!p || !*p) {
        std::cerr << "set CARDDESK_KEYSTORE_PASSPHRASE\n";
        std::exit(2);
    }
    return p;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3)
        return usage();
    const std::string cmd = argv[1];
    try {
        if (cmd == "create" && argc == 4) {
            std::ifstream in(argv[3]);
            if (!in) {
                std::cerr << "cannot read " << argv[3] << "\n";
                return 1;
            }
            std::map<std::string, std::pair<std::uint8_t, cdos::Bytes>> keys;
            std::string line;
            int n = 0;
            while (std::getline(in, line)) {
                ++n;
                if (line.empty() || line[0] == '#')
                    continue;
                std::istringstream ls(line);
                std::string name, hex;
                int version = -1;
                ls >> name >> version >> hex;
                auto key = cdos::fromHex(hex);
                if (name.empty() || version < 0 || version > 255 || !key || key->size() != 16) {
                    std::cerr << argv[3] << ":" << n << ": expected NAME VERSION and 32 hex digits\n";
                    return 1;
                }
                keys[name] = {static_cast<std::uint8_t>(version), *key};
            }
            cdos::KeyStore::create(argv[2], passphrase(), keys);
            std::cout << "wrote " << keys.size() << " keys to " << argv[2] << "\n";
            return 0;
        }
        if (cmd == "list" && argc == 3) {
            const auto ks = cdos::KeyStore::open(argv[2], passphrase());
            for (const auto& name : ks.names())
                std::cout << name << " v" << int(ks.version(name)) << " KCV " << ks.kcvHex(name) << "\n";
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "carddesk-keystore: " << e.what() << "\n";
        return 1;
    }
    return usage();
}
