#pragma once
// How the TraceLog holds an exchange (issue 15: a million of them under 300 MB): the fixed fields packed, the
// reader and command name as numbers into the log's string table, the rare parts (secret ranges, transport error)
// in one byte array that is empty for most exchanges. The command and response bytes stay QByteArrays shared with
// every ApduTraceEntry handed out, so that wiping secrets here wipes them in every copy a view holds.
#include "carddesk/cardio/ApduTraceEntry.h"

#include <QHash>
#include <QStringList>

namespace carddesk {

class TraceStrings {
public:
    quint32 intern(const QString& s);
    const QString& at(quint32 id) const { return m_strings.at(static_cast<qsizetype>(id)); }
    void clear();

private:
    QStringList m_strings{QString()}; // id 0: the empty string
    QHash<QString, quint32> m_ids;
};

struct PackedTraceEntry {
    quint64 sequence = 0;
    qint64 timeMs = 0; // since the epoch; -1 when the entry had no time
    qint64 durationUs = 0;
    QByteArray commandData, responseData;
    QByteArray extra; // secret ranges, transport error and detail; empty when there are none
    qint32 lc = -1, le = -1;
    quint32 reader = 0, name = 0;
    quint16 sw = 0;
    quint8 cla = 0, ins = 0, p1 = 0, p2 = 0;
    bool secretsHeld = false;

    static PackedTraceEntry pack(const ApduTraceEntry& e, TraceStrings& strings);
    // withTime false leaves `time` null: turning the stored instant into local time is most of an unpack's cost,
    // and the filter does not look at it.
    ApduTraceEntry unpack(const TraceStrings& strings, bool withTime = true) const;
    // Zeroes the secret bytes through the shared buffers (every copy handed out loses them too).
    void wipeSecrets();
};

} // namespace carddesk
