#include "carddesk/protocol/crypto/DesKey.h"

#include "carddesk/protocol/crypto/Crypto.h"

namespace cdos {

namespace {

SecretBytes sixteen(const Bytes& value) {
    if (value.size() == 16)
        return SecretBytes(value);
    if (value.size() == 8) {
        Bytes v = value;
        v.insert(v.end(), value.begin(), value.end());
        return SecretBytes(std::move(v));
    }
    throw crypto::CryptoError("a DES key is 8 or 16 bytes");
}

} // namespace

Bytes DesKey::checkValue() const {
    const Bytes e = encryptEcb(Bytes(8, 0));
    return Bytes(e.begin(), e.begin() + 3);
}

HostKey::HostKey(const Bytes& value) : m_value(sixteen(value)) {}
HostKey::HostKey(SecretBytes value) : m_value(sixteen(value.bytes())) {}

Bytes HostKey::encryptEcb(const Bytes& blocks) const {
    return crypto::des3EcbEncrypt(value(), blocks);
}
Bytes HostKey::decryptEcb(const Bytes& blocks) const {
    return crypto::des3EcbDecrypt(value(), blocks);
}
Bytes HostKey::encryptCbc(const Bytes& iv8, const Bytes& blocks) const {
    return crypto::des3CbcEncrypt(value(), iv8, blocks);
}
Bytes HostKey::decryptCbc(const Bytes& iv8, const Bytes& blocks) const {
    return crypto::des3CbcDecrypt(value(), iv8, blocks);
}

std::unique_ptr<DesKey> HostKey::diversify(const Bytes& data8) const {
    return std::make_unique<HostKey>(SecretBytes(crypto::diversify(value(), data8)));
}

std::unique_ptr<DesKey> HostKey::derive(const Bytes& data16) const {
    if (data16.size() != 16)
        throw crypto::CryptoError("a derived key needs 16 bytes of data");
    return std::make_unique<HostKey>(SecretBytes(crypto::des3EcbEncrypt(value(), data16)));
}

std::unique_ptr<DesKey> HostKey::leftHalf() const {
    return std::make_unique<HostKey>(SecretBytes(Bytes(value().begin(), value().begin() + 8)));
}

Bytes HostKey::wrappedUnder(const DesKey& wrapping) const {
    return wrapping.encryptCbc(Bytes(8, 0), value());
}

SecretBytes HostKey::reveal(const char*) const {
    return m_value;
}

Bytes retailMac(const DesKey& key, const Bytes& iv8, const Bytes& data) {
    if (iv8.size() != 8)
        throw crypto::CryptoError("IV has the wrong length");
    const Bytes padded = crypto::pad80(data);
    // Single DES under K1 over every block but the last; the last block under the whole key is the same as
    // algorithm 3's D(K2) and E(K1) after E(K1).
    Bytes chainIv = iv8;
    if (padded.size() > 8) {
        const Bytes head(padded.begin(), padded.end() - 8);
        const Bytes chain = key.leftHalf()->encryptCbc(iv8, head);
        chainIv.assign(chain.end() - 8, chain.end());
    }
    return key.encryptCbc(chainIv, Bytes(padded.end() - 8, padded.end()));
}

Bytes singleDesMac(const DesKey& key, const Bytes& data) {
    const Bytes enc = key.encryptCbc(Bytes(8, 0), crypto::pad80(data));
    return Bytes(enc.end() - 8, enc.end());
}

} // namespace cdos
