#pragma once
// The card's own state record in the first page of the OS area: life cycle, whether a personalisation has begun,
// and the manufacturer's batch key that a blank card returns to. Checksummed: damage is reported, not guessed at.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/apdu/CommandSet.h"

namespace cdos::card {

class CardState {
public:
    static constexpr std::uint32_t kRecordSize = 64;

    CardState(Nvm& nvm, std::uint32_t addr) : m_nvm(nvm), m_addr(addr) {}

    // True while the record is all zero: a new image that was never formatted.
    bool blankImage() const;
    // Throws NvmError::Corrupt when the record is damaged.
    void validate() const;
    // Writes a fresh record (inside a transaction).
    void format(const Bytes& batchKey);

    LifeCycle lifeCycle() const;
    void setLifeCycle(LifeCycle lc);
    bool personalisationStarted() const;
    void setPersonalisationStarted(bool started);
    SecretBytes batchKey() const;
    std::uint32_t address() const { return m_addr; }

private:
    void writeField(std::uint32_t offset, std::uint8_t value);
    Nvm& m_nvm;
    std::uint32_t m_addr;
};

} // namespace cdos::card
