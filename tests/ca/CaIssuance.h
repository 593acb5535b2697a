#pragma once
// Issuance of a card with its conditional-access part over any transport (in process or PC/SC), for the tests and
// benchmarks that need an entitled card: the Personaliser writes the CA DF, the service keys and the rights.
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <stdexcept>

namespace catest {

inline cdos::ResponseApdu must(cdos::ResponseApdu r, int line = __builtin_LINE()) {
    if (r.sw != 0x9000)
        throw std::runtime_error("card refused a set-up command at line " + std::to_string(line) + ": SW " +
                                 std::to_string(r.sw));
    return r;
}

// Issuance with the CA part through the real Personaliser: the profile's CA section gets service keys
// CA_SERVICE_1/2 and `rights`, and the Personaliser writes them before END PERSONALISATION.
inline void issueWithCa(const cdos::KeyStore& keys, const cdos::CardProfile& profile, const cdos::Transmit& tx,
                        const std::vector<cdos::ca::Entitlement>& rights) {
    cdos::CardProfile withCa = profile;
    withCa.ca.serviceKeys = {1, 2};
    withCa.ca.rights = rights;
    cdos::Personaliser(keys, tx).personalise(withCa);
}

} // namespace catest
