#include "carddesk/card/apps/AppRegistry.h"

#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/appdl/AppCommands.h"

#include <algorithm>

namespace cdos::card {

std::optional<std::uint8_t> AppRegistry::file() const {
    return m_fs.child(FileSystem::kMf, appdl::fid::Registry);
}

std::optional<std::uint8_t> AppRegistry::floors() const {
    return m_fs.child(FileSystem::kMf, appdl::fid::VersionFloors);
}

bool AppRegistry::complete() const {
    return file() && floors();
}

std::uint8_t AppRegistry::ensure() {
    if (!floors()) {
        const Fcp fcp{appdl::fid::VersionFloors,
                      FileType::LinearFixed,
                      0,
                      kFloorLength,
                      kFloorSlots,
                      0,
                      {},
                      ac::Always,
                      ac::Never,
                      0};
        m_fs.create(FileSystem::kMf, fcp);
    }
    if (auto f = file())
        return *f;
    const Fcp fcp{
        appdl::fid::Registry, FileType::LinearFixed, 0, kRecordLength, kSlots, 0, {}, ac::Always, ac::Never, 0};
    return m_fs.create(FileSystem::kMf, fcp);
}

// The record holding `aid`'s floor, or (orFree) the first free one.
std::optional<std::uint8_t> AppRegistry::floorRecord(const Bytes& aid, bool orFree) const {
    const auto f = floors();
    if (!f)
        return orFree ? std::optional<std::uint8_t>(1) : std::nullopt;
    const FileInfo info = m_fs.file(*f);
    const std::uint8_t used = m_fs.recordsUsed(info);
    std::optional<std::uint8_t> free;
    for (std::uint8_t n = 1; n <= used; ++n) {
        const Bytes r = m_fs.readRecord(info, n);
        if (r[19] != 0x01) {
            free = free ? free : n;
            continue;
        }
        if (r[0] == aid.size() && std::equal(aid.begin(), aid.end(), r.begin() + 1))
            return n;
    }
    if (!orFree)
        return std::nullopt;
    if (!free && used < kFloorSlots)
        free = static_cast<std::uint8_t>(used + 1);
    return free;
}

std::optional<std::uint16_t> AppRegistry::versionFloor(const Bytes& aid) const {
    if (const auto n = floorRecord(aid, false))
        return getU16(m_fs.readRecord(m_fs.file(*floors()), *n).data() + 17);
    if (floorRecord(aid, true))
        return 0;
    return std::nullopt;
}

void AppRegistry::raiseFloor(const Bytes& aid, std::uint16_t version) {
    ensure();
    const auto n = floorRecord(aid, true);
    if (!n || aid.empty() || aid.size() > 16)
        throw StatusError(appdl::sw::RegistryFull);
    const FileInfo info = m_fs.file(*floors());
    if (*n <= m_fs.recordsUsed(info)) {
        const Bytes old = m_fs.readRecord(info, *n);
        if (old[19] == 0x01 && getU16(old.data() + 17) >= version)
            return;
    }
    Bytes r(kFloorLength, 0);
    r[0] = static_cast<std::uint8_t>(aid.size());
    std::copy(aid.begin(), aid.end(), r.begin() + 1);
    r[17] = static_cast<std::uint8_t>(version >> 8);
    r[18] = static_cast<std::uint8_t>(version);
    r[19] = 0x01;
    m_fs.updateRecord(info, *n, r);
}

std::vector<AppRecord> AppRegistry::list() const {
    std::vector<AppRecord> out;
    const auto f = file();
    if (!f)
        return out;
    const FileInfo info = m_fs.file(*f);
    const std::uint8_t used = m_fs.recordsUsed(info);
    for (std::uint8_t n = 1; n <= used; ++n)
        if (auto r = AppRecord::decode(m_fs.readRecord(info, n), n))
            out.push_back(*r);
    return out;
}

std::optional<AppRecord> AppRegistry::find(const Bytes& aid) const {
    for (auto& r : list())
        if (r.aid == aid)
            return r;
    return std::nullopt;
}

std::optional<std::uint8_t> AppRegistry::freeSlot() const {
    const auto f = file();
    if (!f)
        return 1;
    const FileInfo info = m_fs.file(*f);
    const std::uint8_t used = m_fs.recordsUsed(info);
    for (std::uint8_t n = 1; n <= used; ++n)
        if (m_fs.readRecord(info, n)[0] != 0x01)
            return n;
    if (used < kSlots)
        return static_cast<std::uint8_t>(used + 1);
    return std::nullopt;
}

void AppRegistry::put(const AppRecord& r) {
    m_fs.updateRecord(m_fs.file(ensure()), r.slot, r.encode());
}

void AppRegistry::clear(std::uint8_t slot) {
    m_fs.updateRecord(m_fs.file(ensure()), slot, Bytes(kRecordLength, 0));
}

} // namespace cdos::card
