#include "carddesk/protocol/auth/Authentication.h"

#include "carddesk/protocol/apdu/Tlv.h"
#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos::auth {

namespace {

Bytes xorBlock(const Bytes& a, const std::uint8_t* b) {
    Bytes out(8);
    for (std::size_t i = 0; i < 8; ++i)
        out[i] = a[i] ^ b[i];
    return out;
}

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

Bytes seal(const Bytes& processKey16, const Bytes& plain) {
    return crypto::des3CbcEncrypt(processKey16, Bytes(8, 0), crypto::pad80(plain));
}

std::optional<Bytes> open(const Bytes& processKey16, const Bytes& cryptogram) {
    if (cryptogram.empty() || cryptogram.size() % 8 != 0 || processKey16.size() != 16)
        return std::nullopt;
    // CBC decryption from the ECB primitive (Crypto.h offers CBC only for encryption).
    const Bytes ecb = crypto::des3EcbDecrypt(processKey16, cryptogram);
    Bytes plain;
    plain.reserve(ecb.size());
    Bytes chain(8, 0);
    for (std::size_t off = 0; off < ecb.size(); off += 8) {
        const Bytes block = xorBlock(chain, ecb.data() + off);
        plain.insert(plain.end(), block.begin(), block.end());
        chain.assign(cryptogram.begin() + static_cast<std::ptrdiff_t>(off),
                     cryptogram.begin() + static_cast<std::ptrdiff_t>(off + 8));
    }
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

Bytes encryptCardNumber(const Bytes& processKey16, const Bytes& cardNumber10) {
    if (cardNumber10.size() != 10)
        throw crypto::CryptoError("card number must be 10 bytes");
    return seal(processKey16, cardNumber10);
}

std::optional<Bytes> decryptCardNumber(const Bytes& processKey16, const Bytes& cryptogram) {
    if (cryptogram.size() != kCardNumberCryptogramSize)
        return std::nullopt;
    auto plain = open(processKey16, cryptogram);
    if (!plain || plain->size() != 10)
        return std::nullopt;
    return plain;
}

Bytes encryptPersonalData(const Bytes& processKey16, const HolderData& holder, const Bytes& cardRandom8) {
    if (cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("the card random must be 8 bytes");
    // The random first: HolderData::decode ignores trailing zero bytes, which a random may end with.
    Bytes plain;
    tlv::put(plain, kCardRandomTag, cardRandom8);
    append(plain, holder.encode());
    Bytes out = seal(processKey16, plain);
    secureZero(plain.data(), plain.size());
    return out;
}

std::optional<PersonalData> decryptPersonalData(const Bytes& processKey16, const Bytes& cryptogram) {
    auto plain = open(processKey16, cryptogram);
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

Bytes encryptAuthResult(const Bytes& processKey16, const Bytes& cardNumber10, const Bytes& cardRandom8) {
    if (cardNumber10.size() != 10 || cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("card number must be 10 bytes and the card random 8");
    Bytes plain = cardNumber10;
    append(plain, cardRandom8);
    return seal(processKey16, plain);
}

std::optional<std::pair<Bytes, Bytes>> decryptAuthResult(const Bytes& processKey16, const Bytes& cryptogram) {
    if (cryptogram.size() != kAuthResultCryptogramSize)
        return std::nullopt;
    auto plain = open(processKey16, cryptogram);
    if (!plain || plain->size() != 10 + kCardRandomSize)
        return std::nullopt;
    return std::pair{Bytes(plain->begin(), plain->begin() + 10), Bytes(plain->begin() + 10, plain->end())};
}

SecretBytes sessionKey(const Bytes& authProcessKey16, const Bytes& cardRandom8) {
    if (authProcessKey16.size() != 16 || cardRandom8.size() != kCardRandomSize)
        throw crypto::CryptoError("the session key needs the 16-byte process key and the 8-byte card random");
    return SecretBytes(crypto::diversify(authProcessKey16, cardRandom8));
}

Bytes grantMac(const Bytes& sessionKey16, const Bytes& cardNumber10, std::uint8_t user, std::uint8_t entryId,
               std::uint32_t permission) {
    if (cardNumber10.size() != 10)
        throw crypto::CryptoError("card number must be 10 bytes");
    Bytes m{'G', 'R', 'N', 'T'};
    append(m, cardNumber10);
    m.push_back(user);
    m.push_back(entryId);
    putU32(m, permission);
    Bytes mac = crypto::retailMac(sessionKey16, Bytes(8, 0), m);
    mac.resize(4);
    return mac;
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
