#pragma once
// A small, Qt-free PC/SC client for benchmarks and the stack-level tests over cardio's PC/SC core: it measures
// pcscd and the card, not the console's threading (cardio's owner thread).
#include "carddesk/cardio/link/Connection.h"
#include "carddesk/cardio/link/Context.h"

#include <chrono>
#include <string>
#include <vector>

namespace cdbench {

using PcscError = carddesk::pcsc::Error;

class PcscClient {
public:
    // Throws PcscError when pcscd is not there.
    PcscClient() = default;

    std::vector<std::string> readers() const { return m_context.readers(); }
    // Waits until `reader` holds a card (true) or the timeout passes (false).
    bool waitForCard(const std::string& reader, std::chrono::milliseconds timeout) const {
        return m_context.waitForCard(reader, timeout);
    }
    // Until the reader shows no card (vpcd notices a card process that went away at its next poll).
    bool waitForNoCard(const std::string& reader, std::chrono::milliseconds timeout) const {
        return m_context.waitForNoCard(reader, timeout);
    }
    // Waits for a card, connects, and retries until it answers GET DATA life cycle: a card that has just appeared
    // can lose its first command to pcscd's power-up of it (vpcd then drops the link). Throws PcscError.
    void connectWhenReady(const std::string& reader, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // T=1, leaving the card as it is when the connection ends. Throws PcscError.
    void connect(const std::string& reader) { m_connection.connect(m_context, reader, SCARD_PROTOCOL_T1); }
    void disconnect() { m_connection.disconnect(); }
    cdos::Bytes atr() const { return m_connection.atr(); }
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c) { return m_connection.transmit(c); }
    cdos::Transmit transmitter() { return m_connection.transmitter(); }

private:
    carddesk::pcsc::Context m_context;
    carddesk::pcsc::Connection m_connection; // after the context: it goes first
};

} // namespace cdbench
