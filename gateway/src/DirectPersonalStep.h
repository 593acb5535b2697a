#pragma once
// FALLBACK personal step, used while the card has no proactive module: the gateway itself reads the users
// (GET DATA 0107) and the personal menu (GET DATA 0108), asks for the PIN and sends the e-purse VERIFY.
#include "PersonalStep.h"
#include "UserInterface.h"

#include "carddesk/protocol/apdu/Apdu.h"

namespace cdgw {

class DirectPersonalStep : public PersonalStep {
public:
    DirectPersonalStep(cdos::Transmit transmit, UserInterface& ui) : m_tx(std::move(transmit)), m_ui(ui) {}
    std::optional<Login> login() override;
    MenuAction menu(const Login& who) override;
    bool verifyPaymentPin(Login& who) override;

private:
    // VERIFY with one PIN input; false when refused or no input (the message shown).
    bool askAndVerify(std::uint8_t user, bool& gaveUp);
    cdos::Transmit m_tx;
    UserInterface& m_ui;
};

} // namespace cdgw
