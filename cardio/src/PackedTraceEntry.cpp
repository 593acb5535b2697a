#include "PackedTraceEntry.h"

#include <QDataStream>
#include <QIODevice>

namespace carddesk {

quint32 TraceStrings::intern(const QString& s) {
    if (s.isEmpty())
        return 0;
    const auto it = m_ids.constFind(s);
    if (it != m_ids.constEnd())
        return it.value();
    const auto id = static_cast<quint32>(m_strings.size());
    m_strings.append(s);
    m_ids.insert(s, id);
    return id;
}

void TraceStrings::clear() {
    m_strings = QStringList{QString()};
    m_ids.clear();
}

namespace {

void writeRanges(QDataStream& out, const QList<TraceRange>& ranges) {
    out << static_cast<quint32>(ranges.size());
    for (const TraceRange& r : ranges)
        out << static_cast<qint32>(r.offset) << static_cast<qint32>(r.length);
}

QList<TraceRange> readRanges(QDataStream& in) {
    quint32 n = 0;
    in >> n;
    QList<TraceRange> ranges;
    for (quint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        qint32 offset = 0, length = 0;
        in >> offset >> length;
        ranges.append({offset, length});
    }
    return ranges;
}

} // namespace

PackedTraceEntry PackedTraceEntry::pack(const ApduTraceEntry& e, TraceStrings& strings) {
    PackedTraceEntry p;
    p.sequence = e.sequence;
    p.timeMs = e.time.isValid() ? e.time.toMSecsSinceEpoch() : -1;
    p.durationUs = e.durationUs;
    p.commandData = e.commandData;
    p.responseData = e.responseData;
    p.lc = e.lc;
    p.le = e.le;
    p.reader = strings.intern(e.reader);
    p.name = strings.intern(e.commandName);
    p.sw = e.sw;
    p.cla = e.cla;
    p.ins = e.ins;
    p.p1 = e.p1;
    p.p2 = e.p2;
    p.secretsHeld = e.secretsHeld;
    if (e.hasSecrets() || !e.transportError.isEmpty() || !e.transportDetail.isEmpty()) {
        QDataStream out(&p.extra, QIODevice::WriteOnly);
        writeRanges(out, e.commandSecrets);
        writeRanges(out, e.responseSecrets);
        out << e.transportError << e.transportDetail;
    }
    return p;
}

ApduTraceEntry PackedTraceEntry::unpack(const TraceStrings& strings, bool withTime) const {
    ApduTraceEntry e;
    e.sequence = sequence;
    if (withTime && timeMs >= 0)
        e.time = QDateTime::fromMSecsSinceEpoch(timeMs);
    e.durationUs = durationUs;
    e.commandData = commandData;
    e.responseData = responseData;
    e.lc = lc;
    e.le = le;
    e.reader = strings.at(reader);
    e.commandName = strings.at(name);
    e.sw = sw;
    e.cla = cla;
    e.ins = ins;
    e.p1 = p1;
    e.p2 = p2;
    e.secretsHeld = secretsHeld;
    if (!extra.isEmpty()) {
        QDataStream in(extra);
        e.commandSecrets = readRanges(in);
        e.responseSecrets = readRanges(in);
        in >> e.transportError >> e.transportDetail;
    }
    return e;
}

void PackedTraceEntry::wipeSecrets() {
    if (extra.isEmpty()) {
        secretsHeld = false;
        return;
    }
    // The ranges are in `extra`; the wipe itself is ApduTraceEntry's, through the same shared buffers.
    ApduTraceEntry e;
    e.commandData = commandData;
    e.responseData = responseData;
    QDataStream in(extra);
    e.commandSecrets = readRanges(in);
    e.responseSecrets = readRanges(in);
    e.wipeSecrets();
    secretsHeld = false;
}

} // namespace carddesk
