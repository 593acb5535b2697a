#pragma once
// DVB-CISSA (ETSI TS 103 127): AES-128-CBC over each TS packet payload with the fixed IV "DVBTMCPTAESCISSA";
// the payload is rounded down to whole 16-byte blocks and the remainder stays clear.
#include "carddesk/protocol/apdu/Bytes.h"

#include <memory>

namespace cdos::ts {

class Cissa {
public:
    // key16 is the 16-byte control word.
    Cissa(const Bytes& key16, bool encrypt);
    ~Cissa();
    Cissa(const Cissa&) = delete;
    Cissa& operator=(const Cissa&) = delete;
    // Processes the payload in place (whole blocks only).
    void process(std::uint8_t* payload, std::size_t size);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace cdos::ts
