#pragma once
// What the headend says when its database refuses a request (issue 16): a full disk or a read-only database file
// is named in the answer and the log, rather than "unavailable" alone, so that the operator frees space or fixes
// the mount. SQLite's fixed English messages (and PostgreSQL's ENOSPC text) are what the driver's error carries.
#include <QString>

namespace carddesk::headend {

inline QString databaseFaultText(const char* what) {
    const QString w = QString::fromUtf8(what);
    if (w.contains(QLatin1String("database or disk is full")) || w.contains(QLatin1String("No space left on device")))
        return QStringLiteral("the headend database is unavailable: its disk is full");
    if (w.contains(QLatin1String("readonly database")) || w.contains(QLatin1String("read-only file system")))
        return QStringLiteral("the headend database is unavailable: its file is read-only");
    return QStringLiteral("the headend database is unavailable");
}

} // namespace carddesk::headend
