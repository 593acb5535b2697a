#include "carddesk/card/transport/VpcdLink.h"

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cdos::card {

namespace {
constexpr std::uint8_t kPowerOff = 0x00, kPowerOn = 0x01, kReset = 0x02, kGetAtr = 0x04;

void setOption(int fd, int level, int name) {
    const int one = 1;
    ::setsockopt(fd, level, name, &one, sizeof one);
}
} // namespace

bool VpcdLink::connect(std::string& error) {
    close();
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    const int rc = ::getaddrinfo(m_host.c_str(), std::to_string(m_port).c_str(), &hints, &list);
    if (rc != 0) {
        error = std::string("cannot resolve ") + m_host + ": " + ::gai_strerror(rc);
        return false;
    }
    error = "no address";
    for (addrinfo* a = list; a && m_fd < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            m_fd = fd;
        } else {
            error = std::strerror(errno);
            ::close(fd);
        }
    }
    ::freeaddrinfo(list);
    if (m_fd < 0)
        return false;
    // vpcd writes length and body in two send() calls: without these each exchange waits for a delayed ACK.
    setOption(m_fd, IPPROTO_TCP, TCP_NODELAY);
    setOption(m_fd, IPPROTO_TCP, TCP_QUICKACK);
    return true;
}

void VpcdLink::close() {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

bool VpcdLink::readExact(std::uint8_t* p, std::size_t n, const volatile std::sig_atomic_t& stop) {
    while (n) {
        if (stop)
            return false;
        pollfd pfd{m_fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, 250); // wakes up now and then to notice SIGTERM
        if (ready < 0 && errno != EINTR)
            return false;
        if (ready <= 0)
            continue;
        setOption(m_fd, IPPROTO_TCP, TCP_QUICKACK); // the kernel clears it again: set before every read
        const ssize_t r = ::recv(m_fd, p, n, 0);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

bool VpcdLink::sendFrame(const Bytes& body) {
    // Length and body in one buffer and one send(): two segments would meet vpcd's delayed ACK.
    Bytes frame;
    frame.reserve(body.size() + 2);
    putU16(frame, static_cast<std::uint16_t>(body.size()));
    append(frame, body);
    std::size_t off = 0;
    while (off < frame.size()) {
        const ssize_t w = ::send(m_fd, frame.data() + off, frame.size() - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        off += static_cast<std::size_t>(w);
    }
    return true;
}

bool VpcdLink::serve(VirtualCard& card, const volatile std::sig_atomic_t& stop) {
    Bytes body;
    bool connected = true;
    while (connected && !stop) {
        std::uint8_t len[2];
        if (!readExact(len, 2, stop))
            break;
        body.assign(getU16(len), 0);
        if (!readExact(body.data(), body.size(), stop))
            break;
        if (body.size() >= 2) {
            connected = sendFrame(card.process(body)) && !card.removeAfterAnswer();
            continue;
        }
        if (body.size() != 1)
            continue;
        try {
            switch (body[0]) {
            case kPowerOff:
                card.powerOff();
                break;
            case kPowerOn:
                card.powerOn();
                break;
            case kReset:
                card.reset();
                break;
            case kGetAtr:
                connected = sendFrame(card.atr());
                break;
            default:
                break; // unknown control bytes have no answer in the protocol
            }
        } catch (const NvmError&) {
            // A failing image still lets the card answer: its commands then give 6581.
        }
    }
    close();
    return stop != 0;
}

} // namespace cdos::card
