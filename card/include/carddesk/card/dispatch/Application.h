#pragma once
// An on-card application bound to a DF name (AID): the e-purse, the conditional-access module, an in-card VM.
// The dispatcher offers it every command while its DF (or a DF below it) is selected, inside the command's NVM
// transaction; whatever it leaves unanswered falls through to the OS commands (files, GET CHALLENGE, ...).
#include "carddesk/card/dispatch/CommandContext.h"

#include <optional>

namespace cdos::card {

class Application {
public:
    virtual ~Application() = default;
    // DF name the application answers under; the DF is made by personalisation or by an install.
    virtual Bytes aid() const = 0;
    // ctx.apdu is the command as received: a CLA 84 command still carries its MAC (issuer SM is checked only for
    // OS commands; an application does its own MACs, as PBOC does). nullopt: not an application command, let the
    // OS handle it. An answer other than 9000, or a thrown StatusError, rolls the command's NVM changes back
    // unless ctx.keepChanges is set.
    virtual std::optional<ResponseApdu> process(CommandContext& ctx) = 0;
    // Its DF was selected / another DF was selected.
    virtual void selected(CommandContext&) {}
    virtual void deselected() {}
    // Power-on or reset: drop volatile state (sessions, pending transactions).
    virtual void reset() {}
};

} // namespace cdos::card
