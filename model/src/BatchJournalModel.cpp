#include "carddesk/model/BatchJournalModel.h"

#include "carddesk/model/BatchReport.h"

#include <QBrush>
#include <QColor>

namespace carddesk {

BatchJournalModel::BatchJournalModel(const Database* database, QObject* parent)
    : QAbstractTableModel(parent), m_db(database) {}

void BatchJournalModel::setBatch(const QString& batchId) {
    if (batchId == m_batchId)
        return;
    m_batchId = batchId;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    refresh();
}

void BatchJournalModel::setFailedOnly(bool failedOnly) {
    if (failedOnly == m_failedOnly)
        return;
    m_failedOnly = failedOnly;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    refresh();
}

void BatchJournalModel::refresh() {
    QList<JournalEntry> rows;
    if (!m_batchId.isEmpty() && m_db && m_db->isOpen()) {
        try {
            for (const JournalEntry& e : m_db->journal(m_batchId))
                if (!m_failedOnly || e.state == QLatin1String("failed"))
                    rows << e;
        } catch (const DatabaseError&) {
            // The database went away (another desk's server restarting): keep what is shown until it is back.
            return;
        }
    }
    // Same rows in the same order (the usual case while a batch runs): update in place so the selection stays.
    bool sameRows = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameRows && i < rows.size(); ++i)
        sameRows = rows[i].row == m_rows[i].row;
    if (!sameRows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(static_cast<int>(m_rows.size()) - 1, ColumnCount - 1));
}

int BatchJournalModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BatchJournalModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchJournalModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const JournalEntry& e = m_rows[index.row()];
    if (role == kStateIdRole)
        return e.state;
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        if (e.state == QLatin1String("failed"))
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (e.state == QLatin1String("done"))
            return QBrush(QColor(0x1b, 0x6e, 0x20));
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == RowColumn || index.column() == AttemptsColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ErrorColumn)
        return e.error;
    if (role != Qt::DisplayRole)
        return {};
    const QJsonObject holder = e.holder.value(QLatin1String("holder")).toObject();
    switch (index.column()) {
    case RowColumn:
        return e.row;
    case NameColumn:
        return holder.value(QLatin1String("name")).toString();
    case UserNumberColumn:
        return holder.value(QLatin1String("userNumber")).toString();
    case StateColumn:
        return BatchReport::stateText(e.state);
    case CardNumberColumn:
        return e.cardNumber;
    case ReaderColumn:
        return e.reader;
    case AttemptsColumn:
        return e.attempts;
    case ErrorColumn:
        return e.error;
    default:
        return {};
    }
}

QVariant BatchJournalModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RowColumn:
        return tr("Row");
    case NameColumn:
        return tr("Holder");
    case UserNumberColumn:
        return tr("User number");
    case StateColumn:
        return tr("State");
    case CardNumberColumn:
        return tr("Card number");
    case ReaderColumn:
        return tr("Reader");
    case AttemptsColumn:
        return tr("Attempts");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace carddesk
