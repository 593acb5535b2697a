#pragma once
// The project's one crypto interface, over OpenSSL 3 libcrypto. Single DES is done as 3DES with equal halves so
// that the legacy provider is never needed.
#include "carddesk/protocol/apdu/Bytes.h"

#include <stdexcept>

namespace cdos::crypto {

struct CryptoError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

Bytes randomBytes(std::size_t n);

// ISO 9797-1 padding method 2: 80 then 00 to a multiple of 8 (a whole block when already aligned).
Bytes pad80(const Bytes& data);

// Two-key 3DES (16-byte key) ECB over whole 8-byte blocks.
Bytes des3EcbEncrypt(const Bytes& key16, const Bytes& data);
Bytes des3EcbDecrypt(const Bytes& key16, const Bytes& data);
// Two-key 3DES CBC over whole blocks.
Bytes des3CbcEncrypt(const Bytes& key16, const Bytes& iv8, const Bytes& data);
Bytes des3CbcDecrypt(const Bytes& key16, const Bytes& iv8, const Bytes& data);
// Single-DES ECB of whole blocks with an 8-byte key.
Bytes desEcbEncrypt(const Bytes& key8, const Bytes& data);
Bytes desEcbDecrypt(const Bytes& key8, const Bytes& data);

// ISO 9797-1 MAC algorithm 3 ("retail MAC") with padding method 2; returns all 8 bytes.
Bytes retailMac(const Bytes& key16, const Bytes& iv8, const Bytes& data);
// Single-DES CBC-MAC, zero IV, padding method 2 (PBOC e-purse MAC); returns all 8 bytes.
Bytes desCbcMac(const Bytes& key8, const Bytes& data);

// Card sub-key: 3DES-ECB(master, ASN) || 3DES-ECB(master, NOT ASN).
Bytes diversify(const Bytes& master16, const Bytes& asn8);
// Key check value: first 3 bytes of 3DES-ECB(key, 00..00).
Bytes keyCheckValue(const Bytes& key16);

Bytes sha256(const Bytes& data);
Bytes pbkdf2Sha256(const std::string& passphrase, const Bytes& salt, int iterations, std::size_t length);
// Compares in time that depends on the lengths only, never on where the bytes differ (password hashes, MACs).
bool equalConstantTime(const Bytes& a, const Bytes& b);
// AES-256-GCM; the output of encrypt is ciphertext || 16-byte tag. decrypt throws CryptoError on a bad tag.
Bytes aesGcmEncrypt(const Bytes& key32, const Bytes& nonce12, const Bytes& aad, const Bytes& plain);
Bytes aesGcmDecrypt(const Bytes& key32, const Bytes& nonce12, const Bytes& aad, const Bytes& sealed);

} // namespace cdos::crypto
