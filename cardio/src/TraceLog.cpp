#include "carddesk/cardio/TraceLog.h"

#include "PackedTraceEntry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace carddesk {

TraceLog::TraceLog(QObject* parent) : QObject(parent), m_strings(std::make_unique<TraceStrings>()) {}

TraceLog::~TraceLog() {
    for (auto& e : m_entries)
        e.wipeSecrets();
}

void TraceLog::setCapacity(int entries) {
    QMutexLocker lock(&m_mutex);
    m_capacity = std::max(1, entries);
}

int TraceLog::capacity() const {
    QMutexLocker lock(&m_mutex);
    return m_capacity;
}

quint64 TraceLog::append(ApduTraceEntry entry) {
    int index = 0;
    int dropped = 0;
    quint64 sequence = 0;
    {
        QMutexLocker lock(&m_mutex);
        // Secrets are wiped before the entry is stored or shared: without reveal they never stay in memory.
        if (!m_reveal)
            entry.wipeSecrets();
        else
            entry.secretsHeld = entry.hasSecrets();
        sequence = m_nextSequence++;
        entry.sequence = sequence;
        m_entries.push_back(PackedTraceEntry::pack(entry, *m_strings));
        // Drop in chunks of a tenth so that a full log does not move every entry on every append.
        if (static_cast<qsizetype>(m_entries.size()) > m_capacity) {
            dropped = static_cast<int>(m_entries.size()) - m_capacity + m_capacity / 10;
            dropped = std::min(dropped, static_cast<int>(m_entries.size()) - 1);
            for (int i = 0; i < dropped; ++i)
                m_entries[static_cast<std::size_t>(i)].wipeSecrets();
            m_entries.erase(m_entries.begin(), m_entries.begin() + dropped);
        }
        index = static_cast<int>(m_entries.size()) - 1;
    }
    if (dropped > 0)
        emit entriesDropped(dropped);
    emit entriesAppended(index, 1);
    return sequence;
}

int TraceLog::count() const {
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_entries.size());
}

ApduTraceEntry TraceLog::entry(int index) const {
    QMutexLocker lock(&m_mutex);
    if (index < 0 || index >= static_cast<qsizetype>(m_entries.size()))
        return {};
    return m_entries[static_cast<std::size_t>(index)].unpack(*m_strings);
}

QVector<ApduTraceEntry> TraceLog::entries() const {
    QMutexLocker lock(&m_mutex);
    QVector<ApduTraceEntry> all;
    all.reserve(static_cast<qsizetype>(m_entries.size()));
    for (const PackedTraceEntry& p : m_entries)
        all.append(p.unpack(*m_strings));
    return all;
}

QVector<ApduTraceEntry> TraceLog::entriesSince(quint64 sequence) const {
    QMutexLocker lock(&m_mutex);
    auto it = std::upper_bound(m_entries.cbegin(), m_entries.cend(), sequence,
                               [](quint64 s, const PackedTraceEntry& e) { return s < e.sequence; });
    QVector<ApduTraceEntry> fresh;
    fresh.reserve(static_cast<qsizetype>(m_entries.cend() - it));
    for (; it != m_entries.cend(); ++it)
        fresh.append(it->unpack(*m_strings));
    return fresh;
}

quint64 TraceLog::firstSequence() const {
    QMutexLocker lock(&m_mutex);
    return m_entries.empty() ? 0 : m_entries.front().sequence;
}

quint64 TraceLog::lastSequence() const {
    QMutexLocker lock(&m_mutex);
    return m_entries.empty() ? 0 : m_entries.back().sequence;
}

ApduTraceEntry TraceLog::entryBySequence(quint64 sequence, bool withTime) const {
    QMutexLocker lock(&m_mutex);
    // Sequences are contiguous from the oldest held: the index is a subtraction.
    if (m_entries.empty() || sequence < m_entries.front().sequence || sequence > m_entries.back().sequence)
        return {};
    return m_entries[static_cast<std::size_t>(sequence - m_entries.front().sequence)].unpack(*m_strings, withTime);
}

void TraceLog::clear() {
    {
        QMutexLocker lock(&m_mutex);
        for (auto& e : m_entries)
            e.wipeSecrets();
        m_entries.clear();
        m_strings->clear();
    }
    emit cleared();
}

bool TraceLog::revealSecrets() const {
    QMutexLocker lock(&m_mutex);
    return m_reveal;
}

void TraceLog::setRevealSecrets(bool reveal, const QString& operatorName) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_reveal == reveal)
            return;
        m_reveal = reveal;
        if (!reveal)
            for (auto& e : m_entries)
                e.wipeSecrets();
    }
    emit revealChanged(reveal, operatorName);
}

bool TraceLog::save(QIODevice& out, Format format, QString* error) const {
    const QVector<ApduTraceEntry> all = entries();
    const bool reveal = revealSecrets();
    QByteArray bytes;
    if (format == Format::Text) {
        for (const auto& e : all)
            bytes += e.toTextLine(reveal).toUtf8() + '\n';
    } else {
        QJsonArray list;
        for (const auto& e : all)
            list.append(e.toJson(reveal));
        const QJsonObject doc{{QStringLiteral("format"), QStringLiteral("carddesk-apdu-trace")},
                              {QStringLiteral("version"), 1},
                              {QStringLiteral("secretsRevealed"), reveal},
                              {QStringLiteral("entries"), list}};
        bytes = QJsonDocument(doc).toJson(QJsonDocument::Indented);
    }
    if (out.write(bytes) != bytes.size()) {
        if (error)
            *error = tr("cannot write the trace: %1").arg(out.errorString());
        return false;
    }
    return true;
}

bool TraceLog::saveToFile(const QString& path, Format format, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("cannot open %1 for writing: %2").arg(path, file.errorString());
        return false;
    }
    if (!save(file, format, error))
        return false;
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

int TraceLog::load(QIODevice& in, QString* error) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject() ||
        doc.object().value(QStringLiteral("format")).toString() != QLatin1String("carddesk-apdu-trace")) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? tr("not a saved APDU trace: %1").arg(parseError.errorString())
                         : tr("not a saved APDU trace");
        return -1;
    }
    int n = 0;
    for (const auto& v : doc.object().value(QStringLiteral("entries")).toArray()) {
        ApduTraceEntry e = ApduTraceEntry::fromJson(v.toObject());
        if (e.sequence == 0)
            continue;
        append(std::move(e));
        ++n;
    }
    return n;
}

} // namespace carddesk
