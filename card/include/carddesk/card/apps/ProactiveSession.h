#pragma once
// Where the card's proactive dialogue stands (ProactiveCommands). RAM only, in CardSession: a reset ends the
// dialogue like a real chip's; the only NVM write is the PIN retry counter.
#include "carddesk/protocol/proactive/Proactive.h"

#include <optional>
#include <string>

namespace cdos::card {

struct ProactiveSession {
    enum class Phase : std::uint8_t {
        Off,      // no TERMINAL PROFILE since authentication
        UserList, // SELECT ITEM of the users
        PinBox,   // GET INPUT of the chosen user's PIN
        Notice,   // DISPLAY TEXT (wrong PIN, blocked user), then `next`
        Menu,     // SET UP MENU of the logged-in user
        Idle,     // menu installed: ENVELOPE (menu selection) accepted
        Grant,    // DISPLAY TEXT carrying a permission value, then Idle
    };
    Phase phase = Phase::Off;
    Phase next = Phase::Off;
    Bytes pending;                             // encoded command waiting for FETCH
    std::optional<proactive::Command> fetched; // fetched, waiting for its TERMINAL RESPONSE
    std::uint8_t number = 0;                   // command number of the last command
    std::uint8_t user = 0;                     // chosen user (1..8), 0 = none
    // The language of the card's own texts: the terminal's (TERMINAL PROFILE P1 = 01), else the holder's chosen at
    // issuance, else English.
    std::string language;
};

} // namespace cdos::card
