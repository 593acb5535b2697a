#include "carddesk/protocol/ca/Ecm.h"

#include "carddesk/protocol/crypto/Crypto.h"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace cdos::ecm {

namespace {

// Key separation: the service key itself never encrypts or MACs data directly.
const Bytes kEncLabel{'C', 'D', 'O', 'S', '-', 'E', 'C', 'M', '-', 'E', 'N', 'C', 0, 0, 0, 1};
const Bytes kMacLabel{'C', 'D', 'O', 'S', '-', 'E', 'C', 'M', '-', 'M', 'A', 'C', 0, 0, 0, 1};

Bytes aes128(const Bytes& key, const Bytes* iv, const Bytes& data, bool encrypt) {
    using Ctx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
    Ctx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    const EVP_CIPHER* cipher = iv ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
    if (!ctx || key.size() != 16 || data.size() % 16 != 0 ||
        EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), iv ? iv->data() : nullptr, encrypt ? 1 : 0) != 1)
        throw crypto::CryptoError("AES-128 init failed");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    Bytes out(data.size() + 16);
    int n = 0, m = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &n, data.data(), static_cast<int>(data.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), out.data() + n, &m) != 1)
        throw crypto::CryptoError("AES-128 failed");
    out.resize(static_cast<std::size_t>(n + m));
    return out;
}

Bytes cmac(const Bytes& key, const std::uint8_t* data, std::size_t size) {
    using Mac = std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)>;
    using MacCtx = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;
    Mac mac(EVP_MAC_fetch(nullptr, "CMAC", nullptr), &EVP_MAC_free);
    if (!mac)
        throw crypto::CryptoError("CMAC unavailable");
    MacCtx ctx(EVP_MAC_CTX_new(mac.get()), &EVP_MAC_CTX_free);
    char cipherName[] = "AES-128-CBC";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipherName, 0),
                           OSSL_PARAM_construct_end()};
    Bytes out(16);
    std::size_t outLen = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(ctx.get(), data, size) != 1 || EVP_MAC_final(ctx.get(), out.data(), &outLen, out.size()) != 1)
        throw crypto::CryptoError("CMAC failed");
    out.resize(outLen);
    return out;
}

struct DerivedKeys {
    SecretBytes enc;
    SecretBytes mac;
};

DerivedKeys derive(const Bytes& serviceKey) {
    if (serviceKey.size() != 16)
        throw crypto::CryptoError("service key must be 16 bytes");
    return {SecretBytes(aes128(serviceKey, nullptr, kEncLabel, true)),
            SecretBytes(aes128(serviceKey, nullptr, kMacLabel, true))};
}

Bytes encodeHeader(const EcmHeader& h) {
    Bytes b;
    b.push_back(kFormatVersion);
    b.push_back(static_cast<std::uint8_t>(h.scrambler));
    b.push_back(h.serviceKeyId);
    b.push_back(h.serviceKeyVersion);
    putU16(b, h.programmeId);
    putU16(b, h.packageId);
    putU16(b, h.vodProgrammeId);
    putU32(b, h.cryptoPeriod);
    b.push_back(static_cast<std::uint8_t>(controlWordSize(h.scrambler)));
    b.push_back(0x00); // reserved
    return b;
}

// The IV is the encrypted header: unique per (programme, period, key) without spending bytes on air.
Bytes ivFor(const Bytes& encKey, const std::uint8_t* header) {
    return aes128(encKey, nullptr, Bytes(header, header + kHeaderSize), true);
}

} // namespace

std::size_t controlWordSize(Scrambler s) {
    return s == Scrambler::Cissa ? 16 : 8;
}

const char* refusalText(Refusal r) {
    switch (r) {
    case Refusal::Truncated:
        return "ECM truncated";
    case Refusal::BadFormat:
        return "ECM format not understood";
    case Refusal::UnknownKey:
        return "ECM service key id/version unknown to this card";
    case Refusal::BadMac:
        return "ECM MAC does not verify";
    }
    return "ECM refused";
}

Bytes Ecm::build(const EcmHeader& header, const ControlWords& cws, const Bytes& serviceKey) {
    const std::size_t cwSize = controlWordSize(header.scrambler);
    if (cws.even.size() != cwSize || cws.odd.size() != cwSize)
        throw crypto::CryptoError("control word length does not match the scrambler");
    const auto keys = derive(serviceKey);
    Bytes out = encodeHeader(header);
    Bytes both = cws.even.bytes();
    append(both, cws.odd.bytes());
    const SecretBytes clearCws(std::move(both));
    const Bytes iv = ivFor(keys.enc.bytes(), out.data());
    append(out, aes128(keys.enc.bytes(), &iv, clearCws.bytes(), true));
    append(out, cmac(keys.mac.bytes(), out.data(), out.size()));
    return out;
}

EcmHeader Ecm::parseHeader(const Bytes& p) {
    if (p.size() < kHeaderSize)
        throw EcmError(Refusal::Truncated, refusalText(Refusal::Truncated));
    if (p[0] != kFormatVersion || (p[1] != 0x01 && p[1] != 0x02) || p[15] != 0)
        throw EcmError(Refusal::BadFormat, refusalText(Refusal::BadFormat));
    EcmHeader h;
    h.scrambler = static_cast<Scrambler>(p[1]);
    h.serviceKeyId = p[2];
    h.serviceKeyVersion = p[3];
    h.programmeId = getU16(&p[4]);
    h.packageId = getU16(&p[6]);
    h.vodProgrammeId = getU16(&p[8]);
    h.cryptoPeriod = getU32(&p[10]);
    if (p[14] != controlWordSize(h.scrambler))
        throw EcmError(Refusal::BadFormat, refusalText(Refusal::BadFormat));
    const std::size_t total = kHeaderSize + 2 * controlWordSize(h.scrambler) + kMacSize;
    if (p.size() < total)
        throw EcmError(Refusal::Truncated, refusalText(Refusal::Truncated));
    if (p.size() > total)
        throw EcmError(Refusal::BadFormat, refusalText(Refusal::BadFormat));
    return h;
}

ControlWords Ecm::decrypt(const Bytes& p, const ServiceKeyLookup& lookup) {
    const EcmHeader h = parseHeader(p);
    const SecretBytes* serviceKey = lookup ? lookup(h.serviceKeyId, h.serviceKeyVersion) : nullptr;
    if (!serviceKey || serviceKey->size() != 16)
        throw EcmError(Refusal::UnknownKey, refusalText(Refusal::UnknownKey));
    const auto keys = derive(serviceKey->bytes());
    const std::size_t cwSize = controlWordSize(h.scrambler);
    const std::size_t macAt = kHeaderSize + 2 * cwSize;
    const Bytes expected = cmac(keys.mac.bytes(), p.data(), macAt);
    if (!constantTimeEqual(expected.data(), p.data() + macAt, kMacSize))
        throw EcmError(Refusal::BadMac, refusalText(Refusal::BadMac));
    const Bytes iv = ivFor(keys.enc.bytes(), p.data());
    const SecretBytes clear(aes128(keys.enc.bytes(), &iv, Bytes(p.begin() + kHeaderSize, p.begin() + macAt), false));
    const auto& c = clear.bytes();
    return {SecretBytes(Bytes(c.begin(), c.begin() + cwSize)), SecretBytes(Bytes(c.begin() + cwSize, c.end()))};
}

Bytes Ecm::section(const EcmHeader& header, const Bytes& payload) {
    Bytes s;
    s.push_back(header.currentIsOdd() ? kTableIdOdd : kTableIdEven);
    // section_syntax_indicator 0, private_indicator 1, reserved 11, 12-bit length.
    s.push_back(static_cast<std::uint8_t>(0x70 | ((payload.size() >> 8) & 0x0F)));
    s.push_back(static_cast<std::uint8_t>(payload.size() & 0xFF));
    append(s, payload);
    return s;
}

Bytes Ecm::payloadOfSection(const Bytes& s) {
    if (s.size() < 3)
        throw EcmError(Refusal::Truncated, refusalText(Refusal::Truncated));
    if (s[0] != kTableIdEven && s[0] != kTableIdOdd)
        throw EcmError(Refusal::BadFormat, refusalText(Refusal::BadFormat));
    const std::size_t length = static_cast<std::size_t>(((s[1] & 0x0F) << 8) | s[2]);
    if (s.size() < 3 + length)
        throw EcmError(Refusal::Truncated, refusalText(Refusal::Truncated));
    return Bytes(s.begin() + 3, s.begin() + 3 + static_cast<std::ptrdiff_t>(length));
}

} // namespace cdos::ecm
