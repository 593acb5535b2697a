#include "carddesk/card/Nvm.h"

#include "carddesk/protocol/Crc32.h"
#include "carddesk/protocol/Crypto.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cdos::card {

namespace {

constexpr char kMagic[8] = {'C', 'D', 'O', 'S', '-', 'N', 'V', 'M'};
constexpr std::uint32_t kJournalMagic = 0x43444A31; // "CDJ1"
constexpr std::size_t kJournalHeader = 24;
constexpr std::uint8_t kRecordData = 0x01;
constexpr std::uint8_t kRecordFill = 0x02;
constexpr std::size_t kRecordHeader = 7; // kind(1) address(4) length(2)
// Differences closer than this are journalled as one record: a record header costs about as much.
constexpr std::size_t kMergeGap = 8;

void put16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}
void put32(std::uint8_t* p, std::uint32_t v) {
    put16(p, static_cast<std::uint16_t>(v >> 16));
    put16(p + 2, static_cast<std::uint16_t>(v));
}

std::string sysError(const std::string& what) {
    return what + ": " + std::strerror(errno);
}

bool preadAll(int fd, std::uint8_t* p, std::size_t n, off_t off) {
    while (n) {
        const ssize_t r = ::pread(fd, p, n, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= static_cast<std::size_t>(r);
        off += r;
    }
    return true;
}

bool pwriteAll(int fd, const std::uint8_t* p, std::size_t n, off_t off) {
    while (n) {
        const ssize_t r = ::pwrite(fd, p, n, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= static_cast<std::size_t>(r);
        off += r;
    }
    return true;
}

// Takes the image for this process only: two card processes on one image would corrupt it.
int openLocked(const std::string& path, int flags, mode_t mode = 0600) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    if (fd < 0) {
        if (errno == ENOENT && !(flags & O_CREAT))
            throw NvmError(NvmError::Kind::NotFound, "card image " + path + " does not exist");
        throw NvmError(NvmError::Kind::Io, sysError("cannot open card image " + path));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        throw NvmError(NvmError::Kind::InUse, "card image " + path + " is in use by another card process");
    }
    return fd;
}

bool validGeometry(std::uint32_t size, std::uint16_t pageSize, std::uint16_t journalPages) {
    const bool pow2 = pageSize >= 64 && pageSize <= 4096 && (pageSize & (pageSize - 1)) == 0;
    return pow2 && journalPages >= 4 && size % pageSize == 0 && size / pageSize >= 1u + journalPages + 16u &&
           size <= 16u * 1024 * 1024;
}

} // namespace

struct Nvm::JournalPage {
    std::uint32_t seq = 0, writesBefore = 0, slot = 0;
    std::uint16_t index = 0, count = 0, homePages = 0, payloadLen = 0;
};

std::unique_ptr<Nvm> Nvm::create(const std::string& path, const NvmOptions& o) {
    if (!validGeometry(o.size, o.pageSize, o.journalPages))
        throw NvmError(NvmError::Kind::Usage, "invalid NVM geometry (page size a power of two 64..4096, size a "
                                              "multiple of it, at most 16 MiB, room for the journal)");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0)
        throw NvmError(NvmError::Kind::Exists, "card image " + path + " already exists; not overwriting it");

    // Built under a temporary name and renamed: a crash while creating never leaves a half-made image.
    const std::string tmp = path + ".new";
    ::unlink(tmp.c_str());
    const int fd = openLocked(tmp, O_RDWR | O_CREAT | O_EXCL);
    Bytes header(o.pageSize, 0);
    std::memcpy(header.data(), kMagic, 8);
    put16(&header[8], kFormatVersion);
    put16(&header[10], o.pageSize);
    put32(&header[12], o.size);
    put16(&header[16], o.journalPages);
    const Bytes serial = crypto::randomBytes(8);
    std::copy(serial.begin(), serial.end(), header.begin() + 20);
    put32(&header[28], 1); // the header page itself is the first page write
    put32(&header[o.pageSize - 4], crc32(header.data(), o.pageSize - 4u));
    const bool ok = ::ftruncate(fd, o.size) == 0 && pwriteAll(fd, header.data(), header.size(), 0) &&
                    (!o.durable || ::fsync(fd) == 0);
    if (!ok) {
        const std::string err = sysError("cannot write card image " + tmp);
        ::close(fd);
        ::unlink(tmp.c_str());
        throw NvmError(NvmError::Kind::Io, err);
    }
    // link, unlike rename, refuses to replace a file made meanwhile; file systems without hard links get rename.
    const bool linked =
        ::link(tmp.c_str(), path.c_str()) == 0 ||
        ((errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) && ::rename(tmp.c_str(), path.c_str()) == 0);
    if (!linked) {
        const std::string err = sysError("cannot create card image " + path);
        ::close(fd);
        ::unlink(tmp.c_str());
        throw NvmError(errno == EEXIST ? NvmError::Kind::Exists : NvmError::Kind::Io, err);
    }
    ::unlink(tmp.c_str());
    std::unique_ptr<Nvm> nvm(new Nvm);
    nvm->load(path, fd, o.durable);
    return nvm;
}

std::unique_ptr<Nvm> Nvm::open(const std::string& path, bool durable, std::uint32_t powerCutAt, int tearBytes) {
    const int fd = openLocked(path, O_RDWR);
    std::unique_ptr<Nvm> nvm(new Nvm);
    nvm->setPowerCutAt(powerCutAt, tearBytes);
    nvm->load(path, fd, durable); // owns fd from its first line: the destructor closes it on every error path
    return nvm;
}

Nvm::~Nvm() {
    if (m_fd >= 0)
        ::close(m_fd);
}

void Nvm::load(const std::string& path, int fd, bool durable) {
    m_fd = fd;
    m_path = path;
    m_durable = durable;
    auto corrupt = [&](const std::string& why) {
        return NvmError(NvmError::Kind::Corrupt, "card image " + path + " is damaged: " + why);
    };
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throw NvmError(NvmError::Kind::Io, sysError("cannot examine card image " + path));
    const auto fileSize = static_cast<std::uint64_t>(st.st_size);
    std::uint8_t fixed[32];
    if (fileSize < 64 || !preadAll(fd, fixed, sizeof fixed, 0)) {
        if (fileSize >= 8 && preadAll(fd, fixed, 8, 0) && std::memcmp(fixed, kMagic, 8) == 0)
            throw corrupt("truncated to " + std::to_string(fileSize) + " bytes");
        throw NvmError(NvmError::Kind::Corrupt, path + " is not a CardDesk card image (too short, bad magic)");
    }
    if (std::memcmp(fixed, kMagic, 8) != 0)
        throw NvmError(NvmError::Kind::Corrupt, path + " is not a CardDesk card image (bad magic)");
    const std::uint16_t version = getU16(fixed + 8);
    m_pageSize = getU16(fixed + 10);
    m_size = getU32(fixed + 12);
    m_journalPages = getU16(fixed + 16);
    if (!validGeometry(m_size, m_pageSize, m_journalPages) || fileSize < m_pageSize)
        throw corrupt("impossible geometry in the header");
    Bytes header(m_pageSize);
    if (!preadAll(fd, header.data(), m_pageSize, 0))
        throw corrupt("cannot read the header page");
    if (crc32(header.data(), m_pageSize - 4u) != getU32(&header[m_pageSize - 4]))
        throw corrupt("header checksum mismatch");
    if (version != kFormatVersion)
        throw corrupt("format version " + std::to_string(version) + " is not supported (this card OS reads " +
                      std::to_string(kFormatVersion) + ")");
    if (fileSize != m_size)
        throw corrupt(std::string(fileSize < m_size ? "truncated: " : "too long: ") + std::to_string(fileSize) +
                      " bytes where the header says " + std::to_string(m_size));
    m_image.resize(m_size);
    if (!preadAll(fd, m_image.data(), m_size, 0))
        throw NvmError(NvmError::Kind::Io, sysError("cannot read card image " + path));
    m_chipSerial.assign(header.begin() + 20, header.begin() + 28);
    m_writes = getU32(&header[28]);
    recover();
}

// The journal holds only the newest transaction that matters: the one with the highest sequence number. If all of
// its pages are present and intact it committed and is replayed (replay is idempotent: it rewrites only pages that
// differ); otherwise it never committed, its home pages were never touched, and it is ignored.
void Nvm::recover() {
    std::vector<JournalPage> valid;
    const std::size_t cap = m_pageSize - kJournalHeader;
    for (std::uint32_t slot = 0; slot < m_journalPages; ++slot) {
        std::uint8_t* p = &m_image[(1 + slot) * m_pageSize];
        if (getU32(p) != kJournalMagic)
            continue;
        Bytes copy(p, p + m_pageSize);
        put32(&copy[20], 0);
        if (crc32(copy.data(), copy.size()) != getU32(p + 20))
            continue; // torn or damaged: never part of a committed transaction
        JournalPage j{getU32(p + 4),  getU32(p + 12), slot,          getU16(p + 8),
                      getU16(p + 10), getU16(p + 16), getU16(p + 18)};
        if (j.count == 0 || j.count > m_journalPages || j.index >= j.count || j.payloadLen > cap)
            continue;
        valid.push_back(j);
    }
    if (valid.empty())
        return;
    std::uint32_t maxSeq = 0;
    for (const auto& j : valid)
        maxSeq = std::max(maxSeq, j.seq);
    std::vector<const JournalPage*> pages;
    std::uint32_t lastWrite = 0, lastSlot = 0;
    for (const auto& j : valid) {
        if (j.seq != maxSeq)
            continue;
        pages.push_back(&j);
        if (j.writesBefore >= lastWrite) {
            lastWrite = j.writesBefore;
            lastSlot = j.slot;
        }
    }
    std::sort(pages.begin(), pages.end(), [](auto* a, auto* b) { return a->index < b->index; });
    bool complete = pages.size() == pages.front()->count;
    for (std::size_t i = 0; complete && i < pages.size(); ++i)
        complete = pages[i]->index == i && pages[i]->count == pages.front()->count;
    m_nextSeq = maxSeq + 1;
    m_nextSlot = (lastSlot + 1) % m_journalPages;
    m_writes = std::max(m_writes, lastWrite + 1);
    if (!complete)
        return;
    Bytes payload;
    for (const auto* j : pages) {
        const std::uint8_t* p = &m_image[(1 + j->slot) * m_pageSize] + kJournalHeader;
        payload.insert(payload.end(), p, p + j->payloadLen);
    }
    // Pages the transaction had already written before the cut count once; replayed ones count when rewritten.
    const std::uint32_t before = m_writes;
    const std::uint32_t replayed = applyRecords(payload);
    const std::uint16_t homePages = pages.front()->homePages;
    m_writes = before + (homePages > replayed ? homePages - replayed : 0) + replayed;
    m_recoveryWrites = replayed;
    m_recovered = replayed > 0;
    sync();
}

std::uint32_t Nvm::applyRecords(const Bytes& payload) {
    std::map<std::uint32_t, Bytes> pages;
    auto pageFor = [&](std::uint32_t page) -> Bytes& {
        auto it = pages.find(page);
        if (it == pages.end()) {
            const auto* p = &m_image[page * m_pageSize];
            it = pages.emplace(page, Bytes(p, p + m_pageSize)).first;
        }
        return it->second;
    };
    std::size_t i = 0;
    while (i < payload.size()) {
        if (payload.size() - i < kRecordHeader)
            throw NvmError(NvmError::Kind::Corrupt, "card image " + m_path + " is damaged: journal record cut short");
        const std::uint8_t kind = payload[i];
        const std::uint32_t addr = getU32(&payload[i + 1]);
        const std::uint32_t len = getU16(&payload[i + 5]);
        i += kRecordHeader;
        const std::size_t body = kind == kRecordData ? len : 1;
        if ((kind != kRecordData && kind != kRecordFill) || len == 0 || addr < userStart() || addr > m_size ||
            len > m_size - addr || payload.size() - i < body)
            throw NvmError(NvmError::Kind::Corrupt,
                           "card image " + m_path + " is damaged: committed journal record out of bounds");
        for (std::uint32_t k = 0; k < len; ++k) {
            const std::uint32_t a = addr + k;
            pageFor(a / m_pageSize)[a % m_pageSize] = kind == kRecordData ? payload[i + k] : payload[i];
        }
        i += body;
    }
    std::uint32_t written = 0;
    for (const auto& [page, content] : pages) {
        if (std::memcmp(content.data(), &m_image[page * m_pageSize], m_pageSize) != 0) {
            physicalWrite(page, content.data());
            ++written;
        }
    }
    return written;
}

void Nvm::checkAlive() const {
    if (m_dead)
        throw PowerCut{};
    if (m_fd < 0)
        throw NvmError(NvmError::Kind::Io, "card image " + m_path + " failed earlier; power the card off and on");
}

void Nvm::checkRange(std::uint32_t addr, std::size_t n) const {
    if (addr > m_size || n > m_size - addr)
        throw NvmError(NvmError::Kind::Usage, "NVM access outside the image");
}

void Nvm::physicalWrite(std::uint32_t page, const std::uint8_t* content) {
    checkAlive();
    const auto off = static_cast<off_t>(page) * m_pageSize;
    if (m_cutCountdown && --m_cutCountdown == 0) {
        const int tear = m_tearBytes < 0 ? m_pageSize / 2 : std::min<int>(m_tearBytes, m_pageSize);
        if (tear > 0)
            (void)pwriteAll(m_fd, content, static_cast<std::size_t>(tear), off);
        ::close(m_fd);
        m_fd = -1;
        m_dead = true;
        throw PowerCut{};
    }
    if (!pwriteAll(m_fd, content, m_pageSize, off)) {
        const std::string err = sysError("page write to card image " + m_path + " failed");
        ::close(m_fd);
        m_fd = -1;
        throw NvmError(NvmError::Kind::Io, err);
    }
    std::memcpy(&m_image[static_cast<std::size_t>(off)], content, m_pageSize);
    ++m_writes;
}

void Nvm::sync() {
    if (m_durable && m_fd >= 0 && ::fdatasync(m_fd) != 0)
        throw NvmError(NvmError::Kind::Io, sysError("cannot flush card image " + m_path));
}

void Nvm::read(std::uint32_t addr, std::uint8_t* out, std::size_t n) const {
    checkAlive();
    checkRange(addr, n);
    while (n) {
        const std::uint32_t page = addr / m_pageSize, off = addr % m_pageSize;
        const std::size_t chunk = std::min<std::size_t>(n, m_pageSize - off);
        const auto it = m_pending.find(page);
        const std::uint8_t* src = it != m_pending.end() ? it->second.data() + off : &m_image[addr];
        std::memcpy(out, src, chunk);
        out += chunk;
        addr += static_cast<std::uint32_t>(chunk);
        n -= chunk;
    }
}

Bytes Nvm::read(std::uint32_t addr, std::size_t n) const {
    Bytes b(n);
    read(addr, b.data(), n);
    return b;
}

std::uint8_t Nvm::readU8(std::uint32_t addr) const {
    std::uint8_t v = 0;
    read(addr, &v, 1);
    return v;
}

std::uint16_t Nvm::readU16(std::uint32_t addr) const {
    std::uint8_t b[2];
    read(addr, b, 2);
    return getU16(b);
}

std::uint32_t Nvm::readU32(std::uint32_t addr) const {
    std::uint8_t b[4];
    read(addr, b, 4);
    return getU32(b);
}

void Nvm::begin() {
    checkAlive();
    if (m_inTransaction)
        throw NvmError(NvmError::Kind::Usage, "NVM transaction already open");
    m_inTransaction = true;
    m_pending.clear();
}

void Nvm::write(std::uint32_t addr, const std::uint8_t* data, std::size_t n) {
    checkAlive();
    if (!m_inTransaction)
        throw NvmError(NvmError::Kind::Usage, "NVM write outside a transaction");
    checkRange(addr, n);
    if (n && addr < userStart())
        throw NvmError(NvmError::Kind::Usage, "NVM write into the reserved system area");
    while (n) {
        const std::uint32_t page = addr / m_pageSize, off = addr % m_pageSize;
        const std::size_t chunk = std::min<std::size_t>(n, m_pageSize - off);
        auto it = m_pending.find(page);
        if (it == m_pending.end()) {
            const std::uint8_t* p = &m_image[page * m_pageSize];
            it = m_pending.emplace(page, Bytes(p, p + m_pageSize)).first;
        }
        if (data) {
            std::memcpy(it->second.data() + off, data, chunk);
            data += chunk;
        }
        addr += static_cast<std::uint32_t>(chunk);
        n -= chunk;
    }
}

void Nvm::writeU16(std::uint32_t addr, std::uint16_t v) {
    std::uint8_t b[2];
    put16(b, v);
    write(addr, b, 2);
}

void Nvm::writeU32(std::uint32_t addr, std::uint32_t v) {
    std::uint8_t b[4];
    put32(b, v);
    write(addr, b, 4);
}

void Nvm::fill(std::uint32_t addr, std::size_t n, std::uint8_t value) {
    // Page by page so that a large fill never needs a large temporary buffer.
    const Bytes chunk(m_pageSize, value);
    while (n) {
        const std::size_t k = std::min<std::size_t>(n, m_pageSize - addr % m_pageSize);
        write(addr, chunk.data(), k);
        addr += static_cast<std::uint32_t>(k);
        n -= k;
    }
}

// The journal stores what changed, not whole pages: runs of differing bytes as data records, runs of one value
// (erasing) as fill records. A small update therefore journals in one page, which is also its commit record.
Bytes Nvm::encodeChanges(std::uint32_t& homePages) const {
    Bytes out;
    homePages = 0;
    std::size_t lastFill = SIZE_MAX; // offset in out of the last fill record, to extend it across pages
    for (const auto& [page, content] : m_pending) {
        const std::uint8_t* old = &m_image[page * m_pageSize];
        if (std::memcmp(content.data(), old, m_pageSize) == 0)
            continue;
        ++homePages;
        // A page erased to one value is one fill record, merged with its neighbours: wiping a large area stays a
        // few journal bytes whatever was there before.
        const std::uint8_t first = content[0];
        if (std::all_of(content.begin(), content.end(), [&](std::uint8_t b) { return b == first; })) {
            const auto addr = page * m_pageSize;
            if (lastFill != SIZE_MAX && out[lastFill + kRecordHeader] == first &&
                getU32(&out[lastFill + 1]) + getU16(&out[lastFill + 5]) == addr &&
                getU16(&out[lastFill + 5]) + m_pageSize <= 0xFFFF) {
                put16(&out[lastFill + 5], static_cast<std::uint16_t>(getU16(&out[lastFill + 5]) + m_pageSize));
            } else {
                lastFill = out.size();
                out.push_back(kRecordFill);
                putU32(out, addr);
                putU16(out, m_pageSize);
                out.push_back(first);
            }
            continue;
        }
        std::size_t i = 0;
        while (i < m_pageSize) {
            if (content[i] == old[i]) {
                ++i;
                continue;
            }
            std::size_t last = i;
            for (std::size_t j = i + 1; j < m_pageSize && j - last <= kMergeGap; ++j)
                if (content[j] != old[j])
                    last = j;
            const std::size_t end = last + 1;
            const auto addr = static_cast<std::uint32_t>(page * m_pageSize + i);
            const auto len = static_cast<std::uint16_t>(end - i);
            const std::uint8_t* run = content.data() + i;
            const bool uniform = std::all_of(run, content.data() + end, [&](std::uint8_t b) { return b == *run; });
            if (uniform && len >= 2) { // a fill record (8 bytes) is then never longer than a data record
                if (lastFill != SIZE_MAX && out[lastFill + kRecordHeader] == content[i] &&
                    getU32(&out[lastFill + 1]) + getU16(&out[lastFill + 5]) == addr &&
                    getU16(&out[lastFill + 5]) + len <= 0xFFFF) {
                    put16(&out[lastFill + 5], static_cast<std::uint16_t>(getU16(&out[lastFill + 5]) + len));
                } else {
                    lastFill = out.size();
                    out.push_back(kRecordFill);
                    putU32(out, addr);
                    putU16(out, len);
                    out.push_back(content[i]);
                }
            } else {
                lastFill = SIZE_MAX;
                out.push_back(kRecordData);
                putU32(out, addr);
                putU16(out, len);
                out.insert(out.end(), run, content.data() + end);
            }
            i = end;
        }
    }
    return out;
}

void Nvm::commit() {
    checkAlive();
    if (!m_inTransaction)
        throw NvmError(NvmError::Kind::Usage, "NVM commit without a transaction");
    m_lastCommitWrites = 0;
    std::uint32_t homePages = 0;
    const Bytes payload = encodeChanges(homePages);
    if (payload.empty()) {
        rollback();
        return;
    }
    const std::size_t cap = m_pageSize - kJournalHeader;
    const std::size_t count = (payload.size() + cap - 1) / cap;
    if (count > m_journalPages) {
        rollback();
        throw NvmError(NvmError::Kind::TooLarge, "transaction of " + std::to_string(payload.size()) +
                                                     " journal bytes does not fit the " +
                                                     std::to_string(m_journalPages * cap) + "-byte journal");
    }
    const std::uint32_t before = m_writes;
    Bytes page(m_pageSize);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t from = i * cap, n = std::min(cap, payload.size() - from);
        std::fill(page.begin(), page.end(), 0);
        put32(&page[0], kJournalMagic);
        put32(&page[4], m_nextSeq);
        put16(&page[8], static_cast<std::uint16_t>(i));
        put16(&page[10], static_cast<std::uint16_t>(count));
        put32(&page[12], m_writes);
        put16(&page[16], static_cast<std::uint16_t>(homePages));
        put16(&page[18], static_cast<std::uint16_t>(n));
        std::copy(payload.begin() + static_cast<long>(from), payload.begin() + static_cast<long>(from + n),
                  page.begin() + kJournalHeader);
        put32(&page[20], crc32(page.data(), page.size()));
        physicalWrite(1 + static_cast<std::uint32_t>((m_nextSlot + i) % m_journalPages), page.data());
    }
    sync(); // the journal is complete, hence committed, before any home page changes
    for (const auto& [p, content] : m_pending)
        if (std::memcmp(content.data(), &m_image[p * m_pageSize], m_pageSize) != 0)
            physicalWrite(p, content.data());
    sync();
    ++m_nextSeq;
    m_nextSlot = static_cast<std::uint32_t>((m_nextSlot + count) % m_journalPages);
    m_lastCommitWrites = m_writes - before;
    m_pending.clear();
    m_inTransaction = false;
}

bool Nvm::dirty() const {
    for (const auto& [page, content] : m_pending)
        if (std::memcmp(content.data(), &m_image[page * m_pageSize], m_pageSize) != 0)
            return true;
    return false;
}

void Nvm::rollback() {
    m_pending.clear();
    m_inTransaction = false;
}

void Nvm::setPowerCutAt(std::uint32_t n, int tearBytes) {
    m_cutCountdown = n;
    m_tearBytes = tearBytes;
}

} // namespace cdos::card
