#pragma once
// The conditional-access (CA) application (docs/conditional-access.md "The card", docs/command-set.md
// "Conditional-access application"), bound to DF name F0 43 44 45 43 41. It turns an ECM into the two control
// words for the user verified in this session when that user holds a right (package, channel or VOD) on the card's
// date; service keys are key-file slots 10..17 and never leave the card. Every change (replay floor, card clock,
// a right, a menu edit) is written in the dispatcher's one NVM transaction.
#include "carddesk/card/apps/CaState.h"
#include "carddesk/card/dispatch/Application.h"
#include "carddesk/protocol/ca/CaCommands.h"

namespace cdos::card {

class CaApplication : public Application {
public:
    Bytes aid() const override { return ca::kCaAid; }
    std::optional<ResponseApdu> process(CommandContext& ctx) override;

    // Where the CA state lives on this card; nullopt without a CA DF (tests read it through this).
    static std::optional<std::uint32_t> stateAddress(CardOs& os);

private:
    CaState state(CardOs& os) const;
    ResponseApdu processEcm(CommandContext& ctx);
    ResponseApdu writeEntitlement(CommandContext& ctx);
    ResponseApdu openVodRight(CommandContext& ctx);
    ResponseApdu editMenu(CommandContext& ctx);
    ResponseApdu getData(CommandContext& ctx);
};

} // namespace cdos::card
