#include "carddesk/card/security/KeyFile.h"

#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/crypto/Crc32.h"

#include <algorithm>

namespace cdos::card {

namespace {
// Slot: present(1) id(1) type(1) usage(1) version(1) errorCounter(1) maxErrors(1) reserved(1) value(16)
// reserved(4) crc(4).
constexpr std::uint8_t kPresent = 0x01;
constexpr std::uint32_t kValueAt = 8, kCrcAt = 28;
} // namespace

std::optional<CardKey> KeyFile::decode(int slot) const {
    Bytes s = m_nvm.read(m_addr + static_cast<std::uint32_t>(slot) * kSlotSize, kSlotSize);
    std::optional<CardKey> out;
    if (s[0] == kPresent && crc32(s.data(), kCrcAt) == getU32(&s[kCrcAt])) {
        out = CardKey{KeyInfo{s[1], s[2], s[3], s[4], s[5], s[6]},
                      SecretBytes(Bytes(s.begin() + kValueAt, s.begin() + kValueAt + 16))};
    }
    secureZero(s.data(), s.size());
    return out;
}

std::optional<int> KeyFile::slotOf(std::uint8_t id) const {
    for (int i = 0; i < kSlots; ++i) {
        const std::uint32_t a = m_addr + static_cast<std::uint32_t>(i) * kSlotSize;
        if (m_nvm.readU8(a) == kPresent && m_nvm.readU8(a + 1) == id)
            return i;
    }
    return std::nullopt;
}

std::optional<CardKey> KeyFile::find(std::uint8_t id) const {
    const auto slot = slotOf(id);
    return slot ? decode(*slot) : std::nullopt;
}

std::vector<KeyInfo> KeyFile::list() const {
    std::vector<KeyInfo> out;
    for (int i = 0; i < kSlots; ++i)
        if (auto k = decode(i))
            out.push_back(k->info);
    std::sort(out.begin(), out.end(), [](const KeyInfo& a, const KeyInfo& b) { return a.id < b.id; });
    return out;
}

void KeyFile::writeSlot(int slot, const KeyInfo& k, const Bytes& value16) {
    Bytes s(kSlotSize, 0);
    s[0] = kPresent;
    s[1] = k.id;
    s[2] = k.type;
    s[3] = k.usage;
    s[4] = k.version;
    s[5] = k.errorCounter;
    s[6] = k.maxErrors;
    std::copy(value16.begin(), value16.begin() + 16, s.begin() + kValueAt);
    const std::uint32_t crc = crc32(s.data(), kCrcAt);
    for (int i = 0; i < 4; ++i)
        s[kCrcAt + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    m_nvm.write(m_addr + static_cast<std::uint32_t>(slot) * kSlotSize, s);
    secureZero(s.data(), s.size());
}

void KeyFile::put(const KeyInfo& info, const Bytes& value16) {
    if (value16.size() != 16)
        throw StatusError(sw::IncorrectData);
    auto slot = slotOf(info.id);
    for (int i = 0; i < kSlots && !slot; ++i)
        if (m_nvm.readU8(m_addr + static_cast<std::uint32_t>(i) * kSlotSize) != kPresent)
            slot = i;
    if (!slot)
        throw StatusError(sw::NotEnoughMemory);
    writeSlot(*slot, info, value16);
}

void KeyFile::setErrorCounter(std::uint8_t id, std::uint8_t counter) {
    const auto slot = slotOf(id);
    auto key = slot ? decode(*slot) : std::nullopt;
    if (!key)
        throw StatusError(sw::DataNotFound);
    key->info.errorCounter = counter;
    writeSlot(*slot, key->info, key->value.bytes());
}

std::optional<std::uint32_t> KeyFile::recordAddress(std::uint8_t id) const {
    const auto slot = slotOf(id);
    if (!slot)
        return std::nullopt;
    return m_addr + static_cast<std::uint32_t>(*slot) * kSlotSize;
}

} // namespace cdos::card
