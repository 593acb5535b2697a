#include "DirectPersonalStep.h"

#include "Messages.h"

#include "carddesk/protocol/epurse/PurseTerminal.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <vector>

namespace cdgw {

namespace {
// The services of the card's personal menu (GET DATA 0108) the user may see: not hidden, every needed bit held.
QStringList visibleMenu(const cdos::Bytes& data, std::uint32_t permissions) {
    QStringList out;
    for (const auto& e : cdos::decodeMenu(data).value_or(std::vector<cdos::MenuEntry>{}))
        if (!e.hidden && (e.permission & permissions) == e.permission)
            out << QString::fromStdString(e.title);
    return out;
}
} // namespace

bool DirectPersonalStep::askAndVerify(std::uint8_t user, bool& gaveUp) {
    const auto pin = m_ui.input(tr(Msg::EnterPin), true);
    if (!pin) {
        gaveUp = true;
        return false;
    }
    if (!pinShaped(*pin)) {
        m_ui.show(tr(Msg::PinFormat));
        return false;
    }
    const auto r = m_tx(cdos::verifyPin(user, pin->toStdString()));
    if (r.ok())
        return true;
    if ((r.sw & 0xFFF0) == 0x63C0) {
        const int left = r.sw & 0x0F;
        m_ui.show(left == 0 ? tr(Msg::UserBlocked) : tr(Msg::WrongPin).arg(left));
        gaveUp = left == 0;
    } else if (r.sw == 0x6983) {
        m_ui.show(tr(Msg::UserBlocked));
        gaveUp = true;
    } else {
        m_ui.show(tr(Msg::CardError).arg(Messages::statusWord(r.sw)));
        gaveUp = true;
    }
    return false;
}

std::optional<Login> DirectPersonalStep::login() {
    m_ui.show(tr(Msg::FallbackLogin));
    const auto users =
        cdos::decodeUsers(m_tx(cdos::getData(cdos::tag::Users)).data).value_or(std::vector<cdos::UserStatus>{});
    if (users.empty()) {
        m_ui.show(tr(Msg::NoUsers));
        return std::nullopt;
    }
    QStringList items;
    for (const auto& u : users)
        items << QString::fromStdString(u.profile.name);
    const auto pick = m_ui.choose(tr(Msg::ChooseUser), items);
    if (!pick)
        return std::nullopt;
    const cdos::UserStatus& u = users[static_cast<std::size_t>(*pick)];
    const QString name = QString::fromStdString(u.profile.name);
    if (u.retriesLeft == 0) {
        m_ui.show(tr(Msg::UserBlocked));
        return std::nullopt;
    }
    for (bool gaveUp = false; !gaveUp;) {
        if (askAndVerify(u.profile.number, gaveUp)) {
            m_ui.show(tr(Msg::Welcome).arg(name));
            return Login{u.profile.number, name, u.profile.permissions, true};
        }
    }
    return std::nullopt;
}

MenuAction DirectPersonalStep::menu(const Login& who) {
    // The card's own personal menu is shown for the person; the gateway's actions are the choices.
    const QStringList services = visibleMenu(m_tx(cdos::getData(cdos::tag::Menu)).data, who.permissions);
    if (!services.isEmpty())
        m_ui.show(QStringLiteral("[") + services.join(QStringLiteral(" | ")) + QStringLiteral("]"));
    const std::vector<MenuAction> actions = gatewayActions(who.permissions);
    QStringList items;
    for (const MenuAction a : actions)
        items << actionLabel(a);
    const auto pick = m_ui.choose(tr(Msg::Menu), items, tr(Msg::MenuQuit));
    if (!pick || *pick == UserInterface::kLeave)
        return MenuAction::Quit;
    return actions[static_cast<std::size_t>(*pick)];
}

bool DirectPersonalStep::verifyPaymentPin(Login& who) {
    m_ui.show(tr(Msg::PaymentPin));
    bool gaveUp = false;
    while (!gaveUp)
        if (askAndVerify(who.user, gaveUp))
            return who.paymentPinVerified = true;
    return false;
}

} // namespace cdgw
