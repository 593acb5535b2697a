#pragma once
// The issued cards of the database as a table, newest first; reloads when the database says cards changed.
#include "carddesk/model/Database.h"

#include <QAbstractTableModel>

namespace carddesk {

class IssuedCardsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IssuedCardsModel)
public:
    enum Column {
        CardNumberColumn,
        HolderNameColumn,
        HolderAccountColumn,
        HolderUserNumberColumn,
        TemplateColumn,
        LifeCycleColumn,
        IssuedAtColumn,
        OperatorColumn,
        ChipSerialColumn,
        ColumnCount
    };
    enum Role { CardNumberRole = Qt::UserRole + 1, CardIdRole };

    explicit IssuedCardsModel(Database* database, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    IssuedCard cardAt(int row) const;
    void reload();

private:
    Database* m_db;
    QList<IssuedCard> m_rows;
};

} // namespace carddesk
