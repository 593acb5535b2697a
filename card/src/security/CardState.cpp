#include "carddesk/card/security/CardState.h"

#include "carddesk/protocol/crypto/Crc32.h"

#include <algorithm>

namespace cdos::card {

namespace {
constexpr std::uint32_t kMagic = 0x43445354; // "CDST"
constexpr std::uint8_t kVersion = 1;
// Record: magic(4) version(1) lifeCycle(1) persoStarted(1) reserved(1) batchKey(16) reserved(36) crc(4).
constexpr std::uint32_t kLifeCycle = 5, kPerso = 6, kBatchKey = 8, kCrc = 60;
} // namespace

bool CardState::blankImage() const {
    const Bytes r = m_nvm.read(m_addr, kRecordSize);
    return std::all_of(r.begin(), r.end(), [](std::uint8_t b) { return b == 0; });
}

void CardState::validate() const {
    const Bytes r = m_nvm.read(m_addr, kRecordSize);
    auto damaged = [&](const std::string& why) {
        return NvmError(NvmError::Kind::Corrupt, "card image " + m_nvm.path() + " is damaged: card state " + why);
    };
    if (getU32(r.data()) != kMagic || r[4] != kVersion)
        throw damaged("record unknown");
    if (crc32(r.data(), kCrc) != getU32(r.data() + kCrc))
        throw damaged("checksum mismatch");
    if (r[kLifeCycle] > static_cast<std::uint8_t>(LifeCycle::Terminated))
        throw damaged("life cycle invalid");
}

void CardState::format(const Bytes& batchKey) {
    Bytes r(kRecordSize, 0);
    r[0] = 0x43;
    r[1] = 0x44;
    r[2] = 0x53;
    r[3] = 0x54;
    r[4] = kVersion;
    r[kLifeCycle] = static_cast<std::uint8_t>(LifeCycle::Blank);
    std::copy(batchKey.begin(), batchKey.end(), r.begin() + kBatchKey);
    const std::uint32_t crc = crc32(r.data(), kCrc);
    r[kCrc] = static_cast<std::uint8_t>(crc >> 24);
    r[kCrc + 1] = static_cast<std::uint8_t>(crc >> 16);
    r[kCrc + 2] = static_cast<std::uint8_t>(crc >> 8);
    r[kCrc + 3] = static_cast<std::uint8_t>(crc);
    m_nvm.write(m_addr, r);
    secureZero(r.data(), r.size());
}

LifeCycle CardState::lifeCycle() const {
    return static_cast<LifeCycle>(m_nvm.readU8(m_addr + kLifeCycle));
}

void CardState::setLifeCycle(LifeCycle lc) {
    writeField(kLifeCycle, static_cast<std::uint8_t>(lc));
}

bool CardState::personalisationStarted() const {
    return m_nvm.readU8(m_addr + kPerso) != 0;
}

void CardState::setPersonalisationStarted(bool started) {
    writeField(kPerso, started ? 1 : 0);
}

SecretBytes CardState::batchKey() const {
    return SecretBytes(m_nvm.read(m_addr + kBatchKey, 16));
}

void CardState::writeField(std::uint32_t offset, std::uint8_t value) {
    Bytes r = m_nvm.read(m_addr, kRecordSize);
    r[offset] = value;
    m_nvm.writeU8(m_addr + offset, value);
    m_nvm.writeU32(m_addr + kCrc, crc32(r.data(), kCrc));
    secureZero(r.data(), r.size());
}

} // namespace cdos::card
