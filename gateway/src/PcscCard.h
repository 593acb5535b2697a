#pragma once
// The gateway's PC/SC link to one reader: wait for a card, connect, transmit. Qt-free and blocking, so it lives on
// the gateway's worker thread only. A failed transmit (card pulled, reader gone) throws PcscCardError: the flows
// treat it as a lost answer and recover.
#include "carddesk/protocol/Personaliser.h"

#include <chrono>
#include <stdexcept>
#include <string>
#include <winscard.h>

namespace cdgw {

struct PcscCardError : std::runtime_error {
    PcscCardError(const std::string& what, long code) : std::runtime_error(what), code(code) {}
    long code;
};

class PcscCard {
public:
    explicit PcscCard(std::string reader);
    ~PcscCard();
    PcscCard(const PcscCard&) = delete;
    PcscCard& operator=(const PcscCard&) = delete;

    const std::string& reader() const { return m_reader; }
    // Waits until the reader holds a card, then connects (T=1). False after the timeout.
    bool waitAndConnect(std::chrono::milliseconds timeout);
    void disconnect();
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c);
    cdos::Transmit transmitter() {
        return [this](const cdos::CommandApdu& c) { return transmit(c); };
    }

private:
    std::string m_reader;
    SCARDCONTEXT m_ctx = 0;
    SCARDHANDLE m_card = 0;
};

} // namespace cdgw
