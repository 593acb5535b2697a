#pragma once
// A small disk of the test's own (issue 16): a tmpfs that fills up and that can turn read-only, under the SQLite
// databases of the desk and the headend. Mounting needs root: main() calls enterPrivateMounts() first, which puts
// the test process (and every program it starts) in a mount namespace of its own, so that nothing it mounts is seen
// outside or outlives it. Where that cannot be done (not root, a container without CAP_SYS_ADMIN) the test exits
// with kSkipCode, ctest's SKIP_RETURN_CODE for it.
#include <QDir>
#include <QString>

#include <cerrno>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

namespace cdtest {

inline constexpr int kSkipCode = 77;

// Before any thread is started (unshare refuses a process whose threads share its file-system view).
inline bool enterPrivateMounts() {
    return ::geteuid() == 0 && ::unshare(CLONE_NEWNS) == 0 &&
           ::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

class SmallDisk {
public:
    SmallDisk() = default;
    ~SmallDisk() {
        if (!m_dir.isEmpty())
            ::umount2(m_dir.toLocal8Bit().constData(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    // A tmpfs of `kib` KiB at `dir` (made).
    bool mount(const QString& dir, int kib) {
        if (!QDir().mkpath(dir))
            return false;
        const QByteArray options = "size=" + QByteArray::number(kib) + "k,mode=0755";
        if (::mount("tmpfs", dir.toLocal8Bit().constData(), "tmpfs", 0, options.constData()) != 0)
            return false;
        m_dir = dir;
        return true;
    }
    QString path(const QString& name) const { return m_dir + QLatin1Char('/') + name; }

    // Writes a filler file until the disk refuses another byte (ENOSPC). True when it is full.
    bool fill() {
        const int fd = ::open(path(QStringLiteral("filler")).toLocal8Bit().constData(),
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0)
            return false;
        const QByteArray chunk(4096, 'x');
        while (::write(fd, chunk.constData(), static_cast<size_t>(chunk.size())) > 0) {
        }
        while (::write(fd, "x", 1) > 0) { // the last partial page
        }
        const bool full = errno == ENOSPC;
        ::close(fd);
        return full;
    }
    // Gives the space back.
    bool free() { return ::unlink(path(QStringLiteral("filler")).toLocal8Bit().constData()) == 0; }
    // Remounts read-only (refused while a file is open for writing on it) or writable again.
    bool setReadOnly(bool readOnly) {
        return ::mount(nullptr, m_dir.toLocal8Bit().constData(), nullptr, MS_REMOUNT | (readOnly ? MS_RDONLY : 0),
                       nullptr) == 0;
    }

private:
    QString m_dir;
};

} // namespace cdtest
