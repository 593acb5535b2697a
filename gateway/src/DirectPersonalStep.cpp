#include "DirectPersonalStep.h"

#include "Messages.h"

#include "carddesk/protocol/epurse/PurseTerminal.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <vector>

namespace cdgw {

namespace {
struct CardUser {
    std::uint8_t number = 0;
    std::uint32_t permissions = 0;
    std::uint8_t triesLeft = 0;
    QString name;
};

// GET DATA 0107: count(1), then number(1) permissions(4) retries left(1) max retries(1) nameLen(1) name.
std::vector<CardUser> parseUsers(const cdos::Bytes& d) {
    std::vector<CardUser> out;
    if (d.empty())
        return out;
    std::size_t at = 1;
    for (int i = 0; i < d[0] && at + 8 <= d.size(); ++i) {
        CardUser u;
        u.number = d[at];
        u.permissions = cdos::getU32(d.data() + at + 1);
        u.triesLeft = d[at + 5];
        const std::size_t len = d[at + 7];
        if (at + 8 + len > d.size())
            break;
        u.name = QString::fromUtf8(reinterpret_cast<const char*>(d.data() + at + 8), static_cast<qsizetype>(len));
        at += 8 + len;
        out.push_back(u);
    }
    return out;
}

// GET DATA 0108: count(1), then id(1) permission needed(4) flags(1, bit0 hidden) titleLen(1) title.
QStringList visibleMenu(const cdos::Bytes& d, std::uint32_t permissions) {
    QStringList out;
    if (d.empty())
        return out;
    std::size_t at = 1;
    for (int i = 0; i < d[0] && at + 7 <= d.size(); ++i) {
        const std::uint32_t needed = cdos::getU32(d.data() + at + 1);
        const bool hidden = d[at + 5] & 0x01;
        const std::size_t len = d[at + 6];
        if (at + 7 + len > d.size())
            break;
        if (!hidden && (needed & permissions) == needed)
            out << QString::fromUtf8(reinterpret_cast<const char*>(d.data() + at + 7), static_cast<qsizetype>(len));
        at += 7 + len;
    }
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
    const auto users = parseUsers(m_tx(cdos::getData(0x0107)).data);
    if (users.empty()) {
        m_ui.show(tr(Msg::CardError).arg(QStringLiteral("no users")));
        return std::nullopt;
    }
    QStringList items;
    for (const auto& u : users)
        items << u.name;
    const auto pick = m_ui.choose(tr(Msg::ChooseUser), items);
    if (!pick)
        return std::nullopt;
    const CardUser& u = users[static_cast<std::size_t>(*pick)];
    if (u.triesLeft == 0) {
        m_ui.show(tr(Msg::UserBlocked));
        return std::nullopt;
    }
    for (bool gaveUp = false; !gaveUp;) {
        if (askAndVerify(u.number, gaveUp)) {
            m_ui.show(tr(Msg::Welcome).arg(u.name));
            return Login{u.number, u.name, u.permissions, true};
        }
    }
    return std::nullopt;
}

MenuAction DirectPersonalStep::menu(const Login& who) {
    // The card's own personal menu is shown for the person; the gateway's actions are the choices.
    const QStringList services = visibleMenu(m_tx(cdos::getData(0x0108)).data, who.permissions);
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
