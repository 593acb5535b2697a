// carddesk-descramble: scrambled TS (file, "-", udp://) in, clear TS (file, "-" for `ffplay -`, udp://) out.
// With --reader the control words come from the smart card through PC/SC (each new ECM is sent to the card's CA
// application, which checks the verified user's right). Without it, for tests and technicians, the ECM is decrypted
// here with a service-key file by the same protocol code the card runs. Never prints a key, a PIN or a CW.
#include "carddesk/descrambler/CardEcmHandler.h"
#include "carddesk/descrambler/Descrambler.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/ca/ServiceKeyFile.h"
#include "carddesk/protocol/cli/OptionParser.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"
#include "carddesk/tsio/TsInput.h"
#include "carddesk/tsio/TsOutput.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace cdos;

int main(int argc, char** argv) {
    cdos::SecretEnvironment::takeAll();
    descrambler::DescramblerConfig cfg;
    std::string keyFile, keyName = "CA_SERVICE_1", reader, pinFile;
    std::uint8_t user = 1;
    std::uint32_t date = 0;
    int udpIdle = 5;
    std::optional<std::set<std::uint16_t>> entitled;
    std::vector<std::string> positional;
    unsigned long userNumber = 1, dateValue = 0, udpIdleSeconds = 5, ecmPid = 0;
    cli::OptionParser options(
        "carddesk-descramble",
        "scrambled TS in, clear TS out (IN/OUT: file, '-', or udp://HOST:PORT); the control words\n"
        "  come from the card in --reader, or from --service-key-file (tests, technicians)");
    options.text("--reader", "NAME", "PC/SC reader of the card (its CA application decrypts the ECMs)", reader)
        .number("--user", "N", "the card's user whose rights count (default 1)", userNumber, 1, 8)
        .text("--pin-file", "FILE", "the user's PIN (else $CARDDESK_PIN; never on the command line)", pinFile)
        .number("--date", "YYYYMMDD", "the date the rights are checked against (default today)", dateValue, 19700101,
                99991231)
        .text("--service-key-file", "FILE", "service keys: decrypt the ECMs here instead of the card", keyFile)
        .text("--service-key", "NAME", "with --service-key-file: the key (default CA_SERVICE_1)", keyName)
        .value("--entitled-packages", "ID,...", "with --service-key-file: the packages to treat as entitled",
               [&entitled](const std::string& v) {
                   entitled.emplace();
                   std::istringstream list(v);
                   for (std::string id; std::getline(list, id, ',');) {
                       if (id.empty())
                           continue;
                       std::size_t used = 0;
                       const unsigned long n = std::stoul(id, &used, 0);
                       if (used != id.size() || n > 0xFFFF)
                           return false;
                       entitled->insert(static_cast<std::uint16_t>(n));
                   }
                   return true;
               })
        .number("--ecm-pid", "PID", "PID of the ECMs", ecmPid, 0x10, 0x1FFE)
        .number("--udp-idle", "SECONDS", "a UDP input ends after this long without a packet (default 5)",
                udpIdleSeconds, 1, 3600)
        .operands("IN OUT", positional, 2, 2);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    if (keyFile.empty() == reader.empty()) {
        std::fprintf(stderr, "carddesk-descramble: give either --reader or --service-key-file\n%s",
                     options.usage().c_str());
        return 2;
    }
    user = static_cast<std::uint8_t>(userNumber);
    date = static_cast<std::uint32_t>(dateValue);
    udpIdle = static_cast<int>(udpIdleSeconds);
    if (ecmPid != 0) // else found in the PMT
        cfg.ecmPid = static_cast<std::uint16_t>(ecmPid);
    try {

        descrambler::Descrambler::EcmHandler handler;
        std::unique_ptr<descrambler::CardEcmHandler> card;
        ServiceKey key;
        if (!reader.empty()) {
            std::string pin;
            if (!pinFile.empty())
                std::getline(std::ifstream(pinFile), pin);
            else if (auto env = cdos::SecretEnvironment::value("CARDDESK_PIN"))
                pin = std::move(*env);
            card = std::make_unique<descrambler::CardEcmHandler>(reader, user, std::move(pin));
            if (date == 0)
                date = descrambler::todayYyyymmdd();
            handler = [&](const Bytes& section) -> std::optional<ecm::ControlWords> {
                try {
                    auto cws = card->process(section, date);
                    if (!cws && card->lastSw() == ca::sw::NotEntitled)
                        std::fprintf(stderr, "carddesk-descramble: not enough rights (6985): back to the menu\n");
                    else if (!cws)
                        std::fprintf(stderr, "carddesk-descramble: ECM refused by the card, SW %04X\n", card->lastSw());
                    return cws;
                } catch (const ecm::EcmError& e) {
                    std::fprintf(stderr, "carddesk-descramble: malformed ECM section: %s\n", e.what());
                    return std::nullopt;
                }
            };
        } else {
            key = ServiceKeyFile::load(keyFile, keyName);
        }

        // ---- File-key mode (tests, technicians): the card's own Ecm::decrypt with a service-key file.
        auto fileKey = [&](const Bytes& section) -> std::optional<ecm::ControlWords> {
            try {
                const Bytes payload = ecm::Ecm::payloadOfSection(section);
                const ecm::EcmHeader h = ecm::Ecm::parseHeader(payload);
                if (entitled && !entitled->count(h.packageId))
                    return std::nullopt; // "not enough rights"
                return ecm::Ecm::decrypt(payload, [&](std::uint8_t id, std::uint8_t version) -> const SecretBytes* {
                    return id == key.id && version == key.version ? &key.key : nullptr;
                });
            } catch (const ecm::EcmError& e) {
                std::fprintf(stderr, "carddesk-descramble: ECM refused: %s\n", e.what());
                return std::nullopt;
            }
        };
        if (!handler)
            handler = fileKey;

        ts::TsInput in(positional[0], udpIdle);
        ts::TsOutput out(positional[1]);
        descrambler::Descrambler d(cfg, handler, [&](const std::uint8_t* p, std::size_t n) { out.write(p, n); });
        std::vector<std::uint8_t> buf(512 * ts::kPacketSize);
        while (const std::size_t n = in.read(buf.data(), 512))
            d.push(buf.data(), n);
        d.finish();
        out.flush();
        const auto& st = d.stats();
        std::fprintf(stderr,
                     "carddesk-descramble: %llu packets in, %llu out, %llu descrambled, %llu without key, "
                     "%llu ECM sections, %llu new ECMs, %llu refused, %llu key updates, %llu partial batches\n",
                     static_cast<unsigned long long>(st.packetsIn), static_cast<unsigned long long>(st.packetsOut),
                     static_cast<unsigned long long>(st.descrambled), static_cast<unsigned long long>(st.withoutKey),
                     static_cast<unsigned long long>(st.ecmSections), static_cast<unsigned long long>(st.ecmsHandled),
                     static_cast<unsigned long long>(st.ecmsRefused), static_cast<unsigned long long>(st.keyUpdates),
                     static_cast<unsigned long long>(st.partialBatches));
        if (card)
            std::fprintf(stderr,
                         "carddesk-descramble: card: %llu ECMs sent, %llu answered, %llu not entitled, %llu refused\n",
                         card->stats().sent, card->stats().answered, card->stats().notEntitled, card->stats().refused);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-descramble: %s\n", e.what());
        return 1;
    }
}
