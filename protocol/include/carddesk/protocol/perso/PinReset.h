#pragma once
// The issuer's PIN reset after issuance (docs/issuance.md "PIN reset"): a holder lost the PIN mailer, so the desk
// gives the card's users new PINs — generated, printed only into a new mailer — with PIN UNBLOCK under issuer secure
// messaging (84 2C 00 user, the PIN block encrypted under the card's maintenance key, tries given back).
#include "carddesk/protocol/perso/Personaliser.h"

#include <string>
#include <vector>

namespace cdos {

struct UserPin {
    std::uint8_t user = 0;
    std::string pin; // digits; wiped on destruction

    UserPin(std::uint8_t u, const std::string& p) : user(u), pin(p) {}
    UserPin(const UserPin& o) = default;
    UserPin& operator=(const UserPin& o) = default;
    ~UserPin();
};

// Sets each user's PIN on the personalised card whose number is `expectedCardNumber` (10 bytes: a swap of cards
// between the caller's reading and this call is refused before anything is written). `done` gets each user whose
// PIN the card accepted, as it goes: a caller cut off mid-way (card pulled, reader gone) knows which PINs changed and
// that the user being written when it happened may have either. Throws PersonalisationError (not personalised,
// another card, a user the card does not have, a PIN that is not 4 to 12 digits: nothing written for it) and the
// transport's errors. Returns the number of APDUs sent.
int resetPins(const IssuerKeys& keys, const Transmit& transmit, const Bytes& expectedCardNumber,
              const std::vector<UserPin>& pins, std::vector<std::uint8_t>& done);

} // namespace cdos
