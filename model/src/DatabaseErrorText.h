#pragma once
// The words for a failed SQL statement (issue 16): a full disk and a read-only database file are named as what a
// person can act on, the driver's own text kept beside them. Private to the model's database code.
#include <QCoreApplication>
#include <QSqlError>

namespace carddesk::dbtext {

enum class Cause { Other, DiskFull, ReadOnly };

// SQLite's primary result codes (SQLITE_FULL 13, SQLITE_READONLY 8 and its extended codes, 1..4 digits) and
// PostgreSQL's SQLSTATEs (5 characters: 53100 disk_full, 25006 read_only_sql_transaction). Qt's SQLite driver drops
// the code of a failed COMMIT, so SQLite's fixed English messages are looked at too.
inline Cause causeOf(const QSqlError& e) {
    const QString code = e.nativeErrorCode();
    bool numeric = false;
    const int value = code.toInt(&numeric);
    if (numeric && code.size() <= 4) {
        if ((value & 0xFF) == 13)
            return Cause::DiskFull;
        if ((value & 0xFF) == 8)
            return Cause::ReadOnly;
    }
    if (code == QLatin1String("53100"))
        return Cause::DiskFull;
    if (code == QLatin1String("25006"))
        return Cause::ReadOnly;
    const QString text = e.databaseText();
    if (text.contains(QLatin1String("database or disk is full")) ||
        text.contains(QLatin1String("No space left on device")))
        return Cause::DiskFull;
    if (text.contains(QLatin1String("readonly database")) || text.contains(QLatin1String("read-only file system")))
        return Cause::ReadOnly;
    return Cause::Other;
}

inline QString sqlError(const QSqlError& e) {
    switch (causeOf(e)) {
    case Cause::DiskFull:
        return QCoreApplication::translate("carddesk::Database",
                                           "the disk of the database is full: nothing of this was recorded; free "
                                           "some space and try again (%1)")
            .arg(e.text());
    case Cause::ReadOnly:
        return QCoreApplication::translate("carddesk::Database",
                                           "the database file is read-only: nothing of this was recorded; make it "
                                           "writable and try again (%1)")
            .arg(e.text());
    case Cause::Other:
        break;
    }
    return e.text();
}

} // namespace carddesk::dbtext
