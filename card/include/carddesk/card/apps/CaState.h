#pragma once
// The conditional-access application's persistent state: the body of EF CA01 in the CA DF (docs/command-set.md,
// "Conditional-access application"). Service keys are not here: they are key-file slots 10..17 (WRITE KEY).
// Layout: card clock(4) consumed purse counter(2) rfu(2) | 16 replay slots × 8 | 40 entitlement slots × 12.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/ca/CaCommands.h"

#include <optional>

namespace cdos::card {

class CaState {
public:
    static constexpr int kReplaySlots = 16, kEntitlementSlots = 40;
    static constexpr std::uint32_t kReplayAt = 8, kEntitlementsAt = kReplayAt + kReplaySlots * 8;
    static constexpr std::uint32_t kSize = kEntitlementsAt + kEntitlementSlots * ca::Entitlement::kSize;

    CaState(Nvm& nvm, std::uint32_t addr) : m_nvm(nvm), m_addr(addr) {}

    // The latest date any terminal has told the card: a terminal cannot turn the card's clock back.
    std::uint32_t clock() const { return m_nvm.readU32(m_addr); }
    void setClock(std::uint32_t date) { m_nvm.writeU32(m_addr, date); }
    // The purse's offline counter after the last purchase that opened a VOD right: a purchase opens one right.
    std::uint16_t consumedPurchase() const { return m_nvm.readU16(m_addr + 4); }
    void setConsumedPurchase(std::uint16_t counter) { m_nvm.writeU16(m_addr + 4, counter); }

    // Last accepted crypto period of a programme; nullopt when none was seen.
    std::optional<std::uint32_t> lastPeriod(std::uint16_t programme) const;
    void setLastPeriod(std::uint16_t programme, std::uint32_t period);

    std::vector<ca::Entitlement> entitlements() const; // used slots only
    // Adds or replaces the (user, kind, id) right; end 0 deletes it. Throws StatusError 6A84 when full.
    void putEntitlement(const ca::Entitlement& e);

private:
    std::uint32_t replaySlot(int i) const { return m_addr + kReplayAt + static_cast<std::uint32_t>(i) * 8; }
    std::uint32_t rightSlot(int i) const {
        return m_addr + kEntitlementsAt + static_cast<std::uint32_t>(i) * ca::Entitlement::kSize;
    }
    Nvm& m_nvm;
    std::uint32_t m_addr;
};

} // namespace cdos::card
