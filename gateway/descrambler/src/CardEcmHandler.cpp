#include "carddesk/descrambler/CardEcmHandler.h"

#include "carddesk/cardio/link/Connection.h"
#include "carddesk/cardio/link/Context.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <chrono>
#include <stdexcept>

namespace cdos::descrambler {

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
    m_context = std::make_unique<carddesk::pcsc::Context>();
    const auto chosen = m_context->findReader(reader);
    if (!chosen)
        throw std::runtime_error("no PC/SC reader matches '" + reader + "'");
    m_connection = std::make_unique<carddesk::pcsc::Connection>(*m_context, *chosen);
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

CardEcmHandler::~CardEcmHandler() = default; // the connection leaves the card as it is

ResponseApdu CardEcmHandler::transmit(const CommandApdu& c) {
    if (m_external)
        return m_external(c);
    return m_connection->transmit(c); // wipes its copies of the VERIFY and of the control words
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
