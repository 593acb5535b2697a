#include "GatewaySession.h"

#include "AppStep.h"
#include "DirectPersonalStep.h"
#include "HeadendRefusal.h"
#include "MenuEditStep.h"
#include "Messages.h"
#include "ProactivePersonalStep.h"
#include "VodStep.h"

#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"

#include <QJsonObject>
#include <QThread>
#include <QUuid>

namespace cdgw {

namespace {
QString hex(const cdos::Bytes& b) {
    return QString::fromStdString(cdos::toHex(b));
}
cdos::Bytes bytes(const QJsonValue& v) {
    return cdos::fromHex(v.toString().toStdString()).value_or(cdos::Bytes{});
}
QString swText(std::uint16_t sw) {
    return QStringLiteral("%1 %2")
        .arg(sw, 4, 16, QLatin1Char('0'))
        .toUpper()
        .arg(QString::fromStdString(cdos::ep::purseStatusMeaning(sw)));
}
} // namespace

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
        m_ui.show(tr(Msg::NoCard));
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
        m_ui.show(tr(Msg::CardError).arg(QString::fromStdString(e.what())));
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
                   [this](Login& w, std::uint32_t amount, const QString& path, const QJsonObject& fields) {
                       return purchase(w, amount, path, fields);
                   },
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
    m_ui.show(refusalText(
        r,
        {{"unknown_card", Msg::UnknownCard}, {"blocked_card", Msg::BlockedCard}, {"bank_refused", Msg::BankRefused}}));
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
    const HeadendReply init = m_headend.post(QStringLiteral("/v1/auth/init"), {});
    if (!accepted(init))
        return false;
    const QString id = init.json.value(QStringLiteral("authId")).toString();
    const auto a1 = tx(auth::authInit(bytes(init.json.value(QStringLiteral("random")))));
    if (!a1.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(a1.sw)));
        return false;
    }
    const HeadendReply r2 =
        m_headend.post(QStringLiteral("/v1/auth/card"),
                       {{QStringLiteral("authId"), id}, {QStringLiteral("cardNumberCryptogram"), hex(a1.data)}});
    if (!accepted(r2))
        return false;
    const auto a2 = tx(auth::authenticate(bytes(r2.json.value(QStringLiteral("random")))));
    if (!a2.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(a2.sw)));
        return false;
    }
    const HeadendReply r3 =
        m_headend.post(QStringLiteral("/v1/auth/verify"),
                       {{QStringLiteral("authId"), id}, {QStringLiteral("personalDataCryptogram"), hex(a2.data)}});
    if (!accepted(r3))
        return false;
    const auto a3 = tx(auth::authResult(bytes(r3.json.value(QStringLiteral("cardNumberCryptogram")))));
    if (!a3.ok()) {
        m_ui.show(tr(Msg::CardRefusedHeadend).arg(swText(a3.sw)));
        return false;
    }
    m_headend.setSessionToken(r3.json.value(QStringLiteral("sessionToken")).toString());
    const auto number = tx(cdos::getData(0x0101));
    m_ui.show(tr(Msg::Authenticated).arg(hex(number.data), r3.json.value(QStringLiteral("expiresAt")).toString()));
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
    return purchase(who, amount, QStringLiteral("/v1/purchases"), {{QStringLiteral("amount"), qint64(amount)}})
        .has_value();
}

std::optional<QJsonObject> GatewaySession::purchase(Login& who, std::uint32_t amount, const QString& path,
                                                    const QJsonObject& fields) {
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
    QJsonObject begin = fields;
    begin.insert(QStringLiteral("requestId"), newRequestId("buy"));
    begin.insert(QStringLiteral("terminalId"), hex(cdos::Bytes(m_terminal.begin(), m_terminal.end())));
    begin.insert(QStringLiteral("keyIndex"), ep::kKeyIndex);
    begin.insert(QStringLiteral("initResponse"), hex(init.data));
    const HeadendReply p = postRetrying(path, begin);
    if (!accepted(p))
        return std::nullopt;
    // A headend that prices the purchase itself (VOD) says what it charges: the card was initialised for `amount`,
    // and a MAC1 over another price would be refused by the card anyway. Nothing is debited.
    if (p.json.contains(QStringLiteral("amount")) && p.json.value(QStringLiteral("amount")).toInteger() != amount) {
        m_ui.show(tr(Msg::VodPriceChanged));
        return std::nullopt;
    }
    const qint64 purchaseId = p.json.value(QStringLiteral("purchaseId")).toInteger();
    const cdos::Bytes d = bytes(p.json.value(QStringLiteral("date"))), t = bytes(p.json.value(QStringLiteral("time")));
    if (d.size() != 4 || t.size() != 3) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad date/time")));
        return std::nullopt;
    }
    cdos::ResponseApdu debit;
    try {
        debit = tx(ep::debitForPurchase(
            static_cast<std::uint32_t>(p.json.value(QStringLiteral("terminalSerial")).toInteger()),
            {d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, bytes(p.json.value(QStringLiteral("mac1")))));
    } catch (const PcscCardError&) {
        if (!recoverPurchase(parsed->offlineCounter, purchaseId))
            return std::nullopt;
        return p.json;
    }
    if (!debit.ok() || debit.data.size() != 8) {
        m_ui.show(tr(Msg::CardError).arg(swText(debit.sw)));
        return std::nullopt;
    }
    // DEBIT FOR PURCHASE answers TAC(4) || MAC2(4).
    const cdos::Bytes tac(debit.data.begin(), debit.data.begin() + 4), mac2(debit.data.begin() + 4, debit.data.end());
    const HeadendReply c = postRetrying(QStringLiteral("/v1/purchases/%1/completion").arg(purchaseId),
                                        {{QStringLiteral("mac2"), hex(mac2)}, {QStringLiteral("tac"), hex(tac)}});
    if (!accepted(c))
        return std::nullopt;
    m_ui.show(tr(Msg::Paid).arg(formatYuan(amount), formatYuan(std::int64_t(parsed->balance) - amount)));
    return p.json;
}

bool GatewaySession::recoverPurchase(std::uint16_t counter, qint64 purchaseId) {
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
    const cdos::Bytes &mac2 = proof.mac, &tac = proof.tac;
    const HeadendReply c = postRetrying(QStringLiteral("/v1/purchases/%1/completion").arg(purchaseId),
                                        {{QStringLiteral("mac2"), hex(mac2)}, {QStringLiteral("tac"), hex(tac)}});
    if (!accepted(c))
        return false;
    m_ui.show(tr(Msg::RecoveredDone));
    return true;
}

bool GatewaySession::topUp(std::uint32_t amount) {
    namespace ep = cdos::ep;
    if (!selectPurse())
        return false;
    const auto init = tx(ep::initializeForLoad(ep::kKeyIndex, amount, m_terminal));
    const auto parsed = ep::InitLoadResponse::decode(init.data);
    if (init.sw == 0x6A80) { // the card's answer to a load past the purse's maximum balance
        m_ui.show(tr(Msg::OverLimit));
        return false;
    }
    if (!init.ok() || !parsed) {
        m_ui.show(tr(Msg::CardError).arg(swText(init.sw)));
        return false;
    }
    const HeadendReply l =
        postRetrying(QStringLiteral("/v1/loads"),
                     {{QStringLiteral("requestId"), newRequestId("load")},
                      {QStringLiteral("amount"), qint64(amount)},
                      {QStringLiteral("terminalId"), hex(cdos::Bytes(m_terminal.begin(), m_terminal.end()))},
                      {QStringLiteral("keyIndex"), ep::kKeyIndex},
                      {QStringLiteral("initResponse"), hex(init.data)}});
    if (l.kind == HeadendReply::Kind::Refused && l.code() == QLatin1String("load_pending"))
        return finishPendingLoad();
    if (!accepted(l))
        return false;
    const qint64 loadId = l.json.value(QStringLiteral("loadId")).toInteger();
    bool ok = false;
    try {
        ok = creditAndComplete(loadId, l.json);
    } catch (const PcscCardError&) {
        ok = recoverLoad(loadId, amount);
    }
    if (ok) {
        const auto b = tx(ep::getBalance());
        m_ui.show(
            tr(Msg::ToppedUp)
                .arg(formatYuan(amount), formatYuan(b.data.size() == 4 ? cdos::getU32(b.data.data())
                                                                       : std::int64_t(parsed->balance) + amount)));
    }
    return ok;
}

bool GatewaySession::finishPendingLoad() {
    namespace ep = cdos::ep;
    // An earlier top-up of this card stopped after the bank may have paid (card pulled for good, terminal off): it
    // is finished on the card or refunded before a new one starts, as the person chooses.
    const HeadendReply p = m_headend.get(QStringLiteral("/v1/loads/pending"));
    if (!accepted(p))
        return false;
    const qint64 loadId = p.json.value(QStringLiteral("loadId")).toInteger();
    const auto amount = static_cast<std::uint32_t>(p.json.value(QStringLiteral("amount")).toInteger());
    const cdos::Bytes terminal = bytes(p.json.value(QStringLiteral("terminalId")));
    if (terminal.size() != 6 || amount == 0) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("pending load")));
        return false;
    }
    m_ui.show(tr(Msg::PendingLoad).arg(formatYuan(amount)));
    const auto pick = m_ui.choose(tr(Msg::PendingLoadChoice), {tr(Msg::PendingLoadFinish), tr(Msg::PendingLoadRefund)});
    if (!pick)
        return false;
    // The card's fresh answer for the same amount: its online counter tells the headend the truth. A refund asks
    // the headend for a one-time challenge first and uses it as the terminal id, proving that this answer (and the
    // end of the card session an earlier MAC2 belonged to) came after that MAC2.
    cdos::Bytes initTerminal = terminal;
    if (*pick == 1) {
        const HeadendReply c = postRetrying(QStringLiteral("/v1/loads/%1/refund-challenge").arg(loadId), {});
        if (!accepted(c))
            return false;
        initTerminal = bytes(c.json.value(QStringLiteral("terminalId")));
        if (initTerminal.size() != 6) {
            m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("refund challenge")));
            return false;
        }
    }
    const auto init = tx(ep::initializeForLoad(
        ep::kKeyIndex, amount,
        {initTerminal[0], initTerminal[1], initTerminal[2], initTerminal[3], initTerminal[4], initTerminal[5]}));
    if (!init.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(init.sw)));
        return false;
    }
    const HeadendReply r =
        postRetrying(QStringLiteral("/v1/loads/%1/recovery").arg(loadId),
                     {{QStringLiteral("action"), *pick == 0 ? QStringLiteral("reissue") : QStringLiteral("refund")},
                      {QStringLiteral("initResponse"), hex(init.data)}});
    if (!accepted(r))
        return false;
    const QString status = r.json.value(QStringLiteral("status")).toString();
    if (status == QLatin1String("refunded")) {
        m_ui.show(tr(Msg::PendingLoadRefunded).arg(formatYuan(amount)));
        return true;
    }
    if (status == QLatin1String("completed")) {
        m_ui.show(tr(Msg::RecoveredDone));
        return true;
    }
    if (status == QLatin1String("refused")) {
        m_ui.show(tr(Msg::RecoveredNotDone));
        return true;
    }
    if (!creditAndComplete(loadId, r.json))
        return false;
    m_ui.show(tr(Msg::RecoveredDone));
    return true;
}

bool GatewaySession::creditAndComplete(qint64 loadId, const QJsonObject& answer) {
    const cdos::Bytes d = bytes(answer.value(QStringLiteral("date"))), t = bytes(answer.value(QStringLiteral("time")));
    if (d.size() != 4 || t.size() != 3) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad date/time")));
        return false;
    }
    const auto credit = tx(cdos::ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]},
                                                   bytes(answer.value(QStringLiteral("mac2")))));
    if (!credit.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(credit.sw)));
        return false;
    }
    const HeadendReply c = postRetrying(QStringLiteral("/v1/loads/%1/completion").arg(loadId),
                                        {{QStringLiteral("tac"), hex(credit.data)}});
    return accepted(c);
}

bool GatewaySession::recoverLoad(qint64 loadId, std::uint32_t amount) {
    namespace ep = cdos::ep;
    if (!reconnect())
        return false;
    // A fresh INITIALIZE FOR LOAD for the same amount: its counter tells the headend whether the card was credited.
    const auto init = tx(ep::initializeForLoad(ep::kKeyIndex, amount, m_terminal));
    if (!init.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(init.sw)));
        return false;
    }
    const HeadendReply r = postRetrying(
        QStringLiteral("/v1/loads/%1/recovery").arg(loadId),
        {{QStringLiteral("action"), QStringLiteral("reissue")}, {QStringLiteral("initResponse"), hex(init.data)}});
    if (!accepted(r))
        return false;
    if (r.json.value(QStringLiteral("status")).toString() == QLatin1String("completed")) {
        m_ui.show(tr(Msg::RecoveredDone));
        return true;
    }
    return creditAndComplete(loadId, r.json);
}

} // namespace cdgw
