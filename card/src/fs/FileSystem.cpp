#include "carddesk/card/fs/FileSystem.h"

#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/crypto/Crc32.h"

#include <algorithm>

namespace cdos::card {

namespace {
// Entry: state(1) type(1) fid(2) parent(1) sfi(1) readAc(1) updateAc(1) recordLength(1) recordCount(1)
// lifeCycle(1) aidLen(1) bodyAddr(4) bodySize(4) size(2) flags(1) reserved(1) aid(16) reserved(20) crc(4).
constexpr std::uint8_t kUsed = 0x01;
constexpr std::uint8_t kFlagInternal = 0x01;
constexpr std::uint32_t kCrcAt = 60;

bool validAc(std::uint8_t a) {
    return a == ac::Always || a == ac::UserPin || a == ac::IssuerSm || a == ac::Never;
}
std::uint32_t alignUp(std::uint32_t v, std::uint32_t a) {
    return (v + a - 1) / a * a;
}
} // namespace

Fcp FileInfo::fcp() const {
    Fcp f;
    f.fid = fid;
    f.type = type;
    f.size = size;
    f.recordLength = recordLength;
    f.recordCount = recordCount;
    f.sfi = sfi;
    f.aid = aid;
    f.readAc = readAc;
    f.updateAc = updateAc;
    f.lifeCycle = lifeCycle;
    return f;
}

FileSystem::FileSystem(Nvm& nvm, std::uint32_t tableAddr, std::uint32_t regionStart, std::uint32_t regionEnd)
    : m_nvm(nvm), m_table(tableAddr), m_regionStart(regionStart), m_regionEnd(regionEnd) {}

void FileSystem::format() {
    m_nvm.fill(m_table, tableBytes(), 0);
    m_nvm.fill(m_regionStart, m_regionEnd - m_regionStart, 0);
    FileInfo mf;
    mf.index = kMf;
    mf.type = FileType::Df;
    mf.fid = fid::Mf;
    mf.parent = 0xFF;
    mf.readAc = ac::Always;
    mf.updateAc = ac::IssuerSm;
    mf.bodyAddr = m_regionStart;
    mf.bodySize = m_regionEnd - m_regionStart;
    mf.size = static_cast<std::uint16_t>(std::min<std::uint32_t>(mf.bodySize, 0xFFFF));
    writeEntry(mf);
}

void FileSystem::writeEntry(const FileInfo& f) {
    Bytes e(kEntrySize, 0);
    e[0] = kUsed;
    e[1] = static_cast<std::uint8_t>(f.type);
    e[2] = static_cast<std::uint8_t>(f.fid >> 8);
    e[3] = static_cast<std::uint8_t>(f.fid);
    e[4] = f.parent;
    e[5] = f.sfi;
    e[6] = f.readAc;
    e[7] = f.updateAc;
    e[8] = f.recordLength;
    e[9] = f.recordCount;
    e[10] = f.lifeCycle;
    e[11] = static_cast<std::uint8_t>(f.aid.size());
    Bytes tail;
    putU32(tail, f.bodyAddr);
    putU32(tail, f.bodySize);
    putU16(tail, f.size);
    std::copy(tail.begin(), tail.end(), e.begin() + 12);
    e[22] = f.internal ? kFlagInternal : 0;
    std::copy(f.aid.begin(), f.aid.end(), e.begin() + 24);
    Bytes crc;
    putU32(crc, crc32(e.data(), kCrcAt));
    std::copy(crc.begin(), crc.end(), e.begin() + kCrcAt);
    m_nvm.write(entryAddr(f.index), e);
}

std::optional<FileInfo> FileSystem::decode(std::uint8_t index) const {
    const Bytes e = m_nvm.read(entryAddr(index), kEntrySize);
    if (e[0] != kUsed)
        return std::nullopt;
    FileInfo f;
    f.index = index;
    f.type = static_cast<FileType>(e[1]);
    f.fid = getU16(&e[2]);
    f.parent = e[4];
    f.sfi = e[5];
    f.readAc = e[6];
    f.updateAc = e[7];
    f.recordLength = e[8];
    f.recordCount = e[9];
    f.lifeCycle = e[10];
    f.aid.assign(e.begin() + 24, e.begin() + 24 + std::min<std::uint8_t>(e[11], 16));
    f.bodyAddr = getU32(&e[12]);
    f.bodySize = getU32(&e[16]);
    f.size = getU16(&e[20]);
    f.internal = (e[22] & kFlagInternal) != 0;
    return f;
}

void FileSystem::validate() const {
    auto damaged = [&](int i, const std::string& why) {
        return NvmError(NvmError::Kind::Corrupt, "card image " + m_nvm.path() + " is damaged: file table entry " +
                                                     std::to_string(i) + " " + why);
    };
    for (int i = 0; i < kMaxFiles; ++i) {
        const Bytes e = m_nvm.read(entryAddr(static_cast<std::uint8_t>(i)), kEntrySize);
        if (e[0] == 0 && std::all_of(e.begin(), e.end(), [](std::uint8_t b) { return b == 0; }))
            continue;
        if (e[0] != kUsed || crc32(e.data(), kCrcAt) != getU32(&e[kCrcAt]))
            throw damaged(i, "fails its checksum");
        const FileInfo f = *decode(static_cast<std::uint8_t>(i));
        const bool typeOk = f.type == FileType::Df || f.type == FileType::Transparent ||
                            f.type == FileType::LinearFixed || f.type == FileType::Cyclic;
        if (!typeOk || f.aid.size() > 16 || f.bodyAddr < m_regionStart || f.bodyAddr > m_regionEnd ||
            f.bodySize > m_regionEnd - f.bodyAddr)
            throw damaged(i, "is inconsistent");
        if (i == kMf) {
            if (!f.isDf() || f.fid != fid::Mf || f.bodyAddr != m_regionStart || f.end() != m_regionEnd)
                throw damaged(i, "is not the MF");
            continue;
        }
        if (f.parent >= kMaxFiles || !exists(f.parent) || !file(f.parent).isDf())
            throw damaged(i, "has no parent DF");
        const FileInfo p = file(f.parent);
        if (f.bodyAddr < p.bodyAddr || f.end() > p.end())
            throw damaged(i, "lies outside its DF");
        if (f.isRecordFile() && (f.recordLength == 0 || f.recordCount == 0 ||
                                 f.bodySize < kRecordHeader + std::uint32_t(f.recordLength) * f.recordCount))
            throw damaged(i, "has an impossible record layout");
        if (f.type == FileType::Transparent && f.bodySize < f.size)
            throw damaged(i, "is smaller than its size");
    }
    if (!exists(kMf))
        throw NvmError(NvmError::Kind::Corrupt, "card image " + m_nvm.path() + " is damaged: no MF");
}

bool FileSystem::exists(std::uint8_t index) const {
    return index < kMaxFiles && m_nvm.readU8(entryAddr(index)) == kUsed;
}

FileInfo FileSystem::file(std::uint8_t index) const {
    auto f = index < kMaxFiles ? decode(index) : std::nullopt;
    if (!f)
        throw StatusError(sw::FileNotFound);
    return *f;
}

std::vector<std::uint8_t> FileSystem::children(std::uint8_t df) const {
    std::vector<std::uint8_t> out;
    for (int i = 1; i < kMaxFiles; ++i) {
        const auto idx = static_cast<std::uint8_t>(i);
        if (exists(idx) && m_nvm.readU8(entryAddr(idx) + 4) == df)
            out.push_back(idx);
    }
    return out;
}

std::optional<std::uint8_t> FileSystem::child(std::uint8_t df, std::uint16_t f) const {
    for (auto i : children(df))
        if (m_nvm.readU16(entryAddr(i) + 2) == f)
            return i;
    return std::nullopt;
}

std::optional<std::uint8_t> FileSystem::childBySfi(std::uint8_t df, std::uint8_t sfi) const {
    if (sfi == 0)
        return std::nullopt;
    for (auto i : children(df)) {
        const FileInfo f = file(i);
        if (!f.isDf() && f.sfi == sfi)
            return i;
    }
    return std::nullopt;
}

std::optional<std::uint8_t> FileSystem::dfByAid(const Bytes& aid) const {
    if (aid.empty())
        return std::nullopt;
    for (int i = 0; i < kMaxFiles; ++i) {
        const auto idx = static_cast<std::uint8_t>(i);
        if (!exists(idx))
            continue;
        const FileInfo f = file(idx);
        if (f.isDf() && f.aid == aid)
            return idx;
    }
    return std::nullopt;
}

std::uint32_t FileSystem::allocate(const FileInfo& parent, std::uint32_t size, std::uint32_t align,
                                   bool keepInPage) const {
    const std::uint32_t page = m_nvm.pageSize();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> used;
    for (auto i : children(parent.index)) {
        const FileInfo c = file(i);
        used.emplace_back(c.bodyAddr, c.end());
    }
    std::sort(used.begin(), used.end());
    auto fits = [&](std::uint32_t from, std::uint32_t to) -> std::optional<std::uint32_t> {
        std::uint32_t p = alignUp(from, align);
        // A body of up to one page never straddles two: updating it then costs one home page write.
        if (keepInPage && size <= page && p % page + size > page)
            p = alignUp(p, page);
        if (p >= from && p <= to && size <= to - p)
            return p;
        return std::nullopt;
    };
    std::uint32_t pos = parent.bodyAddr;
    for (const auto& [start, end] : used) {
        if (auto p = fits(pos, start))
            return *p;
        pos = std::max(pos, end);
    }
    if (auto p = fits(pos, parent.end()))
        return *p;
    throw StatusError(sw::NotEnoughMemory);
}

std::uint8_t FileSystem::create(std::uint8_t parentIndex, const Fcp& fcp, bool internal) {
    const FileInfo parent = file(parentIndex);
    if (!parent.isDf())
        throw StatusError(sw::IncorrectData);
    if (fcp.fid == 0x0000 || fcp.fid == fid::Mf || fcp.fid == 0x3FFF || fcp.fid == 0xFFFF)
        throw StatusError(sw::IncorrectData);
    if (!validAc(fcp.readAc) || !validAc(fcp.updateAc))
        throw StatusError(sw::IncorrectData);
    if (fcp.fid == parent.fid || child(parentIndex, fcp.fid))
        throw StatusError(sw::FileExists);
    FileInfo f;
    f.type = fcp.type;
    f.fid = fcp.fid;
    f.parent = parentIndex;
    f.readAc = fcp.readAc;
    f.updateAc = fcp.updateAc;
    f.internal = internal;
    const std::uint32_t page = m_nvm.pageSize();
    std::uint32_t align = internal ? page : 8;
    switch (fcp.type) {
    case FileType::Df:
        if (fcp.sfi || fcp.size == 0)
            throw StatusError(sw::IncorrectData);
        if (!fcp.aid.empty() && dfByAid(fcp.aid))
            throw StatusError(sw::FileExists);
        f.aid = fcp.aid;
        f.size = fcp.size;
        f.bodySize = alignUp(fcp.size, page); // whole pages: the DF's bounds are page bounds
        align = page;
        break;
    case FileType::Transparent:
        if (fcp.size == 0 || !fcp.aid.empty())
            throw StatusError(sw::IncorrectData);
        f.size = fcp.size;
        f.bodySize = fcp.size;
        break;
    case FileType::LinearFixed:
    case FileType::Cyclic:
        if (fcp.recordLength == 0 || fcp.recordCount == 0 || !fcp.aid.empty())
            throw StatusError(sw::IncorrectData);
        f.recordLength = fcp.recordLength;
        f.recordCount = fcp.recordCount;
        f.bodySize = kRecordHeader + std::uint32_t(fcp.recordLength) * fcp.recordCount;
        break;
    }
    if (!f.isDf()) {
        if (fcp.sfi > 30)
            throw StatusError(sw::IncorrectData);
        if (fcp.sfi && childBySfi(parentIndex, fcp.sfi))
            throw StatusError(sw::IncorrectData);
        f.sfi = fcp.sfi;
    }
    int slot = -1;
    for (int i = 1; i < kMaxFiles && slot < 0; ++i)
        if (!exists(static_cast<std::uint8_t>(i)))
            slot = i;
    if (slot < 0)
        throw StatusError(sw::NotEnoughMemory);
    f.index = static_cast<std::uint8_t>(slot);
    f.bodyAddr = allocate(parent, f.bodySize, align, true);
    // Free space is kept erased, so this normally costs no page write; it guards against leftovers.
    if (!f.isDf())
        m_nvm.fill(f.bodyAddr, f.bodySize, 0);
    writeEntry(f);
    return f.index;
}

void FileSystem::remove(std::uint8_t index) {
    const FileInfo f = file(index);
    if (index == kMf)
        throw StatusError(sw::ConditionsNotSatisfied);
    if (f.isDf())
        for (auto c : children(index))
            remove(c);
    m_nvm.fill(f.bodyAddr, f.bodySize, 0);
    m_nvm.fill(entryAddr(index), kEntrySize, 0);
}

std::uint32_t FileSystem::freeBytes(std::uint8_t df) const {
    const FileInfo d = file(df);
    std::uint32_t used = 0;
    for (auto c : children(df))
        used += file(c).bodySize;
    return d.bodySize > used ? d.bodySize - used : 0;
}

Bytes FileSystem::readBinary(const FileInfo& f, std::uint32_t offset, std::size_t n) const {
    if (offset > f.size || n > f.size - offset)
        throw StatusError(sw::WrongOffset);
    return m_nvm.read(f.bodyAddr + offset, n);
}

void FileSystem::updateBinary(const FileInfo& f, std::uint32_t offset, const Bytes& data) {
    if (offset >= f.size)
        throw StatusError(sw::WrongOffset);
    if (data.size() > f.size - offset)
        throw StatusError(sw::WrongLength);
    m_nvm.write(f.bodyAddr + offset, data);
}

std::uint8_t FileSystem::recordsUsed(const FileInfo& f) const {
    return std::min(m_nvm.readU8(f.bodyAddr), f.recordCount);
}

std::optional<std::uint32_t> FileSystem::recordAddress(const FileInfo& f, std::uint8_t number) const {
    const std::uint8_t used = recordsUsed(f);
    if (number == 0 || number > used)
        return std::nullopt;
    std::uint32_t slot = number - 1u;
    if (f.type == FileType::Cyclic) {
        const std::uint32_t newest = m_nvm.readU8(f.bodyAddr + 1) % f.recordCount;
        slot = (newest + f.recordCount - slot) % f.recordCount;
    }
    return f.bodyAddr + kRecordHeader + slot * f.recordLength;
}

Bytes FileSystem::readRecord(const FileInfo& f, std::uint8_t number) const {
    const auto addr = recordAddress(f, number);
    if (!addr)
        throw StatusError(sw::RecordNotFound);
    return m_nvm.read(*addr, f.recordLength);
}

void FileSystem::updateRecord(const FileInfo& f, std::uint8_t number, const Bytes& data) {
    if (data.size() != f.recordLength)
        throw StatusError(sw::WrongLength);
    if (f.type == FileType::LinearFixed) {
        // Writing slot n of a linear fixed EF makes records 1..n exist (unwritten ones read as zeros).
        if (number == 0 || number > f.recordCount)
            throw StatusError(sw::RecordNotFound);
        if (number > recordsUsed(f))
            m_nvm.writeU8(f.bodyAddr, number);
        m_nvm.write(f.bodyAddr + kRecordHeader + (number - 1u) * f.recordLength, data);
        return;
    }
    const auto addr = recordAddress(f, number);
    if (!addr)
        throw StatusError(sw::RecordNotFound);
    m_nvm.write(*addr, data);
}

void FileSystem::appendRecord(const FileInfo& f, const Bytes& data) {
    if (data.size() != f.recordLength)
        throw StatusError(sw::WrongLength);
    const std::uint8_t used = recordsUsed(f);
    if (f.type == FileType::LinearFixed) {
        if (used >= f.recordCount)
            throw StatusError(sw::NotEnoughMemory);
        m_nvm.write(f.bodyAddr + kRecordHeader + std::uint32_t(used) * f.recordLength, data);
        m_nvm.writeU8(f.bodyAddr, static_cast<std::uint8_t>(used + 1));
        return;
    }
    // Cyclic: the oldest record is overwritten once the file is full; the header moves with it in one page.
    const std::uint8_t newest = used == 0 ? 0 : (m_nvm.readU8(f.bodyAddr + 1) + 1) % f.recordCount;
    m_nvm.write(f.bodyAddr + kRecordHeader + std::uint32_t(newest) * f.recordLength, data);
    const std::uint8_t header[2] = {static_cast<std::uint8_t>(std::min<int>(used + 1, f.recordCount)), newest};
    m_nvm.write(f.bodyAddr, header, 2);
}

} // namespace cdos::card
