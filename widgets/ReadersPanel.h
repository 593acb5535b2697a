#pragma once
// The readers on the left: name, card present, ATR and life cycle of every reader at once. The selection is kept
// by reader NAME, never by row, so hot-plugging another reader does not move the operator to another card.
#include <QWidget>

class QLabel;
class QTreeView;

namespace carddesk {

class CardReaderManager;
class ReaderListModel;

class ReadersPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadersPanel)
public:
    ReadersPanel(CardReaderManager* manager, QWidget* parent = nullptr);

    QString currentReader() const { return m_current; }
    // Selects the reader of that name; returns false when there is no such reader (yet).
    bool selectReader(const QString& name);
    ReaderListModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }

signals:
    // Emitted with "" when the selected reader went away.
    void currentReaderChanged(const QString& name);

private:
    void onSelectionChanged();
    void onRowsChanged();
    void setCurrent(const QString& name);
    void updatePlaceholder();

    CardReaderManager* m_manager;
    ReaderListModel* m_model;
    class LifeCycleNames* m_names;
    QTreeView* m_view;
    QLabel* m_placeholder;
    QString m_current;
    // The operator chose a reader by hand: do not jump to a reader in which a card was just inserted.
    bool m_userChose = false;
};

} // namespace carddesk
