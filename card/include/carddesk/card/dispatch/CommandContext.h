#pragma once
// What a command handler (or an application) gets: the card, the command, and the outcome of secure messaging.
#include "carddesk/protocol/apdu/Apdu.h"

namespace cdos::card {

class CardOs;

struct CommandContext {
    CardOs& os;
    // The command as received; once the dispatcher has checked an issuer MAC, data no longer holds the MAC.
    CommandApdu apdu;
    // The command carried a valid issuer MAC (CLA 04 / 84) and the chaining value has moved on.
    bool issuerSm = false;
    // Commit the command's NVM changes even though the answer is not 9000 (a wrong PIN spends a try).
    bool keepChanges = false;
};

} // namespace cdos::card
