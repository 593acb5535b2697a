#include "carddesk/protocol/apdu/SecureMessaging.h"

#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos {

Bytes smMacInput(std::uint8_t c, std::uint8_t i, std::uint8_t p1, std::uint8_t p2, const Bytes& dataWithoutMac) {
    Bytes in{c, i, p1, p2, static_cast<std::uint8_t>(dataWithoutMac.size() + 4)};
    append(in, dataWithoutMac);
    return in;
}

Bytes smMac(const Bytes& key16, const Bytes& icv8, const Bytes& macInput) {
    return crypto::retailMac(key16, icv8, macInput);
}

Bytes icvFromChallenge(const Bytes& challenge) {
    Bytes icv = challenge;
    icv.resize(8, 0);
    return icv;
}

CommandApdu IssuerSmSession::wrap(CommandApdu c) {
    if (m_icv.empty())
        throw crypto::CryptoError("secure messaging session not started (GET CHALLENGE first)");
    c.cla = static_cast<std::uint8_t>(c.cla | 0x04);
    const Bytes mac = retailMac(*m_key, m_icv, smMacInput(c.cla, c.ins, c.p1, c.p2, c.data));
    c.data.insert(c.data.end(), mac.begin(), mac.begin() + 4);
    m_icv = mac;
    return c;
}

Bytes IssuerSmSession::encryptSecret(const Bytes& plain) const {
    return m_key->encryptCbc(Bytes(8, 0), plain);
}

} // namespace cdos
