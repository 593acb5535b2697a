#pragma once
// The purse log of one PurseState as a table (newest first): record, type name (translated), amount and balance
// after in yuan for the operator's locale, terminal, date and time, counter. Raw values under AmountRole etc. for
// exports and the balance chart.
#include "carddesk/model/PurseService.h"

#include <QAbstractTableModel>
#include <QLocale>

namespace carddesk {

class PurseLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PurseLogModel)
public:
    enum Column {
        RecordColumn,
        TypeColumn,
        AmountColumn,
        BalanceColumn,
        TerminalColumn,
        DateTimeColumn,
        CounterColumn,
        ColumnCount
    };
    enum Role { AmountRole = Qt::UserRole + 1, BalanceAfterRole, TypeRole, DirectionRole };

    explicit PurseLogModel(QObject* parent = nullptr);

    void setEntries(const QList<PurseLogEntry>& entries);
    const QList<PurseLogEntry>& entries() const { return m_entries; }
    void setLocale(const QLocale& locale);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<PurseLogEntry> m_entries;
    QLocale m_locale;
};

} // namespace carddesk
