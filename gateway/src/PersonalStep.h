#pragma once
// The pluggable "who is at the TV" step of a session: user choice, PIN, personal menu. Today DirectPersonalStep
// (the fallback: GET DATA and the e-purse VERIFY straight from the gateway); the card's proactive module
// (protocol/.../Proactive.h, docs/proactive.md) will drive the same step with DISPLAY TEXT / SELECT ITEM /
// GET INPUT / SET UP MENU rendered through the same UserInterface.
#include "carddesk/protocol/apdu/CommandSet.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace cdgw {

struct Login {
    std::uint8_t user = 0; // 1..8
    QString name;
    std::uint32_t permissions = 0;
    bool paymentPinVerified = false; // the e-purse VERIFY of this user succeeded in this card session
};

// Pay..Quit are the gateway's own choices (stable numbers for scripts); the rest are the card's personal services,
// reached through a menu entry the card granted (the permission value of the grant names the service).
enum class MenuAction { Pay, TopUp, Balance, Quit, LiveTv, Vod, Apps, Settings };

// The gateway's own actions a user may take (issue 11: a child without the purse right was offered "Pay"): pay
// and top-up only with their permission bits (the card refuses them anyway, 6986); the balance for everyone.
std::vector<MenuAction> gatewayActions(std::uint32_t permissions);
QString actionLabel(MenuAction a);

// The service a granted menu entry opens, from its permission bits (template bits: 0 live TV, 1 VOD, 2 purse,
// 3 top-up, 4 application download, 5 settings); nullopt when the entry names no service the gateway offers.
std::optional<MenuAction> serviceOf(std::uint32_t permission);

// A PIN as the card takes it: 4 to 12 digits. Anything else is not sent (issue 11: a 1-digit PIN went to the card).
bool pinShaped(const QString& pin);

class PersonalStep {
public:
    virtual ~PersonalStep() = default;
    // nullopt: refused or given up; the reason has been shown.
    virtual std::optional<Login> login() = 0;
    virtual MenuAction menu(const Login& who) = 0;
    // VERIFY of the user's payment PIN when the purchase needs it; the refusal (tries left, blocked) is shown.
    virtual bool verifyPaymentPin(Login& who) = 0;
    // The card's signed grant of the service last opened, for the headend ({user, entry, permission, mac}); empty
    // when the card gave none.
    virtual QJsonObject grantProof() const { return {}; }
};

} // namespace cdgw
