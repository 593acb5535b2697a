#pragma once
// One card session of the gateway, run on its worker thread: card in -> three-party authentication through the
// headend ([0010]) -> personal step (user, PIN, menu) -> pay or top up, each with recovery when the card's answer
// is lost. Every refusal is shown to the person in words; PINs and cryptograms are never printed.
#include "HeadendClient.h"
#include "HeadendRefusal.h"
#include "PcscCard.h"
#include "PersonalStep.h"
#include "TvStep.h"
#include "UserInterface.h"

#include "carddesk/headendapi/LoadMessages.h"
#include "carddesk/headendapi/PurchaseMessages.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <memory>

namespace cdgw {

class GatewaySession {
public:
    GatewaySession(PcscCard& card, HeadendClient& headend, UserInterface& ui, const cdos::ep::TerminalId& terminal);
    // Skip the card's proactive module and use the direct fallback (cards without the module, diagnostics).
    void setDirectLogin(bool direct) { m_directLogin = direct; }
    // Where live TV and VOD streams come from and where the clear picture goes.
    void setTvOptions(const TvOptions& tv) { m_tv = tv; }
    // 0: the session ended normally; 1: refused (card, PIN, headend); 2: no card.
    int run(std::chrono::milliseconds waitForCard);

    // The steps of run(), public for the benchmark: connect, authenticate, then login (picks the personal step).
    bool connectCard(std::chrono::milliseconds waitForCard);
    bool authenticate();
    std::optional<Login> login();
    // Each returns false when refused (the reason shown).
    bool pay(Login& who, std::uint32_t amount);
    // The e-purse purchase flow of pay() for a VOD title the headend prices from its catalogue (/v1/vod/purchases);
    // the headend's answer (the title as sold) once paid and completed.
    std::optional<api::VodPurchaseAnswer> buyTitle(Login& who, std::uint32_t price, qint64 titleId);
    bool topUp(std::uint32_t amount);
    bool showBalance();
    // A card service opened by a granted menu entry (TV, VOD, applications, settings).
    bool runService(MenuAction a, Login& who);

private:
    cdos::ResponseApdu tx(const cdos::CommandApdu& c) { return m_card.transmit(c); }
    // Shows the reason of a refused reply; true when the reply is Ok.
    bool accepted(const HeadendReply& r);
    // An Ok reply's body as the API's answer; shown as a headend error when it is not one.
    template <class Answer> std::optional<Answer> answerOf(const QJsonObject& json) {
        QString member;
        std::optional<Answer> a = Answer::fromJson(json, &member);
        if (!a)
            m_ui.show(badAnswerText(member));
        return a;
    }
    // The purchase flow: /v1/purchases for `amount`, or /v1/vod/purchases for a title; the begin answer once paid.
    std::optional<QJsonObject> purchase(Login& who, std::uint32_t amount, std::optional<qint64> titleId);
    // The same request again while the headend is unreachable (every request is idempotent), a few times.
    HeadendReply postRetrying(const QString& path, const QJsonObject& body);
    bool selectPurse();
    std::optional<std::uint32_t> askAmount();
    bool reconnect();
    // completion: the purchase as begun (its MAC2 and TAC filled here from the card's proof).
    bool recoverPurchase(std::uint16_t counter, qint64 purchaseId, api::PurchaseCompletion completion);
    bool recoverLoad(qint64 loadId, std::uint32_t amount);
    bool creditAndComplete(const api::LoadAnswer& load);
    // The card's unfinished top-up found by the headend: finished on the card or refunded, as the person chooses.
    bool finishPendingLoad();
    QString newRequestId(const char* kind) const;

    PcscCard& m_card;
    HeadendClient& m_headend;
    UserInterface& m_ui;
    cdos::ep::TerminalId m_terminal;
    std::unique_ptr<PersonalStep> m_step;
    bool m_directLogin = false;
    TvOptions m_tv;
};

QString formatYuan(std::int64_t fen);
// A card's status word with its e-purse meaning, for messages ("9401 ...").
QString swText(std::uint16_t sw);
std::optional<std::uint32_t> parseYuan(const QString& text);

} // namespace cdgw
