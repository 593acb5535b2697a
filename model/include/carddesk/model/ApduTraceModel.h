#pragma once
// The APDU trace as a table over a TraceLog: one row per exchange, newest last (read from the log, not copied). Secret
// bytes show as
// "<redacted n bytes>" unless the log's reveal is on. Follows appends, drops and clears of the log.
#include <carddesk/cardio/TraceLog.h>

#include <QAbstractTableModel>

namespace carddesk {

class ApduTraceModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApduTraceModel)
public:
    enum Column {
        SequenceColumn,
        TimeColumn,
        ReaderColumn,
        CommandColumn, // name
        HeaderColumn,  // CLA INS P1 P2
        LcColumn,
        CommandDataColumn,
        LeColumn,
        ResponseDataColumn,
        SwColumn,
        MeaningColumn,
        DurationColumn, // µs
        ColumnCount
    };
    enum Role {
        EntryRole = Qt::UserRole + 1, // the ApduTraceEntry
        SequenceRole,
        ReaderRole,
        SwRole,      // quint16
        SwClassRole, // int(SwClass)
        DurationRole,
        SearchTextRole, // everything the text filter looks at, redacted
    };

    explicit ApduTraceModel(TraceLog* log, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    TraceLog* traceLog() const { return m_log; }
    ApduTraceEntry entryAt(int row) const;
    // For the filter's pass over every row: the entry without its time, valid until the next call.
    const ApduTraceEntry& entryForFilter(int row) const;

private:
    void onAppended(int firstIndex, int count);
    void onDropped(int count);
    void onCleared();
    void onRevealChanged(bool reveal);
    // The row's entry, from a one-entry cache: a view asks for many roles and columns of one row in turn.
    const ApduTraceEntry& rowEntry(int row) const;

    TraceLog* m_log;
    // The rows are the log's sequences [m_first, m_first + m_count) as announced to the views; the entries stay in
    // the log (no copy: a million exchanges, issue 15). The log may run ahead (appends from the PC/SC thread); its
    // signals bring the rows up to date.
    quint64 m_first = 0;
    int m_count = 0;
    mutable int m_cachedRow = -1;
    mutable ApduTraceEntry m_cached;
    mutable ApduTraceEntry m_filtered; // entryForFilter's
};

} // namespace carddesk
