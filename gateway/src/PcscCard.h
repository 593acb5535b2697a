#pragma once
// The gateway's PC/SC link to one reader: wait for a card, connect, transmit, over cardio's PC/SC core (one rule for
// a card that went away). Qt-free and blocking, so it lives on the gateway's worker thread only. A failed transmit
// (card pulled, reader gone, pcscd restarted) throws PcscCardError: the flows treat it as a lost answer and recover.
// pcscd killed or restarted under the gateway leaves the PC/SC context dead for good: the next wait for a card notices
// (SCARD_E_NO_SERVICE and kin), says so, and makes a new context once pcscd is back (issue 16).
#include "carddesk/cardio/link/Connection.h"
#include "carddesk/cardio/link/Context.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cdgw {

using PcscCardError = carddesk::pcsc::Error;

class PcscCard {
public:
    // One line for the technician's log each time pcscd goes away and comes back.
    using Notice = std::function<void(const std::string&)>;

    // Does not need pcscd yet: the first wait for a card waits for it too.
    explicit PcscCard(std::string reader, Notice notice = {});

    const std::string& reader() const { return m_reader; }
    // Waits until the reader holds a card, then connects (T=1); pcscd gone meanwhile is waited for. False after the
    // timeout.
    bool waitAndConnect(std::chrono::milliseconds timeout);
    // The readers pcscd has now, to tell a missing reader from an empty one. Throws PcscCardError (NoService).
    std::vector<std::string> readers();
    // Resets the card as it lets it go (so does the destructor): the next holder must not inherit a verified PIN.
    void disconnect() { m_connection.disconnect(); }
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c) { return m_connection.transmit(c); }
    cdos::Transmit transmitter() { return m_connection.transmitter(); }

private:
    // A context, made anew after pcscd went away; false while pcscd is not there.
    bool ensureContext();
    void serviceLost(const PcscCardError& e);

    std::string m_reader;
    Notice m_notice;
    bool m_serviceLost = false; // said once until pcscd is back
    std::optional<carddesk::pcsc::Context> m_context;
    carddesk::pcsc::Connection m_connection; // after the context: it goes first
};

} // namespace cdgw
