#pragma once
// The card's side of the vpcd link (docs: /work/shared/spec/pcsc-virtual-card.md): a TCP client of pcscd's vpcd
// driver. Frames are a 2-byte big-endian length and a body; a 1-byte body is a control byte (00 power off,
// 01 power on, 02 reset, 04 ATR), longer ones are C-APDUs, each answered by exactly one R-APDU.
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/transport/VirtualCard.h"

#include <csignal>
#include <string>

namespace cdos::card {

class VpcdLink {
public:
    static constexpr std::uint16_t kDefaultPort = 35963;

    VpcdLink(std::string host, std::uint16_t port) : m_host(std::move(host)), m_port(port) {}
    ~VpcdLink() { close(); }
    VpcdLink(const VpcdLink&) = delete;
    VpcdLink& operator=(const VpcdLink&) = delete;

    // One connection attempt (the card is inserted when it succeeds); error says why not.
    bool connect(std::string& error);
    // Serves the card until vpcd closes the connection or the card asks to leave after an answer (false), or `stop`
    // becomes non-zero (true). Lets PowerCut through: a card that lost power must not answer.
    bool serve(VirtualCard& card, const volatile std::sig_atomic_t& stop);
    void close();
    std::string peer() const { return m_host + ":" + std::to_string(m_port); }

private:
    // false: connection closed or stop requested.
    bool readExact(std::uint8_t* p, std::size_t n, const volatile std::sig_atomic_t& stop);
    bool sendFrame(const Bytes& body);

    std::string m_host;
    std::uint16_t m_port;
    int m_fd = -1;
};

} // namespace cdos::card
