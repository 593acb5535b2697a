// carddesk-descramble: scrambled TS (file, "-", udp://) in, clear TS (file, "-" for `ffplay -`, udp://) out.
// For tests and technicians: the ECM is decrypted here with the service key, by the same protocol code the card
// runs (cdos::ecm::Ecm::decrypt). Never prints a key or a control word.
#include "carddesk/descrambler/Descrambler.h"
#include "carddesk/protocol/ServiceKeyFile.h"
#include "carddesk/protocol/TsInput.h"
#include "carddesk/protocol/TsOutput.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace cdos;

namespace {

int usage() {
    std::fprintf(stderr, "usage: carddesk-descramble --service-key-file FILE [--service-key CA_SERVICE_1]\n"
                         "         [--ecm-pid PID] [--entitled-packages ID,ID...] [--udp-idle SECONDS(5)] IN OUT\n"
                         "         (IN/OUT: file, '-', or udp://HOST:PORT)\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    descrambler::DescramblerConfig cfg;
    std::string keyFile, keyName = "CA_SERVICE_1";
    int udpIdle = 5;
    std::optional<std::set<std::uint16_t>> entitled;
    std::vector<std::string> positional;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc)
                    throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            if (a == "--udp-idle")
                udpIdle = std::stoi(value());
            else if (a == "--service-key-file")
                keyFile = value();
            else if (a == "--service-key")
                keyName = value();
            else if (a == "--ecm-pid")
                cfg.ecmPid = static_cast<std::uint16_t>(std::stoul(value(), nullptr, 0));
            else if (a == "--entitled-packages") {
                entitled.emplace();
                std::istringstream list(value());
                for (std::string id; std::getline(list, id, ',');)
                    if (!id.empty())
                        entitled->insert(static_cast<std::uint16_t>(std::stoul(id, nullptr, 0)));
            } else if (a.size() > 1 && a[0] == '-' && a[1] == '-')
                return usage();
            else
                positional.push_back(a);
        }
        if (keyFile.empty() || positional.size() != 2)
            return usage();
        const ServiceKey key = ServiceKeyFile::load(keyFile, keyName);

        // ---- Card stand-in. In the gateway program this handler sends the ECM section to the smart card (ECM
        // command over PC/SC); the card checks the selected user's right and runs the same Ecm::decrypt.
        auto cardStandIn = [&](const Bytes& section) -> std::optional<ecm::ControlWords> {
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
        // ---- end of the card stand-in

        ts::TsInput in(positional[0], udpIdle);
        ts::TsOutput out(positional[1]);
        descrambler::Descrambler d(cfg, cardStandIn, [&](const std::uint8_t* p, std::size_t n) { out.write(p, n); });
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
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-descramble: %s\n", e.what());
        return 1;
    }
}
