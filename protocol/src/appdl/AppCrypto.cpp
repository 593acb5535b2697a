#include "carddesk/protocol/appdl/AppCrypto.h"

#include "carddesk/protocol/crypto/Crypto.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace cdos::appdl {

using crypto::CryptoError;

namespace {
std::shared_ptr<EVP_PKEY> own(EVP_PKEY* k, const char* what) {
    if (!k)
        throw CryptoError(what);
    return std::shared_ptr<EVP_PKEY>(k, EVP_PKEY_free);
}

std::string bioText(BIO* bio) {
    char* p = nullptr;
    const long n = BIO_get_mem_data(bio, &p);
    std::string s(p, static_cast<std::size_t>(n));
    BIO_free(bio);
    return s;
}

struct Ctx {
    EVP_PKEY_CTX* p = nullptr;
    ~Ctx() { EVP_PKEY_CTX_free(p); }
};
struct MdCtx {
    EVP_MD_CTX* p = EVP_MD_CTX_new();
    ~MdCtx() { EVP_MD_CTX_free(p); }
};
struct CipherCtx {
    EVP_CIPHER_CTX* p = EVP_CIPHER_CTX_new();
    ~CipherCtx() { EVP_CIPHER_CTX_free(p); }
};

bool setPss(EVP_PKEY_CTX* pctx) {
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) > 0 && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) > 0;
}

bool setOaep(EVP_PKEY_CTX* pctx) {
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_OAEP_PADDING) > 0 &&
           EVP_PKEY_CTX_set_rsa_oaep_md(pctx, EVP_sha256()) > 0 && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) > 0;
}
} // namespace

AppKey AppKey::generateRsa2048() {
    AppKey k;
    k.m_key = own(EVP_RSA_gen(2048), "RSA key generation failed");
    return k;
}

AppKey AppKey::generateP256() {
    AppKey k;
    k.m_key = own(EVP_EC_gen("P-256"), "EC key generation failed");
    return k;
}

AppKey AppKey::fromPem(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    if (!key) {
        BIO_free(bio);
        bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
        key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    }
    BIO_free(bio);
    AppKey k;
    k.m_key = own(key, "not a PEM key");
    return k;
}

AppKey AppKey::fromPublicDer(const Bytes& spki) {
    const unsigned char* p = spki.data();
    EVP_PKEY* key = d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size()));
    if (key && p != spki.data() + spki.size()) {
        EVP_PKEY_free(key);
        key = nullptr; // trailing bytes: refuse rather than ignore
    }
    AppKey k;
    k.m_key = own(key, "not a DER public key");
    if (!k.isRsa() && !k.isP256())
        throw CryptoError("unsupported public key type");
    return k;
}

AppKey AppKey::fromPrivateDer(const Bytes& pkcs8) {
    const unsigned char* p = pkcs8.data();
    AppKey k;
    k.m_key = own(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(pkcs8.size())), "not a DER private key");
    return k;
}

bool AppKey::isRsa() const {
    return m_key && EVP_PKEY_is_a(m_key.get(), "RSA") && EVP_PKEY_get_bits(m_key.get()) == 2048;
}

bool AppKey::isP256() const {
    if (!m_key || !EVP_PKEY_is_a(m_key.get(), "EC"))
        return false;
    char group[64] = {};
    std::size_t len = 0;
    return EVP_PKEY_get_utf8_string_param(m_key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) &&
           std::string(group) == "prime256v1";
}

Bytes AppKey::publicDer() const {
    unsigned char* p = nullptr;
    const int n = m_key ? i2d_PUBKEY(m_key.get(), &p) : -1;
    if (n <= 0)
        throw CryptoError("cannot encode the public key");
    Bytes out(p, p + n);
    OPENSSL_free(p);
    return out;
}

SecretBytes AppKey::privateDer() const {
    unsigned char* p = nullptr;
    const int n = m_key ? i2d_PrivateKey(m_key.get(), &p) : -1;
    if (n <= 0)
        throw CryptoError("cannot encode the private key");
    SecretBytes out(Bytes(p, p + n));
    OPENSSL_clear_free(p, static_cast<std::size_t>(n));
    return out;
}

std::string AppKey::publicPem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    if (!m_key || PEM_write_bio_PUBKEY(bio, m_key.get()) != 1) {
        BIO_free(bio);
        throw CryptoError("cannot encode the public key");
    }
    return bioText(bio);
}

std::string AppKey::privatePem() const {
    BIO* bio = BIO_new(BIO_s_mem());
    if (!m_key || PEM_write_bio_PrivateKey(bio, m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        BIO_free(bio);
        throw CryptoError("cannot encode the private key");
    }
    return bioText(bio);
}

bool AppCrypto::keyFits(const AppKey& key, std::uint8_t sigAlg) {
    switch (sigAlg) {
    case alg::RsaPkcs1:
    case alg::RsaPss:
        return key.isRsa();
    case alg::EcdsaP256:
        return key.isP256();
    default:
        return false;
    }
}

Bytes AppCrypto::sign(const AppKey& privateKey, std::uint8_t sigAlg, const Bytes& message) {
    if (!keyFits(privateKey, sigAlg))
        throw CryptoError("the key does not fit the signature algorithm");
    MdCtx md;
    EVP_PKEY_CTX* pctx = nullptr;
    if (EVP_DigestSignInit(md.p, &pctx, EVP_sha256(), nullptr, privateKey.get()) != 1 ||
        (sigAlg == alg::RsaPss && !setPss(pctx)))
        throw CryptoError("signature set-up failed");
    std::size_t n = 0;
    if (EVP_DigestSign(md.p, nullptr, &n, message.data(), message.size()) != 1)
        throw CryptoError("signature failed");
    Bytes sig(n);
    if (EVP_DigestSign(md.p, sig.data(), &n, message.data(), message.size()) != 1)
        throw CryptoError("signature failed");
    sig.resize(n);
    return sig;
}

bool AppCrypto::verify(const AppKey& publicKey, std::uint8_t sigAlg, const Bytes& message, const Bytes& signature) {
    if (!keyFits(publicKey, sigAlg) || signature.empty())
        return false;
    MdCtx md;
    EVP_PKEY_CTX* pctx = nullptr;
    if (EVP_DigestVerifyInit(md.p, &pctx, EVP_sha256(), nullptr, publicKey.get()) != 1 ||
        (sigAlg == alg::RsaPss && !setPss(pctx)))
        return false;
    return EVP_DigestVerify(md.p, signature.data(), signature.size(), message.data(), message.size()) == 1;
}

Bytes AppCrypto::wrapKey(const AppKey& cardPublic, const SecretBytes& processKey) {
    if (!cardPublic.isRsa())
        throw CryptoError("the card key must be RSA-2048");
    Ctx c{EVP_PKEY_CTX_new_from_pkey(nullptr, cardPublic.get(), nullptr)};
    std::size_t n = 0;
    if (!c.p || EVP_PKEY_encrypt_init(c.p) != 1 || !setOaep(c.p) ||
        EVP_PKEY_encrypt(c.p, nullptr, &n, processKey.bytes().data(), processKey.size()) != 1)
        throw CryptoError("key transport set-up failed");
    Bytes out(n);
    if (EVP_PKEY_encrypt(c.p, out.data(), &n, processKey.bytes().data(), processKey.size()) != 1)
        throw CryptoError("key transport failed");
    out.resize(n);
    return out;
}

std::optional<SecretBytes> AppCrypto::unwrapKey(const AppKey& cardPrivate, const Bytes& ktu) {
    if (!cardPrivate.isRsa())
        return std::nullopt;
    Ctx c{EVP_PKEY_CTX_new_from_pkey(nullptr, cardPrivate.get(), nullptr)};
    std::size_t n = 0;
    if (!c.p || EVP_PKEY_decrypt_init(c.p) != 1 || !setOaep(c.p) ||
        EVP_PKEY_decrypt(c.p, nullptr, &n, ktu.data(), ktu.size()) != 1)
        return std::nullopt;
    Bytes out(n);
    if (EVP_PKEY_decrypt(c.p, out.data(), &n, ktu.data(), ktu.size()) != 1) {
        secureZero(out.data(), out.size());
        return std::nullopt;
    }
    out.resize(n);
    SecretBytes key(std::move(out));
    if (key.size() != 16)
        return std::nullopt;
    return key;
}

Bytes AppCrypto::encrypt(const SecretBytes& key16, const Bytes& plain) {
    if (key16.size() != 16)
        throw CryptoError("AES-128 needs a 16-byte key");
    Bytes out = crypto::randomBytes(16);
    CipherCtx c;
    if (EVP_EncryptInit_ex(c.p, EVP_aes_128_cbc(), nullptr, key16.bytes().data(), out.data()) != 1)
        throw CryptoError("AES set-up failed");
    Bytes body(plain.size() + 16);
    int n1 = 0, n2 = 0;
    if (EVP_EncryptUpdate(c.p, body.data(), &n1, plain.data(), static_cast<int>(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(c.p, body.data() + n1, &n2) != 1)
        throw CryptoError("AES encryption failed");
    body.resize(static_cast<std::size_t>(n1 + n2));
    append(out, body);
    return out;
}

std::optional<Bytes> AppCrypto::decrypt(const SecretBytes& key16, const Bytes& ivAndCipher) {
    if (key16.size() != 16 || ivAndCipher.size() < 32 || ivAndCipher.size() % 16 != 0)
        return std::nullopt;
    CipherCtx c;
    if (EVP_DecryptInit_ex(c.p, EVP_aes_128_cbc(), nullptr, key16.bytes().data(), ivAndCipher.data()) != 1)
        return std::nullopt;
    Bytes out(ivAndCipher.size());
    int n1 = 0, n2 = 0;
    if (EVP_DecryptUpdate(c.p, out.data(), &n1, ivAndCipher.data() + 16, static_cast<int>(ivAndCipher.size() - 16)) !=
            1 ||
        EVP_DecryptFinal_ex(c.p, out.data() + n1, &n2) != 1) {
        secureZero(out.data(), out.size());
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(n1 + n2));
    return out;
}

} // namespace cdos::appdl
