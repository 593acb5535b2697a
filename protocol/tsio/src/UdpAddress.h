#pragma once
// UDP address parsing shared by TsInput and TsOutput (private to carddesk_tsio).
#include <arpa/inet.h>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>

namespace cdos::ts::udp {

constexpr std::size_t kPacketsPerDatagram = 7;

inline bool isUdp(const std::string& spec) {
    return spec.rfind("udp://", 0) == 0;
}

// "udp://HOST:PORT" (HOST may be empty: any address) to an IPv4 socket address.
inline sockaddr_in resolve(const std::string& spec) {
    const std::string rest = spec.substr(6);
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos)
        throw std::runtime_error("UDP address needs HOST:PORT: " + spec);
    std::string host = rest.substr(0, colon);
    const std::string port = rest.substr(colon + 1);
    if (host.empty())
        host = "0.0.0.0";
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* res = nullptr;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0 || !res)
        throw std::runtime_error("cannot resolve " + spec);
    sockaddr_in addr{};
    std::memcpy(&addr, res->ai_addr, sizeof addr);
    freeaddrinfo(res);
    return addr;
}

} // namespace cdos::ts::udp
