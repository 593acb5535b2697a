#include "carddesk/protocol/ca/Cissa.h"

#include "carddesk/protocol/crypto/Crypto.h"

#include <openssl/evp.h>

namespace cdos::ts {

namespace {
const std::uint8_t kCissaIv[16] = {'D', 'V', 'B', 'T', 'M', 'C', 'P', 'T', 'A', 'E', 'S', 'C', 'I', 'S', 'S', 'A'};
}

struct Cissa::Impl {
    EVP_CIPHER_CTX* ctx = nullptr;
};

Cissa::Cissa(const Bytes& key16, bool encrypt) : m(std::make_unique<Impl>()) {
    m->ctx = EVP_CIPHER_CTX_new();
    if (!m->ctx || key16.size() != 16 ||
        EVP_CipherInit_ex(m->ctx, EVP_aes_128_cbc(), nullptr, key16.data(), kCissaIv, encrypt ? 1 : 0) != 1) {
        EVP_CIPHER_CTX_free(m->ctx);
        throw crypto::CryptoError("CISSA key set-up failed");
    }
    EVP_CIPHER_CTX_set_padding(m->ctx, 0);
}

Cissa::~Cissa() {
    EVP_CIPHER_CTX_free(m->ctx);
}

void Cissa::process(std::uint8_t* payload, std::size_t size) {
    const int whole = static_cast<int>(size & ~static_cast<std::size_t>(15));
    if (whole == 0)
        return;
    int n = 0;
    // Re-arm the IV only: the key schedule is kept, each packet is its own CBC chain.
    if (EVP_CipherInit_ex(m->ctx, nullptr, nullptr, nullptr, kCissaIv, -1) != 1 ||
        EVP_CipherUpdate(m->ctx, payload, &n, payload, whole) != 1 || n != whole)
        throw crypto::CryptoError("CISSA failed");
}

} // namespace cdos::ts
