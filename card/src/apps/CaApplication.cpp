#include "carddesk/card/apps/CaApplication.h"

#include "carddesk/card/apps/AuthenticationCommands.h"
#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/card/apps/MenuEditor.h"
#include "carddesk/card/apps/PurseState.h"
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/ca/Ecm.h"

#include <chrono>

namespace cdos::card {

namespace {

bool validDate(std::uint32_t d) {
    const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(d / 10000)),
                                          std::chrono::month((d / 100) % 100), std::chrono::day(d % 100)};
    return d >= 19700101 && ymd.ok();
}

std::uint32_t addDays(std::uint32_t d, unsigned days) {
    using namespace std::chrono;
    const year_month_day ymd{year(static_cast<int>(d / 10000)), month((d / 100) % 100), day(d % 100)};
    const year_month_day r{sys_days(ymd) + std::chrono::days(days)};
    return static_cast<std::uint32_t>(static_cast<int>(r.year())) * 10000 + static_cast<unsigned>(r.month()) * 100 +
           static_cast<unsigned>(r.day());
}

std::uint32_t bcdDateValue(const ep::Bcd4& b) {
    std::uint32_t v = 0;
    for (const std::uint8_t x : b)
        v = v * 100 + (x >> 4) * 10u + (x & 0x0F);
    return v;
}

// Issuer secure messaging for an application command (the dispatcher checks it only for OS commands): the same
// MAC, chaining value and error counter as CardOs, so one IssuerSmSession drives both.
void checkIssuerSm(CommandContext& ctx) {
    CardOs& os = ctx.os;
    CommandApdu& c = ctx.apdu;
    if ((c.cla & 0x04) == 0)
        throw StatusError(sw::SecurityNotSatisfied);
    const auto key = os.keys().find(0);
    if (!key)
        throw StatusError(sw::DataNotFound);
    if (key->info.errorCounter == 0)
        throw StatusError(sw::AuthBlocked);
    if (c.data.size() < 4)
        throw StatusError(sw::WrongLength);
    if (os.session().icv.empty())
        throw StatusError(sw::SmIncorrect);
    const Bytes body(c.data.begin(), c.data.end() - 4);
    if (!os.issuerMacMatches(ctx, key->value.bytes(), body, c.data.data() + body.size())) {
        ctx.keepChanges = true; // the spent try stays
        throw StatusError(sw::SmIncorrect);
    }
    c.data = body;
    ctx.issuerSm = true; // the dispatcher gives the key its tries back when the command succeeds
}

} // namespace

std::optional<std::uint32_t> CaApplication::stateAddress(CardOs& os) {
    const auto df = os.files().dfByAid(ca::kCaAid);
    if (!df)
        return std::nullopt;
    const auto st = os.files().child(*df, ca::kCaStateFid);
    if (!st || os.files().file(*st).bodySize < CaState::kSize)
        return std::nullopt;
    return os.files().file(*st).bodyAddr;
}

CaState CaApplication::state(CardOs& os) const {
    const auto addr = stateAddress(os);
    if (!addr)
        throw StatusError(sw::FileNotFound);
    return CaState(os.nvm(), *addr);
}

std::optional<ResponseApdu> CaApplication::process(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    if ((c.cla & 0x80) == 0)
        return std::nullopt; // SELECT, VERIFY, GET CHALLENGE...: the OS commands
    const bool own = c.ins == ca::ins::ProcessEcm || c.ins == ca::ins::WriteEntitlement ||
                     c.ins == ca::ins::OpenVodRight || c.ins == ca::ins::EditMenu;
    // The CA commands run on an issued card. WRITE ENTITLEMENT also while the issuance runs (blank, under issuer
    // SM), so that the initial rights are part of the personalisation a power cut undoes as a whole.
    const bool issuance = c.ins == ca::ins::WriteEntitlement && ctx.os.lifeCycle() == LifeCycle::Blank;
    if (own && ctx.os.lifeCycle() != LifeCycle::Personalised && !issuance)
        throw StatusError(sw::ConditionsNotSatisfied);
    switch (c.ins) {
    case ca::ins::ProcessEcm:
        return processEcm(ctx);
    case ca::ins::WriteEntitlement:
        return writeEntitlement(ctx);
    case ca::ins::OpenVodRight:
        return openVodRight(ctx);
    case ca::ins::EditMenu:
        return editMenu(ctx);
    case cdos::ins::GetData:
        if (c.p1 == 0x00 && (c.p2 == ca::kTagServiceKeys || c.p2 == ca::kTagEntitlements))
            return getData(ctx);
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

// PROCESS ECM: date(4, YYYYMMDD from the terminal) || ECM payload → even CW || odd CW.
// Order of checks: form, key (6A88), MAC (9302), right (6985), replay (9410); only then do CWs leave the card.
ResponseApdu CaApplication::processEcm(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0 || c.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() < 4 + ecm::kHeaderSize)
        throw StatusError(sw::WrongLength);
    const std::uint32_t date = getU32(c.data.data());
    if (!validDate(date))
        throw StatusError(sw::IncorrectData);
    const Bytes payload(c.data.begin() + 4, c.data.end());
    const std::uint8_t user = os.session().verifiedUser;
    if (user == 0)
        throw StatusError(sw::SecurityNotSatisfied);
    CaState st = state(os);

    ecm::EcmHeader h;
    ecm::ControlWords cws;
    try {
        h = ecm::Ecm::parseHeader(payload);
        std::optional<CardKey> key;
        cws = ecm::Ecm::decrypt(payload, [&](std::uint8_t id, std::uint8_t version) -> const SecretBytes* {
            if (id == 0 || id > kCaServiceKeySlots)
                return nullptr;
            key = os.keys().find(ca::keySlotOf(id));
            if (!key || key->info.usage != static_cast<std::uint8_t>(KeyUsage::CaService) ||
                key->info.version != version || key->value.size() != 16)
                return nullptr;
            return &key->value;
        });
    } catch (const ecm::EcmError& e) {
        switch (e.refusal) {
        case ecm::Refusal::UnknownKey:
            throw StatusError(ca::sw::EcmUnknownKey);
        case ecm::Refusal::BadMac:
            throw StatusError(ca::sw::EcmBadMac);
        default:
            throw StatusError(sw::IncorrectData);
        }
    }

    // The card's date: the terminal's, never earlier than the latest one any terminal gave.
    const std::uint32_t today = std::max(date, st.clock());
    bool entitled = false;
    for (const auto& r : st.entitlements()) {
        if (r.user != user || !r.covers(today))
            continue;
        if ((r.kind == ca::RightKind::Package && h.packageId != 0 && r.id == h.packageId) ||
            (r.kind == ca::RightKind::Channel && r.id == h.programmeId) ||
            (r.kind == ca::RightKind::Vod && h.vodProgrammeId != 0 && r.id == h.vodProgrammeId))
            entitled = true;
    }
    if (!entitled)
        throw StatusError(ca::sw::NotEntitled); // cws wipe themselves (SecretBytes)

    const auto last = st.lastPeriod(h.programmeId);
    if (last && h.cryptoPeriod < *last)
        throw StatusError(ca::sw::EcmReplay);
    // The same period again (a repetition sent after a change of user) is fine and writes nothing.
    if (!last || h.cryptoPeriod > *last)
        st.setLastPeriod(h.programmeId, h.cryptoPeriod);
    if (date > st.clock())
        st.setClock(date);

    Bytes out = cws.even.bytes();
    append(out, cws.odd.bytes());
    ResponseApdu r = CardOs::respondObject(out, c.le, true);
    secureZero(out.data(), out.size());
    return r;
}

// WRITE ENTITLEMENT 84 3E 00 00: user(1) kind(1) id(2) start(4) end(4) || MAC(4); end 0 deletes the right. Several
// such 12-byte rights in one command (the issuance writes a card's initial rights so) are checked first and then
// written together in the command's one NVM transaction: all or none.
ResponseApdu CaApplication::writeEntitlement(CommandContext& ctx) {
    checkIssuerSm(ctx);
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0 || c.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.empty() || c.data.size() % ca::Entitlement::kSize != 0)
        throw StatusError(sw::WrongLength);
    const auto rights = ca::decodeEntitlements(c.data);
    for (const auto& e : rights)
        if (e.user < 1 || e.user > kMaxUsers || e.kind < ca::RightKind::Package || e.kind > ca::RightKind::Vod ||
            e.id == 0 || (e.end != 0 && (!validDate(e.start) || !validDate(e.end) || e.end < e.start)))
            throw StatusError(sw::IncorrectData);
    CaState st = state(ctx.os);
    for (const auto& e : rights)
        st.putEntitlement(e); // 6A84 when full: the dispatcher rolls back the ones written before
    return ResponseApdu{{}, sw::Ok};
}

// OPEN VOD RIGHT 80 3F 00 00: programme(2) price(4) valid days(2) MAC(4). Bound to the e-purse: the purse's last
// transaction must be a purchase of exactly this price, the newest one, not yet used for a right, and made by a
// user verified in this session (DEBIT requires one, and the verification is still the current one). And bound to
// what the headend sold: the MAC (ca::vodRightMac, under the card's PURCHASE key) covers the card number,
// programme, price, days and that purchase's counter, so a terminal can neither pick the programme or the days nor
// reuse an authorisation. The MAC is a guess under a retry counter (CardOs::guardedGuess, the PURCHASE key's
// error counter): a forger gets as many tries as the key allows, not 2^32. The right runs from the purchase's
// date (MACed in DEBIT by the terminal's PSAM) for the given days.
ResponseApdu CaApplication::openVodRight(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0 || c.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() != 12)
        throw StatusError(sw::WrongLength);
    const std::uint8_t user = os.session().verifiedUser;
    os.requireUserRight(perm::Vod);
    const std::uint16_t programme = getU16(c.data.data());
    const std::uint32_t price = getU32(c.data.data() + 2);
    const std::uint16_t days = getU16(c.data.data() + 6);
    if (programme == 0 || days == 0)
        throw StatusError(sw::IncorrectData);
    const auto purseAddr = EPurseApplication::stateAddress(os);
    if (!purseAddr)
        throw StatusError(ca::sw::NoPurchase);
    const PurseState purse = PurseState::read(os.nvm(), *purseAddr);
    CaState st = state(os);
    const bool purchase = purse.last.type == static_cast<std::uint8_t>(ep::TxType::EpPurchase);
    const auto after = static_cast<std::uint16_t>(purse.last.counter + 1);
    if (!purchase || purse.last.amount != price || purse.offlineCounter != after || after <= st.consumedPurchase())
        throw StatusError(ca::sw::NoPurchase);
    const std::uint32_t start = bcdDateValue(purse.last.date);
    if (!validDate(start))
        throw StatusError(ca::sw::NoPurchase);
    const auto key = os.keys().find(EPurseApplication::kPurchaseKeyId);
    if (!key || key->info.usage != static_cast<std::uint8_t>(KeyUsage::Purchase) || key->value.size() != 16)
        throw StatusError(ca::sw::NoPurchase);
    const Bytes expected = ca::vodRightMac(key->value.bytes(), AuthenticationCommands::cardNumber(os), programme, price,
                                           days, purse.last.counter);
    const auto guess = os.guardedGuess(
        key->info.errorCounter, key->info.maxErrors,
        [&](std::uint8_t n) { os.keys().setErrorCounter(EPurseApplication::kPurchaseKeyId, n); },
        [&] { return constantTimeEqual(expected.data(), c.data.data() + 8, 4); });
    if (!guess.matched) {
        ctx.keepChanges = true; // the spent try stays
        throw StatusError(sw::SmIncorrect);
    }
    st.setConsumedPurchase(after);
    st.putEntitlement(ca::Entitlement{user, ca::RightKind::Vod, programme, start, addDays(start, days - 1u)});
    return ResponseApdu{{}, sw::Ok};
}

ResponseApdu CaApplication::editMenu(CommandContext& ctx) {
    if (ctx.apdu.p1 != 0 || ctx.apdu.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    MenuEditor::apply(ctx);
    return ResponseApdu{{}, sw::Ok};
}

// Diagnostics: C1 service keys (id, version) — never values; C2 every right (user, kind, id, start, end).
ResponseApdu CaApplication::getData(CommandContext& ctx) {
    CardOs& os = ctx.os;
    Bytes out;
    if (ctx.apdu.p2 == ca::kTagServiceKeys) {
        for (std::uint8_t id = 1; id <= kCaServiceKeySlots; ++id) {
            const auto k = os.keys().find(ca::keySlotOf(id));
            if (k && k->info.usage == static_cast<std::uint8_t>(KeyUsage::CaService)) {
                out.push_back(id);
                out.push_back(k->info.version);
            }
        }
    } else {
        for (const auto& e : state(os).entitlements())
            append(out, e.encode());
    }
    return CardOs::respondObject(out, ctx.apdu.le, false);
}

} // namespace cdos::card
