#pragma once
// Issuance of the CA part over any transport (in process or PC/SC), as the Personaliser should do it (asked of the
// keys engineer): CREATE FILE works only before END PERSONALISATION, so END PERSONALISATION is held back, the CA
// DF and its state EF are created in an issuer SM session of our own, then personalisation is ended; service keys
// (shared keys CA_SERVICE_1/2 from the key store) and the rights follow with the issuer commands.
#include "carddesk/protocol/CaCommands.h"
#include "carddesk/protocol/KeyStore.h"
#include "carddesk/protocol/Personaliser.h"
#include "carddesk/protocol/SecureMessaging.h"

#include <stdexcept>

namespace catest {

inline cdos::ResponseApdu must(cdos::ResponseApdu r, int line = __builtin_LINE()) {
    if (r.sw != 0x9000)
        throw std::runtime_error("card refused a set-up command at line " + std::to_string(line) + ": SW " +
                                 std::to_string(r.sw));
    return r;
}

inline void issueWithCa(const cdos::KeyStore& keys, const cdos::CardProfile& profile, const cdos::Transmit& tx,
                        const std::vector<cdos::ca::Entitlement>& rights) {
    using cdos::CommandApdu;
    using namespace cdos::ca;
    bool held = false;
    cdos::Personaliser perso(keys, [&](const CommandApdu& c) {
        if ((c.cla & 0x80) && c.ins == cdos::ins::EndPersonalisation && !held) {
            held = true;
            return cdos::ResponseApdu{{}, 0x9000};
        }
        return tx(c);
    });
    perso.personalise(profile);
    cdos::IssuerSmSession sm(keys.cardKey("ISSUER_SM", profile.info.asn()));
    sm.start(must(tx(cdos::getChallenge())).data);
    auto create = [&](const cdos::Fcp& f) { must(tx(sm.wrap(CommandApdu{0x80, 0xE0, 0, 0, f.encode(), -1}))); };
    create(
        cdos::Fcp{kCaDfFid, cdos::FileType::Df, kCaDfSize, 0, 0, 0, kCaAid, cdos::ac::Always, cdos::ac::IssuerSm, 0});
    create(cdos::Fcp{
        kCaStateFid, cdos::FileType::Transparent, kCaStateSize, 0, 0, 0, {}, cdos::ac::Never, cdos::ac::Never, 0});
    must(tx(cdos::selectFid(cdos::fid::Mf)));
    must(tx(sm.wrap(CommandApdu{0x80, cdos::ins::EndPersonalisation, 0, 0, {}, -1})));
    for (std::uint8_t id : {1, 2}) {
        const std::string name = "CA_SERVICE_" + std::to_string(id);
        CommandApdu c{0x80, cdos::ins::WriteKey, 0x00, keySlotOf(id), {}, -1};
        c.data = {cdos::kKeyType3Des2, static_cast<std::uint8_t>(cdos::KeyUsage::CaService), keys.version(name), 15};
        cdos::append(c.data, sm.encryptSecret(keys.sharedKey(name).bytes()));
        must(tx(sm.wrap(c)));
    }
    must(tx(cdos::selectAid(kCaAid)));
    for (const auto& r : rights)
        must(tx(sm.wrap(writeEntitlement(r))));
    must(tx(cdos::selectFid(cdos::fid::Mf)));
}

} // namespace catest
