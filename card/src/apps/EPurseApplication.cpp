#include "carddesk/card/apps/EPurseApplication.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <utility>

namespace cdos::card {

namespace {

constexpr std::uint8_t kPurchaseKeyId = EPurseApplication::kPurchaseKeyId, kLoadKeyId = 0x04, kTacKeyId = 0x05,
                       kPinUnblockKeyId = 0x06;
constexpr std::uint8_t kLoadType = static_cast<std::uint8_t>(ep::TxType::EpLoad);
constexpr std::uint8_t kPurchaseType = static_cast<std::uint8_t>(ep::TxType::EpPurchase);

ResponseApdu ok(Bytes data = {}) {
    return ResponseApdu{std::move(data), sw::Ok};
}

// The key a key index names, checked against the usage it must have: index 01 is the only one a card holds.
CardKey purseKey(CardOs& os, std::uint8_t keyIndex, std::uint8_t id, KeyUsage usage) {
    if (keyIndex != ep::kKeyIndex)
        throw StatusError(ep::sw::KeyIndexNotSupported);
    auto key = os.keys().find(id);
    if (!key || key->info.usage != static_cast<std::uint8_t>(usage))
        throw StatusError(ep::sw::KeyIndexNotSupported);
    if (key->info.errorCounter == 0)
        throw StatusError(sw::AuthBlocked); // its MAC failures ran out: no more loads (or purchases), for good
    return std::move(*key);
}

// The host's MAC (MAC2 of a load, MAC1 of a purchase) is checked under the key's persistent error counter, as PBOC
// cards do: a wrong one spends a try, committed with the 9302 answer; a right one gives the tries back in the
// command's own transaction. Both paths commit before answering, so a terminal cutting the power learns nothing
// it has not paid for, and an online MAC search ends after the key's tries instead of 2^32.
void checkHostMac(CommandContext& ctx, std::uint8_t keyId, const Bytes& want, const Bytes& given) {
    CardOs& os = ctx.os;
    const auto key = os.keys().find(keyId);
    if (!key)
        throw StatusError(ep::sw::KeyIndexNotSupported);
    if (!constantTimeEqual(want, given)) {
        os.keys().setErrorCounter(keyId, static_cast<std::uint8_t>(key->info.errorCounter - 1));
        ctx.keepChanges = true;
        throw StatusError(ep::sw::MacInvalid);
    }
    if (key->info.errorCounter < key->info.maxErrors)
        os.keys().setErrorCounter(keyId, key->info.maxErrors);
}

Bytes tacKeyOf(CardOs& os) {
    const auto key = os.keys().find(kTacKeyId);
    if (!key || key->info.usage != static_cast<std::uint8_t>(KeyUsage::Tac))
        throw StatusError(ep::sw::KeyIndexNotSupported);
    return ep::tacKey(key->value.bytes());
}

template <std::size_t N> std::array<std::uint8_t, N> take(const Bytes& b, std::size_t at) {
    std::array<std::uint8_t, N> a{};
    std::copy(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + N), a.begin());
    return a;
}

void requireLe(const CommandApdu& c) {
    if (c.le < 0)
        throw StatusError(sw::WrongLength);
}

struct Wipe {
    Bytes& b;
    ~Wipe() { secureZero(b.data(), b.size()); }
};

} // namespace

void EPurseApplication::endSession() {
    m_session = Session{};
}

std::optional<std::uint32_t> EPurseApplication::stateAddress(const CardOs& os) {
    auto& cos = const_cast<CardOs&>(os);
    const auto df = cos.files().dfByAid(ep::kPurseAid);
    if (!df)
        return std::nullopt;
    const auto state = cos.files().child(*df, ep::kPurseStateFid);
    if (!state)
        return std::nullopt;
    return cos.files().file(*state).bodyAddr;
}

EPurseApplication::Files EPurseApplication::files(CardOs& os) const {
    Files f;
    const auto df = os.files().dfByAid(ep::kPurseAid);
    if (!df)
        throw StatusError(sw::FileNotFound);
    const auto state = os.files().child(*df, ep::kPurseStateFid);
    const auto log = os.files().child(*df, ep::kLogFid);
    const auto params = os.files().child(FileSystem::kMf, fid::PurseParams);
    if (!state || !log || !params)
        throw StatusError(sw::FileNotFound);
    f.stateAddr = os.files().file(*state).bodyAddr;
    f.log = os.files().file(*log);
    const auto p = PurseParams::decode(os.files().readBinary(os.files().file(*params), 0, 16));
    if (!p || os.files().file(*state).bodySize < PurseState::kSize)
        throw StatusError(sw::FileNotFound);
    f.params = *p;
    return f;
}

std::optional<ResponseApdu> EPurseApplication::process(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    // DEBIT and CREDIT complete the open session; any other command ends it (as does any refusal).
    Session session = std::move(m_session);
    endSession();
    if (c.cla == cla::Proprietary) {
        switch (c.ins) {
        case ep::ins::Initialize:
            return initialize(ctx);
        case ep::ins::CreditForLoad:
            return creditForLoad(ctx, session);
        case ep::ins::DebitForPurchase:
            return debitForPurchase(ctx, session);
        case ep::ins::GetBalance:
            return getBalance(ctx);
        case ep::ins::GetTransactionProve:
            return getTransactionProve(ctx);
        case ep::ins::ChangePin:
            return c.p1 == 0x01 ? changePin(ctx) : reloadPin(ctx);
        case cdos::ins::GetData:
            if (c.p1 == 0x00 && c.p2 == 0x7A)
                return getData(ctx);
            return std::nullopt;
        default:
            return std::nullopt;
        }
    }
    return std::nullopt; // VERIFY, READ RECORD of the log, SELECT...: the OS commands
}

// INITIALIZE FOR LOAD / PURCHASE: reads the state and draws a random; nothing persistent changes.
ResponseApdu EPurseApplication::initialize(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (os.lifeCycle() != LifeCycle::Personalised)
        throw StatusError(sw::ConditionsNotSatisfied);
    if (c.p1 > 0x01 || c.p2 != ep::kP2Ep)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() != 11)
        throw StatusError(sw::WrongLength);
    requireLe(c);
    const bool load = c.p1 == 0x00;
    const Files f = files(os);
    const PurseState st = PurseState::read(os.nvm(), f.stateAddr);
    const std::uint8_t keyIndex = c.data[0];
    const std::uint32_t amount = getU32(c.data.data() + 1);
    const CardKey key = load ? purseKey(os, keyIndex, kLoadKeyId, KeyUsage::Load)
                             : purseKey(os, keyIndex, kPurchaseKeyId, KeyUsage::Purchase);
    Session s;
    s.amount = amount;
    s.terminal = take<6>(c.data, 5);
    s.random = crypto::randomBytes(4);
    if (load) {
        if (f.params.loadNeedsPin && os.session().verifiedUser == 0)
            throw StatusError(sw::SecurityNotSatisfied);
        // A user at the terminal must hold the top-up right; the issuer's desk loads with no user verified.
        if (os.session().verifiedUser != 0)
            os.requireUserRight(perm::TopUp);
        if (st.onlineCounter == 0xFFFF)
            throw StatusError(ep::sw::CounterAtMaximum);
        if (std::uint64_t(st.balance) + amount > f.params.balanceLimit)
            throw StatusError(sw::IncorrectData); // the load would take the balance above its limit
        s.kind = Kind::Load;
        s.counter = st.onlineCounter;
        s.sessionKey = SecretBytes(ep::loadSessionKey(key.value.bytes(), s.random, s.counter));
        ep::InitLoadResponse r{
            st.balance,       st.onlineCounter,
            key.info.version, ep::kAlgorithm3Des,
            s.random,         ep::loadMac1(s.sessionKey.bytes(), st.balance, amount, kLoadType, s.terminal)};
        m_session = std::move(s);
        return CardOs::respondObject(r.encode(), c.le, true);
    }
    if (st.offlineCounter == 0xFFFF)
        throw StatusError(ep::sw::CounterAtMaximum);
    if (amount > st.balance)
        throw StatusError(ep::sw::InsufficientBalance);
    s.kind = Kind::Purchase;
    s.counter = st.offlineCounter;
    ep::InitPurchaseResponse r{st.balance,       st.offlineCounter,  f.params.overdraftLimit,
                               key.info.version, ep::kAlgorithm3Des, s.random};
    m_session = std::move(s);
    return CardOs::respondObject(r.encode(), c.le, true);
}

// The whole transaction is written here, in the command's one NVM transaction: balance, counter, log record and
// the last-transaction record (with MAC2 and TAC) commit together or not at all.
ResponseApdu EPurseApplication::creditForLoad(CommandContext& ctx, const Session& s) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (s.kind != Kind::Load)
        throw StatusError(sw::ConditionsNotSatisfied);
    if (c.p1 != 0x00 || c.p2 != 0x00)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() != 11)
        throw StatusError(sw::WrongLength);
    requireLe(c);
    const auto date = take<4>(c.data, 0);
    const auto time = take<3>(c.data, 4);
    const Bytes mac2(c.data.begin() + 7, c.data.end());
    const Bytes want = ep::loadMac2(s.sessionKey.bytes(), s.amount, kLoadType, s.terminal, date, time);
    checkHostMac(ctx, kLoadKeyId, want, mac2); // the session ends either way

    const Files f = files(os);
    PurseState st = PurseState::read(os.nvm(), f.stateAddr);
    st.balance += s.amount;
    st.onlineCounter = static_cast<std::uint16_t>(s.counter + 1);
    Bytes tk = tacKeyOf(os);
    Wipe wipe{tk};
    st.tac = ep::loadTac(tk, st.balance, s.counter, s.amount, kLoadType, s.terminal, date, time);
    st.mac2 = mac2;
    st.last = ep::LastTransaction{kLoadType, s.counter, 0, s.terminal, date, time, s.amount};
    st.write(os.nvm(), f.stateAddr);
    os.files().appendRecord(
        f.log, ep::LogRecord{s.counter, f.params.overdraftLimit, s.amount, kLoadType, s.terminal, date, time}.encode());
    return CardOs::respondObject(st.tac, c.le, true);
}

ResponseApdu EPurseApplication::debitForPurchase(CommandContext& ctx, const Session& s) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (s.kind != Kind::Purchase)
        throw StatusError(sw::ConditionsNotSatisfied);
    if (c.p1 != 0x01 || c.p2 != 0x00)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() != 15)
        throw StatusError(sw::WrongLength);
    requireLe(c);
    // The holder's payment PIN is asked here rather than at INITIALIZE, so that a terminal recovering a lost answer
    // can read the counter without the holder.
    os.requireUserRight(perm::Purse); // a verified user holding the purse right
    const std::uint32_t serial = getU32(c.data.data());
    const auto date = take<4>(c.data, 4);
    const auto time = take<3>(c.data, 8);
    const Bytes mac1(c.data.begin() + 11, c.data.end());
    const CardKey key = purseKey(os, ep::kKeyIndex, kPurchaseKeyId, KeyUsage::Purchase);
    Bytes session = ep::purchaseSessionKey(key.value.bytes(), s.random, s.counter, serial);
    Wipe wipeSession{session};
    checkHostMac(ctx, kPurchaseKeyId, ep::purchaseMac1(session, s.amount, kPurchaseType, s.terminal, date, time), mac1);

    const Files f = files(os);
    PurseState st = PurseState::read(os.nvm(), f.stateAddr);
    st.balance -= s.amount; // INITIALIZE checked it, and nothing can run between the two commands
    st.offlineCounter = static_cast<std::uint16_t>(s.counter + 1);
    Bytes tk = tacKeyOf(os);
    Wipe wipeTac{tk};
    st.tac = ep::purchaseTac(tk, s.amount, kPurchaseType, s.terminal, serial, date, time);
    st.mac2 = ep::purchaseMac2(session, s.amount);
    st.last = ep::LastTransaction{kPurchaseType, s.counter, serial, s.terminal, date, time, s.amount};
    st.write(os.nvm(), f.stateAddr);
    os.files().appendRecord(
        f.log,
        ep::LogRecord{s.counter, f.params.overdraftLimit, s.amount, kPurchaseType, s.terminal, date, time}.encode());
    Bytes out = st.tac;
    append(out, st.mac2);
    return CardOs::respondObject(out, c.le, true);
}

ResponseApdu EPurseApplication::getBalance(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0x00 || c.p2 != ep::kP2Ep)
        throw StatusError(sw::IncorrectP1P2);
    if (!c.data.empty())
        throw StatusError(sw::WrongLength);
    requireLe(c);
    const Files f = files(ctx.os);
    Bytes out;
    putU32(out, PurseState::read(ctx.os.nvm(), f.stateAddr).balance);
    return CardOs::respondObject(out, c.le, true);
}

// Only the last transaction can be proved (its MAC2 and TAC are kept with it); anything else is 9406.
ResponseApdu EPurseApplication::getTransactionProve(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0x00)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() != 2)
        throw StatusError(sw::WrongLength);
    requireLe(c);
    const Files f = files(ctx.os);
    const PurseState st = PurseState::read(ctx.os.nvm(), f.stateAddr);
    const std::uint16_t asked = getU16(c.data.data());
    const auto want = static_cast<std::uint16_t>(f.params.proveCounterAfter ? st.last.counter + 1 : st.last.counter);
    if (st.last.type == 0 || st.last.type != c.p2 || asked != want)
        throw StatusError(ep::sw::MacNotAvailable);
    Bytes out = st.mac2;
    append(out, st.tac);
    return CardOs::respondObject(out, c.le, true);
}

ResponseApdu EPurseApplication::getData(CommandContext& ctx) {
    const Files f = files(ctx.os);
    const PurseState st = PurseState::read(ctx.os.nvm(), f.stateAddr);
    if (st.last.type == 0)
        throw StatusError(sw::DataNotFound);
    return CardOs::respondObject(st.last.encode(), ctx.apdu.le, true);
}

// CHANGE PIN 80 5E 01 user: old PIN (BCD) FF new PIN (BCD). A wrong old PIN spends a try, as VERIFY does.
ResponseApdu EPurseApplication::changePin(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (os.lifeCycle() != LifeCycle::Personalised)
        throw StatusError(sw::ConditionsNotSatisfied);
    const auto user = os.users().find(c.p2);
    if (!user)
        throw StatusError(sw::DataNotFound);
    const auto sep = std::find(c.data.begin(), c.data.end(), std::uint8_t{0xFF});
    const auto oldLen = static_cast<std::size_t>(sep - c.data.begin());
    if (c.data.size() < 5 || c.data.size() > 13 || sep == c.data.end() || oldLen < 2 || oldLen > 6 ||
        c.data.size() - oldLen - 1 < 2 || c.data.size() - oldLen - 1 > 6)
        throw StatusError(sw::WrongLength);
    if (user->retriesLeft == 0)
        throw StatusError(sw::AuthBlocked);
    std::string oldPin = bcdToDigits(c.data.data(), oldLen).value_or("");
    std::string newPin = bcdToDigits(c.data.data() + oldLen + 1, c.data.size() - oldLen - 1).value_or("");
    struct Guard {
        std::string &a, &b;
        ~Guard() {
            secureZero(a.data(), a.size());
            secureZero(b.data(), b.size());
        }
    } guard{oldPin, newPin};
    if (!isValidPin(oldPin) || !isValidPin(newPin))
        throw StatusError(sw::IncorrectData);
    // The try is spent and committed before the old PIN is compared (CardOs::guardedGuess).
    const auto guess = os.guardedGuess(
        user->retriesLeft, user->profile.maxRetries, [&](std::uint8_t n) { os.users().setRetriesLeft(c.p2, n); },
        [&] { return os.users().pinMatches(c.p2, oldPin); });
    if (!guess.matched) {
        if (os.session().verifiedUser == c.p2)
            os.session().verifiedUser = 0;
        ctx.keepChanges = true;
        return ResponseApdu{{}, sw::wrongPin(guess.triesLeft)};
    }
    os.users().setPin(c.p2, newPin);
    return ok();
}

// RELOAD PIN 80 5E 00 user: encrypted PIN block(8) MAC(4) (ep::reloadPinCryptogram / reloadPinMac, made by the
// issuer with the PIN-unblock sub-key, key 06, over the card's last GET CHALLENGE). The challenge is used once, so
// a captured command cannot be replayed; the PIN never travels in clear; a wrong MAC spends a try of key 06 for
// good (6983 when none is left).
ResponseApdu EPurseApplication::reloadPin(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0x00)
        throw StatusError(sw::IncorrectP1P2);
    if (os.lifeCycle() != LifeCycle::Personalised)
        throw StatusError(sw::ConditionsNotSatisfied);
    const auto user = os.users().find(c.p2);
    if (!user)
        throw StatusError(sw::DataNotFound);
    if (c.data.size() != 12)
        throw StatusError(sw::WrongLength);
    const Bytes challenge = std::exchange(os.session().challenge, Bytes{});
    if (challenge.size() != 8)
        throw StatusError(sw::ConditionsNotSatisfied); // no fresh GET CHALLENGE: nothing checked, no try spent
    const Bytes cryptogram(c.data.begin(), c.data.begin() + 8);
    const auto key = os.keys().find(kPinUnblockKeyId);
    if (!key || key->info.usage != static_cast<std::uint8_t>(KeyUsage::PinUnblock))
        throw StatusError(sw::DataNotFound);
    const Bytes mac = ep::reloadPinMac(key->value.bytes(), challenge, c.p2, cryptogram);
    const auto guess = os.guardedGuess(
        key->info.errorCounter, key->info.maxErrors,
        [&](std::uint8_t n) { os.keys().setErrorCounter(kPinUnblockKeyId, n); },
        [&] { return constantTimeEqual(mac.data(), c.data.data() + 8, 4); });
    if (!guess.matched) {
        ctx.keepChanges = true; // the spent try stays
        throw StatusError(ep::sw::MacInvalid);
    }
    Bytes block = crypto::des3EcbDecrypt(key->value.bytes(), cryptogram);
    std::string pin = pinFromBlock(block).value_or("");
    secureZero(block.data(), block.size());
    struct Guard {
        std::string& s;
        ~Guard() { secureZero(s.data(), s.size()); }
    } guard{pin};
    if (!isValidPin(pin))
        throw StatusError(sw::IncorrectData);
    os.users().setPin(c.p2, pin);
    os.users().setRetriesLeft(c.p2, user->profile.maxRetries);
    return ok();
}

} // namespace cdos::card
