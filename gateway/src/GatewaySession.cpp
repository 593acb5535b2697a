#include "GatewaySession.h"

#include "AppStep.h"
#include "DirectPersonalStep.h"
#include "HeadendRefusal.h"
#include "MenuEditStep.h"
#include "Messages.h"
#include "ProactivePersonalStep.h"
#include "VodStep.h"

#include "carddesk/headendapi/AuthMessages.h"
#include "carddesk/headendapi/FieldReader.h"
#include "carddesk/headendapi/LoadMessages.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/PurchaseMessages.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"

#include <QJsonObject>
#include <QStringList>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <cstdio>

namespace cdgw {

namespace {
cdos::Bytes bytes(const QString& hex) {
    return cdos::fromHex(hex.toStdString()).value_or(cdos::Bytes{});
}
} // namespace

QString swText(std::uint16_t sw) {
    return QStringLiteral("%1 %2").arg(sw, 4, 16, QLatin1Char('0')).toUpper().arg(Messages::statusWord(sw));
}

QString formatYuan(std::int64_t fen) {
    const QString sign = fen < 0 ? QStringLiteral("-") : QString();
    const std::int64_t a = fen < 0 ? -fen : fen;
    return sign + QStringLiteral("%1.%2").arg(a / 100).arg(a % 100, 2, 10, QLatin1Char('0'));
}

std::optional<std::uint32_t> parseYuan(const QString& text) {
    const QStringList parts = text.trimmed().split(QLatin1Char('.'));
    if (parts.size() > 2 || parts[0].isEmpty() || (parts.size() == 2 && parts[1].size() > 2))
        return std::nullopt;
    bool ok1 = false, ok2 = true;
    const qint64 yuan = parts[0].toLongLong(&ok1);
    qint64 fen = 0;
    if (parts.size() == 2 && !parts[1].isEmpty())
        fen = parts[1].leftJustified(2, QLatin1Char('0')).toLongLong(&ok2);
    const qint64 total = yuan * 100 + fen;
    if (!ok1 || !ok2 || yuan < 0 || total <= 0 || total > 0x7FFFFFFF)
        return std::nullopt;
    return static_cast<std::uint32_t>(total);
}

GatewaySession::GatewaySession(PcscCard& card, HeadendClient& headend, UserInterface& ui,
                               const cdos::ep::TerminalId& terminal)
    : m_card(card), m_headend(headend), m_ui(ui), m_terminal(terminal) {}

bool GatewaySession::connectCard(std::chrono::milliseconds waitForCard) {
    m_ui.show(tr(Msg::WaitingForCard).arg(QString::fromStdString(m_card.reader())));
    if (!m_card.waitAndConnect(waitForCard)) {
        // A mistyped or unplugged reader is not "no card": say which readers there are.
        std::vector<std::string> readers;
        try {
            readers = m_card.readers();
        } catch (const PcscCardError& e) {
            m_ui.show(Messages::linkError(e)); // pcscd still not there
            return false;
        }
        if (std::find(readers.begin(), readers.end(), m_card.reader()) != readers.end()) {
            m_ui.show(tr(Msg::NoCard));
        } else {
            QStringList names;
            for (const auto& r : readers)
                names << QStringLiteral("\"%1\"").arg(QString::fromStdString(r));
            m_ui.show(names.isEmpty()
                          ? tr(Msg::NoReaderAtAll).arg(QString::fromStdString(m_card.reader()))
                          : tr(Msg::NoSuchReader)
                                .arg(QString::fromStdString(m_card.reader()), names.join(QStringLiteral(", "))));
        }
        return false;
    }
    m_ui.show(tr(Msg::CardIn));
    return true;
}

std::optional<Login> GatewaySession::login() {
    // The card's proactive module drives user, PIN and menu when it has one; otherwise the direct fallback.
    auto proactive = std::make_unique<ProactivePersonalStep>(m_card.transmitter(), m_ui);
    if (!m_directLogin && proactive->start())
        m_step = std::move(proactive);
    else
        m_step = std::make_unique<DirectPersonalStep>(m_card.transmitter(), m_ui);
    return m_step->login();
}

int GatewaySession::run(std::chrono::milliseconds waitForCard) {
    if (!connectCard(waitForCard))
        return 2;
    try {
        if (!authenticate())
            return 1;
        auto who = login();
        if (!who)
            return 1;
        int refusals = 0;
        for (;;) {
            const MenuAction a = m_step->menu(*who);
            if (a == MenuAction::Quit)
                break;
            if (a == MenuAction::Balance) {
                refusals += showBalance() ? 0 : 1;
                continue;
            }
            if (a == MenuAction::LiveTv || a == MenuAction::Vod || a == MenuAction::Apps || a == MenuAction::Settings) {
                refusals += runService(a, *who) ? 0 : 1;
                continue;
            }
            const auto amount = askAmount();
            if (!amount)
                continue;
            const bool done = a == MenuAction::Pay ? pay(*who, *amount) : topUp(*amount);
            refusals += done ? 0 : 1;
        }
        m_ui.show(tr(Msg::Bye));
        return refusals ? 1 : 0;
    } catch (const PcscCardError& e) {
        // Words for the person at the screen; pcsc-lite's code and text for the technician's log (stderr).
        m_ui.show(Messages::linkError(e));
        std::fprintf(stderr, "carddesk-gateway: %s\n", e.what());
        return 1;
    }
}

bool GatewaySession::runService(MenuAction a, Login& who) {
    switch (a) {
    case MenuAction::LiveTv:
        return TvStep(m_card.transmitter(), m_ui, m_tv).watchLive();
    case MenuAction::Vod: {
        TvStep tv(m_card.transmitter(), m_ui, m_tv);
        return VodStep(
                   m_card.transmitter(), m_ui, m_headend, tv, m_tv,
                   [this](Login& w, std::uint32_t price, qint64 titleId) { return buyTitle(w, price, titleId); },
                   [this](Login& w) { return m_step->verifyPaymentPin(w); })
            .run(who);
    }
    case MenuAction::Settings:
        return MenuEditStep(m_card.transmitter(), m_ui).edit(who);
    case MenuAction::Apps:
        return AppStep(m_card, m_headend, m_ui, m_step->grantProof()).run();
    default:
        (void)who;
        m_ui.show(tr(Msg::ServiceUnavailable));
        return false;
    }
}

bool GatewaySession::accepted(const HeadendReply& r) {
    if (r.ok())
        return true;
    m_ui.show(refusalText(r, {{api::Refusal::UnknownCard, Msg::UnknownCard},
                              {api::Refusal::BlockedCard, Msg::BlockedCard},
                              {api::Refusal::BankRefused, Msg::BankRefused}}));
    return false;
}

HeadendReply GatewaySession::postRetrying(const QString& path, const QJsonObject& body) {
    HeadendReply r;
    for (int attempt = 0; attempt < 3; ++attempt) {
        r = m_headend.post(path, body);
        if (r.kind != HeadendReply::Kind::Unreachable)
            break;
        QThread::msleep(500);
    }
    return r;
}

bool GatewaySession::authenticate() {
    namespace auth = cdos::auth;
    m_ui.show(tr(Msg::Authenticating));
    // The card keeps what the last terminal selected (a warm connection is not a reset): the authentication
    // commands are the MF's, not those of an application left selected, whose own commands may share the codes.
    const auto mf = tx(cdos::selectFid(cdos::fid::Mf));
    if (!mf.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(mf.sw)));
        return false;
    }
    const HeadendReply init = m_headend.post(api::path::authInit, {});
    if (!accepted(init))
        return false;
    const auto r1 = answerOf<api::AuthChallenge>(init.json);
    if (!r1)
        return false;
    const auto a1 = tx(auth::authInit(r1->random));
    if (!a1.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(a1.sw)));
        return false;
    }
    const HeadendReply card = m_headend.post(api::path::authCard, api::AuthCardRequest{r1->authId, a1.data}.toJson());
    if (!accepted(card))
        return false;
    const auto r2 = answerOf<api::AuthChallenge>(card.json);
    if (!r2)
        return false;
    const auto a2 = tx(auth::authenticate(r2->random));
    if (!a2.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(a2.sw)));
        return false;
    }
    const HeadendReply verify =
        m_headend.post(api::path::authVerify, api::AuthVerifyRequest{r1->authId, a2.data}.toJson());
    if (!accepted(verify))
        return false;
    const auto r3 = answerOf<api::AuthSession>(verify.json);
    if (!r3)
        return false;
    const auto a3 = tx(auth::authResult(r3->cardNumberCryptogram));
    if (!a3.ok()) {
        m_ui.show(tr(Msg::CardRefusedHeadend).arg(swText(a3.sw)));
        return false;
    }
    m_headend.setSessionToken(r3->sessionToken);
    const auto number = tx(cdos::getData(0x0101));
    m_ui.show(tr(Msg::Authenticated).arg(api::hexText(number.data), Messages::localTime(r3->expiresAt)));
    return true;
}

bool GatewaySession::selectPurse() {
    const auto r = tx(cdos::selectAid(cdos::ep::kPurseAid));
    if (!r.ok())
        m_ui.show(tr(Msg::CardError).arg(swText(r.sw)));
    return r.ok();
}

std::optional<std::uint32_t> GatewaySession::askAmount() {
    const auto text = m_ui.input(tr(Msg::Amount), false);
    if (!text)
        return std::nullopt;
    const auto fen = parseYuan(*text);
    if (!fen)
        m_ui.show(tr(Msg::BadAmount));
    return fen;
}

bool GatewaySession::showBalance() {
    if (!selectPurse())
        return false;
    const auto r = tx(cdos::ep::getBalance());
    if (!r.ok() || r.data.size() != 4) {
        m_ui.show(tr(Msg::CardError).arg(swText(r.sw)));
        return false;
    }
    m_ui.show(tr(Msg::Balance).arg(formatYuan(cdos::getU32(r.data.data()))));
    return true;
}

QString GatewaySession::newRequestId(const char* kind) const {
    return QStringLiteral("gw-%1-%2").arg(QLatin1String(kind), QUuid::createUuid().toString(QUuid::WithoutBraces));
}

bool GatewaySession::reconnect() {
    m_ui.show(tr(Msg::Recovering));
    // pcscd may still show the card that went away for a moment (vpcd polls): a failed SELECT means "not yet".
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < end) {
        if (!m_card.waitAndConnect(std::chrono::seconds(1)))
            continue;
        try {
            return selectPurse();
        } catch (const PcscCardError&) {
            QThread::msleep(200);
        }
    }
    m_ui.show(tr(Msg::NoCard));
    return false;
}

bool GatewaySession::pay(Login& who, std::uint32_t amount) {
    return purchase(who, amount, std::nullopt).has_value();
}

std::optional<api::VodPurchaseAnswer> GatewaySession::buyTitle(Login& who, std::uint32_t price, qint64 titleId) {
    const auto paid = purchase(who, price, titleId);
    return paid ? answerOf<api::VodPurchaseAnswer>(*paid) : std::nullopt;
}

std::optional<QJsonObject> GatewaySession::purchase(Login& who, std::uint32_t amount, std::optional<qint64> titleId) {
    namespace ep = cdos::ep;
    // Every payment is confirmed with the user's payment PIN (the e-purse VERIFY), whatever the login was.
    if (!m_step->verifyPaymentPin(who))
        return std::nullopt;
    if (!selectPurse())
        return std::nullopt;
    const auto init = tx(ep::initializeForPurchase(ep::kKeyIndex, amount, m_terminal));
    const auto parsed = ep::InitPurchaseResponse::decode(init.data);
    if (init.sw == ep::sw::InsufficientBalance) {
        const auto b = tx(ep::getBalance());
        m_ui.show(tr(Msg::InsufficientBalance).arg(formatYuan(b.data.size() == 4 ? cdos::getU32(b.data.data()) : 0)));
        return std::nullopt;
    }
    if (!init.ok() || !parsed) {
        m_ui.show(tr(Msg::CardError).arg(swText(init.sw)));
        return std::nullopt;
    }
    const cdos::Bytes terminal(m_terminal.begin(), m_terminal.end());
    const QString requestId = newRequestId("buy");
    // A VOD title is priced by the headend from its catalogue; any other purchase names its amount.
    const HeadendReply p =
        titleId
            ? postRetrying(api::path::vodPurchases,
                           api::VodPurchaseRequest{requestId, *titleId, terminal, ep::kKeyIndex, init.data}.toJson())
            : postRetrying(api::path::purchases,
                           api::PurchaseRequest{requestId, amount, terminal, ep::kKeyIndex, init.data}.toJson());
    if (!accepted(p))
        return std::nullopt;
    // A headend that prices the purchase itself (VOD) says what it charges: the card was initialised for `amount`,
    // and a MAC1 over another price would be refused by the card anyway. Nothing is debited.
    if (p.json.contains(api::key::amount) && p.json.value(api::key::amount).toInteger() != amount) {
        m_ui.show(tr(Msg::VodPriceChanged));
        return std::nullopt;
    }
    const auto begun = answerOf<api::PurchaseAnswer>(p.json);
    if (!begun)
        return std::nullopt;
    const qint64 purchaseId = begun->purchaseId;
    const cdos::Bytes d = bytes(begun->date), t = bytes(begun->time);
    if (d.size() != 4 || t.size() != 3) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad date/time")));
        return std::nullopt;
    }
    // The completion carries the purchase as begun: the card's MAC2 and TAC vouch for it, so a headend that lost
    // its pending row (a database crash) still records the purchase.
    api::PurchaseCompletion completion{{},
                                       {},
                                       api::PurchaseRequest{requestId, amount, terminal, ep::kKeyIndex, init.data},
                                       begun->terminalSerial,
                                       begun->date,
                                       begun->time};
    cdos::ResponseApdu debit;
    try {
        debit = tx(ep::debitForPurchase(static_cast<std::uint32_t>(begun->terminalSerial), {d[0], d[1], d[2], d[3]},
                                        {t[0], t[1], t[2]}, begun->mac1));
    } catch (const PcscCardError&) {
        if (!recoverPurchase(parsed->offlineCounter, purchaseId, completion))
            return std::nullopt;
        return p.json;
    }
    if (!debit.ok() || debit.data.size() != 8) {
        m_ui.show(tr(Msg::CardError).arg(swText(debit.sw)));
        return std::nullopt;
    }
    // DEBIT FOR PURCHASE answers TAC(4) || MAC2(4).
    completion.tac = cdos::Bytes(debit.data.begin(), debit.data.begin() + 4);
    completion.mac2 = cdos::Bytes(debit.data.begin() + 4, debit.data.end());
    const HeadendReply c = postRetrying(api::path::purchaseCompletion(purchaseId), completion.toJson());
    if (!accepted(c))
        return std::nullopt;
    m_ui.show(tr(Msg::Paid).arg(formatYuan(amount), formatYuan(std::int64_t(parsed->balance) - amount)));
    return p.json;
}

bool GatewaySession::recoverPurchase(std::uint16_t counter, qint64 purchaseId, api::PurchaseCompletion completion) {
    namespace ep = cdos::ep;
    if (!reconnect())
        return false;
    // PurseTerminal knows the card's SETTING (counter before or after) for GET TRANSACTION PROVE; no keys needed.
    ep::Proof proof;
    try {
        ep::PurseTerminal purse(m_card.transmitter(), m_terminal, ep::PurseKeys{});
        purse.selectPurse();
        proof = purse.prove(ep::TxType::EpPurchase, counter);
    } catch (const ep::PurseError&) {
        m_ui.show(tr(Msg::RecoveredNotDone)); // 9406: the card has no such purchase, nothing was debited
        return false;
    }
    completion.mac2 = proof.mac;
    completion.tac = proof.tac;
    const HeadendReply c = postRetrying(api::path::purchaseCompletion(purchaseId), completion.toJson());
    if (!accepted(c))
        return false;
    m_ui.show(tr(Msg::RecoveredDone));
    return true;
}

} // namespace cdgw
