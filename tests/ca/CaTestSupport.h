#pragma once
// An issued in-process card (the real Personaliser) with the CA application set up as issuance should do it: the
// CA DF and its state EF, service keys CA_SERVICE_1/2 (shared keys from the key store) and rights for users 1..3.
#include "CaIssuance.h"
#include "carddesk/card/apps/CaApplication.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/ca/Ecm.h"
#include "epurse/EPurseTestSupport.h"

namespace catest {

using cdos::Bytes;
using cdos::CommandApdu;
using cdos::ResponseApdu;
using namespace cdos::ca;

inline constexpr std::uint32_t kToday = 20261126;
inline constexpr std::uint16_t kPackage = 0x10, kProgramme = 0x0101, kVodProgramme = 0x0777;

// An issued in-process card: user 1 has package 0x10, user 2 only package 0x20, user 3's right has expired.
struct CaCard {
    QTemporaryDir keyDir;
    cdos::KeyStore keys = cardtest::developmentKeyStore(keyDir.path().toStdString());
    cdos::CardProfile profile = cdtest::sampleProfile();
    cardtest::TempCard card;

    CaCard() {
        profile.users[1].profile.permissions |= cdos::perm::Settings; // user 2 may edit its own menu; user 3 not
        profile.users[2].profile.permissions = cdos::perm::LiveTv;    // user 3: live TV only (no VOD)
        issueWithCa(keys, profile, transmitter(),
                    {{1, RightKind::Package, kPackage, 20260101, 20261231},
                     {2, RightKind::Package, 0x20, 20260101, 20261231},
                     {3, RightKind::Package, kPackage, 20250101, 20251231}});
    }
    void reopen() { card.reopen(); }
    cdos::Transmit transmitter() {
        return [this](const CommandApdu& c) { return card.os->transmit(c); };
    }
    eptest::PurseKeys purseKeys() const { return eptest::PurseKeys::fromIssuer(keys, profile.info.asn()); }
    eptest::PurseTerminal terminal() { return eptest::PurseTerminal(transmitter(), eptest::kTerminal, purseKeys()); }
    ResponseApdu tx(const CommandApdu& c) { return card.os->transmit(c); }
    void selectCa() { must(tx(cdos::selectAid(kCaAid))); }
    void verify(std::uint8_t user) {
        static const char* pins[] = {"1234", "5678", "246810"};
        must(tx(cdos::verifyPin(user, pins[user - 1])));
    }
    cdos::SecretBytes serviceKey(int id = 1) const {
        return keys.sharedKey("CA_SERVICE_" + std::to_string(id))->reveal("test");
    }
    // OPEN VOD RIGHT with the headend's MAC for the purchase made at offline counter `purchaseCounter`.
    CommandApdu vodRight(std::uint16_t programme, std::uint32_t price, std::uint16_t days,
                         std::uint16_t purchaseCounter = 0) const {
        return openVodRight(programme, price, days,
                            vodRightMac(keys.cardKey("PURCHASE", profile.info.asn())->reveal("test").bytes(),
                                        profile.info.cardNumber, programme, price, days, purchaseCounter));
    }
};

inline cdos::ecm::ControlWords cwsFor(std::uint32_t period) {
    cdos::ecm::ControlWords cw;
    Bytes e(8), o(8);
    for (std::uint8_t i = 0; i < 8; ++i) {
        e[i] = static_cast<std::uint8_t>(period * 16 + i);
        o[i] = static_cast<std::uint8_t>(period * 16 + i + 8);
    }
    cw.even = cdos::SecretBytes(e);
    cw.odd = cdos::SecretBytes(o);
    return cw;
}

inline cdos::ecm::EcmHeader header(std::uint32_t period, std::uint16_t package = kPackage, std::uint16_t vod = 0) {
    cdos::ecm::EcmHeader h;
    h.serviceKeyId = 1;
    h.serviceKeyVersion = 1;
    h.programmeId = vod ? vod : kProgramme;
    h.packageId = package;
    h.vodProgrammeId = vod;
    h.cryptoPeriod = period;
    return h;
}

} // namespace catest
