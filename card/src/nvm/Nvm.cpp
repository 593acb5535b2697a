// The NVM image file: header, geometry, locking, page writes (with the power-cut hook) and the RAM view of an open
// transaction. The journal that makes commit() atomic is in NvmJournal.cpp.
#include "carddesk/card/nvm/Nvm.h"

#include "NvmBytes.h"
#include "NvmFile.h"
#include "carddesk/protocol/crypto/Crc32.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cdos::card {

namespace nvm_detail {

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

int openLocked(const std::string& path, int flags, mode_t mode) {
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

} // namespace nvm_detail

using nvm_detail::openLocked;
using nvm_detail::pageCheck;
using nvm_detail::preadAll;
using nvm_detail::put16;
using nvm_detail::put32;
using nvm_detail::pwriteAll;
using nvm_detail::sysError;

namespace {

constexpr char kMagic[8] = {'C', 'D', 'O', 'S', '-', 'N', 'V', 'M'};

bool validGeometry(std::uint32_t size, std::uint16_t pageSize, std::uint16_t journalPages) {
    const bool pow2 = pageSize >= 64 && pageSize <= 4096 && (pageSize & (pageSize - 1)) == 0;
    return pow2 && journalPages >= 4 && size % pageSize == 0 && size / pageSize >= 1u + journalPages + 16u &&
           size <= 16u * 1024 * 1024;
}

// A version above ours comes from a newer card OS, whose header this one may not even know how to check: the header
// checksum of our layout tells "surely newer" from "newer, or a damaged version field". Either way the file is
// neither opened nor changed (a downgrade would lose what the newer format keeps).
NvmError newerFormat(const std::string& path, int fd, std::uint64_t fileSize, std::uint16_t version) {
    std::uint8_t fixed[32];
    bool ourChecksum = false;
    if (preadAll(fd, fixed, sizeof fixed, 0)) {
        const std::uint16_t pageSize = getU16(fixed + 10);
        if (validGeometry(getU32(fixed + 12), pageSize, getU16(fixed + 16)) && fileSize >= pageSize) {
            Bytes header(pageSize);
            ourChecksum = preadAll(fd, header.data(), pageSize, 0) &&
                          crc32(header.data(), pageSize - 4u) == getU32(&header[pageSize - 4]);
        }
    }
    return NvmError(NvmError::Kind::Unsupported,
                    "card image " + path + " has format version " + std::to_string(version) +
                        (ourChecksum ? ", made by a newer card OS"
                                     : ", unknown here: made by a newer card OS, or its "
                                       "header is damaged") +
                        " (this card OS reads version " + std::to_string(Nvm::kFormatVersion) +
                        " and upgrades 1); not opened and not changed: use the carddesk-card that made it");
}

} // namespace

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
    // The trailer: the check values of the erased user pages.
    const std::uint32_t firstUser = 1u + o.journalPages, pages = o.size / o.pageSize;
    Bytes trailer(4u * (pages - firstUser));
    const Bytes erased(o.pageSize, 0);
    for (std::uint32_t p = firstUser; p < pages; ++p)
        put32(&trailer[4u * (p - firstUser)], pageCheck(p, erased.data(), o.pageSize));
    const bool ok = ::ftruncate(fd, static_cast<off_t>(o.size + trailer.size())) == 0 &&
                    pwriteAll(fd, header.data(), header.size(), 0) &&
                    pwriteAll(fd, trailer.data(), trailer.size(), static_cast<off_t>(o.size)) &&
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
    if (fileSize == 0)
        throw NvmError(NvmError::Kind::Corrupt, "card image " + path +
                                                    " is empty (0 bytes): truncated, or never a card image; it is "
                                                    "not formatted (a new blank card is made only where no file is)");
    if (fileSize < 64 || !preadAll(fd, fixed, sizeof fixed, 0)) {
        if (fileSize >= 8 && preadAll(fd, fixed, 8, 0) && std::memcmp(fixed, kMagic, 8) == 0)
            throw corrupt("truncated to " + std::to_string(fileSize) + " bytes");
        throw NvmError(NvmError::Kind::Corrupt, path + " is not a CardDesk card image (too short, bad magic)");
    }
    if (std::memcmp(fixed, kMagic, 8) != 0)
        throw NvmError(NvmError::Kind::Corrupt, path + " is not a CardDesk card image (bad magic)");
    const std::uint16_t version = getU16(fixed + 8);
    if (version > kFormatVersion)
        throw newerFormat(path, fd, fileSize, version);
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
    if (version != 1 && version != kFormatVersion)
        throw corrupt("format version " + std::to_string(version) + " does not exist (this card OS reads " +
                      std::to_string(kFormatVersion) + " and upgrades 1)");
    m_checked = version == kFormatVersion;
    const std::uint64_t expected = m_size + (m_checked ? 4ull * userPages() : 0);
    if (fileSize != expected) {
        if (m_checked && fileSize == m_size)
            throw corrupt("truncated: the page check values after its " + std::to_string(m_size) +
                          " bytes of pages are missing");
        throw corrupt(std::string(fileSize < expected ? "truncated: " : "too long: ") + std::to_string(fileSize) +
                      " bytes where its header means " + std::to_string(expected));
    }
    m_image.resize(m_size);
    if (!preadAll(fd, m_image.data(), m_size, 0))
        throw NvmError(NvmError::Kind::Io, sysError("cannot read card image " + path));
    if (m_checked) {
        Bytes trailer(4u * userPages());
        if (!preadAll(fd, trailer.data(), trailer.size(), static_cast<off_t>(m_size)))
            throw NvmError(NvmError::Kind::Io, sysError("cannot read card image " + path));
        m_checks.resize(userPages());
        for (std::size_t i = 0; i < m_checks.size(); ++i)
            m_checks[i] = getU32(&trailer[4 * i]);
    }
    m_chipSerial.assign(header.begin() + 20, header.begin() + 28);
    m_writes = getU32(&header[28]);
    recover(); // and checks every user page
    if (!m_checked)
        upgrade();
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
    // The check value goes with the page, like a chip's per-page error-detection code in its spare area; a torn
    // write (above) never gets its new one.
    if (m_checked && page >= firstUserPage())
        writeCheck(page, pageCheck(page, content, m_pageSize));
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
