#pragma once
// The gateway's PC/SC link to one reader: wait for a card, connect, transmit, over cardio's PC/SC core (one rule for
// a card that went away). Qt-free and blocking, so it lives on the gateway's worker thread only. A failed transmit
// (card pulled, reader gone) throws PcscCardError: the flows treat it as a lost answer and recover.
#include "carddesk/cardio/link/Connection.h"
#include "carddesk/cardio/link/Context.h"

#include <chrono>
#include <string>
#include <vector>

namespace cdgw {

using PcscCardError = carddesk::pcsc::Error;

class PcscCard {
public:
    // Throws PcscCardError when pcscd is not there.
    explicit PcscCard(std::string reader);

    const std::string& reader() const { return m_reader; }
    // Waits until the reader holds a card, then connects (T=1). False after the timeout.
    bool waitAndConnect(std::chrono::milliseconds timeout);
    // The readers pcscd has now, to tell a missing reader from an empty one.
    std::vector<std::string> readers() const { return m_context.readers(); }
    // Resets the card as it lets it go (so does the destructor): the next holder must not inherit a verified PIN.
    void disconnect() { m_connection.disconnect(); }
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c) { return m_connection.transmit(c); }
    cdos::Transmit transmitter() { return m_connection.transmitter(); }

private:
    std::string m_reader;
    carddesk::pcsc::Context m_context;
    carddesk::pcsc::Connection m_connection; // after the context: it goes first
};

} // namespace cdgw
