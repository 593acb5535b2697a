#pragma once
// Personal menu edits (patent claim step 2, [0018] 6): hide, show, delete and add entries of the menu EF 0005 that
// issuance wrote. All edits of one MENU EDIT command land in the command's single NVM transaction.
#include "carddesk/card/dispatch/CommandContext.h"

namespace cdos::card {

class MenuEditor {
public:
    // Applies MENU EDIT data (docs/command-set.md) for the verified user; throws StatusError on any refusal, in
    // which case the dispatcher rolls every record change of the command back.
    static void apply(CommandContext& ctx);
};

} // namespace cdos::card
