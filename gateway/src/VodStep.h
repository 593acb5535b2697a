#pragma once
// Video on demand (claim step 6, [0018] 5): the headend's catalogue (GET /v1/vod) shown for choice; the chosen
// title paid with the e-purse (the session's purchase flow with the user's payment PIN, on /v1/vod/purchases where
// the headend sets the price from its catalogue); then OPEN VOD RIGHT (80 3F: programme, price, days) makes the
// card open the user's right, bound to that very purchase; then the title's scrambled stream plays through the
// card like live TV. A right the user already holds plays without paying again.
#include "HeadendClient.h"
#include "PersonalStep.h"
#include "TvStep.h"

#include "carddesk/headendapi/PurchaseMessages.h"

#include <QJsonObject>

#include <functional>

namespace cdgw {

class VodStep {
public:
    // The session's e-purse purchase of a catalogue title at `price`; the headend's answer (the title as sold)
    // once paid (the refusal shown otherwise).
    using Purchase =
        std::function<std::optional<api::VodPurchaseAnswer>(Login& who, std::uint32_t price, qint64 titleId)>;
    // The session's payment PIN check (VERIFY), needed again when the card was reset during the payment.
    using Verify = std::function<bool(Login& who)>;

    VodStep(cdos::Transmit transmit, UserInterface& ui, HeadendClient& headend, TvStep& tv, const TvOptions& options,
            Purchase purchase, Verify verify)
        : m_tx(std::move(transmit)), m_ui(ui), m_headend(headend), m_tv(tv), m_options(options),
          m_purchase(std::move(purchase)), m_verify(std::move(verify)) {}
    // False when refused or nothing played (the reason shown); true after the title played.
    bool run(Login& who);

private:
    // The end date of the user's VOD right for the programme that covers `today`, if the card holds one.
    std::optional<std::uint32_t> heldRight(std::uint8_t user, std::uint16_t programme, std::uint32_t today);
    bool openRight(Login& who, std::uint16_t programme, std::uint32_t price, std::uint16_t days,
                   const cdos::Bytes& headendMac);
    bool playTitle(const QJsonObject& title);

    cdos::Transmit m_tx;
    UserInterface& m_ui;
    HeadendClient& m_headend;
    TvStep& m_tv;
    const TvOptions& m_options;
    Purchase m_purchase;
    Verify m_verify;
};

} // namespace cdgw
