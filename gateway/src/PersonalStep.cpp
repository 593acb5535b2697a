#include "PersonalStep.h"

#include "Messages.h"

namespace cdgw {

std::vector<MenuAction> gatewayActions(std::uint32_t permissions) {
    std::vector<MenuAction> out;
    if (permissions & cdos::perm::Purse)
        out.push_back(MenuAction::Pay);
    if (permissions & cdos::perm::TopUp)
        out.push_back(MenuAction::TopUp);
    out.push_back(MenuAction::Balance);
    return out;
}

QString actionLabel(MenuAction a) {
    switch (a) {
    case MenuAction::Pay:
        return tr(Msg::MenuPay);
    case MenuAction::TopUp:
        return tr(Msg::MenuTopUp);
    default:
        return tr(Msg::MenuBalance);
    }
}

} // namespace cdgw
