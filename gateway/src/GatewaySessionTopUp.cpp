// GatewaySession's online top-up ([0015]–[0017]): INITIALIZE FOR LOAD, the headend's MAC2, CREDIT FOR LOAD and
// the TAC; a load whose CREDIT answer was lost is recovered, and an earlier unfinished load of the card is finished
// on the card or refunded first.
#include "GatewaySession.h"
#include "carddesk/headendapi/TransactionStatus.h"

#include "Messages.h"

#include "carddesk/headendapi/Paths.h"

#include <QJsonObject>

namespace cdgw {

namespace {
cdos::Bytes bytes(const QString& hex) {
    return cdos::fromHex(hex.toStdString()).value_or(cdos::Bytes{});
}
} // namespace

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
    const HeadendReply l = postRetrying(
        api::path::loads, api::LoadRequest{newRequestId("load"), amount,
                                           cdos::Bytes(m_terminal.begin(), m_terminal.end()), ep::kKeyIndex, init.data}
                              .toJson());
    if (l.kind == HeadendReply::Kind::Refused && l.refusal() == api::Refusal::LoadPending)
        return finishPendingLoad();
    if (!accepted(l))
        return false;
    const auto loaded = answerOf<api::LoadAnswer>(l.json);
    if (!loaded)
        return false;
    bool ok = false;
    try {
        ok = creditAndComplete(*loaded);
    } catch (const PcscCardError&) {
        ok = recoverLoad(loaded->loadId, amount);
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
    const HeadendReply p = m_headend.get(api::path::loadsPending);
    if (!accepted(p))
        return false;
    const auto pending = api::PendingLoad::fromJson(p.json);
    const qint64 loadId = pending ? pending->loadId : 0;
    const auto amount = static_cast<std::uint32_t>(pending ? pending->amount : 0);
    const cdos::Bytes terminal = pending ? pending->terminalId : cdos::Bytes{};
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
        const HeadendReply c = postRetrying(api::path::loadRefundChallenge(loadId), {});
        if (!accepted(c))
            return false;
        const auto challenge = api::RefundChallenge::fromJson(c.json);
        initTerminal = challenge ? challenge->terminalId : cdos::Bytes{};
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
    using Action = api::LoadRecovery::Action;
    const HeadendReply r =
        postRetrying(api::path::loadRecovery(loadId),
                     api::LoadRecovery{*pick == 0 ? Action::Reissue : Action::Refund, init.data}.toJson());
    if (!accepted(r))
        return false;
    const auto recovered = answerOf<api::LoadAnswer>(r.json);
    if (!recovered)
        return false;
    const QString& status = recovered->status;
    if (status == api::loadStatus::refunded) {
        m_ui.show(tr(Msg::PendingLoadRefunded).arg(formatYuan(amount)));
        return true;
    }
    if (status == api::loadStatus::completed) {
        m_ui.show(tr(Msg::RecoveredDone));
        return true;
    }
    if (status == api::loadStatus::refused) {
        m_ui.show(tr(Msg::RecoveredNotDone));
        return true;
    }
    if (!creditAndComplete(*recovered))
        return false;
    m_ui.show(tr(Msg::RecoveredDone));
    return true;
}

bool GatewaySession::creditAndComplete(const api::LoadAnswer& load) {
    const cdos::Bytes d = bytes(load.date), t = bytes(load.time);
    if (d.size() != 4 || t.size() != 3) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad date/time")));
        return false;
    }
    const auto credit = tx(cdos::ep::creditForLoad({d[0], d[1], d[2], d[3]}, {t[0], t[1], t[2]}, load.mac2));
    if (!credit.ok()) {
        m_ui.show(tr(Msg::CardError).arg(swText(credit.sw)));
        return false;
    }
    const HeadendReply c =
        postRetrying(api::path::loadCompletion(load.loadId), api::LoadCompletion{credit.data}.toJson());
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
    const HeadendReply r = postRetrying(api::path::loadRecovery(loadId),
                                        api::LoadRecovery{api::LoadRecovery::Action::Reissue, init.data}.toJson());
    if (!accepted(r))
        return false;
    const auto recovered = answerOf<api::LoadAnswer>(r.json);
    if (!recovered)
        return false;
    if (recovered->status == api::loadStatus::completed) {
        m_ui.show(tr(Msg::RecoveredDone));
        return true;
    }
    return creditAndComplete(*recovered);
}

} // namespace cdgw
