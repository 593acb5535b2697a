#pragma once
// An issued in-process card with the e-purse application, and a purse terminal on it (development keys).
#include "card/CardTestSupport.h"
#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/protocol/epurse/PurseTerminal.h"
#include "support/TestProfiles.h"

#include <QtTest>

namespace eptest {

using cdos::Bytes;
using namespace cdos::ep;

inline const TerminalId kTerminal{0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
inline const Bcd4 kDate = bcdDate(2026, 11, 26);
inline const Bcd3 kTime = bcdTime(2, 30, 15);

// A card issued with cdtest::sampleProfile() through the real Personaliser (the card OS has the EP application
// built in).
struct IssuedCard {
    QTemporaryDir keyDir;
    cdos::KeyStore keys = cardtest::developmentKeyStore(keyDir.path().toStdString());
    cdos::CardProfile profile = cdtest::sampleProfile();
    cardtest::TempCard card;

    // `adjust` changes the profile before issuance (a user's rights, say).
    explicit IssuedCard(const std::function<void(cdos::CardProfile&)>& adjust = {}) {
        if (adjust)
            adjust(profile);
        cdos::Personaliser perso(keys, transmitter());
        perso.personalise(profile);
    }
    // A power cycle: the image is reopened.
    void reopen() { card.reopen(); }
    cdos::Transmit transmitter() {
        return [this](const cdos::CommandApdu& c) { return card.os->transmit(c); };
    }
    PurseKeys purseKeys() const { return PurseKeys::fromIssuer(keys, profile.info.asn()); }
    PurseTerminal terminal() { return PurseTerminal(transmitter(), kTerminal, purseKeys()); }
    std::uint32_t stateAddr() const { return *cdos::card::EPurseApplication::stateAddress(*card.os); }
    cdos::card::PurseState state() const { return cdos::card::PurseState::read(card.os->nvm(), stateAddr()); }
    // Test-only path: writes the purse state directly (counters near their maximum).
    void setState(const cdos::card::PurseState& s) {
        auto& nvm = card.os->nvm();
        nvm.begin();
        s.write(nvm, stateAddr());
        nvm.commit();
    }
    std::uint16_t sw(const cdos::CommandApdu& c) { return card.os->transmit(c).sw; }
};

} // namespace eptest
