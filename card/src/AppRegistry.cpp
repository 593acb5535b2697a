#include "carddesk/card/AppRegistry.h"

#include "carddesk/protocol/AppCommands.h"

namespace cdos::card {

std::optional<std::uint8_t> AppRegistry::file() const {
    return m_fs.child(FileSystem::kMf, appdl::fid::Registry);
}

std::uint8_t AppRegistry::ensure() {
    if (auto f = file())
        return *f;
    const Fcp fcp{
        appdl::fid::Registry, FileType::LinearFixed, 0, kRecordLength, kSlots, 0, {}, ac::Always, ac::Never, 0};
    return m_fs.create(FileSystem::kMf, fcp);
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
