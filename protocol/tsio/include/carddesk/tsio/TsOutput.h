#pragma once
// A transport stream sink: a file, "-" for stdout (a pipe to `ffplay -`), or "udp://HOST:PORT" (7 packets per
// datagram, the usual IPTV framing). POSIX only, no Qt.
#include "carddesk/protocol/ts/TsPacket.h"

#include <string>

namespace cdos::ts {

class TsOutput {
public:
    explicit TsOutput(const std::string& spec);
    ~TsOutput();
    TsOutput(const TsOutput&) = delete;
    TsOutput& operator=(const TsOutput&) = delete;

    void write(const std::uint8_t* data, std::size_t size);
    void flush();

private:
    void writeAll(const std::uint8_t* data, std::size_t size);
    int m_fd = -1;
    bool m_udp = false;
    bool m_ownFd = true;
    std::string m_pending;
};

} // namespace cdos::ts
