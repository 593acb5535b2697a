#pragma once
// Life-cycle commands of docs/command-set.md: END PERSONALISATION, BLOCK, UNBLOCK and TERMINATE CARD.
#include "carddesk/card/dispatch/CommandContext.h"

namespace cdos::card {

class LifeCycleCommands {
public:
    static void install(CardOs& os);

    static ResponseApdu endPersonalisation(CommandContext& ctx);
    static ResponseApdu blockCard(CommandContext& ctx);
    static ResponseApdu unblockCard(CommandContext& ctx);
    static ResponseApdu terminateCard(CommandContext& ctx);
};

} // namespace cdos::card
