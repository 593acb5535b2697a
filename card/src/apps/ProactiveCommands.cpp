#include "carddesk/card/apps/ProactiveCommands.h"

#include "carddesk/card/apps/AuthenticationCommands.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/auth/Authentication.h"

#include <algorithm>

namespace cdos::card {

namespace {

namespace pa = cdos::proactive;
using Phase = ProactiveSession::Phase;

// A proactive command must fit the one-byte length of 91xx.
constexpr std::size_t kMaxCommand = 255;

// Wipes a PIN held in a std::string when the handler leaves, whichever way it leaves.
struct PinGuard {
    std::string& pin;
    ~PinGuard() {
        if (!pin.empty())
            secureZero(pin.data(), pin.size());
    }
};

ProactiveSession& dialogue(CommandContext& ctx, std::uint8_t maxP1 = 0) {
    // Only an authenticated terminal may talk to the user through the card ([0011]).
    if (!ctx.os.session().authenticated)
        throw StatusError(sw::SecurityNotSatisfied);
    if (ctx.apdu.p1 > maxP1 || ctx.apdu.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    return ctx.os.session().proactive;
}

// The card's own sentences (the names and titles are the issuer's, in whatever language they were written).
struct Words {
    const char* users;
    const char* pinFor;     // %1 = user name
    const char* isBlocked;  // %1 = user name
    const char* nowBlocked; // %1 = user name
    const char* triesLeft;  // %1 = tries
    const char* oneTryLeft;
};
constexpr Words kEnglish{"Users",
                         "PIN for %1",
                         "%1 is blocked",
                         "Wrong PIN. %1 is now blocked",
                         "Wrong PIN. %1 tries left",
                         "Wrong PIN. 1 try left"};
constexpr Words kChinese{"用户",
                         "请输入%1的密码",
                         "%1已被锁定",
                         "密码错误，%1已被锁定",
                         "密码错误，还可再试 %1 次",
                         "密码错误，还可再试 1 次"};

const Words& words(const ProactiveSession& s) {
    return s.language == "zh" ? kChinese : kEnglish;
}

std::string fill(const char* pattern, const std::string& value) {
    std::string out = pattern;
    if (const auto at = out.find("%1"); at != std::string::npos)
        out.replace(at, 2, value);
    return out;
}

// The holder's language written at issuance (holder file, tag 05); empty when none or unreadable.
std::string holderLanguage(CardOs& os) {
    const auto index = os.files().child(FileSystem::kMf, fid::Holder);
    if (!index)
        return {};
    const FileInfo f = os.files().file(*index);
    if (f.type != FileType::Transparent)
        return {};
    const auto holder = HolderData::decode(os.files().readBinary(f, 0, f.bodySize));
    return holder && pa::cardSpeaks(holder->language) ? holder->language : std::string();
}

void dropLastUtf8Char(std::string& s) {
    while (!s.empty()) {
        const auto c = static_cast<std::uint8_t>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80)
            break;
    }
}

// Queues `c` for FETCH and answers 91xx. Long names and titles are shortened (whole UTF-8 characters) so that
// eight users or sixteen menu entries still fit one command.
ResponseApdu queue(ProactiveSession& s, pa::Command c, Phase phase, Phase next = Phase::Off) {
    c.number = s.number = static_cast<std::uint8_t>(s.number % 0xFE + 1);
    Bytes encoded = c.encode();
    while (encoded.size() > kMaxCommand && !c.items.empty()) {
        auto longest = std::max_element(c.items.begin(), c.items.end(), [](const pa::Item& a, const pa::Item& b) {
            return a.text.size() < b.text.size();
        });
        if (longest->text.empty())
            break;
        dropLastUtf8Char(longest->text);
        encoded = c.encode();
    }
    if (encoded.size() > kMaxCommand)
        throw StatusError(sw::InternalError);
    s.pending = std::move(encoded);
    s.fetched.reset();
    s.phase = phase;
    s.next = next;
    return ResponseApdu{{}, static_cast<std::uint16_t>(pa::kSwPendingBase | s.pending.size())};
}

ResponseApdu done(ProactiveSession& s, Phase phase) {
    s.pending.clear();
    s.fetched.reset();
    s.phase = phase;
    return ResponseApdu{{}, sw::Ok};
}

pa::Command display(const std::string& text, std::optional<pa::PermissionGrant> grant = std::nullopt) {
    pa::Command c;
    c.type = pa::CommandType::DisplayText;
    c.qualifier = pa::qualifier::DisplayWaitForUser;
    c.destination = pa::device::Display;
    c.text = text;
    c.grant = grant;
    return c;
}

ResponseApdu userList(CardOs& os, ProactiveSession& s) {
    pa::Command c;
    c.type = pa::CommandType::SelectItem;
    c.destination = pa::device::Terminal;
    c.alpha = words(s).users;
    for (const auto& u : os.users().list())
        c.items.push_back({u.profile.number, u.profile.name});
    if (c.items.empty())
        throw StatusError(sw::DataNotFound);
    s.user = 0;
    os.session().verifiedUser = 0;
    return queue(s, std::move(c), Phase::UserList);
}

ResponseApdu pinBox(const UserStatus& u, ProactiveSession& s) {
    pa::Command c;
    c.type = pa::CommandType::GetInput;
    c.qualifier = pa::qualifier::GetInputHidden; // digits only, never echoed
    c.destination = pa::device::Terminal;
    c.text = fill(words(s).pinFor, u.profile.name);
    c.minLength = 4;
    c.maxLength = 12;
    return queue(s, std::move(c), Phase::PinBox);
}

// The logged-in user's menu entries: not hidden, and every permission bit the entry needs is one of the user's.
std::vector<MenuEntry> visibleMenu(CardOs& os, std::uint32_t permissions) {
    std::vector<MenuEntry> out;
    const auto index = os.files().child(FileSystem::kMf, fid::Menu);
    if (!index)
        return out;
    const FileInfo f = os.files().file(*index);
    if (f.type != FileType::LinearFixed)
        return out;
    const std::uint8_t used = os.files().recordsUsed(f);
    for (std::uint8_t n = 1; n <= used; ++n) {
        const Bytes r = os.files().readRecord(f, n);
        if (std::all_of(r.begin(), r.end(), [](std::uint8_t b) { return b == 0; }))
            continue; // a free slot
        const auto e = MenuEntry::decodeRecord(r.data(), r.size());
        if (e && !e->hidden && (e->permission & permissions) == e->permission)
            out.push_back(*e);
    }
    return out;
}

ResponseApdu menu(CardOs& os, ProactiveSession& s, const UserStatus& u) {
    pa::Command c;
    c.type = pa::CommandType::SetUpMenu;
    c.destination = pa::device::Terminal;
    c.alpha = u.profile.name;
    for (const auto& e : visibleMenu(os, u.profile.permissions))
        c.items.push_back({e.id, e.title});
    return queue(s, std::move(c), Phase::Menu);
}

ResponseApdu afterNotice(CardOs& os, ProactiveSession& s) {
    if (s.next == Phase::PinBox) {
        if (const auto u = os.users().find(s.user); u && u->retriesLeft > 0)
            return pinBox(*u, s);
    }
    return userList(os, s);
}

ResponseApdu checkPin(CommandContext& ctx, ProactiveSession& s, const pa::TerminalResponse& r) {
    CardOs& os = ctx.os;
    if (!r.text)
        throw StatusError(sw::IncorrectData);
    std::string digits = *r.text;
    PinGuard guard{digits};
    if (!isValidPin(digits))
        throw StatusError(sw::IncorrectData); // not a try: the terminal sent something that cannot be a PIN
    const auto u = os.users().find(s.user);
    if (!u)
        throw StatusError(sw::DataNotFound);
    if (u->retriesLeft == 0)
        return queue(s, display(fill(words(s).isBlocked, u->profile.name)), Phase::Notice, Phase::UserList);
    // The try is spent and committed before the comparison, and given back on a match (CardOs::guardedGuess).
    const auto guess = os.guardedGuess(
        u->retriesLeft, u->profile.maxRetries, [&](std::uint8_t n) { os.users().setRetriesLeft(s.user, n); },
        [&] { return os.users().pinMatches(s.user, digits); });
    ctx.keepChanges = true;
    if (guess.matched) {
        os.session().verifiedUser = s.user;
        return menu(os, s, *u);
    }
    const std::uint8_t left = guess.triesLeft;
    if (left == 0)
        return queue(s, display(fill(words(s).nowBlocked, u->profile.name)), Phase::Notice, Phase::UserList);
    return queue(s, display(left == 1 ? words(s).oneTryLeft : fill(words(s).triesLeft, std::to_string(left))),
                 Phase::Notice, Phase::PinBox);
}

} // namespace

void ProactiveCommands::install(CardOs& os) {
    // Personalised cards only, like the authentication that must come first.
    using Sm = CardOs::SmPolicy;
    os.registerCommand(cla::Proprietary, pa::ins::TerminalProfile, Sm::None, CardOs::inPersonalised, terminalProfile);
    os.registerCommand(cla::Proprietary, pa::ins::Fetch, Sm::None, CardOs::inPersonalised, fetch);
    os.registerCommand(cla::Proprietary, pa::ins::TerminalResponse, Sm::None, CardOs::inPersonalised, terminalResponse);
    os.registerCommand(cla::Proprietary, pa::ins::Envelope, Sm::None, CardOs::inPersonalised, envelope);
}

ResponseApdu ProactiveCommands::terminalProfile(CommandContext& ctx) {
    ProactiveSession& s = dialogue(ctx, pa::kProfileWithLanguage);
    if (ctx.apdu.data.empty() || ctx.apdu.data.size() > 32)
        throw StatusError(sw::WrongLength);
    std::string language;
    if (ctx.apdu.p1 == pa::kProfileWithLanguage) {
        const auto said = pa::profileLanguage(ctx.apdu.data);
        if (!said || !pa::cardSpeaks(*said))
            throw StatusError(sw::IncorrectData);
        language = *said;
    }
    // A new TERMINAL PROFILE starts the dialogue over: nobody is logged in any more.
    s = ProactiveSession();
    s.language = language.empty() ? holderLanguage(ctx.os) : language;
    return userList(ctx.os, s);
}

ResponseApdu ProactiveCommands::fetch(CommandContext& ctx) {
    ProactiveSession& s = dialogue(ctx);
    if (!ctx.apdu.data.empty())
        throw StatusError(sw::WrongLength);
    if (s.pending.empty())
        throw StatusError(sw::ConditionsNotSatisfied);
    const int le = ctx.apdu.le;
    if (le != 256 && le != static_cast<int>(s.pending.size()))
        throw StatusError(le < 0 ? sw::WrongLength : sw::wrongLe(static_cast<std::uint8_t>(s.pending.size())));
    Bytes out = std::move(s.pending);
    s.pending.clear();
    s.fetched = pa::Command::decode(out);
    return ResponseApdu{std::move(out), sw::Ok};
}

ResponseApdu ProactiveCommands::terminalResponse(CommandContext& ctx) {
    ProactiveSession& s = dialogue(ctx);
    const auto r = pa::TerminalResponse::decode(ctx.apdu.data);
    if (!r)
        throw StatusError(sw::IncorrectData);
    // It must answer the command the terminal fetched: a PIN box answered while the user list is shown is refused
    // and spends no try.
    if (!s.fetched || r->number != s.fetched->number || r->type != s.fetched->type)
        throw StatusError(sw::ConditionsNotSatisfied);
    CardOs& os = ctx.os;
    if (r->result == pa::result::TerminatedByUser)
        return done(s, Phase::Off);
    const bool ok = r->result == pa::result::Ok;
    switch (s.phase) {
    case Phase::UserList: {
        if (!ok)
            return done(s, Phase::Off);
        if (!r->item)
            throw StatusError(sw::IncorrectData);
        const auto u = os.users().find(*r->item);
        if (!u)
            throw StatusError(sw::IncorrectData);
        s.user = u->profile.number;
        if (u->retriesLeft == 0)
            return queue(s, display(fill(words(s).isBlocked, u->profile.name)), Phase::Notice, Phase::UserList);
        return pinBox(*u, s);
    }
    case Phase::PinBox:
        if (r->result == pa::result::BackwardMove)
            return userList(os, s);
        if (!ok)
            return done(s, Phase::Off);
        return checkPin(ctx, s, *r);
    case Phase::Notice:
        return afterNotice(os, s);
    case Phase::Menu:
        return done(s, ok ? Phase::Idle : Phase::Off);
    case Phase::Grant:
        return done(s, Phase::Idle);
    case Phase::Off:
    case Phase::Idle:
        break;
    }
    throw StatusError(sw::ConditionsNotSatisfied);
}

ResponseApdu ProactiveCommands::envelope(CommandContext& ctx) {
    ProactiveSession& s = dialogue(ctx);
    const auto m = pa::MenuSelection::decode(ctx.apdu.data);
    if (!m)
        throw StatusError(sw::IncorrectData);
    // Only from an installed menu, with a logged-in user.
    if (s.phase != Phase::Idle || s.user == 0 || ctx.os.session().verifiedUser != s.user)
        throw StatusError(sw::ConditionsNotSatisfied);
    const auto u = ctx.os.users().find(s.user);
    if (!u)
        throw StatusError(sw::ConditionsNotSatisfied);
    for (const auto& e : visibleMenu(ctx.os, u->profile.permissions))
        if (e.id == m->item) {
            // Signed for the headend with the authentication's session key (docs/authentication.md).
            pa::PermissionGrant grant{e.id, e.permission, s.user, {}};
            const CardSession& cs = ctx.os.session();
            if (cs.authenticated && !cs.sessionKey.empty())
                grant.mac = auth::grantMac(cs.sessionKey.bytes(), AuthenticationCommands::cardNumber(ctx.os), s.user,
                                           e.id, e.permission);
            return queue(s, display(e.title, grant), Phase::Grant);
        }
    // Hidden, not allowed or absent: the terminal gets no permission value for it.
    throw StatusError(sw::DataNotFound);
}

} // namespace cdos::card
