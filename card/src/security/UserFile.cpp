#include "carddesk/card/security/UserFile.h"

#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/crypto/Crc32.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <algorithm>

namespace cdos::card {

namespace {
// Slot: present(1) number(1) permissions(4) maxRetries(1) retriesLeft(1) nameLen(1) name(32) pinHash(16)
// reserved(3) crc(4).
constexpr std::uint8_t kPresent = 0x01;
constexpr std::uint32_t kRetriesAt = 7, kNameLenAt = 8, kNameAt = 9, kHashAt = 41, kHashSize = 16, kCrcAt = 60;
} // namespace

Bytes UserFile::hashPin(std::uint8_t number, const std::string& digits) const {
    // The chip serial salts the hash, so equal PINs on two cards (or two users) never give equal hashes.
    Bytes in{'C', 'D', 'O', 'S', '-', 'P', 'I', 'N'};
    append(in, m_salt);
    in.push_back(number);
    in.insert(in.end(), digits.begin(), digits.end());
    Bytes h = crypto::sha256(in);
    secureZero(in.data(), in.size());
    h.resize(kHashSize);
    return h;
}

std::optional<Bytes> UserFile::readSlot(std::uint8_t number) const {
    if (number < 1 || number > kMaxUsers)
        return std::nullopt;
    Bytes s = m_nvm.read(slotAddr(number), kSlotSize);
    if (s[0] != kPresent || s[1] != number || s[kNameLenAt] > kMaxNameBytes ||
        crc32(s.data(), kCrcAt) != getU32(&s[kCrcAt]))
        return std::nullopt;
    return s;
}

void UserFile::writeSlot(std::uint8_t number, Bytes s) {
    const std::uint32_t crc = crc32(s.data(), kCrcAt);
    for (int i = 0; i < 4; ++i)
        s[kCrcAt + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    m_nvm.write(slotAddr(number), s);
}

std::optional<UserStatus> UserFile::find(std::uint8_t number) const {
    const auto s = readSlot(number);
    if (!s)
        return std::nullopt;
    UserStatus u;
    u.profile.number = number;
    u.profile.permissions = getU32(&(*s)[2]);
    u.profile.maxRetries = (*s)[6];
    u.retriesLeft = (*s)[kRetriesAt];
    u.profile.name.assign(s->begin() + kNameAt, s->begin() + kNameAt + (*s)[kNameLenAt]);
    return u;
}

std::vector<UserStatus> UserFile::list() const {
    std::vector<UserStatus> out;
    for (int n = 1; n <= kMaxUsers; ++n)
        if (auto u = find(static_cast<std::uint8_t>(n)))
            out.push_back(*u);
    return out;
}

void UserFile::put(const UserProfile& p, const std::string& pinDigits) {
    if (p.number < 1 || p.number > kMaxUsers || p.name.size() > kMaxNameBytes || !isValidPin(pinDigits))
        throw StatusError(sw::IncorrectData);
    Bytes s(kSlotSize, 0);
    s[0] = kPresent;
    s[1] = p.number;
    Bytes perm;
    putU32(perm, p.permissions);
    std::copy(perm.begin(), perm.end(), s.begin() + 2);
    s[6] = p.maxRetries;
    s[kRetriesAt] = p.maxRetries;
    s[kNameLenAt] = static_cast<std::uint8_t>(p.name.size());
    std::copy(p.name.begin(), p.name.end(), s.begin() + kNameAt);
    const Bytes h = hashPin(p.number, pinDigits);
    std::copy(h.begin(), h.end(), s.begin() + kHashAt);
    writeSlot(p.number, std::move(s));
}

void UserFile::setRetriesLeft(std::uint8_t number, std::uint8_t retries) {
    auto s = readSlot(number);
    if (!s)
        throw StatusError(sw::DataNotFound);
    if ((*s)[kRetriesAt] == retries)
        return; // no change, no page write
    (*s)[kRetriesAt] = retries;
    writeSlot(number, std::move(*s));
}

void UserFile::setPin(std::uint8_t number, const std::string& pinDigits) {
    auto s = readSlot(number);
    if (!s || !isValidPin(pinDigits))
        throw StatusError(sw::IncorrectData);
    const Bytes h = hashPin(number, pinDigits);
    std::copy(h.begin(), h.end(), s->begin() + kHashAt);
    writeSlot(number, std::move(*s));
}

bool UserFile::pinMatches(std::uint8_t number, const std::string& pinDigits) const {
    const auto s = readSlot(number);
    if (!s)
        return false;
    const Bytes stored(s->begin() + kHashAt, s->begin() + kHashAt + kHashSize);
    return constantTimeEqual(stored, hashPin(number, pinDigits));
}

} // namespace cdos::card
