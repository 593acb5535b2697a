#pragma once
// A two-key 3DES key as an object that offers operations, not bytes: the key may live in host memory (HostKey:
// the card itself, the development file store) or in a PKCS#11 token (TokenKey: the issuer's masters and every key
// derived from them, docs/keys.md). Every algorithm of the system that a host runs with an issuer key is written
// once over this interface, so the file store and a token give the same cryptograms by construction.
#include "carddesk/protocol/apdu/Bytes.h"

#include <memory>
#include <string>

namespace cdos {

class DesKey {
public:
    virtual ~DesKey() = default;

    // 3DES-ECB / 3DES-CBC over whole 8-byte blocks (no padding here).
    virtual Bytes encryptEcb(const Bytes& blocks) const = 0;
    virtual Bytes decryptEcb(const Bytes& blocks) const = 0;
    virtual Bytes encryptCbc(const Bytes& iv8, const Bytes& blocks) const = 0;
    virtual Bytes decryptCbc(const Bytes& iv8, const Bytes& blocks) const = 0;

    // E(K, d) ‖ E(K, NOT d) as a new key of the same holder: card sub-keys (d = ASN), process and session keys of the
    // authentication (docs/keys.md). The new key stays where this one is.
    virtual std::unique_ptr<DesKey> diversify(const Bytes& data8) const = 0;
    // E(K, data16) as a new 16-byte key of the same holder. PBOC session keys are 8 bytes used as single DES: pass
    // d ‖ d and the new key acts as single DES under E(K, d).
    virtual std::unique_ptr<DesKey> derive(const Bytes& data16) const = 0;
    // A key acting as single DES under this key's left half (both halves = K1): the chain of ISO 9797-1 MAC
    // algorithm 3. A token makes it without the value leaving (for a diversified key: E(parent, d ‖ d)).
    virtual std::unique_ptr<DesKey> leftHalf() const = 0;
    // This key's value encrypted 3DES-CBC with a zero IV under `wrapping` (the WRITE KEY cryptogram): the only way a
    // key of a token leaves it. Both keys must be of the same holder.
    virtual Bytes wrappedUnder(const DesKey& wrapping) const = 0;
    // The value in clear, for the few steps no token mechanism covers; each caller names its step, and docs/keys.md
    // lists every one ("TAC key", "PIN-unblock MAC key"). The caller wipes it (SecretBytes) right after the step.
    virtual SecretBytes reveal(const char* step) const = 0;
    // 3 bytes of E(K, 00..00): a check value safe to show.
    Bytes checkValue() const;
};

// A key in host memory. 8-byte values act as single DES (K ‖ K).
class HostKey final : public DesKey {
public:
    explicit HostKey(const Bytes& value);
    explicit HostKey(SecretBytes value);

    Bytes encryptEcb(const Bytes& blocks) const override;
    Bytes decryptEcb(const Bytes& blocks) const override;
    Bytes encryptCbc(const Bytes& iv8, const Bytes& blocks) const override;
    Bytes decryptCbc(const Bytes& iv8, const Bytes& blocks) const override;
    std::unique_ptr<DesKey> diversify(const Bytes& data8) const override;
    std::unique_ptr<DesKey> derive(const Bytes& data16) const override;
    std::unique_ptr<DesKey> leftHalf() const override;
    Bytes wrappedUnder(const DesKey& wrapping) const override;
    SecretBytes reveal(const char* step) const override;

    const Bytes& value() const { return m_value.bytes(); }

private:
    SecretBytes m_value; // always 16 bytes
};

// ISO 9797-1 MAC algorithm 3 (retail MAC), padding method 2, over any holder's key: single DES under K1 over all
// blocks but the last, 3DES on the last. Returns all 8 bytes.
Bytes retailMac(const DesKey& key, const Bytes& iv8, const Bytes& data);
// Single-DES CBC-MAC (zero IV, padding method 2) with a key acting as single DES (PBOC session keys). 8 bytes.
Bytes singleDesMac(const DesKey& key, const Bytes& data);

} // namespace cdos
