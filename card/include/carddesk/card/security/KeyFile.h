#pragma once
// The key file: an internal EF of fixed 32-byte slots (id, type, usage, version, error counter, max errors,
// value, checksum). Key values never leave this class except to the card's own crypto.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/apdu/CardRecords.h"

#include <optional>
#include <vector>

namespace cdos::card {

struct CardKey {
    KeyInfo info;
    SecretBytes value;
};

class KeyFile {
public:
    static constexpr int kSlots = 24;
    static constexpr std::uint32_t kSlotSize = 32;
    static constexpr std::uint32_t bodySize() { return kSlots * kSlotSize; }

    KeyFile(Nvm& nvm, std::uint32_t bodyAddr) : m_nvm(nvm), m_addr(bodyAddr) {}

    // nullopt when absent; a slot failing its checksum reads as absent (the key is unusable, never half-used).
    std::optional<CardKey> find(std::uint8_t id) const;
    std::vector<KeyInfo> list() const; // in id order
    // Adds or replaces key `info.id`; throws StatusError(6A84) when every slot is taken.
    void put(const KeyInfo& info, const Bytes& value16);
    void setErrorCounter(std::uint8_t id, std::uint8_t counter);
    // Address of a key's record in NVM (tests compare images around it).
    std::optional<std::uint32_t> recordAddress(std::uint8_t id) const;

private:
    std::optional<int> slotOf(std::uint8_t id) const;
    std::optional<CardKey> decode(int slot) const;
    void writeSlot(int slot, const KeyInfo& info, const Bytes& value16);
    Nvm& m_nvm;
    std::uint32_t m_addr;
};

} // namespace cdos::card
