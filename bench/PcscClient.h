#pragma once
// A minimal, Qt-free pcsc-lite client for benchmarks and the stack-level tests: it measures pcscd and the card,
// not the console's threading. The console's real PC/SC layer is cardio/.
#include "carddesk/protocol/Personaliser.h"

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>
#include <winscard.h>

namespace cdbench {

struct PcscError : std::runtime_error {
    PcscError(const std::string& what, long code);
    long code;
};

class PcscClient {
public:
    PcscClient();
    ~PcscClient();
    PcscClient(const PcscClient&) = delete;
    PcscClient& operator=(const PcscClient&) = delete;

    std::vector<std::string> readers() const;
    // Waits until `reader` holds a card (true) or the timeout passes (false).
    bool waitForCard(const std::string& reader, std::chrono::milliseconds timeout) const;
    // Until the reader shows no card (vpcd notices a card process that went away at its next poll).
    bool waitForNoCard(const std::string& reader, std::chrono::milliseconds timeout) const;
    // Waits for a card, connects, and retries until it answers GET DATA life cycle: a card that has just appeared
    // can lose its first command to pcscd's power-up of it (vpcd then drops the link). Throws PcscError.
    void connectWhenReady(const std::string& reader, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    void connect(const std::string& reader);
    void disconnect();
    cdos::Bytes atr() const;
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c);
    cdos::Transmit transmitter() {
        return [this](const cdos::CommandApdu& c) { return transmit(c); };
    }

private:
    SCARDCONTEXT m_ctx = 0;
    SCARDHANDLE m_card = 0;
};

} // namespace cdbench
