#pragma once
// Plays one scrambled programme through the card: reads TS (file, "-" or udp://), hands each new ECM to the card's
// CA application (descrambler library, CardEcmHandler over the session's own card connection, with the broadcast
// date of BroadcastClock), descrambles and writes clear TS (file, udp://, or a pipe to `ffplay -`). Stops at the
// end of the stream, at the first ECM the card refuses (6985 "not enough rights": the terminal goes back to the
// menu), or when the player closes its end. Qt-free, blocking: the session's worker thread runs it.
#include "carddesk/descrambler/Descrambler.h"
#include "carddesk/protocol/apdu/Apdu.h"

#include <chrono>
#include <optional>
#include <string>

namespace cdgw {

struct TvResult {
    enum class End { StreamEnded, NotEntitled, EcmRefused, OutputClosed, StoppedAtFirstClear };
    End end = End::StreamEnded;
    std::uint16_t sw = 0;   // the card's status word of a refused ECM
    std::uint32_t date = 0; // the date the card was given last (YYYYMMDD)
    cdos::descrambler::DescramblerStats stats;
    // From the start of play(): the card's first control words, and the first descrambled packet written out
    // (the channel-change time; the difference is the wait for a full batch of the key's parity).
    std::optional<std::chrono::microseconds> firstKey;
    std::chrono::microseconds firstKeyCard{0}; // of firstKey, the PROCESS ECM round trip through PC/SC
    std::optional<std::chrono::microseconds> firstClear;
};

struct TvPlayOptions {
    int udpIdleSeconds = 5;
    bool stopAtFirstClear = false; // the channel-change benchmark: tune, time the first clear packet, stop
};

class TvPlayer {
public:
    // transmit: the card connection of the session (its verified user is the viewer).
    explicit TvPlayer(cdos::Transmit transmit) : m_tx(std::move(transmit)) {}
    // Throws std::runtime_error when the input or output cannot be opened or the card has no CA application; a
    // lost card (PC/SC) propagates as the transmit function throws it.
    TvResult play(const std::string& input, const std::string& output, const TvPlayOptions& options = {});

private:
    cdos::Transmit m_tx;
};

} // namespace cdgw
