#include "carddesk/protocol/crypto/Crypto.h"

#include <algorithm>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace cdos::crypto {

namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx newCtx() {
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx)
        throw CryptoError("EVP_CIPHER_CTX_new failed");
    return ctx;
}

Bytes runBlockCipher(const EVP_CIPHER* cipher, const Bytes& key, const Bytes* iv, const Bytes& data, bool encrypt) {
    if (data.size() % 8 != 0)
        throw CryptoError("3DES input is not a whole number of blocks");
    auto ctx = newCtx();
    if (EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), iv ? iv->data() : nullptr, encrypt ? 1 : 0) != 1)
        throw CryptoError("3DES init failed");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    Bytes out(data.size() + 8);
    int n = 0, m = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &n, data.data(), static_cast<int>(data.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), out.data() + n, &m) != 1)
        throw CryptoError("3DES operation failed");
    out.resize(static_cast<std::size_t>(n + m));
    return out;
}

// Fetched once: with the legacy EVP_des_ede_*() handles OpenSSL 3 looks the implementation up again at every
// init, which dominated the card's processing time of a purchase.
const EVP_CIPHER* desEdeEcb() {
    static EVP_CIPHER* const c = EVP_CIPHER_fetch(nullptr, "DES-EDE-ECB", nullptr);
    return c ? c : EVP_des_ede_ecb();
}
const EVP_CIPHER* desEdeCbc() {
    static EVP_CIPHER* const c = EVP_CIPHER_fetch(nullptr, "DES-EDE-CBC", nullptr);
    return c ? c : EVP_des_ede_cbc();
}

void requireSize(const Bytes& b, std::size_t n, const char* what) {
    if (b.size() != n)
        throw CryptoError(std::string(what) + " has the wrong length");
}

// K || K from 8 key bytes at `from`. Built in place: a vector that grows leaves its old buffer, with the key in
// it, to the allocator unwiped.
Bytes doubled(const std::uint8_t* from) {
    Bytes k(16);
    std::copy(from, from + 8, k.begin());
    std::copy(from, from + 8, k.begin() + 8);
    return k;
}
Bytes doubled(const Bytes& key8) {
    return doubled(key8.data());
}

} // namespace

Bytes randomBytes(std::size_t n) {
    Bytes b(n);
    if (n && RAND_bytes(b.data(), static_cast<int>(n)) != 1)
        throw CryptoError("RAND_bytes failed");
    return b;
}

Bytes pad80(const Bytes& data) {
    Bytes p = data;
    p.push_back(0x80);
    while (p.size() % 8)
        p.push_back(0x00);
    return p;
}

Bytes des3EcbEncrypt(const Bytes& key16, const Bytes& data) {
    requireSize(key16, 16, "3DES key");
    return runBlockCipher(desEdeEcb(), key16, nullptr, data, true);
}

Bytes des3EcbDecrypt(const Bytes& key16, const Bytes& data) {
    requireSize(key16, 16, "3DES key");
    return runBlockCipher(desEdeEcb(), key16, nullptr, data, false);
}

Bytes des3CbcEncrypt(const Bytes& key16, const Bytes& iv8, const Bytes& data) {
    requireSize(key16, 16, "3DES key");
    requireSize(iv8, 8, "IV");
    return runBlockCipher(desEdeCbc(), key16, &iv8, data, true);
}

Bytes des3CbcDecrypt(const Bytes& key16, const Bytes& iv8, const Bytes& data) {
    requireSize(key16, 16, "3DES key");
    requireSize(iv8, 8, "IV");
    return runBlockCipher(desEdeCbc(), key16, &iv8, data, false);
}

Bytes desEcbEncrypt(const Bytes& key8, const Bytes& data) {
    requireSize(key8, 8, "DES key");
    SecretBytes k(doubled(key8));
    return runBlockCipher(desEdeEcb(), k.bytes(), nullptr, data, true);
}

Bytes desEcbDecrypt(const Bytes& key8, const Bytes& data) {
    requireSize(key8, 8, "DES key");
    SecretBytes k(doubled(key8));
    return runBlockCipher(desEdeEcb(), k.bytes(), nullptr, data, false);
}

Bytes desCbcMac(const Bytes& key8, const Bytes& data) {
    requireSize(key8, 8, "DES key");
    const Bytes padded = pad80(data);
    SecretBytes k(doubled(key8));
    const Bytes zero(8, 0);
    const Bytes enc = runBlockCipher(desEdeCbc(), k.bytes(), &zero, padded, true);
    return Bytes(enc.end() - 8, enc.end());
}

Bytes retailMac(const Bytes& key16, const Bytes& iv8, const Bytes& data) {
    requireSize(key16, 16, "3DES key");
    requireSize(iv8, 8, "IV");
    const Bytes padded = pad80(data);
    SecretBytes left(doubled(key16.data()));
    SecretBytes right(doubled(key16.data() + 8));
    // Single-DES CBC with the left half over all blocks, then D(right) and E(left) on the last output.
    const Bytes chain = runBlockCipher(desEdeCbc(), left.bytes(), &iv8, padded, true);
    Bytes last(chain.end() - 8, chain.end());
    last = runBlockCipher(desEdeEcb(), right.bytes(), nullptr, last, false);
    return runBlockCipher(desEdeEcb(), left.bytes(), nullptr, last, true);
}

Bytes diversify(const Bytes& master16, const Bytes& asn8) {
    requireSize(asn8, 8, "ASN");
    Bytes notAsn = asn8;
    for (auto& b : notAsn)
        b = static_cast<std::uint8_t>(~b);
    // The two halves of a key: written into a buffer of its final size, the temporaries wiped.
    const SecretBytes left(des3EcbEncrypt(master16, asn8));
    const SecretBytes right(des3EcbEncrypt(master16, notAsn));
    Bytes out(16);
    std::copy(left.bytes().begin(), left.bytes().end(), out.begin());
    std::copy(right.bytes().begin(), right.bytes().end(), out.begin() + 8);
    return out;
}

Bytes keyCheckValue(const Bytes& key16) {
    Bytes e = des3EcbEncrypt(key16, Bytes(8, 0));
    return Bytes(e.begin(), e.begin() + 3);
}

Bytes sha256(const Bytes& data) {
    Bytes out(32);
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_sha256(), nullptr) != 1)
        throw CryptoError("SHA-256 failed");
    return out;
}

Bytes pbkdf2Sha256(const std::string& passphrase, const Bytes& salt, int iterations, std::size_t length) {
    Bytes out(length);
    if (PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), salt.data(),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(length),
                          out.data()) != 1)
        throw CryptoError("PBKDF2 failed");
    return out;
}

bool equalConstantTime(const Bytes& a, const Bytes& b) {
    return a.size() == b.size() && (a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0);
}

Bytes aesGcmEncrypt(const Bytes& key32, const Bytes& nonce12, const Bytes& aad, const Bytes& plain) {
    requireSize(key32, 32, "AES-256 key");
    requireSize(nonce12, 12, "GCM nonce");
    auto ctx = newCtx();
    int n = 0;
    Bytes out(plain.size() + 16);
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key32.data(), nonce12.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out.data(), &n, plain.data(), static_cast<int>(plain.size())) != 1)
        throw CryptoError("AES-GCM encrypt failed");
    int m = 0;
    if (EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &m) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, out.data() + plain.size()) != 1)
        throw CryptoError("AES-GCM finish failed");
    return out;
}

Bytes aesGcmDecrypt(const Bytes& key32, const Bytes& nonce12, const Bytes& aad, const Bytes& sealed) {
    requireSize(key32, 32, "AES-256 key");
    requireSize(nonce12, 12, "GCM nonce");
    if (sealed.size() < 16)
        throw CryptoError("sealed data shorter than its tag");
    const std::size_t len = sealed.size() - 16;
    auto ctx = newCtx();
    int n = 0;
    Bytes out(len + 16);
    Bytes tag(sealed.end() - 16, sealed.end());
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key32.data(), nonce12.data()) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &n, aad.data(), static_cast<int>(aad.size())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), out.data(), &n, sealed.data(), static_cast<int>(len)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()) != 1)
        throw CryptoError("AES-GCM decrypt failed");
    int m = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), out.data() + n, &m) != 1) {
        secureZero(out.data(), out.size());
        throw CryptoError("wrong passphrase or damaged key store (authentication tag mismatch)");
    }
    out.resize(len);
    return out;
}

} // namespace cdos::crypto
