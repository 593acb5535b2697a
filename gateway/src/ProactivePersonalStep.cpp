#include "ProactivePersonalStep.h"

#include <algorithm>

#include "Messages.h"

#include "carddesk/headendapi/FieldReader.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"
#include "carddesk/protocol/perso/Personaliser.h"

namespace cdgw {

namespace api = carddesk::api;
namespace pa = cdos::proactive;

namespace {
QString text(const std::optional<std::string>& s) {
    return s ? QString::fromStdString(*s) : QString();
}
} // namespace

std::optional<MenuAction> serviceOf(std::uint32_t permission) {
    constexpr std::pair<std::uint32_t, MenuAction> kServices[] = {
        {1u << 0, MenuAction::LiveTv}, {1u << 1, MenuAction::Vod},  {1u << 2, MenuAction::Pay},
        {1u << 3, MenuAction::TopUp},  {1u << 4, MenuAction::Apps}, {1u << 5, MenuAction::Settings}};
    for (const auto& [bit, action] : kServices)
        if (permission & bit)
            return action;
    return std::nullopt;
}

bool pinShaped(const QString& pin) {
    return pin.size() >= 4 && pin.size() <= 12 &&
           std::all_of(pin.begin(), pin.end(), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

bool ProactivePersonalStep::start() {
    m_firstSw = m_tx(pa::terminalProfile(cdos::Bytes{0xFF}, Messages::chinese() ? "zh" : "en")).sw;
    return pa::isPending(m_firstSw);
}

bool ProactivePersonalStep::pump(std::uint16_t sw) {
    while (pa::isPending(sw)) {
        const auto fetched = m_tx(pa::fetch(pa::pendingLength(sw)));
        const auto cmd = pa::Command::decode(fetched.data);
        if (!fetched.ok() || !cmd) {
            m_ui.show(tr(Msg::CardError).arg(QStringLiteral("proactive command")));
            return false;
        }
        pa::TerminalResponse resp = pa::TerminalResponse::answering(*cmd);
        switch (cmd->type) {
        case pa::CommandType::DisplayText:
            m_ui.show(text(cmd->text));
            if (cmd->grant)
                m_grant = cmd->grant;
            break;
        case pa::CommandType::SelectItem: {
            QStringList items;
            for (const auto& i : cmd->items)
                items << QString::fromStdString(i.text);
            const auto pick = m_ui.choose(text(cmd->alpha), items);
            if (pick) {
                const auto& chosen = cmd->items[static_cast<std::size_t>(*pick)];
                resp.item = chosen.id;
                m_user = chosen.id; // the user list is the only SELECT ITEM: item id = user number
                m_userName = QString::fromStdString(chosen.text);
            } else {
                resp.result = pa::result::TerminatedByUser;
            }
            break;
        }
        case pa::CommandType::GetInput: {
            auto typed = m_ui.input(text(cmd->text), cmd->hiddenInput());
            // The card says how long the answer may be; a PIN outside it is asked again, never sent.
            while (typed && cmd->hiddenInput() && !pinShaped(*typed)) {
                m_ui.show(tr(Msg::PinFormat));
                typed = m_ui.input(text(cmd->text), cmd->hiddenInput());
            }
            if (typed)
                resp.text = typed->toStdString();
            else
                resp.result = pa::result::TerminatedByUser;
            break;
        }
        case pa::CommandType::SetUpMenu:
            m_menu = cmd->items;
            m_menuInstalled = true;
            break;
        }
        const bool gaveUp = resp.result == pa::result::TerminatedByUser;
        sw = m_tx(pa::terminalResponse(resp)).sw;
        if (gaveUp)
            return false;
    }
    return m_menuInstalled;
}

std::optional<Login> ProactivePersonalStep::login() {
    if (!pump(m_firstSw))
        return std::nullopt;
    m_ui.show(tr(Msg::Welcome).arg(m_userName));
    // The user's rights from the card (GET DATA 0107, answered inside the authenticated session), to offer only
    // what the user may do.
    if (const auto users = cdos::decodeUsers(m_tx(cdos::getData(cdos::tag::Users)).data))
        for (const auto& u : *users)
            if (u.profile.number == m_user)
                m_permissions = u.profile.permissions;
    // The card checked the login PIN itself; a purchase still asks for the payment PIN (the e-purse VERIFY).
    return Login{m_user, m_userName, m_permissions, false};
}

MenuAction ProactivePersonalStep::menu(const Login&) {
    // The gateway's actions first (stable numbers for a script), then the card's personal services, and the way out
    // last as 0.
    const std::vector<MenuAction> actions = gatewayActions(m_permissions);
    QStringList items;
    for (const MenuAction a : actions)
        items << actionLabel(a);
    const int own = static_cast<int>(items.size());
    for (const auto& i : m_menu)
        items << QString::fromStdString(i.text);
    for (;;) {
        const auto pick = m_ui.choose(tr(Msg::Menu), items, tr(Msg::MenuQuit));
        if (!pick || *pick == UserInterface::kLeave)
            return MenuAction::Quit;
        if (*pick < own)
            return actions[static_cast<std::size_t>(*pick)];
        // A card service: ENVELOPE (menu selection); the card answers with DISPLAY TEXT and a permission grant,
        // which alone opens the service (a refused entry gets no grant and the menu is shown again).
        const auto& entry = m_menu[static_cast<std::size_t>(*pick - own)];
        m_grant.reset();
        pump(m_tx(pa::envelope(pa::MenuSelection{entry.id})).sw);
        if (m_grant && m_grant->entryId == entry.id)
            if (const auto service = serviceOf(m_grant->permission))
                return *service;
    }
}

QJsonObject ProactivePersonalStep::grantProof() const {
    if (!m_grant || m_grant->mac.size() != 4)
        return {};
    return {{api::key::user, m_grant->user},
            {api::key::entry, m_grant->entryId},
            {api::key::permission, qint64(m_grant->permission)},
            {api::key::mac, api::hexText(m_grant->mac)}};
}

bool ProactivePersonalStep::verifyPaymentPin(Login& who) {
    for (;;) {
        const auto pin = m_ui.input(tr(Msg::PaymentPin), true);
        if (!pin)
            return false;
        if (!pinShaped(*pin)) {
            m_ui.show(tr(Msg::PinFormat));
            continue;
        }
        const auto r = m_tx(cdos::verifyPin(who.user, pin->toStdString()));
        if (r.ok())
            return who.paymentPinVerified = true;
        if ((r.sw & 0xFFF0) == 0x63C0 && (r.sw & 0x0F) > 0) {
            m_ui.show(tr(Msg::WrongPin).arg(r.sw & 0x0F));
            continue;
        }
        m_ui.show(r.sw == 0x6983 || r.sw == 0x63C0 ? tr(Msg::UserBlocked)
                                                   : tr(Msg::CardError).arg(Messages::statusWord(r.sw)));
        return false;
    }
}

} // namespace cdgw
