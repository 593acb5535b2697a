#pragma once
// ISO 7816-4 file system in NVM: a fixed table of file descriptors (one checksummed 64-byte entry per file) and
// file bodies allocated inside the region of their DF. Every DF owns one contiguous region fixed at creation, so
// an application installed in a DF can be fenced by the DF's bounds. Access conditions are checked by the
// commands, not here.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/apdu/CardRecords.h"

#include <optional>
#include <vector>

namespace cdos::card {

struct FileInfo {
    std::uint8_t index = 0; // slot in the file table
    FileType type = FileType::Transparent;
    std::uint16_t fid = 0;
    std::uint8_t parent = 0xFF;
    std::uint8_t sfi = 0;
    std::uint8_t readAc = ac::Always, updateAc = ac::Always;
    std::uint8_t recordLength = 0, recordCount = 0;
    std::uint8_t lifeCycle = 0x05; // ISO "operational, activated"
    bool internal = false;         // OS-owned (keys, users): never readable or writable by file commands
    Bytes aid;
    std::uint32_t bodyAddr = 0, bodySize = 0; // for a DF: its whole region
    std::uint16_t size = 0;                   // the FCP size: transparent body, or the DF reserve asked for

    bool isDf() const { return type == FileType::Df; }
    bool isRecordFile() const { return type == FileType::LinearFixed || type == FileType::Cyclic; }
    std::uint32_t end() const { return bodyAddr + bodySize; }
    Fcp fcp() const;
};

class FileSystem {
public:
    static constexpr std::uint8_t kMf = 0;
    static constexpr int kMaxFiles = 64;
    static constexpr std::uint32_t kEntrySize = 64;
    static constexpr std::uint32_t kRecordHeader = 2; // record EFs: used(1) newest slot(1), then the records
    static constexpr std::uint32_t tableBytes() { return kMaxFiles * kEntrySize; }

    FileSystem(Nvm& nvm, std::uint32_t tableAddr, std::uint32_t regionStart, std::uint32_t regionEnd);

    // Erases every file but a fresh MF that owns the whole region (inside a transaction).
    void format();
    // Throws NvmError::Corrupt naming the damaged entry.
    void validate() const;

    bool exists(std::uint8_t index) const;
    FileInfo file(std::uint8_t index) const; // the index must exist
    std::optional<std::uint8_t> child(std::uint8_t df, std::uint16_t fid) const;
    std::optional<std::uint8_t> childBySfi(std::uint8_t df, std::uint8_t sfi) const;
    std::optional<std::uint8_t> dfByAid(const Bytes& aid) const;
    std::vector<std::uint8_t> children(std::uint8_t df) const;

    // Creates a file in DF `parent` and zeroes its body. Throws StatusError: 6A89 the FID (or DF name) exists,
    // 6A80 impossible parameters, 6A84 no room in the DF or in the file table.
    std::uint8_t create(std::uint8_t parent, const Fcp& fcp, bool internal = false);
    // Deletes a file, or a DF with everything in it, and wipes the freed bytes.
    void remove(std::uint8_t index);
    // Bytes of the DF's region not given to its children.
    std::uint32_t freeBytes(std::uint8_t df) const;

    Bytes readBinary(const FileInfo& f, std::uint32_t offset, std::size_t n) const;
    void updateBinary(const FileInfo& f, std::uint32_t offset, const Bytes& data);

    // Records are numbered from 1; in a cyclic EF record 1 is the newest. Linear fixed EFs have recordCount slots;
    // a record exists once written (UPDATE RECORD may write any slot, APPEND takes the next one).
    std::uint8_t recordsUsed(const FileInfo& f) const;
    std::optional<std::uint32_t> recordAddress(const FileInfo& f, std::uint8_t number) const;
    Bytes readRecord(const FileInfo& f, std::uint8_t number) const;               // 6A83
    void updateRecord(const FileInfo& f, std::uint8_t number, const Bytes& data); // 6A83, 6700
    void appendRecord(const FileInfo& f, const Bytes& data);                      // 6A84, 6700

private:
    std::uint32_t entryAddr(std::uint8_t index) const { return m_table + index * kEntrySize; }
    void writeEntry(const FileInfo& f);
    std::optional<FileInfo> decode(std::uint8_t index) const;
    std::uint32_t allocate(const FileInfo& parent, std::uint32_t size, std::uint32_t align, bool keepInPage) const;

    Nvm& m_nvm;
    std::uint32_t m_table, m_regionStart, m_regionEnd;
};

} // namespace cdos::card
