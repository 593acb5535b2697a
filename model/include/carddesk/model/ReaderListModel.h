#pragma once
// The readers as a table: name, card present, ATR, life cycle (from the CDOS ATR). Follows the
// CardReaderManager's hot-plug signals; rows are keyed by reader name.
#include <carddesk/cardio/CardReaderManager.h>

#include <QAbstractTableModel>

namespace carddesk {

class ReaderListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReaderListModel)
public:
    enum Column { NameColumn, CardColumn, AtrColumn, LifeCycleColumn, ColumnCount };
    enum Role { ReaderNameRole = Qt::UserRole + 1, CardPresentRole, AtrRole, LifeCycleRole, LocalRole };

    explicit ReaderListModel(CardReaderManager* manager, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& reader) const; // -1 when absent
    ReaderState stateAt(int row) const;

private:
    void onState(const ReaderState& state);
    void onRemoved(const QString& reader);
    QList<ReaderState> m_rows;
};

} // namespace carddesk
