#include "carddesk/tsio/TsOutput.h"

#include "UdpAddress.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace cdos::ts {

TsOutput::TsOutput(const std::string& spec) {
    if (spec == "-") {
        m_fd = STDOUT_FILENO;
        m_ownFd = false;
    } else if (udp::isUdp(spec)) {
        m_udp = true;
        const sockaddr_in addr = udp::resolve(spec);
        m_fd = socket(AF_INET, SOCK_DGRAM, 0);
        if (m_fd < 0 || connect(m_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
            throw std::runtime_error("cannot connect " + spec + ": " + std::strerror(errno));
    } else {
        m_fd = open(spec.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (m_fd < 0)
            throw std::runtime_error("cannot create " + spec + ": " + std::strerror(errno));
    }
}

TsOutput::~TsOutput() {
    try {
        flush();
    } catch (const std::exception&) {
        // destructors do not throw; an explicit flush() reports the error
    }
    if (m_ownFd && m_fd >= 0)
        close(m_fd);
}

void TsOutput::write(const std::uint8_t* data, std::size_t size) {
    if (!m_udp) {
        writeAll(data, size);
        return;
    }
    m_pending.append(reinterpret_cast<const char*>(data), size);
    const std::size_t datagram = udp::kPacketsPerDatagram * kPacketSize;
    std::size_t pos = 0;
    for (; m_pending.size() - pos >= datagram; pos += datagram)
        writeAll(reinterpret_cast<const std::uint8_t*>(m_pending.data() + pos), datagram);
    m_pending.erase(0, pos);
}

void TsOutput::flush() {
    if (!m_pending.empty()) {
        writeAll(reinterpret_cast<const std::uint8_t*>(m_pending.data()), m_pending.size());
        m_pending.clear();
    }
}

void TsOutput::writeAll(const std::uint8_t* data, std::size_t size) {
    if (m_udp) {
        if (send(m_fd, data, size, 0) < 0 && errno != ECONNREFUSED)
            throw std::runtime_error(std::string("UDP send failed: ") + std::strerror(errno));
        return;
    }
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw std::runtime_error(std::string("write failed: ") + std::strerror(errno));
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

} // namespace cdos::ts
