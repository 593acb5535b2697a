// libFuzzer target: the key files a desk reads (docs/keys.md): the clear-key file of a key ceremony
// (KeyStore::readClearKeys), the CA service-key file of the scrambler (ServiceKeyFile::load) and the sealed key
// store (KeyStore::open). The first byte picks the reader; the rest is the file. Every refusal must be a
// KeyStoreError / runtime_error with a message, never a crash, and never the file's content (a clear key) in it.
//
// A sealed store stretches its passphrase with at least KeyStore::kMinIterations PBKDF2 rounds (about 50 ms): an
// input whose kdf line asks for that many is not opened, so the target covers everything up to the key derivation
// (magic, line structure, kdf refusals, lines before the kdf) at full speed; what follows a valid kdf line (the
// AES-GCM check and key lines) is covered by tests/protocol/TestKeyStore.
#include "carddesk/protocol/ca/ServiceKeyFile.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "common/FuzzFiles.h"

#include <sstream>

namespace {

using cdfuzz::invariantBroken;

bool asksForFullKdf(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string kind, algo;
        int iterations = 0;
        ls >> kind >> algo >> iterations;
        if (kind == "kdf" && iterations >= cdos::KeyStore::kMinIterations)
            return true;
    }
    return false;
}

// A refusal names the file and the line, never what the line holds: no hex word of 32 digits or more (a key value or
// its sealed form) of the input may appear in it.
void checkMessage(const std::string& message, const std::string& text) {
    std::istringstream in(text);
    std::string word;
    while (in >> word)
        if (word.size() >= 32 && word.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos &&
            message.find(word) != std::string::npos)
            invariantBroken("a key file refusal quotes the file's content: " + message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static cdfuzz::ScratchDir dir;
    static const std::string path = dir.file("keys.txt");
    if (size == 0)
        return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    cdfuzz::writeFile(path, data + 1, size - 1);
    try {
        switch (data[0] % 3) {
        case 0: {
            const cdos::ClearKeys keys = cdos::KeyStore::readClearKeys(path);
            for (const auto& [name, entry] : keys.keys)
                if (entry.second.size() != 16 || name.empty())
                    invariantBroken("a clear-key file gave a key that is not 16 bytes or has no name");
            break;
        }
        case 1: {
            const cdos::ServiceKey k = cdos::ServiceKeyFile::load(path, "CA_SERVICE_1");
            if (k.key.size() != 16 || k.id != 1)
                invariantBroken("a service-key file gave a key that is not 16 bytes or the wrong id");
            break;
        }
        default:
            if (!asksForFullKdf(text))
                (void)cdos::KeyStore::open(path, "carddesk-development");
            break;
        }
    } catch (const cdos::KeyStoreError& e) {
        checkMessage(e.what(), text);
    } catch (const std::runtime_error& e) {
        checkMessage(e.what(), text);
    }
    return 0;
}
