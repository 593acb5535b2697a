#pragma once
// The readers as a table: name, card present, ATR, life cycle (the card's own answer, which the reader manager
// asks for; the ATR's, marked, when the card does not answer). Follows the CardReaderManager's hot-plug signals;
// rows are keyed by reader name.
#include <carddesk/cardio/CardReaderManager.h>

#include <QAbstractTableModel>

namespace carddesk {

class ReaderListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReaderListModel)
public:
    enum Column { NameColumn, CardColumn, AtrColumn, LifeCycleColumn, ColumnCount };
    enum Role {
        ReaderNameRole = Qt::UserRole + 1,
        CardPresentRole,
        AtrRole,
        LifeCycleRole, // int (cdos::LifeCycle), invalid when unknown
        LocalRole,
        LifeCycleSourceRole, // int (LifeCycleSource)
    };

    // "personalised"; "personalised (ATR)" when the card did not answer; "not a CDOS card".
    static QString lifeCycleText(const ReaderState& state);
    // Where the life cycle comes from, for a tool tip.
    static QString lifeCycleToolTip(const ReaderState& state);

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
