// carddesk-scrambler: clear TS (file, "-", udp://) in, scrambled TS out. Never prints a key or a control word.
#include "carddesk/protocol/ca/ServiceKeyFile.h"
#include "carddesk/scrambler/Scrambler.h"
#include "carddesk/tsio/TsInput.h"
#include "carddesk/tsio/TsOutput.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace cdos;

namespace {

// --help: the usage on stdout, exit 0; a wrong command line: the usage on stderr, exit 2.
int usage(int code = 2) {
    std::fprintf(
        code == 0 ? stdout : stderr,
        "usage: carddesk-scrambler --service-key-file FILE [--service-key CA_SERVICE_1] [--cissa]\n"
        "         [--period SECONDS(10)] [--ecm-interval SECONDS(0.1)] [--packet-clock BITRATE]\n"
        "         [--ecm-pid PID] [--emm-pid PID] [--package ID] [--vod PROGRAMME] [--first-period N] [--udp-idle S]\n"
        "         [--realtime]  (send at the stream's own rate, for UDP output)\n"
        "         IN OUT      (IN/OUT: file, '-', or udp://HOST:PORT)\n");
    return code;
}

} // namespace

int main(int argc, char** argv) {
    scrambler::ScramblerConfig cfg;
    std::string keyFile, keyName = "CA_SERVICE_1";
    int udpIdle = 5;
    bool realtime = false;
    std::vector<std::string> positional;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc)
                    throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            if (a == "--realtime")
                realtime = true;
            else if (a == "--udp-idle")
                udpIdle = std::stoi(value());
            else if (a == "--service-key-file")
                keyFile = value();
            else if (a == "--service-key")
                keyName = value();
            else if (a == "--cissa")
                cfg.mode = ecm::Scrambler::Cissa;
            else if (a == "--period")
                cfg.cryptoPeriodSeconds = std::stod(value());
            else if (a == "--ecm-interval")
                cfg.ecmIntervalSeconds = std::stod(value());
            else if (a == "--packet-clock") {
                cfg.clock = scrambler::ScramblerConfig::Clock::Packets;
                cfg.packetClockBitrate = std::stod(value());
            } else if (a == "--ecm-pid")
                cfg.ecmPid = static_cast<std::uint16_t>(std::stoul(value(), nullptr, 0));
            else if (a == "--emm-pid")
                cfg.emmPid = static_cast<std::uint16_t>(std::stoul(value(), nullptr, 0));
            else if (a == "--package")
                cfg.packageId = static_cast<std::uint16_t>(std::stoul(value(), nullptr, 0));
            else if (a == "--vod")
                cfg.vodProgrammeId = static_cast<std::uint16_t>(std::stoul(value(), nullptr, 0));
            else if (a == "--first-period")
                cfg.firstCryptoPeriod = static_cast<std::uint32_t>(std::stoul(value(), nullptr, 0));
            else if (a == "--help" || a == "-h")
                return usage(0);
            else if (a.size() > 1 && a[0] == '-' && a[1] == '-')
                return usage();
            else
                positional.push_back(a);
        }
        if (keyFile.empty() || positional.size() != 2)
            return usage();
        ServiceKey key = ServiceKeyFile::load(keyFile, keyName);
        cfg.serviceKeyId = key.id;
        cfg.serviceKeyVersion = key.version;
        ts::TsInput in(positional[0], udpIdle);
        ts::TsOutput out(positional[1]);
        scrambler::Scrambler s(cfg, std::move(key.key), [&](const std::uint8_t* d, std::size_t n) { out.write(d, n); });
        std::vector<std::uint8_t> buf(512 * ts::kPacketSize);
        const auto start = std::chrono::steady_clock::now();
        const std::size_t chunk = realtime ? 7 : 512;
        while (const std::size_t n = in.read(buf.data(), chunk)) {
            s.push(buf.data(), n);
            // Real time: no faster than the stream's own clock, so a UDP receiver is not flooded.
            if (realtime)
                std::this_thread::sleep_until(start + std::chrono::duration<double>(s.streamTime()));
        }
        s.finish();
        out.flush();
        const auto& st = s.stats();
        std::fprintf(stderr,
                     "carddesk-scrambler: %s, key %s v%u: %llu packets in, %llu out, %llu scrambled, %llu ECM "
                     "sections, %llu crypto periods\n",
                     cfg.mode == ecm::Scrambler::Csa2 ? "DVB-CSA2" : "DVB-CISSA", keyName.c_str(),
                     unsigned(cfg.serviceKeyVersion), static_cast<unsigned long long>(st.packetsIn),
                     static_cast<unsigned long long>(st.packetsOut), static_cast<unsigned long long>(st.scrambled),
                     static_cast<unsigned long long>(st.ecmSections),
                     static_cast<unsigned long long>(st.cryptoPeriods));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "carddesk-scrambler: %s\n", e.what());
        return 1;
    }
}
