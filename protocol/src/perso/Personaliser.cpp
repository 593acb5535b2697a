#include "carddesk/protocol/perso/Personaliser.h"

#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "carddesk/protocol/proactive/Proactive.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

namespace cdos {

std::vector<KeySpec> CardProfile::standardKeys() {
    return {
        {0x00, KeyUsage::IssuerMaintenance, "ISSUER_SM", 15},
        {0x01, KeyUsage::Transport, "TRANSPORT", 15, KeyDerivation::Shared},
        {0x02, KeyUsage::CardAuthentication, "CARD_AUTH", 15},
        {0x03, KeyUsage::Purchase, "PURCHASE", 15},
        {0x04, KeyUsage::Load, "LOAD", 15},
        {0x05, KeyUsage::Tac, "TAC", 15},
        {0x06, KeyUsage::PinUnblock, "PIN_UNBLOCK", 15},
    };
}

namespace {

bool validDate(std::uint32_t d) {
    const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(d / 10000)),
                                          std::chrono::month((d / 100) % 100), std::chrono::day(d % 100)};
    return d >= 19700101 && d <= 99991231 && ymd.ok();
}

std::string hex4(std::uint16_t v) {
    char b[8];
    std::snprintf(b, sizeof b, "%04X", v);
    return b;
}

void validateCa(const CardProfile& p, std::vector<std::string>& errors) {
    std::set<std::uint8_t> keyIds;
    for (const auto id : p.ca.serviceKeys) {
        if (id < 1 || id > kCaServiceKeySlots)
            errors.push_back("service key id " + std::to_string(id) + " is outside 1..8");
        else if (!keyIds.insert(id).second)
            errors.push_back("service key CA_SERVICE_" + std::to_string(id) + " appears twice");
    }
    if (p.ca.rights.size() > 40)
        errors.push_back("a card holds at most 40 rights");
    std::set<std::tuple<int, int, int>> seen;
    for (const auto& r : p.ca.rights) {
        const std::string what =
            "right of user " + std::to_string(r.user) + " (" + ca::rightKindName(r.kind) + " " + hex4(r.id) + ")";
        const bool userKnown =
            std::any_of(p.users.begin(), p.users.end(), [&](const UserSpec& u) { return u.profile.number == r.user; });
        if (!userKnown)
            errors.push_back(what + ": the card has no such user");
        if (r.kind < ca::RightKind::Package || r.kind > ca::RightKind::Vod)
            errors.push_back(what + ": unknown kind");
        if (r.id == 0)
            errors.push_back(what + ": id 0 is not a package, channel or programme");
        if (!validDate(r.start) || !validDate(r.end))
            errors.push_back(what + ": dates must be valid YYYYMMDD");
        else if (r.end < r.start)
            errors.push_back(what + ": ends before it starts");
        if (!seen.insert({r.user, static_cast<int>(r.kind), r.id}).second)
            errors.push_back(what + ": appears twice");
    }
}

} // namespace

std::vector<std::string> validateProfile(const CardProfile& p) {
    std::vector<std::string> errors;
    if (p.info.cardNumber.size() != 10)
        errors.push_back("card number must be 10 bytes (20 hex digits)");
    if (p.info.issuerSerial.size() != 8)
        errors.push_back("card-issuer serial must be 8 bytes (16 hex digits)");
    if (p.info.productSerial.size() != 8)
        errors.push_back("issuer product serial must be 8 bytes (16 hex digits)");
    if (p.holder.userNumber.empty() || p.holder.name.empty() || p.holder.account.empty())
        errors.push_back("holder data needs a user number, an account and a name");
    if (p.holder.encode().size() > 128)
        errors.push_back("holder data is longer than its 128-byte file");
    if (!p.holder.language.empty() && !proactive::cardSpeaks(p.holder.language))
        errors.push_back("holder language must be \"zh\" or \"en\"");
    if (p.users.empty() || p.users.size() > kMaxUsers)
        errors.push_back("a card has between 1 and 8 users");
    std::uint32_t seen = 0;
    for (const auto& u : p.users) {
        const int n = u.profile.number;
        if (n < 1 || n > kMaxUsers)
            errors.push_back("user number " + std::to_string(n) + " is outside 1..8");
        else if (seen & (1u << n))
            errors.push_back("user number " + std::to_string(n) + " appears twice");
        else
            seen |= 1u << n;
        if (u.profile.name.empty() || u.profile.name.size() > kMaxNameBytes)
            errors.push_back("user " + std::to_string(n) + ": the name must have 1 to 32 bytes");
        if (!isValidPin(u.pin))
            errors.push_back("user " + std::to_string(n) + ": the PIN must have 4 to 12 digits");
        if (u.profile.maxRetries < 1 || u.profile.maxRetries > 15)
            errors.push_back("user " + std::to_string(n) + ": PIN tries must be 1..15");
    }
    if (p.menu.size() > kMaxMenuEntries)
        errors.push_back("a menu has at most 16 entries");
    for (const auto& e : p.menu)
        if (e.title.empty() || e.title.size() > kMenuRecordLength - 7)
            errors.push_back("menu entry " + std::to_string(e.id) + ": the title must have 1 to 33 bytes");
    if (p.purse.overdraftLimit > 0xFFFFFF)
        errors.push_back("overdraft limit above 3 bytes");
    bool hasMaintenance = false;
    for (const auto& k : p.keys) {
        hasMaintenance |=
            k.id == 0 && k.usage == KeyUsage::IssuerMaintenance && k.derivation == KeyDerivation::Diversified;
        if (k.id == 0 && k.derivation == KeyDerivation::Shared)
            errors.push_back("key 00 (issuer maintenance) must be diversified per card");
    }
    if (!hasMaintenance)
        errors.push_back("the key profile needs key 00 (issuer maintenance)");
    validateCa(p, errors);
    return errors;
}

CommandApdu selectFid(std::uint16_t f) {
    CommandApdu c{cla::Iso, ins::Select, 0x00, 0x0C, {}, -1};
    putU16(c.data, f);
    return c;
}

CommandApdu selectAid(const Bytes& aid) {
    return CommandApdu{cla::Iso, ins::Select, 0x04, 0x00, aid, 256};
}

CommandApdu getData(std::uint16_t t) {
    return CommandApdu{
        cla::Proprietary, ins::GetData, static_cast<std::uint8_t>(t >> 8), static_cast<std::uint8_t>(t), {}, 256};
}

CommandApdu getChallenge() {
    return CommandApdu{cla::Iso, ins::GetChallenge, 0, 0, {}, 8};
}

CommandApdu verifyPin(std::uint8_t user, const std::string& digits) {
    return CommandApdu{cla::Iso, ins::Verify, 0x00, user, pinToBcd(digits), -1};
}

ResponseApdu Personaliser::send(const CommandApdu& c, const std::string& what, bool mustSucceed) {
    ++m_count;
    ResponseApdu r = m_transmit(c);
    if (mustSucceed && !r.ok()) {
        char sw[8];
        std::snprintf(sw, sizeof sw, "%04X", r.sw);
        throw PersonalisationError(what + " refused: " + sw + " " + statusWordMeaning(r.sw), r.sw);
    }
    return r;
}

void Personaliser::personalise(const CardProfile& p) {
    const auto problems = validateProfile(p);
    if (!problems.empty())
        throw PersonalisationError("invalid card profile: " + problems.front(), 0);
    const Bytes asn = p.info.asn();
    const int total = 7 + static_cast<int>(p.keys.size() + p.users.size() + p.menu.size()) + (p.ca.empty() ? 0 : 2) +
                      (p.generateAppKeyPair || !p.appCaPublicKey.empty() ? 1 : 0);
    int step = 0;
    auto report = [&](const std::string& what) {
        if (progress)
            progress(step++, total, what);
    };

    report("select the master file");
    send(selectFid(fid::Mf), "SELECT MF");
    const ResponseApdu lc = send(getData(tag::LifeCycleTag), "GET DATA life cycle");
    if (lc.data.size() != 1 || lc.data[0] != static_cast<std::uint8_t>(LifeCycle::Blank))
        throw PersonalisationError("the card is not blank (life cycle " +
                                       lifeCycleName(static_cast<LifeCycle>(lc.data.empty() ? 0xFF : lc.data[0])) + ")",
                                   sw::ConditionsNotSatisfied);

    report("take the card over from the batch key");
    IssuerSmSession sm(m_keys.blankCardKey());
    sm.start(send(getChallenge(), "GET CHALLENGE").data);

    auto writeKey = [&](const KeySpec& k) {
        std::shared_ptr<const DesKey> value =
            k.derivation == KeyDerivation::Shared ? m_keys.sharedKey(k.master) : m_keys.cardKey(k.master, asn);
        CommandApdu c{cla::Proprietary, ins::WriteKey, 0x00, k.id, {}, -1};
        c.data = {kKeyType3Des2, static_cast<std::uint8_t>(k.usage), m_keys.version(k.master), k.maxErrors};
        append(c.data, sm.wrapKey(*value));
        send(sm.wrap(c), "WRITE KEY " + std::to_string(k.id));
        if (k.id == 0)
            sm.replaceKey(std::move(value));
    };
    for (const auto& k : p.keys)
        if (k.id == 0)
            writeKey(k);

    report("create the files");
    auto create = [&](Fcp f) {
        CommandApdu c{cla::Proprietary, ins::CreateFile, 0, 0, f.encode(), -1};
        send(sm.wrap(c),
             "CREATE FILE " + toHex(Bytes{static_cast<std::uint8_t>(f.fid >> 8), static_cast<std::uint8_t>(f.fid)}));
    };
    create(Fcp{fid::CardInfo, FileType::Transparent, 26, 0, 0, 2, {}, ac::Always, ac::IssuerSm, 0});
    create(Fcp{fid::Holder, FileType::Transparent, 128, 0, 0, 3, {}, ac::IssuerSm, ac::IssuerSm, 0});
    create(Fcp{
        fid::Menu, FileType::LinearFixed, 0, kMenuRecordLength, kMaxMenuEntries, 5, {}, ac::Always, ac::IssuerSm, 0});
    create(Fcp{fid::PurseParams, FileType::Transparent, 16, 0, 0, 6, {}, ac::Always, ac::IssuerSm, 0});

    for (const auto& k : p.keys) {
        if (k.id == 0)
            continue;
        report("write key " + std::to_string(k.id) + " (" + keyUsageName(k.usage) + ")");
        writeKey(k);
    }

    report("write card numbers, holder and purse parameters");
    auto updateBinary = [&](std::uint8_t sfi, const Bytes& data, const std::string& what) {
        CommandApdu c{cla::Iso, ins::UpdateBinary, static_cast<std::uint8_t>(0x80 | sfi), 0x00, data, -1};
        send(sm.wrap(c), what);
    };
    updateBinary(2, p.info.encode(), "UPDATE BINARY card info");
    updateBinary(3, p.holder.encode(), "UPDATE BINARY holder");
    updateBinary(6, p.purse.encode(), "UPDATE BINARY purse parameters");

    for (const auto& u : p.users) {
        report("user " + std::to_string(u.profile.number));
        CommandApdu c{cla::Proprietary, ins::PutUser, 0x00, u.profile.number, {}, -1};
        Bytes block = pinBlock(u.pin);
        c.data = encodePutUser(u.profile, sm.encryptSecret(block));
        secureZero(block.data(), block.size());
        send(sm.wrap(c), "PUT USER " + std::to_string(u.profile.number));
    }

    std::uint8_t record = 1;
    for (const auto& e : p.menu) {
        report("menu entry " + e.title);
        CommandApdu c{cla::Iso, ins::UpdateRecord, record++, static_cast<std::uint8_t>((5 << 3) | 4), e.encodeRecord(),
                      -1};
        send(sm.wrap(c), "UPDATE RECORD menu " + std::to_string(e.id));
    }

    // The e-purse DF last, so that the steps before keep their order: its state (balance, counters, last
    // transaction: only the EP application touches it) and its cyclic log. CREATE FILE made the DF current: the
    // MF is selected again so that the issued card is left as before (MF current).
    report("create the e-purse application");
    create(Fcp{ep::kPurseDfFid, FileType::Df, 1024, 0, 0, 0, ep::kPurseAid, ac::Always, ac::IssuerSm, 0});
    create(Fcp{ep::kPurseStateFid, FileType::Transparent, 40, 0, 0, 0x17, {}, ac::Never, ac::Never, 0});
    Fcp log{ep::kLogFid, FileType::Cyclic, 0, ep::kLogRecordLength, ep::kLogRecords, ep::kLogSfi, {}, ac::Always};
    log.updateAc = ac::Never;
    create(log);
    send(selectFid(fid::Mf), "SELECT MF");

    // The conditional-access application, still before END PERSONALISATION: a cut anywhere up to it leaves a blank
    // card (the card undoes a personalisation that was not ended), never a card without its keys or rights.
    if (!p.ca.empty()) {
        report("create the conditional-access application");
        create(Fcp{ca::kCaDfFid, FileType::Df, ca::kCaDfSize, 0, 0, 0, ca::kCaAid, ac::Always, ac::IssuerSm, 0});
        create(Fcp{ca::kCaStateFid, FileType::Transparent, ca::kCaStateSize, 0, 0, 0, {}, ac::Never, ac::Never, 0});
        report("write the service keys and entitlements");
        for (const auto id : p.ca.serviceKeys) {
            const std::string name = ca::serviceKeyName(id);
            const std::unique_ptr<DesKey> value = m_keys.sharedKey(name);
            send(sm.wrap(ca::writeServiceKey(id, m_keys.version(name), sm.wrapKey(*value))), "WRITE KEY " + name);
        }
        // The CA DF is current (CREATE FILE selected it): WRITE ENTITLEMENT goes to the CA application.
        // Up to 20 rights per command: one NVM commit each instead of one per right.
        for (std::size_t at = 0; at < p.ca.rights.size(); at += ca::kRightsPerCommand) {
            const auto end =
                p.ca.rights.begin() + static_cast<long>(std::min(p.ca.rights.size(), at + ca::kRightsPerCommand));
            send(sm.wrap(ca::writeEntitlements({p.ca.rights.begin() + static_cast<long>(at), end})),
                 "WRITE ENTITLEMENT");
        }
        send(selectFid(fid::Mf), "SELECT MF");
    }

    // Application download's key pair and CA key, the last writes before END PERSONALISATION: END is the one
    // command that makes the card personalised, so a card cut off before it comes back blank (issue 11).
    m_cardPublicKey.clear();
    if (p.generateAppKeyPair || !p.appCaPublicKey.empty()) {
        report("application download keys");
        if (p.generateAppKeyPair)
            m_cardPublicKey = send(sm.wrap(appdl::AppCommands::generateCardKey()), "GENERATE CARD KEY PAIR").data;
        if (!p.appCaPublicKey.empty())
            send(sm.wrap(appdl::AppCommands::writeCaKey(p.appCaPublicKey)), "WRITE CA KEY");
    }

    report("end personalisation");
    send(sm.wrap(CommandApdu{cla::Proprietary, ins::EndPersonalisation, 0, 0, {}, -1}), "END PERSONALISATION");
}

std::vector<std::string> Personaliser::verify(const CardProfile& p) {
    std::vector<std::string> diffs;
    send(selectFid(fid::Mf), "SELECT MF");
    const auto lc = send(getData(tag::LifeCycleTag), "GET DATA life cycle").data;
    if (lc != Bytes{static_cast<std::uint8_t>(LifeCycle::Personalised)})
        diffs.push_back("the card is not in the personalised state");
    const auto info = CardInfo::decode(
        send(CommandApdu{cla::Iso, ins::ReadBinary, 0x82, 0x00, {}, 256}, "READ BINARY card info").data);
    if (!info || info->cardNumber != p.info.cardNumber)
        diffs.push_back("card number differs");
    if (!info || info->issuerSerial != p.info.issuerSerial)
        diffs.push_back("card-issuer serial differs");
    if (!info || info->productSerial != p.info.productSerial)
        diffs.push_back("issuer product serial differs");

    // The holder file is read under secure messaging: a good MAC also proves the maintenance key.
    IssuerSmSession sm(m_keys.cardKey("ISSUER_SM", p.info.asn()));
    sm.start(send(getChallenge(), "GET CHALLENGE").data);
    CommandApdu rb = sm.wrap(CommandApdu{cla::Iso, ins::ReadBinary, 0x83, 0x00, {}, -1});
    rb.le = 256;
    const auto holder = HolderData::decode(send(rb, "READ BINARY holder").data);
    if (!holder || holder->name != p.holder.name || holder->account != p.holder.account ||
        holder->userNumber != p.holder.userNumber)
        diffs.push_back("holder data differs");

    // Users and menu go to the issuer only under secure messaging (or to an authenticated session).
    const auto users = decodeUsers(send(sm.wrap(getData(tag::Users)), "GET DATA users").data);
    if (!users || users->size() != p.users.size()) {
        diffs.push_back("number of users differs");
    } else {
        for (std::size_t i = 0; i < users->size(); ++i) {
            const auto& got = (*users)[i];
            const auto& want = p.users[i].profile;
            if (got.profile.number != want.number || got.profile.name != want.name ||
                got.profile.permissions != want.permissions || got.profile.maxRetries != want.maxRetries ||
                got.retriesLeft != want.maxRetries)
                diffs.push_back("user " + std::to_string(want.number) + " differs");
        }
    }
    const auto menu = decodeMenu(send(sm.wrap(getData(tag::Menu)), "GET DATA menu").data);
    if (!menu || menu->size() != p.menu.size()) {
        diffs.push_back("number of menu entries differs");
    } else {
        for (std::size_t i = 0; i < menu->size(); ++i) {
            const auto& a = (*menu)[i];
            const auto& b = p.menu[i];
            if (a.id != b.id || a.title != b.title || a.permission != b.permission || a.hidden != b.hidden)
                diffs.push_back("menu entry " + std::to_string(b.id) + " differs");
        }
    }
    if (!send(selectAid(ep::kPurseAid), "SELECT e-purse", false).ok())
        diffs.push_back("the e-purse application (DF F0 43 44 45 50 01) is missing");
    send(selectFid(fid::Mf), "SELECT MF");
    const auto keys = decodeKeys(send(getData(tag::Keys), "GET DATA keys").data);
    for (const auto& k : p.keys) {
        bool found = false;
        for (const auto& got : keys.value_or(std::vector<KeyInfo>{}))
            found |= got.id == k.id && got.usage == static_cast<std::uint8_t>(k.usage) &&
                     got.version == m_keys.version(k.master);
        if (!found)
            diffs.push_back("key " + std::to_string(k.id) + " missing or of another version");
    }
    if (!p.ca.empty()) {
        if (!send(selectAid(ca::kCaAid), "SELECT CA", false).ok()) {
            diffs.push_back("the conditional-access application (DF F0 43 44 45 43 41) is missing");
        } else {
            const auto held = ca::decodeServiceKeys(send(ca::getCaData(ca::kTagServiceKeys), "GET DATA C1").data);
            for (const auto id : p.ca.serviceKeys) {
                const ca::ServiceKeyVersion want{id, m_keys.version(ca::serviceKeyName(id))};
                if (!held || std::find(held->begin(), held->end(), want) == held->end())
                    diffs.push_back("service key " + ca::serviceKeyName(id) + " missing or of another version");
            }
            const auto rights = ca::decodeEntitlements(send(ca::getCaData(ca::kTagEntitlements), "GET DATA C2").data);
            if (rights.size() != p.ca.rights.size())
                diffs.push_back("number of rights differs");
            for (const auto& r : p.ca.rights)
                if (std::find(rights.begin(), rights.end(), r) == rights.end())
                    diffs.push_back("right of user " + std::to_string(r.user) + " (" + ca::rightKindName(r.kind) + " " +
                                    hex4(r.id) + ") missing or different");
        }
        send(selectFid(fid::Mf), "SELECT MF");
    }
    return diffs;
}

ServiceKeyUpdate updateServiceKey(const IssuerKeys& keys, const Transmit& transmit, std::uint8_t id) {
    ServiceKeyUpdate u;
    u.id = id;
    if (id < 1 || id > kCaServiceKeySlots)
        throw PersonalisationError("service key id " + std::to_string(id) + " is outside 1..8", 0);
    const std::string name = ca::serviceKeyName(id);
    auto send = [&](const CommandApdu& c, const std::string& what, bool mustSucceed = true) {
        ++u.apduCount;
        ResponseApdu r = transmit(c);
        if (mustSucceed && !r.ok())
            throw PersonalisationError(what + " refused: " + hex4(r.sw) + " " + statusWordMeaning(r.sw), r.sw);
        return r;
    };
    // The key store first: an unknown or not-shared name is refused before the card is touched.
    const std::uint8_t version = keys.version(name);
    const std::unique_ptr<DesKey> value = keys.sharedKey(name);

    send(selectFid(fid::Mf), "SELECT MF");
    const auto lc = send(getData(tag::LifeCycleTag), "GET DATA life cycle").data;
    if (lc != Bytes{static_cast<std::uint8_t>(LifeCycle::Personalised)})
        throw PersonalisationError("the card is not personalised: service keys are loaded into issued cards",
                                   sw::ConditionsNotSatisfied);
    const auto number = send(getData(tag::CardNumber), "GET DATA card number").data;
    if (number.size() != 10)
        throw PersonalisationError("the card number read from the card is not 10 bytes", 0);
    const Bytes asn(number.end() - 8, number.end());
    if (!send(selectAid(ca::kCaAid), "SELECT CA", false).ok())
        throw PersonalisationError("the card has no conditional-access application", sw::FileNotFound);
    auto cardVersion = [&]() -> std::uint8_t {
        const auto held = ca::decodeServiceKeys(send(ca::getCaData(ca::kTagServiceKeys), "GET DATA C1").data);
        if (!held)
            throw PersonalisationError("GET DATA C1 answered a malformed list", 0);
        for (const auto& k : *held)
            if (k.id == id)
                return k.version;
        return 0;
    };
    u.previousVersion = cardVersion();
    u.version = u.previousVersion;
    if (u.previousVersion > version)
        throw PersonalisationError("the card holds version " + std::to_string(u.previousVersion) + " of " + name +
                                       ", newer than the key store's version " + std::to_string(version),
                                   0);
    if (u.previousVersion != version) {
        IssuerSmSession sm(keys.cardKey("ISSUER_SM", asn));
        sm.start(send(getChallenge(), "GET CHALLENGE").data);
        send(sm.wrap(ca::writeServiceKey(id, version, sm.wrapKey(*value))), "WRITE KEY " + name);
        u.version = cardVersion();
        if (u.version != version)
            throw PersonalisationError("the card reports version " + std::to_string(u.version) + " of " + name +
                                           " after WRITE KEY of version " + std::to_string(version),
                                       0);
        u.written = true;
    }
    send(selectFid(fid::Mf), "SELECT MF");
    return u;
}

} // namespace cdos
