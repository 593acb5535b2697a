// Page check values (card/README.md "Page check values"): one CRC-32 per user page in a trailer after the pages,
// written with the page; open() refuses a page that fails its own, and rewrites a format version 1 image as version 2.
#include "carddesk/card/nvm/Nvm.h"

#include "NvmBytes.h"
#include "NvmFile.h"
#include "carddesk/protocol/crypto/Crc32.h"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cdos::card {

using nvm_detail::pageCheck;
using nvm_detail::put16;
using nvm_detail::put32;

std::uint32_t nvm_detail::pageCheck(std::uint32_t page, const std::uint8_t* content, std::size_t pageSize) {
    std::uint8_t number[4];
    put32(number, page);
    return crc32(content, pageSize, crc32(number, sizeof number));
}

bool Nvm::pageChecks(std::uint32_t page) const {
    return m_checks[page - firstUserPage()] == pageCheck(page, &m_image[page * m_pageSize], m_pageSize);
}

void Nvm::writeCheck(std::uint32_t page, std::uint32_t check) {
    std::uint8_t b[4];
    put32(b, check);
    const auto off = static_cast<off_t>(m_size) + 4 * static_cast<off_t>(page - firstUserPage());
    if (!nvm_detail::pwriteAll(m_fd, b, sizeof b, off)) {
        const std::string err = nvm_detail::sysError("check value write to card image " + m_path + " failed");
        ::close(m_fd);
        m_fd = -1;
        throw NvmError(NvmError::Kind::Io, err);
    }
    m_checks[page - firstUserPage()] = check;
}

// Every user page must match its check value, except the pages the committed transaction changes: those must reach
// the check values it journalled once its records are applied. A torn write leaves only bytes of those records old
// or new, which the replay rewrites; any other difference was made outside the card OS. A transaction journalled by
// format version 1 has no check values: its pages must match theirs as they are.
void Nvm::checkPages(const std::map<std::uint32_t, Bytes>& pages, const std::vector<std::uint32_t>& checks) const {
    std::vector<std::uint32_t> bad;
    auto next = pages.begin();
    std::size_t k = 0;
    for (std::uint32_t page = firstUserPage(); page < m_size / m_pageSize; ++page) {
        if (!checks.empty() && next != pages.end() && next->first == page) {
            if (pageCheck(page, next->second.data(), m_pageSize) != checks[k])
                bad.push_back(page);
            ++next;
            ++k;
        } else if (!pageChecks(page)) {
            bad.push_back(page);
        }
    }
    if (!bad.empty())
        throw damagedPages(bad);
}

NvmError Nvm::damagedPages(const std::vector<std::uint32_t>& pages) const {
    const std::uint32_t first = pages.front() * m_pageSize;
    std::string what = "card image " + m_path + " is damaged: page " + std::to_string(pages.front()) + " (bytes " +
                       std::to_string(first) + "-" + std::to_string(first + m_pageSize - 1) + ")";
    if (pages.size() > 1)
        what += " and " + std::to_string(pages.size() - 1) + " more page" + (pages.size() > 2 ? "s" : "") +
                " fail their check values";
    else
        what += " fails its check value";
    return NvmError(NvmError::Kind::Corrupt, what + ": changed outside the card OS");
}

// A format version 1 image (no trailer) becomes version 2 once its journal is replayed: the check values are
// computed from the pages as they are. The new file is made beside the old one and renamed over it, so that a crash
// at any point leaves one or the other; the journal is kept (its transaction has no check values, and is done).
void Nvm::upgrade() {
    m_checks.resize(userPages());
    Bytes file(m_image);
    put16(&file[8], kFormatVersion);
    put32(&file[m_pageSize - 4u], crc32(file.data(), m_pageSize - 4u));
    file.resize(m_size + 4u * userPages());
    for (std::uint32_t i = 0; i < userPages(); ++i) {
        const std::uint32_t page = firstUserPage() + i;
        m_checks[i] = pageCheck(page, &m_image[page * m_pageSize], m_pageSize);
        put32(&file[m_size + 4u * i], m_checks[i]);
    }
    // The file is replaced, not a symbolic link to it.
    char* real = ::realpath(m_path.c_str(), nullptr);
    const std::string target = real ? real : m_path;
    std::free(real);
    const std::string tmp = target + ".upgrade";
    struct stat st {};
    if (::fstat(m_fd, &st) != 0)
        throw NvmError(NvmError::Kind::Io, nvm_detail::sysError("cannot examine card image " + m_path));
    ::unlink(tmp.c_str()); // left by an upgrade that crashed; holding the image's lock makes the name ours
    const int fd = nvm_detail::openLocked(tmp, O_RDWR | O_CREAT | O_EXCL);
    const bool ok = ::fchmod(fd, st.st_mode & 07777) == 0 && nvm_detail::pwriteAll(fd, file.data(), file.size(), 0) &&
                    (!m_durable || ::fsync(fd) == 0) && ::rename(tmp.c_str(), target.c_str()) == 0;
    if (!ok) {
        const std::string err = nvm_detail::sysError("cannot upgrade card image " + m_path + " to format version " +
                                                     std::to_string(kFormatVersion));
        ::close(fd);
        ::unlink(tmp.c_str());
        throw NvmError(NvmError::Kind::Io, err);
    }
    if (m_durable) {
        // Best effort: should the rename be lost in a host crash, the old image is still there and upgraded again.
        const auto slash = target.rfind('/');
        const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
        const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)::fsync(dfd);
            ::close(dfd);
        }
    }
    ::close(m_fd);
    m_fd = fd;
    std::copy(file.begin(), file.begin() + m_pageSize, m_image.begin());
    m_checked = true;
    m_upgraded = true;
}

} // namespace cdos::card
