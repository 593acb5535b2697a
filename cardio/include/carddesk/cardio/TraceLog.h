#pragma once
// The APDU trace of one console session: a thread-safe, bounded list of ApduTraceEntry. Card channels append
// from the PC/SC owner thread; views read from the GUI thread (the signals are queued to the receiver's thread).
//
// Secrets are redacted by default. Only while "reveal" is on are the clear bytes of newly recorded secret ranges
// kept in memory; turning reveal off wipes them from every entry. Turning it on is a deliberate act by a named
// operator and is announced by revealChanged(), which the model layer records in the audit table.
#include "carddesk/cardio/ApduTraceEntry.h"

#include <QIODevice>
#include <QMutex>
#include <QObject>
#include <QVector>

#include <memory>
#include <vector>

namespace carddesk {

struct PackedTraceEntry;
class TraceStrings;

class TraceLog final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraceLog)
public:
    enum class Format { Text, Json };

    explicit TraceLog(QObject* parent = nullptr);
    ~TraceLog() override;

    // Oldest entries are dropped beyond this many (default 100 000).
    void setCapacity(int entries);
    int capacity() const;

    // Appends an entry: assigns its sequence number, and wipes its secret bytes unless reveal is on.
    // Called from any thread (normally the PC/SC owner thread). Returns the sequence number.
    quint64 append(ApduTraceEntry entry);

    int count() const;
    // Copy of the i-th entry (0 = oldest still held); a default entry when out of range.
    ApduTraceEntry entry(int index) const;
    QVector<ApduTraceEntry> entries() const;
    // Entries with a sequence number above `sequence` (what a view has not seen yet), oldest first.
    QVector<ApduTraceEntry> entriesSince(quint64 sequence) const;
    // Sequence number of the oldest entry still held (entries before it were dropped), 0 when empty.
    quint64 firstSequence() const;
    // Sequence number of the newest entry, 0 when empty.
    quint64 lastSequence() const;
    // The entry with this sequence number; a default entry (sequence 0) when it is not held (dropped, cleared).
    // withTime false: without its time (a filter's pass over every entry does not need it and it costs most).
    ApduTraceEntry entryBySequence(quint64 sequence, bool withTime = true) const;
    void clear();

    bool revealSecrets() const;
    // Turns reveal on or off for `operatorName`; emits revealChanged. Off wipes every held secret.
    void setRevealSecrets(bool reveal, const QString& operatorName);

    // Writes the trace, redacted unless reveal is on. Returns false and sets *error (translated) on failure.
    bool save(QIODevice& out, Format format, QString* error = nullptr) const;
    bool saveToFile(const QString& path, Format format, QString* error = nullptr) const;
    // Appends entries saved in Json format (for replay and bug reports); returns how many were read, -1 on error.
    int load(QIODevice& in, QString* error = nullptr);

signals:
    // Emitted after `count` entries were appended (first new one at row `firstIndex`).
    void entriesAppended(int firstIndex, int count);
    // Emitted after `count` oldest entries were dropped to respect the capacity.
    void entriesDropped(int count);
    void cleared();
    void revealChanged(bool reveal, const QString& operatorName);

private:
    mutable QMutex m_mutex;
    // Packed (PackedTraceEntry.h): a million exchanges fit in well under 300 MB. Sequences are contiguous.
    std::vector<PackedTraceEntry> m_entries;
    std::unique_ptr<TraceStrings> m_strings;
    quint64 m_nextSequence = 1;
    int m_capacity = 100000;
    bool m_reveal = false;
};

} // namespace carddesk
