#pragma once
// The real card behind the descrambler's EcmHandler: a PC/SC reader with a CardDesk card, its CA application
// selected and the viewer's PIN verified once; each new ECM goes to the card as PROCESS ECM (docs/command-set.md,
// "Conditional-access application") and the two control words come back. Qt-free (cardio's PC/SC core).
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/ca/Ecm.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace carddesk::pcsc {
class Connection;
class Context;
} // namespace carddesk::pcsc

namespace cdos::descrambler {

struct CardEcmStats {
    unsigned long long sent = 0, answered = 0, notEntitled = 0, refused = 0;
};

class CardEcmHandler {
public:
    // Connects to the first reader whose name contains `reader`, selects the CA application and verifies `user`
    // with `pin` (wiped after use). Throws std::runtime_error naming the step that failed (never the PIN); a PC/SC
    // failure is a carddesk::pcsc::Error.
    CardEcmHandler(const std::string& reader, std::uint8_t user, std::string pin);
    // Over a card connection someone else holds (the gateway's session, whose user the card has already verified
    // through the proactive dialogue or VERIFY): selects the CA application only. Throws std::runtime_error.
    explicit CardEcmHandler(std::function<ResponseApdu(const CommandApdu&)> transmit);
    ~CardEcmHandler();
    CardEcmHandler(const CardEcmHandler&) = delete;
    CardEcmHandler& operator=(const CardEcmHandler&) = delete;

    // date: YYYYMMDD the card checks rights against (the gateway's clock). nullopt when the card refuses: 6985
    // "not enough rights" (the gateway shows the menu again) or an ECM refusal; the status word goes to stderr.
    std::optional<ecm::ControlWords> process(const Bytes& ecmSection, std::uint32_t date);
    const CardEcmStats& stats() const { return m_stats; }
    // Status word of the last PROCESS ECM.
    std::uint16_t lastSw() const { return m_lastSw; }

private:
    ResponseApdu transmit(const CommandApdu& c);
    std::unique_ptr<carddesk::pcsc::Context> m_context;
    std::unique_ptr<carddesk::pcsc::Connection> m_connection; // after the context: it goes first
    CardEcmStats m_stats;
    std::uint16_t m_lastSw = 0;
    std::function<ResponseApdu(const CommandApdu&)> m_external;
};

// Today's date (UTC) as YYYYMMDD.
std::uint32_t todayYyyymmdd();

} // namespace cdos::descrambler
