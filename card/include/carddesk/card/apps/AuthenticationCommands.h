#pragma once
// The card's side of the three-party authentication of patent [0010] (docs/authentication.md): AUTH INIT,
// AUTHENTICATE and AUTH RESULT (80 30 / 80 32 / 80 34). The outcome lives in RAM only (CardSession) and is lost at
// reset, like a real chip's.
#include "carddesk/card/dispatch/CommandContext.h"

namespace cdos::card {

class AuthenticationCommands {
public:
    static void install(CardOs& os);

    static ResponseApdu authInit(CommandContext& ctx);
    static ResponseApdu authenticate(CommandContext& ctx);
    static ResponseApdu authResult(CommandContext& ctx);
    // The card number: the first 10 bytes of the MF's card information file (6A88 when missing).
    static Bytes cardNumber(CardOs& os);
};

} // namespace cdos::card
