#pragma once
// The journal rows of one batch as a table (the batch view's per-card results): row, holder, user number, state
// (translated, BatchReport::stateText), card number, reader, attempts, last error. Never a PIN: the journal has none.
// The view calls refresh() on the batch service's signals and on its timer (other desks write the same journal).
#include "carddesk/model/Database.h"

#include <QAbstractTableModel>

namespace carddesk {

class BatchJournalModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchJournalModel)
public:
    enum Column {
        RowColumn,
        NameColumn,
        UserNumberColumn,
        StateColumn,
        CardNumberColumn,
        ReaderColumn,
        AttemptsColumn,
        ErrorColumn,
        ColumnCount
    };
    static constexpr int kStateIdRole = Qt::UserRole + 1; // the stored state ("done", "failed", ...)

    explicit BatchJournalModel(const Database* database, QObject* parent = nullptr);

    // The batch shown; empty shows nothing.
    void setBatch(const QString& batchId);
    QString batchId() const { return m_batchId; }
    // Only the failed rows.
    void setFailedOnly(bool failedOnly);
    bool failedOnly() const { return m_failedOnly; }
    // Reads the journal again; rows that did not change keep their place (the selection stays).
    void refresh();

    JournalEntry entryAt(int row) const { return m_rows.value(row); }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Database* m_db;
    QString m_batchId;
    bool m_failedOnly = false;
    QList<JournalEntry> m_rows;
};

} // namespace carddesk
