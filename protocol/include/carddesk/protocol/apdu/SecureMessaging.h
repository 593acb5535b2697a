#pragma once
// Issuer secure messaging (docs/command-set.md): MAC input shared by card and host, and the host-side session.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/crypto/DesKey.h"

#include <memory>

namespace cdos {

// MAC input: CLA INS P1 P2 Lc || data-without-MAC, Lc counting the 4 MAC bytes.
Bytes smMacInput(std::uint8_t cla, std::uint8_t ins, std::uint8_t p1, std::uint8_t p2, const Bytes& dataWithoutMac);
// The full 8-byte ISO 9797-1 algorithm 3 MAC; the command carries its left 4 bytes, the next ICV is all 8.
Bytes smMac(const Bytes& key16, const Bytes& icv8, const Bytes& macInput);
// A 4-byte GET CHALLENGE answer is widened to the 8-byte ICV with zeros.
Bytes icvFromChallenge(const Bytes& challenge);

// Host side: wraps issuer commands. The ICV advances with every wrapped command; after 6988 call start() again.
// The maintenance key is a key object (inside the issuer's token when it is one): the MACs and cryptograms are
// computed where it is.
class IssuerSmSession {
public:
    explicit IssuerSmSession(std::shared_ptr<const DesKey> maintenanceKey) : m_key(std::move(maintenanceKey)) {}
    explicit IssuerSmSession(SecretBytes maintenanceKey)
        : m_key(std::make_shared<HostKey>(std::move(maintenanceKey))) {}
    void start(const Bytes& challenge) { m_icv = icvFromChallenge(challenge); }
    bool started() const { return !m_icv.empty(); }
    // Sets the SM bit of CLA (00→04, 80→84), appends the MAC, and advances the ICV.
    CommandApdu wrap(CommandApdu plain);
    // 3DES-CBC, zero IV, under the maintenance key: for PIN blocks (and key values held by the host).
    Bytes encryptSecret(const Bytes& plain) const;
    // A key's WRITE KEY cryptogram: the same encryption, made where the key is (C_WrapKey in a token).
    Bytes wrapKey(const DesKey& key) const { return key.wrappedUnder(*m_key); }
    // After a WRITE KEY of key 00 was accepted, the card uses the new key from the next command.
    void replaceKey(std::shared_ptr<const DesKey> newKey) { m_key = std::move(newKey); }
    void replaceKey(SecretBytes newKey) { m_key = std::make_shared<HostKey>(std::move(newKey)); }
    void reset() { m_icv.clear(); }

private:
    std::shared_ptr<const DesKey> m_key;
    Bytes m_icv;
};

} // namespace cdos
