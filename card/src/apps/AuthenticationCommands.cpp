#include "carddesk/card/apps/AuthenticationCommands.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/auth/Authentication.h"
#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos::card {

namespace {

Bytes mfFileBody(CardOs& os, std::uint16_t f) {
    const auto index = os.files().child(FileSystem::kMf, f);
    if (!index)
        throw StatusError(sw::DataNotFound);
    const FileInfo info = os.files().file(*index);
    if (info.type != FileType::Transparent)
        throw StatusError(sw::DataNotFound);
    return os.files().readBinary(info, 0, info.size);
}

// The key must be there with the usage the step needs; a key of another usage is never borrowed.
SecretBytes keyFor(CardOs& os, std::uint8_t id, KeyUsage usage) {
    auto key = os.keys().find(id);
    if (!key || key->info.usage != static_cast<std::uint8_t>(usage) || key->value.size() != 16)
        throw StatusError(sw::DataNotFound);
    return key->value;
}

const Bytes& randomOf(const CommandApdu& c) {
    if (c.data.size() != auth::kRandomSize)
        throw StatusError(sw::WrongLength);
    if (c.p1 != 0 || c.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    return c.data;
}

} // namespace

Bytes AuthenticationCommands::cardNumber(CardOs& os) {
    Bytes info = mfFileBody(os, fid::CardInfo);
    if (info.size() < 10)
        throw StatusError(sw::DataNotFound);
    info.resize(10);
    return info;
}

void AuthenticationCommands::install(CardOs& os) {
    // Served in Personalised only: a blocked or terminated card must not authenticate, and the gateway then reads
    // the life cycle to tell the person why.
    os.registerCommand(cla::Proprietary, auth::ins::AuthInit, CardOs::SmPolicy::None, CardOs::inPersonalised, authInit);
    os.registerCommand(cla::Proprietary, auth::ins::Authenticate, CardOs::SmPolicy::None, CardOs::inPersonalised,
                       authenticate);
    os.registerCommand(cla::Proprietary, auth::ins::AuthResult, CardOs::SmPolicy::None, CardOs::inPersonalised,
                       authResult);
}

ResponseApdu AuthenticationCommands::authInit(CommandContext& ctx) {
    CardSession& s = ctx.os.session();
    // A new AUTH INIT always starts over: the previous outcome no longer holds.
    s.authStep = 0;
    s.authenticated = false;
    s.authProcessKey = SecretBytes();
    s.sessionKey = SecretBytes();
    const Bytes& random = randomOf(ctx.apdu);
    const SecretBytes transport = keyFor(ctx.os, auth::kTransportKeyId, KeyUsage::Transport);
    const SecretBytes tpk = auth::processKey(transport.bytes(), random);
    Bytes answer = auth::encryptCardNumber(tpk.bytes(), cardNumber(ctx.os));
    s.authStep = 1;
    return CardOs::respondObject(std::move(answer), ctx.apdu.le, false);
}

ResponseApdu AuthenticationCommands::authenticate(CommandContext& ctx) {
    CardSession& s = ctx.os.session();
    if (s.authStep != 1) {
        s.authStep = 0;
        throw StatusError(sw::ConditionsNotSatisfied);
    }
    const Bytes& random = randomOf(ctx.apdu);
    const SecretBytes cardAuth = keyFor(ctx.os, auth::kCardAuthKeyId, KeyUsage::CardAuthentication);
    SecretBytes apk = auth::processKey(cardAuth.bytes(), random);
    const auto holder = HolderData::decode(mfFileBody(ctx.os, fid::Holder));
    if (!holder)
        throw StatusError(sw::DataNotFound);
    s.authCardRandom = crypto::randomBytes(auth::kCardRandomSize);
    Bytes answer = auth::encryptPersonalData(apk.bytes(), *holder, s.authCardRandom);
    s.authProcessKey = std::move(apk);
    s.authStep = 2;
    return CardOs::respondObject(std::move(answer), ctx.apdu.le, false);
}

ResponseApdu AuthenticationCommands::authResult(CommandContext& ctx) {
    CardSession& s = ctx.os.session();
    const std::uint8_t step = s.authStep;
    // One attempt per AUTHENTICATE: a wrong cryptogram cannot be retried against the same process key.
    s.authStep = 0;
    SecretBytes apk = std::move(s.authProcessKey);
    s.authProcessKey = SecretBytes();
    const Bytes challenge = std::move(s.authCardRandom);
    s.authCardRandom.clear();
    if (step != 2 || apk.empty())
        throw StatusError(sw::ConditionsNotSatisfied);
    if (ctx.apdu.p1 != 0 || ctx.apdu.p2 != 0)
        throw StatusError(sw::IncorrectP1P2);
    if (ctx.apdu.data.size() != auth::kAuthResultCryptogramSize)
        throw StatusError(sw::WrongLength);
    // The host proves it read this AUTHENTICATE's answer: the card number and the card's own random come back.
    const auto back = auth::decryptAuthResult(apk.bytes(), ctx.apdu.data);
    if (!back || !constantTimeEqual(back->first, cardNumber(ctx.os)) || !constantTimeEqual(back->second, challenge))
        throw StatusError(sw::SecurityNotSatisfied);
    s.authenticated = true;
    s.sessionKey = auth::sessionKey(apk.bytes(), challenge);
    return ResponseApdu{{}, sw::Ok};
}

} // namespace cdos::card
