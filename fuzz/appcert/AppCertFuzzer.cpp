// libFuzzer target: application download objects (docs/app-download.md). The first byte picks: the host-side
// decoders of the install message (certificate E1, unit E2), a delete certificate (E3) and a registry record, with
// the certification authority's signature check; or the card itself, given the message as INSTALL / DELETE blocks
// (fuzz/card/CardHarness.h: an issued card with its key pair and the development CA key), so that the card's own
// parsing and checks 1-6 run on it with every card invariant checked after each block.
#include "card/CardHarness.h"
#include "carddesk/protocol/appdl/AppCertificate.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppRegistryRecord.h"

#include <fstream>
#include <sstream>

namespace {

using cdos::Bytes;
using namespace cdos::appdl;
using cdfuzz::invariantBroken;

const AppKey& caKey() {
    static const AppKey key = [] {
        std::ifstream in(std::string(CARDDESK_SOURCE_DIR) + "/resources/app-keys/ca-ec.pem");
        std::stringstream s;
        s << in.rdbuf();
        return AppKey::fromPem(s.str());
    }();
    return key;
}

void publicKey(const Bytes& spki) {
    try {
        const AppKey k = AppKey::fromPublicDer(spki);
        (void)k.isRsa();
        (void)k.publicDer();
    } catch (const std::exception&) {
    }
}

void installMessage(const Bytes& message) {
    AppTlv::Fields f;
    try {
        f = AppTlv::parse(message, {tag::InstallCertificate, tag::InstallUnit});
    } catch (const FormatError&) {
        return;
    }
    try {
        const InstallCertificate c = InstallCertificate::decode(f.at(tag::InstallCertificate));
        (void)AppCrypto::verify(caKey(), c.signatureAlg, c.body(), c.signature);
        publicKey(c.issuerPublicKey);
        publicKey(c.providerPublicKey);
        const Bytes once = c.encode();
        const auto again = AppTlv::parse(once, {tag::InstallCertificate});
        if (InstallCertificate::decode(again.at(tag::InstallCertificate)).encode() != once)
            invariantBroken("install certificate: the round trip changes the encoding");
    } catch (const FormatError&) {
    }
    try {
        const InstallUnit u = InstallUnit::decode(f.at(tag::InstallUnit));
        const Bytes once = u.encode();
        const auto again = AppTlv::parse(once, {tag::InstallUnit});
        if (InstallUnit::decode(again.at(tag::InstallUnit)).encode() != once)
            invariantBroken("install unit: the round trip changes the encoding");
        (void)u.signedContent(Bytes(16, 0x20), Bytes(4, 1));
    } catch (const FormatError&) {
    }
}

void deleteCertificate(const Bytes& message) {
    try {
        const auto f = AppTlv::parse(message, {tag::DeleteCertificate});
        const DeleteCertificate c = DeleteCertificate::decode(f.at(tag::DeleteCertificate));
        (void)AppCrypto::verify(caKey(), c.signatureAlg, c.body(), c.signature);
    } catch (const FormatError&) {
    }
}

// The card's input: each INSTALL / DELETE block as one raw APDU operation of the card harness.
Bytes harnessInput(const std::vector<cdos::CommandApdu>& blocks) {
    Bytes in;
    for (const auto& c : blocks) {
        const Bytes raw = c.serialize();
        in.push_back(0x00);
        in.push_back(static_cast<std::uint8_t>(raw.size()));
        in.insert(in.end(), raw.begin(), raw.end());
    }
    return in;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const Bytes message(data + 1, data + size);
    switch (data[0] % 4) {
    case 0:
        installMessage(message);
        break;
    case 1:
        deleteCertificate(message);
        if (const auto r = RegistryRecord::decode(message, static_cast<std::uint8_t>(1 + data[0] / 4 % 8))) {
            const Bytes once = r->encode();
            const auto again = RegistryRecord::decode(once, r->slot);
            if (!again || again->encode() != once)
                invariantBroken("registry record: the round trip changes the encoding");
        }
        break;
    default: {
        static cdfuzz::CardHarness card;
        const Bytes in = harnessInput(data[0] % 4 == 2 ? AppCommands::install(message, AppCommands::kBlock)
                                                       : AppCommands::remove(message, AppCommands::kBlock));
        card.run(in.data(), in.size());
        break;
    }
    }
    return 0;
}
