#pragma once
// Headend scrambler (docs/conditional-access.md): clear TS in, scrambled TS out. DVB-CSA2 through libdvbcsa's
// batch API or DVB-CISSA; only audio/video payloads from the PMT; parity flips every crypto period; ECMs on their
// own PID (table_id 80/81 by period) carry the current and next CW; the PMT gets a CA_descriptor and a CAT is added.
// Qt-free.
#include "carddesk/protocol/apdu/Bytes.h"
#include "carddesk/protocol/ca/Ecm.h"
#include "carddesk/protocol/ts/TsPacket.h"

#include <functional>
#include <memory>

namespace cdos::scrambler {

struct ScramblerConfig {
    ecm::Scrambler mode = ecm::Scrambler::Csa2;
    double cryptoPeriodSeconds = 10.0;
    double ecmIntervalSeconds = 0.1;
    // Crypto-period clock: the PCR of the programme, or the packet count at a fixed bitrate when there is no PCR.
    enum class Clock { Pcr, Packets } clock = Clock::Pcr;
    double packetClockBitrate = 8e6;
    std::uint16_t ecmPid = 0x1FF0;
    std::uint16_t emmPid = 0x1FF1;
    std::uint16_t caSystemId = 0xFFCD; // ETSI TS 101 162 user-defined range
    std::uint16_t packageId = 1;
    std::uint16_t vodProgrammeId = 0;
    std::uint8_t serviceKeyId = 1;
    std::uint8_t serviceKeyVersion = 1;
    std::uint32_t firstCryptoPeriod = 0;
};

struct ScramblerStats {
    std::uint64_t packetsIn = 0;
    std::uint64_t packetsOut = 0;
    std::uint64_t scrambled = 0;
    std::uint64_t ecmSections = 0;
    std::uint64_t cryptoPeriods = 0;
};

class Scrambler {
public:
    using Sink = std::function<void(const std::uint8_t* data, std::size_t size)>;
    // serviceKey: the 16-byte CA service key the ECMs are encrypted under (kept in wiping memory).
    Scrambler(const ScramblerConfig& config, SecretBytes serviceKey, Sink sink);
    ~Scrambler();
    Scrambler(const Scrambler&) = delete;
    Scrambler& operator=(const Scrambler&) = delete;

    // Whole 188-byte packets; output goes to the sink in order, batched.
    void push(const std::uint8_t* packets, std::size_t count);
    // Scrambles and writes what is still queued.
    void finish();
    const ScramblerStats& stats() const;
    // Stream time in seconds (PCR or packet clock) of the last packet pushed: lets a sender pace output.
    double streamTime() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace cdos::scrambler
