#include "carddesk/descrambler/CardEcmHandler.h"

#include "carddesk/protocol/CaCommands.h"
#include "carddesk/protocol/Personaliser.h"

#include <chrono>
#include <stdexcept>
#include <vector>
#include <winscard.h>

namespace cdos::descrambler {

namespace {

void check(long rv, const char* what) {
    if (rv != SCARD_S_SUCCESS)
        throw std::runtime_error(std::string("PC/SC ") + what + ": " + pcsc_stringify_error(rv));
}

} // namespace

std::uint32_t todayYyyymmdd() {
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(system_clock::now())};
    return static_cast<std::uint32_t>(static_cast<int>(ymd.year())) * 10000 + static_cast<unsigned>(ymd.month()) * 100 +
           static_cast<unsigned>(ymd.day());
}

CardEcmHandler::CardEcmHandler(const std::string& reader, std::uint8_t user, std::string pin) {
    struct Wipe {
        std::string& s;
        ~Wipe() { secureZero(s.data(), s.size()); }
    } wipe{pin};
    SCARDCONTEXT ctx = 0;
    check(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx), "context");
    m_ctx = static_cast<long>(ctx);
    DWORD size = 0;
    check(SCardListReaders(ctx, nullptr, nullptr, &size), "list readers");
    std::vector<char> buf(size);
    check(SCardListReaders(ctx, nullptr, buf.data(), &size), "list readers");
    std::string chosen;
    for (const char* p = buf.data(); *p; p += std::char_traits<char>::length(p) + 1)
        if (chosen.empty() && std::string(p).find(reader) != std::string::npos)
            chosen = p;
    if (chosen.empty())
        throw std::runtime_error("no PC/SC reader matches '" + reader + "'");
    SCARDHANDLE card = 0;
    DWORD proto = 0;
    check(SCardConnect(ctx, chosen.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &proto),
          "connect");
    m_card = static_cast<long>(card);
    m_protocol = proto;
    if (!transmit(selectAid(ca::kCaAid)).ok())
        throw std::runtime_error("the card has no conditional-access application");
    const auto v = transmit(verifyPin(user, pin));
    if (!v.ok())
        throw std::runtime_error(
            "VERIFY of user " + std::to_string(user) + " refused, SW " +
            toHex(Bytes{static_cast<std::uint8_t>(v.sw >> 8), static_cast<std::uint8_t>(v.sw & 0xFF)}));
}

CardEcmHandler::CardEcmHandler(std::function<ResponseApdu(const CommandApdu&)> transmit)
    : m_external(std::move(transmit)) {
    if (!this->transmit(selectAid(ca::kCaAid)).ok())
        throw std::runtime_error("the card has no conditional-access application");
}

CardEcmHandler::~CardEcmHandler() {
    if (m_card)
        SCardDisconnect(static_cast<SCARDHANDLE>(m_card), SCARD_LEAVE_CARD);
    if (m_ctx)
        SCardReleaseContext(static_cast<SCARDCONTEXT>(m_ctx));
}

ResponseApdu CardEcmHandler::transmit(const CommandApdu& c) {
    if (m_external)
        return m_external(c);
    const Bytes raw = c.serialize();
    std::vector<std::uint8_t> rbuf(65538);
    DWORD rlen = static_cast<DWORD>(rbuf.size());
    const SCARD_IO_REQUEST* pci = m_protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    check(SCardTransmit(static_cast<SCARDHANDLE>(m_card), pci, raw.data(), static_cast<DWORD>(raw.size()), nullptr,
                        rbuf.data(), &rlen),
          "transmit");
    ResponseApdu r = ResponseApdu::fromRaw(Bytes(rbuf.begin(), rbuf.begin() + rlen));
    secureZero(rbuf.data(), rbuf.size()); // control words
    return r;
}

std::optional<ecm::ControlWords> CardEcmHandler::process(const Bytes& ecmSection, std::uint32_t date) {
    const Bytes payload = ecm::Ecm::payloadOfSection(ecmSection);
    ++m_stats.sent;
    ResponseApdu r = transmit(ca::processEcm(date, payload));
    m_lastSw = r.sw;
    if (r.sw == ca::sw::NotEntitled) {
        ++m_stats.notEntitled;
        return std::nullopt;
    }
    if (!r.ok() || r.data.empty() || r.data.size() % 2 != 0) {
        ++m_stats.refused;
        return std::nullopt;
    }
    ++m_stats.answered;
    const auto half = static_cast<std::ptrdiff_t>(r.data.size() / 2);
    ecm::ControlWords cw;
    cw.even = SecretBytes(Bytes(r.data.begin(), r.data.begin() + half));
    cw.odd = SecretBytes(Bytes(r.data.begin() + half, r.data.end()));
    secureZero(r.data.data(), r.data.size());
    return cw;
}

} // namespace cdos::descrambler
