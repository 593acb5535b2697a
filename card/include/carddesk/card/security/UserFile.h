#pragma once
// The users file: an internal EF of eight 64-byte slots (profile, PIN retry counter, salted PIN hash, checksum).
// PINs are never stored: only SHA-256 over the chip serial (the salt), the user number and the digits.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/apdu/CardRecords.h"

#include <optional>
#include <vector>

namespace cdos::card {

class UserFile {
public:
    static constexpr std::uint32_t kSlotSize = 64;
    static constexpr std::uint32_t bodySize() { return kMaxUsers * kSlotSize; }

    UserFile(Nvm& nvm, std::uint32_t bodyAddr, Bytes salt) : m_nvm(nvm), m_addr(bodyAddr), m_salt(std::move(salt)) {}

    std::optional<UserStatus> find(std::uint8_t number) const; // number 1..8
    std::vector<UserStatus> list() const;                      // in number order
    void put(const UserProfile& profile, const std::string& pinDigits);
    void setRetriesLeft(std::uint8_t number, std::uint8_t retries);
    void setPin(std::uint8_t number, const std::string& pinDigits);
    // Constant-time comparison of the salted hashes.
    bool pinMatches(std::uint8_t number, const std::string& pinDigits) const;

private:
    std::uint32_t slotAddr(std::uint8_t number) const { return m_addr + (number - 1u) * kSlotSize; }
    Bytes hashPin(std::uint8_t number, const std::string& digits) const;
    std::optional<Bytes> readSlot(std::uint8_t number) const;
    void writeSlot(std::uint8_t number, Bytes slot);
    Nvm& m_nvm;
    std::uint32_t m_addr;
    Bytes m_salt;
};

} // namespace cdos::card
