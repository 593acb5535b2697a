#include "carddesk/card/apps/CaState.h"

#include "carddesk/card/dispatch/StatusError.h"

namespace cdos::card {

// Replay slot: used(1) rfu(1) programme(2) period(4). A programme takes the slot its id hashes to when it has none:
// a card watches a handful of programmes, and a collision only forgets another programme's replay floor.
std::optional<std::uint32_t> CaState::lastPeriod(std::uint16_t programme) const {
    for (int i = 0; i < kReplaySlots; ++i) {
        const Bytes s = m_nvm.read(replaySlot(i), 8);
        if (s[0] == 1 && getU16(s.data() + 2) == programme)
            return getU32(s.data() + 4);
    }
    return std::nullopt;
}

void CaState::setLastPeriod(std::uint16_t programme, std::uint32_t period) {
    int slot = -1, freeSlot = -1;
    for (int i = 0; i < kReplaySlots && slot < 0; ++i) {
        const Bytes s = m_nvm.read(replaySlot(i), 8);
        if (s[0] == 1 && getU16(s.data() + 2) == programme)
            slot = i;
        else if (s[0] != 1 && freeSlot < 0)
            freeSlot = i;
    }
    if (slot < 0)
        slot = freeSlot >= 0 ? freeSlot : programme % kReplaySlots;
    Bytes s{1, 0};
    putU16(s, programme);
    putU32(s, period);
    m_nvm.write(replaySlot(slot), s);
}

std::vector<ca::Entitlement> CaState::entitlements() const {
    std::vector<ca::Entitlement> out;
    const Bytes all = m_nvm.read(rightSlot(0), kEntitlementSlots * ca::Entitlement::kSize);
    for (const auto& e : ca::decodeEntitlements(all))
        if (e.user != 0)
            out.push_back(e);
    return out;
}

void CaState::putEntitlement(const ca::Entitlement& e) {
    int slot = -1, freeSlot = -1;
    const Bytes all = m_nvm.read(rightSlot(0), kEntitlementSlots * ca::Entitlement::kSize);
    const auto rights = ca::decodeEntitlements(all);
    for (int i = 0; i < kEntitlementSlots && slot < 0; ++i) {
        const auto& r = rights[static_cast<std::size_t>(i)];
        if (r.user == e.user && r.kind == e.kind && r.id == e.id)
            slot = i;
        else if (r.user == 0 && freeSlot < 0)
            freeSlot = i;
    }
    if (e.end == 0) {
        if (slot >= 0)
            m_nvm.fill(rightSlot(slot), ca::Entitlement::kSize, 0);
        return;
    }
    if (slot < 0)
        slot = freeSlot;
    if (slot < 0)
        throw StatusError(sw::NotEnoughMemory);
    m_nvm.write(rightSlot(slot), e.encode());
}

} // namespace cdos::card
