#pragma once
// The APDU trace as a table over a TraceLog: one row per exchange, newest last. Secret bytes show as
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

private:
    void onAppended(int firstIndex, int count);
    void onDropped(int count);
    void onCleared();
    void onRevealChanged(bool reveal);
    TraceLog* m_log;
    // A copy of the log's entries in model order (the log may be appended from another thread).
    QVector<ApduTraceEntry> m_rows;
};

} // namespace carddesk
