#include "carddesk/model/ReaderListModel.h"

#include <carddesk/cardio/ApduDecoder.h>

namespace carddesk {

ReaderListModel::ReaderListModel(CardReaderManager* manager, QObject* parent) : QAbstractTableModel(parent) {
    m_rows = manager->readers();
    std::sort(m_rows.begin(), m_rows.end(), [](const ReaderState& a, const ReaderState& b) { return a.name < b.name; });
    connect(manager, &CardReaderManager::readerStateChanged, this, &ReaderListModel::onState);
    connect(manager, &CardReaderManager::readerRemoved, this, &ReaderListModel::onRemoved);
}

int ReaderListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ReaderListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReaderListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReaderState& r = m_rows.at(index.row());
    switch (role) {
    case ReaderNameRole:
        return r.name;
    case CardPresentRole:
        return r.cardPresent;
    case AtrRole:
        return r.atr;
    case LifeCycleRole:
        if (!r.cardPresent || !r.lifeCycle.has_value())
            return QVariant();
        return QVariant(static_cast<int>(r.lifeCycle.value()));
    case LocalRole:
        return r.local;
    case LifeCycleSourceRole:
        return static_cast<int>(r.lifeCycleFrom);
    case Qt::ToolTipRole:
        if (index.column() == LifeCycleColumn)
            return lifeCycleToolTip(r);
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case CardColumn:
            if (!r.cardPresent)
                return tr("no card");
            if (r.mute)
                return tr("card does not answer");
            return r.exclusive ? tr("card (in use by another program)") : tr("card");
        case AtrColumn:
            return QString::fromLatin1(r.atr.toHex(' ').toUpper());
        case LifeCycleColumn:
            return lifeCycleText(r);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ReaderListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Reader");
    case CardColumn:
        return tr("Card");
    case AtrColumn:
        return tr("ATR");
    case LifeCycleColumn:
        return tr("Life cycle");
    default:
        return {};
    }
}

QString ReaderListModel::lifeCycleText(const ReaderState& r) {
    if (!r.cardPresent)
        return QString();
    if (!r.lifeCycle)
        return tr("not a CDOS card");
    const QString name = ApduDecoder::lifeCycleName(*r.lifeCycle);
    return r.lifeCycleFrom == LifeCycleSource::AtrOnly ? tr("%1 (ATR)").arg(name) : name;
}

QString ReaderListModel::lifeCycleToolTip(const ReaderState& r) {
    if (!r.cardPresent || !r.lifeCycle)
        return lifeCycleText(r);
    switch (r.lifeCycleFrom) {
    case LifeCycleSource::Card:
        return tr("As the card reports it.");
    case LifeCycleSource::Atr:
        return tr("From the card's ATR; the card is being asked.");
    case LifeCycleSource::AtrOnly:
        return tr("The card did not answer: this is what its ATR said at the last reset, and may be out of date.");
    case LifeCycleSource::None:
        break;
    }
    return {};
}

int ReaderListModel::rowOf(const QString& reader) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == reader)
            return i;
    return -1;
}

ReaderState ReaderListModel::stateAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row] : ReaderState{};
}

void ReaderListModel::onState(const ReaderState& state) {
    const int row = rowOf(state.name);
    if (row >= 0) {
        m_rows[row] = state;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    // Sorted by name: the order readers have in the list never decides anything, but stays stable for people.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), state.name,
                                     [](const ReaderState& r, const QString& n) { return r.name < n; });
    const int at = static_cast<int>(it - m_rows.cbegin());
    beginInsertRows({}, at, at);
    m_rows.insert(at, state);
    endInsertRows();
}

void ReaderListModel::onRemoved(const QString& reader) {
    const int row = rowOf(reader);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

} // namespace carddesk
