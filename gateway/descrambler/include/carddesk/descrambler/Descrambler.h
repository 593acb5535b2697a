#pragma once
// Set-top descrambler core (docs/conditional-access.md): finds the ECM PID from the PMT, hands each new ECM to the
// card (through EcmHandler), keeps the even and odd control words in separate slots and never replaces the one in
// use, descrambles DVB-CSA2 with full libdvbcsa batches (even and odd apart) or DVB-CISSA, clears the scrambling
// bits and writes clear TS in the original order. Qt-free.
#include "carddesk/protocol/apdu/Bytes.h"
#include "carddesk/protocol/ca/Ecm.h"

#include <functional>
#include <memory>
#include <optional>

namespace cdos::descrambler {

struct DescramblerConfig {
    std::optional<std::uint16_t> ecmPid;     // overrides the PMT's CA_descriptor
    std::optional<std::uint16_t> caSystemId; // the CA_descriptor to follow (any when unset)
};

struct DescramblerStats {
    std::uint64_t packetsIn = 0;
    std::uint64_t packetsOut = 0;
    std::uint64_t descrambled = 0;
    std::uint64_t withoutKey = 0; // scrambled packets passed on as they were (no right, or no ECM yet)
    std::uint64_t ecmSections = 0;
    std::uint64_t ecmsHandled = 0; // new ECMs handed to the card
    std::uint64_t ecmsRefused = 0;
    std::uint64_t keyUpdates = 0;
    std::uint64_t partialBatches = 0; // batches run before they were full (key change, end, queue limit)
};

class Descrambler {
public:
    // Gets one whole ECM section (table_id 80/81); returns both control words, or nullopt when the card refuses
    // (no right, bad MAC, unknown key). In the gateway this is the card's ECM command over PC/SC.
    using EcmHandler = std::function<std::optional<ecm::ControlWords>(const Bytes& ecmSection)>;
    using Sink = std::function<void(const std::uint8_t* data, std::size_t size)>;

    Descrambler(const DescramblerConfig& config, EcmHandler handler, Sink sink);
    ~Descrambler();
    Descrambler(const Descrambler&) = delete;
    Descrambler& operator=(const Descrambler&) = delete;

    void push(const std::uint8_t* packets, std::size_t count);
    // Descrambles whatever waits in a partial batch and writes everything out.
    void finish();
    const DescramblerStats& stats() const;
    // Hands the next repetition of the current ECM to the card again, e.g. after a VOD purchase or a change of
    // user opened a right (a refused ECM is otherwise only retried when the next crypto period's ECM arrives).
    void resendEcm();

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace cdos::descrambler
