#pragma once
// The database's time stamps: UTC, ISO 8601 with milliseconds, as text (the same in SQLite and PostgreSQL).
#include <QDateTime>
#include <QVariant>

namespace carddesk::dbtime {

inline QString nowText() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
inline QDateTime timeFrom(const QVariant& v) {
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

} // namespace carddesk::dbtime
