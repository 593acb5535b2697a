#pragma once
// The personal step driven by the card's proactive module (docs/proactive.md, protocol/.../Proactive.h): after
// TERMINAL PROFILE the card sends SELECT ITEM (users), GET INPUT (PIN, hidden), DISPLAY TEXT (refusals, grants) and
// SET UP MENU (the user's personal menu); the gateway only renders them and relays the person's answers.
// start() tells whether the card has the module; when it has not, the session uses DirectPersonalStep.
#include "PersonalStep.h"
#include "UserInterface.h"

#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/proactive/Proactive.h"

#include <vector>

namespace cdgw {

class ProactivePersonalStep : public PersonalStep {
public:
    ProactivePersonalStep(cdos::Transmit transmit, UserInterface& ui) : m_tx(std::move(transmit)), m_ui(ui) {}
    // TERMINAL PROFILE; true when the card answers with a pending proactive command (91xx).
    bool start();
    std::optional<Login> login() override;
    MenuAction menu(const Login& who) override;
    bool verifyPaymentPin(Login& who) override;
    QJsonObject grantProof() const override;

private:
    // Fetches and renders proactive commands until none is pending or SET UP MENU installed a menu.
    // False when the dialogue ended without a menu (user gave up, blocked...).
    bool pump(std::uint16_t sw);
    cdos::Transmit m_tx;
    UserInterface& m_ui;
    std::uint16_t m_firstSw = 0;
    std::vector<cdos::proactive::Item> m_menu;
    std::optional<cdos::proactive::PermissionGrant> m_grant; // of the last menu selection
    bool m_menuInstalled = false;
    std::uint8_t m_user = 0;
    QString m_userName;
    std::uint32_t m_permissions = 0;
};

} // namespace cdgw
