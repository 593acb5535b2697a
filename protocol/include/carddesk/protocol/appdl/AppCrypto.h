#pragma once
// Crypto of application download (docs/app-download.md) over OpenSSL 3: the signature, hash and process-key cipher
// algorithm ids, asymmetric keys, signatures, key transport units (RSA-OAEP) and the AES-128 process-key cipher.
// Shared by the card (verify, unwrap, decrypt) and the producer (sign, wrap, encrypt).
#include "carddesk/protocol/apdu/Bytes.h"

#include <memory>
#include <optional>
#include <string>

typedef struct evp_pkey_st EVP_PKEY;

namespace cdos::appdl {

namespace alg {
// Signature algorithms (all over SHA-256).
inline constexpr std::uint8_t RsaPkcs1 = 0x01;  // RSA-2048 PKCS#1 v1.5
inline constexpr std::uint8_t RsaPss = 0x02;    // RSA-2048 PSS, MGF1-SHA-256, salt 32
inline constexpr std::uint8_t EcdsaP256 = 0x03; // ECDSA P-256, DER signature
// Hash algorithms.
inline constexpr std::uint8_t Sha256 = 0x01;
// Process-key ciphers: AES-128-CBC, PKCS#7 padding, random IV sent in front of the ciphertext.
inline constexpr std::uint8_t Aes128Cbc = 0x01;

inline bool signatureSupported(std::uint8_t id) {
    return id == RsaPkcs1 || id == RsaPss || id == EcdsaP256;
}
inline bool hashSupported(std::uint8_t id) {
    return id == Sha256;
}
inline bool cipherSupported(std::uint8_t id) {
    return id == Aes128Cbc;
}
} // namespace alg

// An RSA-2048 or EC P-256 key (public, or a pair). Private parts never appear in messages.
class AppKey {
public:
    AppKey() = default;
    static AppKey generateRsa2048();
    static AppKey generateP256();
    // PEM (PKCS#8 private key or SubjectPublicKeyInfo); throws CryptoError.
    static AppKey fromPem(const std::string& pem);
    static AppKey fromPublicDer(const Bytes& spki);   // throws CryptoError
    static AppKey fromPrivateDer(const Bytes& pkcs8); // throws CryptoError

    bool valid() const { return m_key != nullptr; }
    bool isRsa() const;
    bool isP256() const;
    Bytes publicDer() const;        // SubjectPublicKeyInfo
    SecretBytes privateDer() const; // PKCS#8; only for the card's own NVM and key files
    std::string publicPem() const;
    std::string privatePem() const;
    EVP_PKEY* get() const { return m_key.get(); }

private:
    std::shared_ptr<EVP_PKEY> m_key;
};

class AppCrypto {
public:
    // True when the key can make or check signatures of algorithm `sigAlg`.
    static bool keyFits(const AppKey& key, std::uint8_t sigAlg);
    // SHA-256 signature; throws CryptoError.
    static Bytes sign(const AppKey& privateKey, std::uint8_t sigAlg, const Bytes& message);
    // False for any failure (wrong key type, bad encoding, mismatch).
    static bool verify(const AppKey& publicKey, std::uint8_t sigAlg, const Bytes& message, const Bytes& signature);

    // Key transport unit: RSA-OAEP (SHA-256) of a process key under the card's RSA public key.
    static Bytes wrapKey(const AppKey& cardPublic, const SecretBytes& processKey);
    static std::optional<SecretBytes> unwrapKey(const AppKey& cardPrivate, const Bytes& ktu);

    // AES-128-CBC: output IV(16) || ciphertext. decrypt: nullopt on a bad length or padding.
    static Bytes encrypt(const SecretBytes& key16, const Bytes& plain);
    static std::optional<Bytes> decrypt(const SecretBytes& key16, const Bytes& ivAndCipher);
};

} // namespace cdos::appdl
