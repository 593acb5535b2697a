#pragma once
// Security commands of docs/command-set.md: GET CHALLENGE, VERIFY, WRITE KEY, PUT USER, PIN UNBLOCK.
#include "carddesk/card/dispatch/CommandContext.h"

namespace cdos::card {

class SecurityCommands {
public:
    static void install(CardOs& os);

    static ResponseApdu getChallenge(CommandContext& ctx);
    static ResponseApdu verify(CommandContext& ctx);
    static ResponseApdu writeKey(CommandContext& ctx);
    static ResponseApdu putUser(CommandContext& ctx);
    static ResponseApdu pinUnblock(CommandContext& ctx);
};

} // namespace cdos::card
