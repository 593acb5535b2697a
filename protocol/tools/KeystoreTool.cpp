// carddesk-keystore: makes and inspects key stores — the development file store and a PKCS#11 token (docs/keys.md).
// Clear master keys are read from a file given once, at a key ceremony; the tool never prints a key value, only
// check values. A token's PIN comes from $CARDDESK_TOKEN_PIN or a prompt without echo, never from an argument.
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"
#include "carddesk/protocol/token/Pkcs11Module.h"
#include "carddesk/protocol/token/TokenAdmin.h"

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace {

const char* const kCommands[] = {"create",     "list",           "token-import-clear",
                                 "token-list", "token-ceremony", "token-production"};

struct TokenOptions {
    std::string module = cdos::kSoftHsmModule;
    std::string token;
    bool replace = false;
    bool shared = false;
    unsigned long components = 2;
};

void tokenOptions(cdos::cli::OptionParser& o, TokenOptions& t) {
    o.text("--module", "PATH", "PKCS#11 module (default: Debian's SoftHSM2, " + std::string(cdos::kSoftHsmModule) + ")",
           t.module);
    o.text("--token", "LABEL", "the token's label", t.token).required();
}

cdos::cli::OptionParser parserFor(const std::string& cmd, std::vector<std::string>& operands, TokenOptions& t) {
    if (cmd == "token-import-clear") {
        cdos::cli::OptionParser o("carddesk-keystore token-import-clear",
                                  "DEVELOPMENT ONLY: imports a clear-key file (NAME VERSION HEX32 [shared]) into a "
                                  "PKCS#11 token;\n    PIN from $CARDDESK_TOKEN_PIN or a prompt; keys already there "
                                  "with the same value are left as they are");
        tokenOptions(o, t);
        o.flag("--replace", t.replace, "replace a key of the same name and version that has another value");
        o.operands("CLEAR-KEYS-FILE", operands, 1, 1);
        return o;
    }
    if (cmd == "token-ceremony") {
        cdos::cli::OptionParser o(
            "carddesk-keystore token-ceremony",
            "key ceremony: imports master key NAME version VERSION into a PKCS#11 token from 2 or "
            "3 components,\n    each typed without echo by its own custodian (32 hex digits); "
            "each component's check value and the key's are shown");
        tokenOptions(o, t);
        o.number("--components", "N", "how many custodians bring a component (2 or 3; default 2)", t.components, 2, 3);
        o.flag("--shared", t.shared, "a key written to every card as it is (TRANSPORT, CA_SERVICE_n)");
        o.flag("--replace", t.replace, "replace a key of the same name and version that has another value");
        o.operands("NAME VERSION", operands, 2, 2);
        return o;
    }
    if (cmd == "token-production") {
        cdos::cli::OptionParser o("carddesk-keystore token-production",
                                  "marks a PKCS#11 token for production (on) or takes the mark away (off): a marked "
                                  "token\n    takes no clear-key file and serves no published development key");
        tokenOptions(o, t);
        o.operands("on|off", operands, 1, 1);
        return o;
    }
    if (cmd == "token-list") {
        cdos::cli::OptionParser o("carddesk-keystore token-list",
                                  "the objects of a PKCS#11 token with their attributes and check values;\n"
                                  "    PIN from $CARDDESK_TOKEN_PIN or a prompt");
        tokenOptions(o, t);
        return o;
    }
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
    TokenOptions t;
    std::string u = "usage: carddesk-keystore COMMAND   (COMMAND --help: that command alone)\n"
                    "  makes and inspects key stores; its commands:\n";
    for (const char* cmd : kCommands)
        u += "\n" + parserFor(cmd, unused, t).usage();
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

// The token PIN: $CARDDESK_TOKEN_PIN (taken out of the environment first thing), else typed without echo.
std::string tokenPin(const std::string& token) {
    if (auto p = cdos::SecretEnvironment::value("CARDDESK_TOKEN_PIN"); p && !p->empty())
        return std::move(*p);
    if (!isatty(STDIN_FILENO)) {
        std::cerr << "carddesk-keystore: set CARDDESK_TOKEN_PIN or run on a terminal to type the PIN\n";
        std::exit(2);
    }
    std::cerr << "PIN of token \"" << token << "\": " << std::flush;
    termios saved{};
    const bool quiet = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (quiet) {
        termios noEcho = saved;
        noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &noEcho);
    }
    std::string pin;
    std::getline(std::cin, pin);
    if (quiet)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
    return pin;
}

// One custodian's component: typed without echo on the terminal, or one line of standard input when it is not a
// terminal (a scripted ceremony in a test). 32 hex digits; spaces between groups are allowed.
cdos::SecretBytes readComponent(unsigned index, unsigned count) {
    const bool tty = isatty(STDIN_FILENO);
    if (tty)
        std::cerr << "Custodian " << index << " of " << count
                  << ": type your component (32 hex digits, not shown): " << std::flush;
    termios saved{};
    const bool quiet = tty && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (quiet) {
        termios noEcho = saved;
        noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &noEcho);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (quiet) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    std::string digits;
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            digits += c;
    cdos::secureZero(line.data(), line.size());
    auto value = cdos::fromHex(digits);
    cdos::secureZero(digits.data(), digits.size());
    if (!got || !value || value->size() != 16) {
        if (value)
            cdos::secureZero(value->data(), value->size());
        throw cdos::KeyStoreError("component " + std::to_string(index) + " is not 32 hex digits");
    }
    return cdos::SecretBytes(std::move(*value));
}

std::shared_ptr<cdos::Pkcs11Module> openToken(const TokenOptions& t) {
    std::string pin = tokenPin(t.token);
    try {
        auto module = cdos::Pkcs11Module::open(t.module, t.token, pin);
        cdos::secureZero(pin.data(), pin.size());
        return module;
    } catch (...) {
        cdos::secureZero(pin.data(), pin.size());
        throw;
    }
}

std::string flagText(const std::optional<bool>& v, const char* yes, const char* no) {
    return v ? (*v ? yes : no) : "?";
}

void printObjects(const cdos::TokenAdmin& admin) {
    std::cout << admin.description() << "\n";
    for (const auto& o : admin.listObjects()) {
        std::cout << o.label << (o.version ? " v" + std::to_string(*o.version) : std::string()) << "  " << o.objectClass
                  << (o.keyType.empty() ? "" : " " + o.keyType) << "  "
                  << flagText(o.sensitive, "sensitive", "NOT SENSITIVE") << ", "
                  << flagText(o.extractable, "extractable (wrapped)", "not extractable");
        if (o.neverExtractable == true)
            std::cout << ", never extractable";
        if (o.alwaysSensitive == true)
            std::cout << ", always sensitive";
        std::cout << (o.kcvHex.empty() ? "" : "  KCV " + o.kcvHex) << (o.shared ? "  shared" : "") << "\n";
    }
}

int tokenCommand(const std::string& cmd, const TokenOptions& t, const std::vector<std::string>& operands) {
    if (cmd == "token-import-clear") {
        // Read (and checked) before the PIN is asked for.
        cdos::ClearKeys clear = cdos::KeyStore::readClearKeys(operands[0]);
        // The clear values are wiped however this ends.
        struct Wipe {
            cdos::ClearKeys& keys;
            ~Wipe() {
                for (auto& [name, vk] : keys.keys)
                    cdos::secureZero(vk.second.data(), vk.second.size());
            }
        } wipe{clear};
        cdos::TokenAdmin admin(openToken(t));
        std::cerr << "DEVELOPMENT ONLY: clear keys from " << operands[0] << " into token \"" << t.token << "\"\n";
        const std::size_t changed = admin.importFromClearKeys(clear, t.replace);
        std::cout << "imported " << changed << " of " << clear.keys.size() << " keys (" << clear.keys.size() - changed
                  << " already there)\n";
        printObjects(admin);
        return 0;
    }
    if (cmd == "token-ceremony") {
        unsigned long version = 0;
        if (!cdos::cli::OptionParser::parseNumber(operands[1], version, 1, 255))
            throw cdos::KeyStoreError("VERSION must be a number from 1 to 255");
        cdos::TokenAdmin admin(openToken(t));
        const auto count = static_cast<unsigned>(t.components);
        std::vector<cdos::SecretBytes> components;
        for (unsigned i = 1; i <= count; ++i) {
            components.push_back(readComponent(i, count));
            // Each custodian compares this with the check value on their own sheet before the next one types.
            std::cout << "component " << i << " check value " << cdos::TokenAdmin::kcvHex(components.back()) << "\n"
                      << std::flush;
        }
        const auto done =
            admin.combineComponents(operands[0], static_cast<std::uint8_t>(version), components, t.shared, t.replace);
        std::cout << operands[0] << " v" << version << " check value " << done.resultKcv << " ("
                  << (done.imported == cdos::TokenAdmin::Imported::AlreadyThere ? "already in the token"
                      : done.imported == cdos::TokenAdmin::Imported::Replaced   ? "replaced"
                                                                                : "imported")
                  << ")\n";
        return 0;
    }
    if (cmd == "token-production") {
        if (operands[0] != "on" && operands[0] != "off")
            throw cdos::KeyStoreError("say on or off");
        cdos::TokenAdmin admin(openToken(t));
        admin.setProductionMode(operands[0] == "on");
        std::cout << "token \"" << t.token << "\": production mode " << (admin.productionMode() ? "on" : "off") << "\n";
        return 0;
    }
    printObjects(cdos::TokenAdmin(openToken(t)));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    cdos::SecretEnvironment::takeAll();
    cdos::SecretEnvironment::take("CARDDESK_TOKEN_PIN");
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
    TokenOptions token;
    cdos::cli::OptionParser options = parserFor(cmd, operands, token);
    // The command is the parser's argv[0].
    if (const auto code = options.parseOrExit(argc - 1, argv + 1))
        return *code;
    try {
        if (cmd.rfind("token-", 0) == 0)
            return tokenCommand(cmd, token, operands);
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
