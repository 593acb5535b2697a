#include "carddesk/protocol/auth/Authentication.h"

#include "carddesk/protocol/apdu/Tlv.h"
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/crypto/DesKey.h"

namespace cdos::auth {

namespace {

constexpr std::uint8_t kCardRandomTag = 0x04;

} // namespace

SecretBytes processKey(const Bytes& key16, const Bytes& random8) {
    if (key16.size() != 16 || random8.size() != kRandomSize)
        throw crypto::CryptoError("process key needs a 16-byte key and an 8-byte random");
    return SecretBytes(crypto::diversify(key16, random8));
}

SecretBytes cardAuthKeyFromMaster(const Bytes& cardAuthMaster16, const Bytes& cardNumber10) {
    if (cardNumber10.size() != 10)
        throw crypto::CryptoError("card number must be 10 bytes");
    return SecretBytes(crypto::diversify(cardAuthMaster16, asnOf(cardNumber10)));
}

Bytes seal(const DesKey& processKey, const Bytes& plain) {
    return processKey.encryptCbc(Bytes(8, 0), crypto::pad80(plain));
}

std::optional<Bytes> open(const DesKey& processKey, const Bytes& cryptogram) {
    if (cryptogram.empty() || cryptogram.size() % 8 != 0)
        return std::nullopt;
    Bytes plain = processKey.decryptCbc(Bytes(8, 0), cryptogram);
    std::size_t end = plain.size();
    while (end > 0 && plain[end - 1] == 0x00 && plain.size() - end < 8)
        --end;
    if (end == 0 || plain[end - 1] != 0x80 || plain.size() - end >= 8) {
        secureZero(plain.data(), plain.size());
        return std::nullopt;
    }
    plain.resize(end - 1);
    return plain;
}

Bytes encryptCardNumber(const DesKey& processKey, const Bytes& cardNumber10) {
    if (cardNumber10.size() != 10)
        throw crypto::CryptoError("card number must be 10 bytes");
    return seal(processKey, cardNumber10);
}

std::optional<Bytes> decryptCardNumber(const DesKey& processKey, const Bytes& cryptogram) {
    if (cryptogram.size() != kCardNumberCryptogramSize)
        return std::nullopt;
    auto plain = open(processKey, cryptogram);
    if (!plain || plain->size() != 10)
        return std::nullopt;
    return plain;
}

Bytes encryptPersonalData(const DesKey& processKey, const HolderData& holder, const Bytes& cardRandom8) {
    if (cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("the card random must be 8 bytes");
    // The random first, then the holder's fields (HolderData::decode reads the TLVs up to the zero padding).
    Bytes plain;
    tlv::put(plain, kCardRandomTag, cardRandom8);
    append(plain, holder.encode());
    Bytes out = seal(processKey, plain);
    secureZero(plain.data(), plain.size());
    return out;
}

std::optional<PersonalData> decryptPersonalData(const DesKey& processKey, const Bytes& cryptogram) {
    auto plain = open(processKey, cryptogram);
    if (!plain)
        return std::nullopt;
    std::optional<PersonalData> out;
    const auto fields = tlv::parse(plain->data(), plain->size());
    auto holder = HolderData::decode(*plain);
    if (fields && holder && fields->count(kCardRandomTag) && fields->at(kCardRandomTag).size() == kCardRandomSize)
        out = PersonalData{std::move(*holder), fields->at(kCardRandomTag)};
    secureZero(plain->data(), plain->size());
    return out;
}

Bytes encryptAuthResult(const DesKey& processKey, const Bytes& cardNumber10, const Bytes& cardRandom8) {
    if (cardNumber10.size() != 10 || cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("card number must be 10 bytes and the card random 8");
    Bytes plain = cardNumber10;
    append(plain, cardRandom8);
    return seal(processKey, plain);
}

std::optional<std::pair<Bytes, Bytes>> decryptAuthResult(const DesKey& processKey, const Bytes& cryptogram) {
    if (cryptogram.size() != kAuthResultCryptogramSize)
        return std::nullopt;
    auto plain = open(processKey, cryptogram);
    if (!plain || plain->size() != 10 + kCardRandomSize)
        return std::nullopt;
    return std::pair{Bytes(plain->begin(), plain->begin() + 10), Bytes(plain->begin() + 10, plain->end())};
}

SecretBytes sessionKey(const Bytes& authProcessKey16, const Bytes& cardRandom8) {
    if (authProcessKey16.size() != 16 || cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("the session key needs the 16-byte process key and the 8-byte card random");
    return SecretBytes(crypto::diversify(authProcessKey16, cardRandom8));
}

Bytes grantMac(const DesKey& sessionKey, const Bytes& cardNumber10, std::uint8_t user, std::uint8_t entryId,
               std::uint32_t permission) {
    if (cardNumber10.size() != 10)
        throw crypto::CryptoError("card number must be 10 bytes");
    Bytes m{'G', 'R', 'N', 'T'};
    append(m, cardNumber10);
    m.push_back(user);
    m.push_back(entryId);
    putU32(m, permission);
    Bytes mac = retailMac(sessionKey, Bytes(8, 0), m);
    mac.resize(4);
    return mac;
}

std::unique_ptr<DesKey> processKey(const DesKey& key, const Bytes& random8) {
    if (random8.size() != kRandomSize)
        throw crypto::CryptoError("process key needs an 8-byte random");
    return key.diversify(random8);
}

std::unique_ptr<DesKey> sessionKey(const DesKey& authProcessKey, const Bytes& cardRandom8) {
    if (cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("the session key needs the 8-byte card random");
    return authProcessKey.diversify(cardRandom8);
}

// The card and the tests hold their keys as bytes: the same algorithms over a host key.
Bytes seal(const Bytes& processKey16, const Bytes& plain) {
    return seal(HostKey(processKey16), plain);
}
std::optional<Bytes> open(const Bytes& processKey16, const Bytes& cryptogram) {
    if (processKey16.size() != 16)
        return std::nullopt;
    return open(HostKey(processKey16), cryptogram);
}
Bytes encryptCardNumber(const Bytes& processKey16, const Bytes& cardNumber10) {
    return encryptCardNumber(HostKey(processKey16), cardNumber10);
}
std::optional<Bytes> decryptCardNumber(const Bytes& processKey16, const Bytes& cryptogram) {
    return decryptCardNumber(HostKey(processKey16), cryptogram);
}
Bytes encryptPersonalData(const Bytes& processKey16, const HolderData& holder, const Bytes& cardRandom8) {
    return encryptPersonalData(HostKey(processKey16), holder, cardRandom8);
}
std::optional<PersonalData> decryptPersonalData(const Bytes& processKey16, const Bytes& cryptogram) {
    return decryptPersonalData(HostKey(processKey16), cryptogram);
}
Bytes encryptAuthResult(const Bytes& processKey16, const Bytes& cardNumber10, const Bytes& cardRandom8) {
    return encryptAuthResult(HostKey(processKey16), cardNumber10, cardRandom8);
}
std::optional<std::pair<Bytes, Bytes>> decryptAuthResult(const Bytes& processKey16, const Bytes& cryptogram) {
    return decryptAuthResult(HostKey(processKey16), cryptogram);
}
Bytes grantMac(const Bytes& sessionKey16, const Bytes& cardNumber10, std::uint8_t user, std::uint8_t entryId,
               std::uint32_t permission) {
    return grantMac(HostKey(sessionKey16), cardNumber10, user, entryId, permission);
}

CommandApdu authInit(const Bytes& random8) {
    return CommandApdu{0x80, ins::AuthInit, 0x00, 0x00, random8, 0};
}

CommandApdu authenticate(const Bytes& random8) {
    return CommandApdu{0x80, ins::Authenticate, 0x00, 0x00, random8, 0};
}

CommandApdu authResult(const Bytes& authResultCryptogram) {
    return CommandApdu{0x80, ins::AuthResult, 0x00, 0x00, authResultCryptogram, -1};
}

} // namespace cdos::auth
