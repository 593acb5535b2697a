#include "carddesk/tsio/TsInput.h"

#include "UdpAddress.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace cdos::ts {

TsInput::TsInput(const std::string& spec, int udpIdleSeconds) : m_idleMs(udpIdleSeconds * 1000) {
    if (spec == "-") {
        m_fd = STDIN_FILENO;
        m_ownFd = false;
    } else if (udp::isUdp(spec)) {
        m_udp = true;
        const sockaddr_in addr = udp::resolve(spec);
        m_fd = socket(AF_INET, SOCK_DGRAM, 0);
        const int one = 1;
        setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        const int rcvbuf = 4 << 20;
        setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
        if (m_fd < 0 || bind(m_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
            throw std::runtime_error("cannot bind " + spec + ": " + std::strerror(errno));
        if (IN_MULTICAST(ntohl(addr.sin_addr.s_addr))) {
            ip_mreq mreq{};
            mreq.imr_multiaddr = addr.sin_addr;
            mreq.imr_interface.s_addr = htonl(INADDR_ANY);
            if (setsockopt(m_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof mreq) != 0)
                throw std::runtime_error("cannot join " + spec);
        }
    } else {
        m_fd = open(spec.c_str(), O_RDONLY);
        if (m_fd < 0)
            throw std::runtime_error("cannot open " + spec + ": " + std::strerror(errno));
    }
}

TsInput::~TsInput() {
    if (m_ownFd && m_fd >= 0)
        close(m_fd);
}

bool TsInput::fill() {
    if (m_eof)
        return false;
    if (m_pos > 0) {
        m_buf.erase(0, m_pos);
        m_pos = 0;
    }
    char chunk[65536];
    ssize_t n = 0;
    if (m_udp) {
        pollfd p{m_fd, POLLIN, 0};
        if (poll(&p, 1, m_idleMs) <= 0) {
            m_eof = true;
            return false;
        }
        n = recv(m_fd, chunk, sizeof chunk, 0);
    } else {
        do
            n = ::read(m_fd, chunk, sizeof chunk);
        while (n < 0 && errno == EINTR);
    }
    if (n <= 0) {
        m_eof = true;
        return false;
    }
    m_buf.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::size_t TsInput::read(std::uint8_t* out, std::size_t maxPackets) {
    std::size_t got = 0;
    while (got < maxPackets) {
        if (m_buf.size() - m_pos < kPacketSize) {
            if (got > 0 && m_udp)
                break; // hand over what a datagram brought instead of waiting for more
            if (!fill())
                break;
            continue;
        }
        if (static_cast<std::uint8_t>(m_buf[m_pos]) != kSyncByte) {
            ++m_pos; // lost sync: slide to the next sync byte
            continue;
        }
        std::memcpy(out + got * kPacketSize, m_buf.data() + m_pos, kPacketSize);
        m_pos += kPacketSize;
        ++got;
    }
    return got;
}

} // namespace cdos::ts
