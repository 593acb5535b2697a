#pragma once
// What the vpcd link needs from a card: the ATR, the power events and one R-APDU per C-APDU. The card OS is one;
// the benchmark's echo card is another, so the link's cost can be measured apart from the card's.
#include "carddesk/protocol/apdu/Bytes.h"

namespace cdos::card {

class VirtualCard {
public:
    virtual ~VirtualCard() = default;
    virtual Bytes atr() const = 0;
    virtual void powerOn() = 0;
    virtual void reset() = 0;
    virtual void powerOff() = 0;
    // Always an R-APDU (data || SW1 SW2).
    virtual Bytes process(const Bytes& rawCapdu) = 0;
    // True once the last answer asked for the card to leave the reader (the hopper's eject): the link closes the
    // connection after sending that answer, which is a removal as pcscd sees it.
    virtual bool removeAfterAnswer() const { return false; }
};

} // namespace cdos::card
