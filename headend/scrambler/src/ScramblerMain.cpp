// carddesk-scrambler: clear TS (file, "-", udp://) in, scrambled TS out. Never prints a key or a control word.
#include "carddesk/protocol/ca/ServiceKeyFile.h"
#include "carddesk/protocol/cli/OptionParser.h"
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

int main(int argc, char** argv) {
    scrambler::ScramblerConfig cfg;
    std::string keyFile, keyName = "CA_SERVICE_1";
    int udpIdle = 5;
    bool realtime = false;
    std::vector<std::string> positional;
    unsigned long udpIdleSeconds = 5, ecmPid = cfg.ecmPid, emmPid = cfg.emmPid, package = cfg.packageId,
                  vod = cfg.vodProgrammeId, firstPeriod = cfg.firstCryptoPeriod;
    bool cissa = false;
    const auto real = [](double& out) {
        return [&out](const std::string& v) {
            std::size_t used = 0;
            out = std::stod(v, &used);
            return used == v.size() && out > 0;
        };
    };
    double bitrate = 0;
    cli::OptionParser options("carddesk-scrambler",
                              "clear TS in, scrambled TS out (IN/OUT: file, '-', or udp://HOST:PORT)");
    options.text("--service-key-file", "FILE", "the service keys (required)", keyFile)
        .text("--service-key", "NAME", "the service key to scramble under (default CA_SERVICE_1)", keyName)
        .flag("--cissa", cissa, "DVB-CISSA instead of DVB-CSA2")
        .value("--period", "SECONDS", "crypto period (default 10)", real(cfg.cryptoPeriodSeconds))
        .value("--ecm-interval", "SECONDS", "ECM repetition (default 0.1)", real(cfg.ecmIntervalSeconds))
        .value("--packet-clock", "BITRATE", "time from the packet count at this bitrate, not the PCR", real(bitrate))
        .number("--ecm-pid", "PID", "PID of the ECMs", ecmPid, 0x10, 0x1FFE)
        .number("--emm-pid", "PID", "PID of the EMMs", emmPid, 0x10, 0x1FFE)
        .number("--package", "ID", "package the ECMs require", package, 0, 0xFFFF)
        .number("--vod", "PROGRAMME", "VOD programme the ECMs require instead of a package", vod, 0, 0xFFFF)
        .number("--first-period", "N", "number of the first crypto period", firstPeriod, 0, 0xFFFFFFFFul)
        .number("--udp-idle", "S", "a UDP input ends after S seconds without a packet (default 5)", udpIdleSeconds, 1,
                3600)
        .flag("--realtime", realtime, "send at the stream's own rate, for UDP output")
        .operands("IN OUT", positional, 2, 2);
    if (const auto code = options.parseOrExit(argc, argv))
        return *code;
    if (keyFile.empty()) {
        std::fprintf(stderr, "carddesk-scrambler: --service-key-file FILE is required\n%s", options.usage().c_str());
        return 2;
    }
    if (cissa)
        cfg.mode = ecm::Scrambler::Cissa;
    if (bitrate > 0) {
        cfg.clock = scrambler::ScramblerConfig::Clock::Packets;
        cfg.packetClockBitrate = bitrate;
    }
    cfg.ecmPid = static_cast<std::uint16_t>(ecmPid);
    cfg.emmPid = static_cast<std::uint16_t>(emmPid);
    cfg.packageId = static_cast<std::uint16_t>(package);
    cfg.vodProgrammeId = static_cast<std::uint16_t>(vod);
    cfg.firstCryptoPeriod = static_cast<std::uint32_t>(firstPeriod);
    udpIdle = static_cast<int>(udpIdleSeconds);
    try {
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
