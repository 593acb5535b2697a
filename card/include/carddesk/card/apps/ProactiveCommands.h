#pragma once
// The card's proactive user dialogue after three-party authentication (docs/proactive.md): TERMINAL PROFILE starts
// it, the card answers 91xx, the terminal FETCHes the command and answers with TERMINAL RESPONSE or ENVELOPE (menu
// selection). The card chooses every step: user list, PIN box, personal menu, permission values.
#include "carddesk/card/dispatch/CommandContext.h"

namespace cdos::card {

class ProactiveCommands {
public:
    static void install(CardOs& os);

    static ResponseApdu terminalProfile(CommandContext& ctx);
    static ResponseApdu fetch(CommandContext& ctx);
    static ResponseApdu terminalResponse(CommandContext& ctx);
    static ResponseApdu envelope(CommandContext& ctx);
};

} // namespace cdos::card
