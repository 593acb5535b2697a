#pragma once
// The card's persistent memory: an image file written in whole pages, with an atomic transaction journal so that
// a power cut at any page write (even one torn half-way) leaves either the old or the new state. Layout and
// scheme: card/README.md.
#include "carddesk/protocol/apdu/Bytes.h"

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cdos::card {

struct NvmError : std::runtime_error {
    enum class Kind {
        NotFound,    // no image file at that path
        Exists,      // create() refuses to overwrite
        Io,          // the operating system refused a read or write
        Corrupt,     // bad magic, checksum, geometry, a truncated file or a page failing its check value
        Unsupported, // a format version newer than this card OS (made by a newer carddesk-card)
        InUse,       // another card process holds the image
        TooLarge,    // one transaction does not fit the journal
        Usage,       // a programming error (write outside a transaction, address out of range)
    };
    NvmError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
    Kind kind;
};

// Thrown by the power-cut test hook in the middle of a page write. The Nvm is dead afterwards (its file is
// closed); reopening the image is the next power-on.
struct PowerCut : std::exception {
    const char* what() const noexcept override { return "power cut during an NVM page write (test hook)"; }
};

struct NvmOptions {
    std::uint32_t size = 128 * 1024;
    std::uint16_t pageSize = 256;
    std::uint16_t journalPages = 32;
    // fdatasync after the journal and after the home pages, so that the write order also survives a host crash.
    bool durable = true;
};

class Nvm {
public:
    // 2 adds a check value per user page (card/README.md "Page check values"); open() upgrades a version 1 image.
    static constexpr std::uint16_t kFormatVersion = 2;

    // Makes a new erased image with a random chip serial; never overwrites an existing file (NvmError::Exists).
    static std::unique_ptr<Nvm> create(const std::string& path, const NvmOptions& options = {});
    // Opens an image, replays a committed journal and discards an uncommitted one, then checks every user page
    // against its check value. Throws NvmError with a reason a person can act on; never modifies a file that is not
    // a valid image. A format version 1 image is rewritten as version 2 (upgradedOnOpen()). powerCutAt arms the test
    // hook before the replay, so that a cut during recovery can be tested too.
    static std::unique_ptr<Nvm> open(const std::string& path, bool durable = true, std::uint32_t powerCutAt = 0,
                                     int tearBytes = -1);
    ~Nvm();
    Nvm(const Nvm&) = delete;
    Nvm& operator=(const Nvm&) = delete;

    const std::string& path() const { return m_path; }
    std::uint32_t size() const { return m_size; }
    std::uint16_t pageSize() const { return m_pageSize; }
    std::uint16_t journalPages() const { return m_journalPages; }
    // First address the card OS may write: everything before is the header and the journal.
    std::uint32_t userStart() const { return (1u + m_journalPages) * m_pageSize; }
    const Bytes& chipSerial() const { return m_chipSerial; }
    // Physical page writes since the image was made (torn writes lost in a power cut are not counted).
    std::uint32_t pageWrites() const { return m_writes; }
    // Page writes of the last commit (journal + home pages), and of the journal replay done by open().
    std::uint32_t lastCommitWrites() const { return m_lastCommitWrites; }
    std::uint32_t recoveryWrites() const { return m_recoveryWrites; }
    bool recoveredOnOpen() const { return m_recovered; }
    bool upgradedOnOpen() const { return m_upgraded; }

    // Reads see the writes of the open transaction.
    void read(std::uint32_t addr, std::uint8_t* out, std::size_t n) const;
    Bytes read(std::uint32_t addr, std::size_t n) const;
    std::uint8_t readU8(std::uint32_t addr) const;
    std::uint16_t readU16(std::uint32_t addr) const;
    std::uint32_t readU32(std::uint32_t addr) const;

    // Writes are gathered in RAM between begin() and commit(); rollback() forgets them. Nothing reaches the file
    // before commit().
    void begin();
    bool inTransaction() const { return m_inTransaction; }
    void write(std::uint32_t addr, const std::uint8_t* data, std::size_t n);
    void write(std::uint32_t addr, const Bytes& data) { write(addr, data.data(), data.size()); }
    void writeU8(std::uint32_t addr, std::uint8_t v) { write(addr, &v, 1); }
    void writeU16(std::uint32_t addr, std::uint16_t v);
    void writeU32(std::uint32_t addr, std::uint32_t v);
    void fill(std::uint32_t addr, std::size_t n, std::uint8_t value);
    // Throws NvmError::TooLarge (after rolling back) when the changes do not fit the journal.
    void commit();
    void rollback();
    // True when the open transaction would change at least one byte.
    bool dirty() const;

    // Test hook: the n-th physical page write from now (1 = the next one) writes only its first tearBytes bytes
    // (default: half a page) and throws PowerCut. n = 0 disarms.
    void setPowerCutAt(std::uint32_t n, int tearBytes = -1);
    bool powerLost() const { return m_dead; }

private:
    Nvm() = default;
    struct JournalPage;
    void load(const std::string& path, int fd, bool durable);
    void recover();
    void physicalWrite(std::uint32_t page, const std::uint8_t* content);
    // Page check values (NvmCheck.cpp): one per user page, kept in RAM and in the trailer after the pages.
    std::uint32_t firstUserPage() const { return 1u + m_journalPages; }
    std::uint32_t userPages() const { return m_size / m_pageSize - firstUserPage(); }
    bool pageChecks(std::uint32_t page) const;
    void writeCheck(std::uint32_t page, std::uint32_t check);
    NvmError damagedPages(const std::vector<std::uint32_t>& pages) const;
    void upgrade();
    void sync();
    void checkAlive() const;
    void checkRange(std::uint32_t addr, std::size_t n) const;
    Bytes encodeChanges(std::uint32_t& homePages) const;
    bool committedTransaction(Bytes& payload, std::uint16_t& homePages);
    void decodeRecords(const Bytes& payload, std::map<std::uint32_t, Bytes>& pages,
                       std::vector<std::uint32_t>& checks) const;
    void checkPages(const std::map<std::uint32_t, Bytes>& pages, const std::vector<std::uint32_t>& checks) const;

    std::string m_path;
    int m_fd = -1;
    bool m_durable = true;
    std::uint32_t m_size = 0;
    std::uint16_t m_pageSize = 0;
    std::uint16_t m_journalPages = 0;
    Bytes m_chipSerial;
    Bytes m_image;                       // the file's content, kept in RAM as a card keeps its NVM memory-mapped
    std::vector<std::uint32_t> m_checks; // the trailer: check value of user page firstUserPage() + i
    bool m_checked = true;               // false while a version 1 image (no trailer) is being opened
    bool m_upgraded = false;
    std::map<std::uint32_t, Bytes> m_pending;
    bool m_inTransaction = false;
    std::uint32_t m_nextSeq = 1;
    std::uint32_t m_nextSlot = 0;
    std::uint32_t m_writes = 0;
    std::uint32_t m_lastCommitWrites = 0;
    std::uint32_t m_recoveryWrites = 0;
    bool m_recovered = false;
    std::uint32_t m_cutCountdown = 0;
    int m_tearBytes = -1;
    bool m_dead = false;
};

} // namespace cdos::card
