// carddesk-appcert: the application download producer for the issuer desk (docs/app-download.md). Makes the
// development key pairs, install packages (install certificate + install unit for one card) and delete
// certificates. Prints no private key or process key.
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppProducer.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace cdos;
using namespace cdos::appdl;

namespace {

int usage(int code) {
    std::cerr
        << "usage:\n"
           "  carddesk-appcert keygen --out DIR\n"
           "      new CA, issuer and provider key pairs (ca-ec.pem, ... ca-rsa.pem, ...) - development only\n"
           "  carddesk-appcert package --keys DIR [--kind ec|rsa] --card-key DER|PEM --card-number HEX20\n"
           "      --issuer-serial HEX16 --product-serial HEX16 --aid HEX --code FILE.lua [--config FILE]\n"
           "      [--version N] [--nvm BYTES] [--ram BYTES] [--issuer-group HEX16,...] [--product-group HEX16,...]\n"
           "      --out FILE      writes the install message: certificate (E1) || install unit (E2)\n"
           "  carddesk-appcert delete-cert --keys DIR [--kind ec|rsa] --card-number HEX20 --issuer-serial HEX16\n"
           "      --product-serial HEX16 --aid HEX --seed HEX32 [--issuer-group ...] [--product-group ...]\n"
           "      --out FILE      writes the delete certificate (E3)\n"
           "  carddesk-appcert show FILE      the fields of a package or delete certificate\n";
    return code;
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

Bytes hexArg(const std::map<std::string, std::string>& a, const std::string& name, std::size_t size = 0) {
    const auto it = a.find(name);
    if (it == a.end())
        throw std::runtime_error("missing --" + name);
    const auto b = fromHex(it->second);
    if (!b || (size && b->size() != size))
        throw std::runtime_error("--" + name + " is not " + (size ? std::to_string(size) + " bytes of " : "") + "hex");
    return *b;
}

std::vector<Bytes> groupArg(const std::map<std::string, std::string>& a, const std::string& name) {
    std::vector<Bytes> out;
    const auto it = a.find(name);
    if (it == a.end())
        return out;
    std::stringstream ss(it->second);
    std::string item;
    while (std::getline(ss, item, ','))
        if (auto b = fromHex(item); b && b->size() == 8)
            out.push_back(*b);
        else
            throw std::runtime_error("--" + name + ": serials are 8 bytes of hex, comma separated");
    return out;
}

std::string opt(const std::map<std::string, std::string>& a, const std::string& name, const std::string& def) {
    const auto it = a.find(name);
    return it == a.end() ? def : it->second;
}

CardIdentity card(const std::map<std::string, std::string>& a, bool needKey) {
    CardIdentity c;
    c.cardNumber = hexArg(a, "card-number", 10);
    c.issuerSerial = hexArg(a, "issuer-serial", 8);
    c.productSerial = hexArg(a, "product-serial", 8);
    if (needKey) {
        // The card answers its public key as DER (SubjectPublicKeyInfo); PEM is accepted too.
        const std::string k = readText(opt(a, "card-key", ""));
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
    if (argc < 2)
        return usage(2);
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h")
        return usage(0);
    try {
        if (cmd == "show")
            return argc == 3 ? showFile(argv[2]) : usage(2);
        std::map<std::string, std::string> a;
        for (int i = 2; i < argc; i += 2) {
            const std::string k = argv[i];
            if (k.rfind("--", 0) != 0 || i + 1 >= argc)
                return usage(2);
            a[k.substr(2)] = argv[i + 1];
        }
        if (cmd == "keygen") {
            const std::string dir = opt(a, "out", "");
            if (dir.empty())
                return usage(2);
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
        const AppProducer producer(AppAuthorities::development(opt(a, "keys", ""), opt(a, "kind", "ec")));
        if (cmd == "package") {
            AppPackage app;
            app.aid = hexArg(a, "aid");
            app.code = readText(opt(a, "code", ""));
            if (a.count("config")) {
                const std::string cfg = readText(a.at("config"));
                app.config.assign(cfg.begin(), cfg.end());
            }
            app.version = static_cast<std::uint16_t>(std::stoul(opt(a, "version", "1")));
            app.nvmSize = static_cast<std::uint32_t>(std::stoul(opt(a, "nvm", "1024")));
            app.ramSize = static_cast<std::uint32_t>(std::stoul(opt(a, "ram", "65536")));
            const CardIdentity c = card(a, true);
            const auto cert =
                producer.buildInstallCertificate(app.aid, c, groupArg(a, "issuer-group"), groupArg(a, "product-group"));
            const Bytes msg = AppProducer::installMessage(cert, producer.buildUnit(app, c));
            writeBytes(opt(a, "out", ""), msg);
            std::cout << "install package for card " << toHex(c.cardNumber) << ": " << msg.size() << " bytes\n";
            return 0;
        }
        if (cmd == "delete-cert") {
            const CardIdentity c = card(a, false);
            const auto cert = producer.buildDeleteCertificate(
                hexArg(a, "aid"), hexArg(a, "seed", 16), c, groupArg(a, "issuer-group"), groupArg(a, "product-group"));
            writeBytes(opt(a, "out", ""), cert.encode());
            std::cout << "delete certificate for card " << toHex(c.cardNumber) << " written\n";
            return 0;
        }
        return usage(2);
    } catch (const std::exception& e) {
        std::cerr << "carddesk-appcert: " << e.what() << "\n";
        return 1;
    }
}
