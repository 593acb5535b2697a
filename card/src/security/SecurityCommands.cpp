#include "carddesk/card/security/SecurityCommands.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos::card {

namespace {

using Sm = CardOs::SmPolicy;

ResponseApdu ok(Bytes data = {}) {
    return ResponseApdu{std::move(data), sw::Ok};
}

// Wipes a PIN held in a std::string when the handler leaves, whichever way it leaves.
struct PinGuard {
    std::string& pin;
    ~PinGuard() {
        if (!pin.empty())
            secureZero(pin.data(), pin.size());
    }
};

std::string decryptPinBlock(CardOs& os, const Bytes& cryptogram) {
    Bytes block = os.decryptUnderIssuerKey(cryptogram);
    auto pin = pinFromBlock(block);
    secureZero(block.data(), block.size());
    if (!pin)
        throw StatusError(sw::IncorrectData);
    return *pin;
}

bool validUsage(std::uint8_t u) {
    return u >= static_cast<std::uint8_t>(KeyUsage::IssuerMaintenance) &&
           u <= static_cast<std::uint8_t>(KeyUsage::PinUnblock);
}

} // namespace

void SecurityCommands::install(CardOs& os) {
    os.registerCommand(cla::Iso, ins::GetChallenge, Sm::None, CardOs::inUse | CardOs::inBlocked, getChallenge);
    os.registerCommand(cla::Iso, ins::Verify, Sm::None, CardOs::inUse, verify);
    os.registerCommand(cla::Proprietary, ins::WriteKey, Sm::Required, CardOs::inUse, writeKey);
    os.registerCommand(cla::Proprietary, ins::PutUser, Sm::Required, CardOs::inUse, putUser);
    os.registerCommand(cla::Proprietary, ins::PinUnblock, Sm::Required, CardOs::inUse, pinUnblock);
}

ResponseApdu SecurityCommands::getChallenge(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0 || c.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (!c.data.empty() || (c.le != 4 && c.le != 8))
        throw StatusError(sw::WrongLength);
    Bytes challenge = crypto::randomBytes(static_cast<std::size_t>(c.le));
    // Only an 8-byte challenge starts an issuer SM chain: a 4-byte one would make a 32-bit chaining value (half of
    // it zeros). A 4-byte challenge is still given (other protocols use it) and ends any chain.
    CardSession& s = ctx.os.session();
    if (!s.icv.empty())
        secureZero(s.icv.data(), s.icv.size());
    s.icv = c.le == 8 ? icvFromChallenge(challenge) : Bytes{};
    s.icvFresh = c.le == 8;
    s.challenge = c.le == 8 ? challenge : Bytes{};
    return ok(std::move(challenge));
}

// The try is spent and committed before the PIN is compared, and given back on a match (CardOs::guardedGuess):
// cutting the power at the first page write tells a terminal nothing, and no guess is free.
ResponseApdu SecurityCommands::verify(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (os.lifeCycle() != LifeCycle::Personalised)
        throw StatusError(sw::ConditionsNotSatisfied);
    if (c.p1 != 0)
        throw StatusError(sw::IncorrectP1P2);
    const auto user = os.users().find(c.p2);
    if (!user)
        throw StatusError(sw::DataNotFound);
    const std::uint8_t number = c.p2;
    if (c.data.empty()) { // how many tries are left
        if (user->retriesLeft == 0)
            throw StatusError(sw::AuthBlocked);
        if (os.session().verifiedUser == number)
            return ok();
        return ResponseApdu{{}, sw::wrongPin(user->retriesLeft)};
    }
    if (c.data.size() < 2 || c.data.size() > 6)
        throw StatusError(sw::WrongLength);
    if (user->retriesLeft == 0)
        throw StatusError(sw::AuthBlocked);
    std::string digits = bcdToDigits(c.data.data(), c.data.size()).value_or("");
    PinGuard guard{digits};
    if (!isValidPin(digits))
        throw StatusError(sw::IncorrectData);
    const auto guess = os.guardedGuess(
        user->retriesLeft, user->profile.maxRetries, [&](std::uint8_t n) { os.users().setRetriesLeft(number, n); },
        [&] { return os.users().pinMatches(number, digits); });
    if (guess.matched) {
        os.session().verifiedUser = number;
        return ok();
    }
    const std::uint8_t left = guess.triesLeft;
    if (os.session().verifiedUser == number)
        os.session().verifiedUser = 0;
    ctx.keepChanges = true;
    return ResponseApdu{{}, sw::wrongPin(left)};
}

ResponseApdu SecurityCommands::writeKey(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (c.data.size() != 4 + 16)
        throw StatusError(sw::WrongLength);
    const std::uint8_t id = c.p2, type = c.data[0], usage = c.data[1], version = c.data[2], maxErrors = c.data[3];
    if (type != kKeyType3Des2 || !validUsage(usage) || maxErrors == 0 || maxErrors > 15)
        throw StatusError(sw::IncorrectData);
    if (id == 0 && usage != static_cast<std::uint8_t>(KeyUsage::IssuerMaintenance))
        throw StatusError(sw::IncorrectData);
    if (os.lifeCycle() != LifeCycle::Blank) {
        // After issuance only the conditional-access service-key slots may be (re)loaded.
        const bool caSlot = id >= kFirstCaServiceKeyId && id < kFirstCaServiceKeyId + kCaServiceKeySlots;
        const auto existing = os.keys().find(id);
        if (!caSlot || usage != static_cast<std::uint8_t>(KeyUsage::CaService) ||
            (existing && existing->info.usage != static_cast<std::uint8_t>(KeyUsage::CaService)))
            throw StatusError(sw::ConditionsNotSatisfied);
    }
    Bytes value = os.decryptUnderIssuerKey(Bytes(c.data.begin() + 4, c.data.end()));
    os.keys().put(KeyInfo{id, type, usage, version, maxErrors, maxErrors}, value);
    secureZero(value.data(), value.size());
    return ok();
}

ResponseApdu SecurityCommands::putUser(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0 || c.p2 < 1 || c.p2 > kMaxUsers)
        throw StatusError(sw::IncorrectP1P2);
    if (os.lifeCycle() != LifeCycle::Blank)
        throw StatusError(sw::ConditionsNotSatisfied);
    auto data = decodePutUser(c.data);
    if (!data)
        throw StatusError(sw::IncorrectData);
    std::string pin = decryptPinBlock(os, data->encryptedPinBlock);
    PinGuard guard{pin};
    data->profile.number = c.p2;
    os.users().put(data->profile, pin);
    return ok();
}

ResponseApdu SecurityCommands::pinUnblock(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const CommandApdu& c = ctx.apdu;
    if (c.p1 != 0)
        throw StatusError(sw::IncorrectP1P2);
    const auto user = os.users().find(c.p2);
    if (!user)
        throw StatusError(sw::DataNotFound);
    if (!c.data.empty() && c.data.size() != 8)
        throw StatusError(sw::WrongLength);
    if (!c.data.empty()) {
        std::string pin = decryptPinBlock(os, c.data);
        PinGuard guard{pin};
        os.users().setPin(c.p2, pin);
    }
    os.users().setRetriesLeft(c.p2, user->profile.maxRetries);
    return ok();
}

} // namespace cdos::card
