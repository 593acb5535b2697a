#pragma once
// A transport stream source: a file, "-" for stdin, or "udp://ADDR:PORT" (multicast ADDR is joined). Reads whole
// packets and re-synchronises on the sync byte. POSIX only, no Qt.
#include "carddesk/protocol/ts/TsPacket.h"

#include <string>

namespace cdos::ts {

class TsInput {
public:
    // udpIdleSeconds: a UDP input ends after this long without a datagram (files end at EOF).
    explicit TsInput(const std::string& spec, int udpIdleSeconds = 5);
    ~TsInput();
    TsInput(const TsInput&) = delete;
    TsInput& operator=(const TsInput&) = delete;

    // Fills `out` with up to maxPackets whole packets; returns how many (0 at the end of the stream).
    std::size_t read(std::uint8_t* out, std::size_t maxPackets);

private:
    bool fill();
    int m_fd = -1;
    bool m_udp = false;
    bool m_ownFd = true;
    int m_idleMs = 5000;
    std::string m_buf;
    std::size_t m_pos = 0;
    bool m_eof = false;
};

} // namespace cdos::ts
