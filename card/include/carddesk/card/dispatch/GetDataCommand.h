#pragma once
// GET DATA (80 CA) and its tags 0101..010A of docs/command-set.md. Never reports a PIN or a key value.
#include "carddesk/card/dispatch/CommandContext.h"

#include <optional>

namespace cdos::card {

class GetDataCommand {
public:
    static void install(CardOs& os);

    static ResponseApdu getData(CommandContext& ctx);
    // The object behind a tag, or nullopt for an unknown tag (or one whose file does not exist yet).
    static std::optional<Bytes> object(CardOs& os, std::uint16_t tag);
};

} // namespace cdos::card
