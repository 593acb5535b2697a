#pragma once
// Shared by the headend tests: an issued in-process card (CardOs over a temporary NVM image) that can answer the
// three-party authentication, and the development key store.
#include "card/CardTestSupport.h"
#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/perso/Personaliser.h"
#include "support/TestProfiles.h"

#include <QTest>

namespace hdtest {

// The development TRANSPORT master key (docs/keys.md, published test key).
inline cdos::Bytes transportMaster() {
    return *cdos::fromHex("0123456789ABCDEFFEDCBA9876543210");
}
// The development CARD_AUTH master: key 02 of every card is its diversification; no card holds it.
inline cdos::Bytes cardAuthMaster() {
    return *cdos::fromHex("00112233445566778899AABBCCDDEEFF");
}

// A card issued with the standard profile: issuance alone writes key 01 = the shared TRANSPORT key and key 02 =
// diversify(CARD_AUTH, ASN), as [0010] needs. writeAuthKeys() replaces them, for tests of cards with wrong keys.
class IssuedCard {
public:
    explicit IssuedCard(const cdos::KeyStore& keys, const std::string& cardNumberHex = "86010000000000000001")
        : profile(cdtest::sampleProfile(cardNumberHex)) {
        // The e-purse application, registered as carddesk-card registers it.
        card.os->registerApplication(std::make_shared<cdos::card::EPurseApplication>());
        cdos::Personaliser perso(keys, [this](const cdos::CommandApdu& c) { return card.tx(c); });
        perso.personalise(profile);
    }
    void writeAuthKeys(const cdos::Bytes& transportKey, const cdos::Bytes& cardAuthKey) {
        auto& os = *card.os;
        os.nvm().begin();
        os.keys().put(cdos::KeyInfo{cdos::auth::kTransportKeyId, cdos::kKeyType3Des2,
                                    static_cast<std::uint8_t>(cdos::KeyUsage::Transport), 1, 0, 15},
                      transportKey);
        os.keys().put(cdos::KeyInfo{cdos::auth::kCardAuthKeyId, cdos::kKeyType3Des2,
                                    static_cast<std::uint8_t>(cdos::KeyUsage::CardAuthentication), 1, 0, 15},
                      cardAuthKey);
        os.nvm().commit();
    }
    cdos::ResponseApdu tx(const cdos::CommandApdu& c) { return card.tx(c); }

    cdos::CardProfile profile;
    cardtest::TempCard card;
};

inline std::unique_ptr<cdos::KeyStore> openDevKeys() {
    return std::make_unique<cdos::KeyStore>(cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase));
}

} // namespace hdtest
