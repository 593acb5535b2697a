#pragma once
// The card's volatile state: what a real chip keeps in RAM and loses at reset or power-off.
#include "carddesk/card/apps/ProactiveSession.h"
#include "carddesk/protocol/apdu/Bytes.h"

#include <optional>

namespace cdos::card {

struct CardSession {
    std::uint8_t currentDf = 0;            // file table index; 0 = MF
    std::optional<std::uint8_t> currentEf; // none right after a DF is selected
    std::uint8_t verifiedUser = 0;         // 1..8 after a good VERIFY, 0 = none
    Bytes icv;                             // issuer secure messaging chaining value; empty = no session
    bool icvFresh = false;                 // icv comes from GET CHALLENGE: no MAC of this chain checked yet
    bool spentKeyGuessUsed = false;        // key 00's tries are spent and this power-on's one MAC check was made
    Bytes challenge;                       // the last 8-byte GET CHALLENGE, for one RELOAD PIN (then cleared)
    // Three-party authentication (AuthenticationCommands): step reached, pending process key, outcome.
    std::uint8_t authStep = 0; // 0 none, 1 after AUTH INIT, 2 after AUTHENTICATE
    SecretBytes authProcessKey;
    Bytes authCardRandom; // the card's challenge of AUTHENTICATE, which AUTH RESULT must carry back
    bool authenticated = false;
    SecretBytes sessionKey;     // after AUTH RESULT: signs permission grants (auth::sessionKey)
    ProactiveSession proactive; // the user dialogue after authentication (ProactiveCommands)

    void clear() {
        currentDf = 0;
        currentEf.reset();
        verifiedUser = 0;
        if (!icv.empty())
            secureZero(icv.data(), icv.size());
        icv.clear();
        icvFresh = false;
        spentKeyGuessUsed = false;
        challenge.clear();
        authStep = 0;
        authProcessKey = SecretBytes();
        authCardRandom.clear();
        authenticated = false;
        sessionKey = SecretBytes();
        proactive = ProactiveSession();
    }
};

} // namespace cdos::card
