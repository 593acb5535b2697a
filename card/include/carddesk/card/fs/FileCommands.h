#pragma once
// File commands of docs/command-set.md: SELECT, READ/UPDATE BINARY, READ/UPDATE/APPEND RECORD, CREATE FILE.
#include "carddesk/card/dispatch/CommandContext.h"

namespace cdos::card {

class FileCommands {
public:
    static void install(CardOs& os);

    static ResponseApdu select(CommandContext& ctx);
    static ResponseApdu readBinary(CommandContext& ctx);
    static ResponseApdu updateBinary(CommandContext& ctx);
    static ResponseApdu readRecord(CommandContext& ctx);
    static ResponseApdu updateRecord(CommandContext& ctx);
    static ResponseApdu appendRecord(CommandContext& ctx);
    static ResponseApdu createFile(CommandContext& ctx);
};

} // namespace cdos::card
