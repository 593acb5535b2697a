#include "carddesk/card/AppRegistry.h"

#include "carddesk/card/Crc32.h"
#include "carddesk/protocol/AppCommands.h"

namespace cdos::card {

Bytes AppRecord::encode() const {
    Bytes b;
    b.push_back(0x01);
    b.push_back(static_cast<std::uint8_t>(aid.size()));
    Bytes a = aid;
    a.resize(16, 0);
    append(b, a);
    putU32(b, codeAddr);
    putU16(b, version);
    putU32(b, staticLength);
    putU16(b, dfFid);
    putU32(b, codeLength);
    putU32(b, configLength);
    putU32(b, ramBound);
    putU32(b, dfStart);
    putU32(b, dfEnd);
    putU32(b, efAddr);
    append(b, seed);
    b.resize(76, 0);
    putU32(b, crc32(b.data(), b.size()));
    return b;
}

std::optional<AppRecord> AppRecord::decode(const Bytes& raw, std::uint8_t slot) {
    if (raw.size() != AppRegistry::kRecordLength || raw[0] != 0x01 || raw[1] < 5 || raw[1] > 16)
        return std::nullopt;
    if (getU32(&raw[76]) != crc32(raw.data(), 76))
        return std::nullopt;
    AppRecord r;
    r.slot = slot;
    r.aid = Bytes(raw.begin() + 2, raw.begin() + 2 + raw[1]);
    const std::uint8_t* p = raw.data() + 18;
    r.codeAddr = getU32(p);
    r.version = getU16(p + 4);
    r.staticLength = getU32(p + 6);
    r.dfFid = getU16(p + 10);
    r.codeLength = getU32(p + 12);
    r.configLength = getU32(p + 16);
    r.ramBound = getU32(p + 20);
    r.dfStart = getU32(p + 24);
    r.dfEnd = getU32(p + 28);
    r.efAddr = getU32(p + 32);
    r.seed = Bytes(raw.begin() + 54, raw.begin() + 70);
    return r;
}

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
