// carddesk-appcert: the application download producer for the issuer desk (docs/app-download.md). Makes the
// development key pairs, install packages (install certificate + install unit for one card) and delete
// certificates. Prints no private key or process key.
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppProducer.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>

using namespace cdos;
using namespace cdos::appdl;

namespace {

// Every command's values; a command's parser fills those it takes.
struct Args {
    std::string out, keys, kind = "ec", cardKey, code, config;
    Bytes cardNumber, issuerSerial, productSerial, aid, seed;
    std::vector<Bytes> issuerGroup, productGroup;
    unsigned long version = 1, nvm = 1024, ram = 65536;
    std::vector<std::string> files;
};

const char* const kCommands[] = {"keygen", "package", "delete-cert", "show"};

// Hex of minSize .. maxSize bytes.
std::function<bool(const std::string&)> hexInto(Bytes& out, std::size_t minSize, std::size_t maxSize) {
    return [&out, minSize, maxSize](const std::string& v) {
        const auto b = fromHex(v);
        if (!b || b->size() < minSize || b->size() > maxSize)
            return false;
        out = *b;
        return true;
    };
}

// 1 to 16 serials of 8 bytes of hex, comma separated (what a certificate holds).
std::function<bool(const std::string&)> groupInto(std::vector<Bytes>& out) {
    return [&out](const std::string& v) {
        std::vector<Bytes> group;
        std::stringstream ss(v);
        for (std::string item; std::getline(ss, item, ',');) {
            const auto b = fromHex(item);
            if (!b || b->size() != 8)
                return false;
            group.push_back(*b);
        }
        if (group.empty() || group.size() > 16)
            return false;
        out = std::move(group);
        return true;
    };
}

cli::OptionParser parserFor(const std::string& cmd, Args& a) {
    if (cmd == "keygen") {
        cli::OptionParser o(
            "carddesk-appcert keygen",
            "new CA, issuer and provider key pairs (ca-ec.pem, ... ca-rsa.pem, ...) - development only");
        o.text("--out", "DIR", "where the key pairs go (required)", a.out).required();
        return o;
    }
    if (cmd == "show") {
        cli::OptionParser o("carddesk-appcert show", "the fields of a package or delete certificate");
        o.operands("FILE", a.files, 1, 1);
        return o;
    }
    const bool package = cmd == "package";
    const char* summary = package ? "writes the install message for one card: certificate (E1) || install unit (E2)"
                                  : "writes the delete certificate (E3) for one card";
    cli::OptionParser o("carddesk-appcert " + cmd, summary);
    o.text("--keys", "DIR", "the CA, issuer and provider key pairs (required)", a.keys)
        .required()
        .value("--kind", "ec|rsa", "which of their key pairs sign (default ec)", [&a](const std::string& v) {
            if (v != "ec" && v != "rsa")
                return false;
            a.kind = v;
            return true;
        });
    if (package)
        o.text("--card-key", "DER|PEM", "file of the card's public key, DER as the card answers it, or PEM (required)",
               a.cardKey)
            .required();
    o.value("--card-number", "HEX20", "the card's number (required)", hexInto(a.cardNumber, 10, 10))
        .required()
        .value("--issuer-serial", "HEX16", "the card's issuer serial (required)", hexInto(a.issuerSerial, 8, 8))
        .required()
        .value("--product-serial", "HEX16", "the card's product serial (required)", hexInto(a.productSerial, 8, 8))
        .required()
        .value("--aid", "HEX", "the application's AID, 5 to 16 bytes (required)", hexInto(a.aid, 5, 16))
        .required();
    if (package)
        o.text("--code", "FILE.lua", "the application's code (required)", a.code)
            .required()
            .text("--config", "FILE", "its configuration", a.config)
            .number("--version", "N", "its version (default 1)", a.version, 0, 0xFFFF)
            .number("--nvm", "BYTES", "its data area on the card (default 1024)", a.nvm, 0, 0xFFFFFFFFul)
            .number("--ram", "BYTES", "the VM heap it needs (default 65536)", a.ram, 0, 0xFFFFFFFFul);
    else
        o.value("--seed", "HEX32", "the seed the card answered at install (required)", hexInto(a.seed, 16, 16))
            .required();
    o.value("--issuer-group", "HEX16,...", "the issuer serials it is for (default the card's own)",
            groupInto(a.issuerGroup))
        .value("--product-group", "HEX16,...", "the product serials it is for (default the card's own)",
               groupInto(a.productGroup))
        .text("--out", "FILE", "the file written (required)", a.out)
        .required();
    return o;
}

std::string usage() {
    Args unused;
    std::string u = "usage: carddesk-appcert COMMAND [options]   (COMMAND --help: that command alone)\n"
                    "  the application download producer (docs/app-download.md); its commands:\n";
    for (const char* cmd : kCommands)
        u += "\n" + parserFor(cmd, unused).usage();
    return u;
}

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeBytes(const std::string& path, const Bytes& b) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

CardIdentity card(const Args& a, bool needKey) {
    CardIdentity c;
    c.cardNumber = a.cardNumber;
    c.issuerSerial = a.issuerSerial;
    c.productSerial = a.productSerial;
    if (needKey) {
        // The card answers its public key as DER (SubjectPublicKeyInfo); PEM is accepted too.
        const std::string k = readText(a.cardKey);
        c.cardPublicKey =
            k.rfind("-----BEGIN", 0) == 0 ? AppKey::fromPem(k) : AppKey::fromPublicDer(Bytes(k.begin(), k.end()));
    }
    return c;
}

int showFile(const std::string& path) {
    const std::string text = readText(path);
    const Bytes b(text.begin(), text.end());
    auto group = [](const std::vector<Bytes>& g) {
        std::string s;
        for (const auto& x : g)
            s += (s.empty() ? "" : ",") + toHex(x);
        return s;
    };
    if (!b.empty() && b[0] == tag::DeleteCertificate) {
        const auto parts = AppTlv::parse(b, {tag::DeleteCertificate});
        const auto c = DeleteCertificate::decode(parts.at(tag::DeleteCertificate));
        std::cout << "delete certificate\n  aid " << toHex(c.aid) << "\n  card " << toHex(c.cardNumber)
                  << "\n  issuer group " << group(c.issuerGroup) << "\n  product group " << group(c.productGroup)
                  << "\n  seed " << toHex(c.randomSeed) << "\n  signature alg " << int(c.signatureAlg) << "\n";
        return 0;
    }
    const auto parts = AppTlv::parse(b, {tag::InstallCertificate, tag::InstallUnit});
    const auto c = InstallCertificate::decode(parts.at(tag::InstallCertificate));
    const auto u = InstallUnit::decode(parts.at(tag::InstallUnit));
    std::cout << "install certificate\n  aid " << toHex(c.aid) << "\n  card " << toHex(c.cardNumber)
              << "\n  issuer group " << group(c.issuerGroup) << "\n  product group " << group(c.productGroup)
              << "\n  signature alg " << int(c.signatureAlg) << ", hash alg " << int(c.hashAlg)
              << "\ninstall unit\n  aid " << toHex(u.aid) << " version " << u.version << "\n  nvm " << u.nvmSize
              << " ram " << u.ramSize << "\n  code " << u.code.size() << " bytes encrypted, config " << u.config.size()
              << " bytes encrypted\n  card " << toHex(u.cardNumber) << " issuer " << toHex(u.issuerSerial)
              << " product " << toHex(u.productSerial) << "\n  " << b.size() << " bytes, "
              << AppCommands::install(b).size() << " INSTALL APDUs\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "--help" || cmd == "-h") {
        std::cout << usage();
        return 0;
    }
    if (std::find(std::begin(kCommands), std::end(kCommands), cmd) == std::end(kCommands)) {
        std::cerr << "carddesk-appcert: " << (cmd.empty() ? "needs a command" : "unknown command " + cmd) << "\n"
                  << usage();
        return 2;
    }
    Args a;
    cli::OptionParser options = parserFor(cmd, a);
    // The command is the parser's argv[0].
    if (const auto code = options.parseOrExit(argc - 1, argv + 1))
        return *code;
    try {
        if (cmd == "show")
            return showFile(a.files.at(0));
        if (cmd == "keygen") {
            const std::string& dir = a.out;
            std::filesystem::create_directories(dir);
            for (const char* role : {"ca", "issuer", "provider"}) {
                const auto ec = AppKey::generateP256();
                const auto rsa = AppKey::generateRsa2048();
                std::ofstream(dir + "/" + role + "-ec.pem") << ec.privatePem();
                std::ofstream(dir + "/" + role + "-rsa.pem") << rsa.privatePem();
                std::filesystem::permissions(dir + "/" + role + "-ec.pem",
                                             std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
                std::filesystem::permissions(dir + "/" + role + "-rsa.pem",
                                             std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
            }
            std::cout << "key pairs written to " << dir << "\n";
            return 0;
        }
        const AppProducer producer(AppAuthorities::development(a.keys, a.kind));
        if (cmd == "package") {
            AppPackage app;
            app.aid = a.aid;
            app.code = readText(a.code);
            if (!a.config.empty()) {
                const std::string cfg = readText(a.config);
                app.config.assign(cfg.begin(), cfg.end());
            }
            app.version = static_cast<std::uint16_t>(a.version);
            app.nvmSize = static_cast<std::uint32_t>(a.nvm);
            app.ramSize = static_cast<std::uint32_t>(a.ram);
            const CardIdentity c = card(a, true);
            const auto cert = producer.buildInstallCertificate(app.aid, c, a.issuerGroup, a.productGroup);
            const Bytes msg = AppProducer::installMessage(cert, producer.buildUnit(app, c));
            writeBytes(a.out, msg);
            std::cout << "install package for card " << toHex(c.cardNumber) << ": " << msg.size() << " bytes\n";
            return 0;
        }
        const CardIdentity c = card(a, false);
        const auto cert = producer.buildDeleteCertificate(a.aid, a.seed, c, a.issuerGroup, a.productGroup);
        writeBytes(a.out, cert.encode());
        std::cout << "delete certificate for card " << toHex(c.cardNumber) << " written\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "carddesk-appcert: " << e.what() << "\n";
        return 1;
    }
}
