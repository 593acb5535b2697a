#pragma once
// The card in the hopper's reader as the vpcd link sees it: the hopper answers its pseudo-APDUs (CLA FF, INS E0..EF)
// itself, everything else goes to the card OS; after an eject's 9000 the link lets the card go.
#include "carddesk/card/transport/CardHopper.h"
#include "carddesk/card/transport/VirtualCard.h"

namespace cdos::card {

class HopperCard : public VirtualCard {
public:
    HopperCard(VirtualCard& card, CardHopper& hopper) : m_card(card), m_hopper(hopper) {}

    Bytes atr() const override { return m_card.atr(); }
    void powerOn() override { m_card.powerOn(); }
    void reset() override { m_card.reset(); }
    void powerOff() override { m_card.powerOff(); }
    Bytes process(const Bytes& rawCapdu) override {
        if (auto answer = m_hopper.answer(rawCapdu))
            return *answer;
        return m_card.process(rawCapdu);
    }
    bool removeAfterAnswer() const override { return m_hopper.pendingEject().has_value(); }

private:
    VirtualCard& m_card;
    CardHopper& m_hopper;
};

} // namespace cdos::card
