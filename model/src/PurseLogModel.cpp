#include "carddesk/model/PurseLogModel.h"
#include <carddesk/cardio/HexText.h>

namespace carddesk {

PurseLogModel::PurseLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void PurseLogModel::setEntries(const QList<PurseLogEntry>& entries) {
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void PurseLogModel::setLocale(const QLocale& locale) {
    m_locale = locale;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int PurseLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int PurseLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PurseLogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const PurseLogEntry& e = m_entries[index.row()];
    switch (role) {
    case AmountRole:
        return qint64(e.amount);
    case BalanceAfterRole:
        return e.balanceAfter;
    case TypeRole:
        return e.type;
    case DirectionRole:
        return PurseLogEntry::direction(e.type);
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn || index.column() == BalanceColumn || index.column() == RecordColumn ||
            index.column() == CounterColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case RecordColumn:
        return e.record;
    case TypeColumn:
        return PurseLogEntry::typeName(e.type);
    case AmountColumn: {
        const QString text = formatYuan(e.amount, m_locale);
        const int dir = PurseLogEntry::direction(e.type);
        return dir > 0 ? QStringLiteral("+") + text : dir < 0 ? QStringLiteral("−") + text : text;
    }
    case BalanceColumn:
        return e.balanceAfter < 0 ? QString() : formatYuan(e.balanceAfter, m_locale);
    case TerminalColumn:
        return QString::fromLatin1(e.terminal.toHex(' ').toUpper());
    case DateTimeColumn:
        return e.dateTime;
    case CounterColumn:
        return e.counter;
    }
    return {};
}

QVariant PurseLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RecordColumn:
        return tr("Record");
    case TypeColumn:
        return tr("Type");
    case AmountColumn:
        return tr("Amount");
    case BalanceColumn:
        return tr("Balance after");
    case TerminalColumn:
        return tr("Terminal");
    case DateTimeColumn:
        return tr("Date and time");
    case CounterColumn:
        return tr("Counter");
    }
    return {};
}

} // namespace carddesk
