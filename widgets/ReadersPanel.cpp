#include "ReadersPanel.h"

#include "LifeCycleDiagram.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/ReaderListModel.h"

#include <QHash>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace carddesk {

// Shows, per reader, the life cycle the card reported when it was last read, where one is known.
class LifeCycleOverlay final : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    void set(const QString& reader, std::optional<cdos::LifeCycle> lc) {
        if (lc)
            m_known.insert(reader, *lc);
        else
            m_known.remove(reader);
        auto* readers = static_cast<ReaderListModel*>(sourceModel());
        const int row = readers->rowOf(reader);
        if (row >= 0)
            emit dataChanged(index(row, ReaderListModel::LifeCycleColumn),
                             index(row, ReaderListModel::LifeCycleColumn));
    }

    QVariant data(const QModelIndex& proxyIndex, int role) const override {
        if (proxyIndex.column() == ReaderListModel::LifeCycleColumn && role == Qt::DisplayRole) {
            const auto* readers = static_cast<const ReaderListModel*>(sourceModel());
            const ReaderState state = readers->stateAt(proxyIndex.row());
            const auto it = m_known.constFind(state.name);
            if (state.cardPresent && it != m_known.constEnd())
                return LifeCycleDiagram::stateName(*it);
        }
        return QIdentityProxyModel::data(proxyIndex, role);
    }

private:
    QHash<QString, cdos::LifeCycle> m_known;
};

ReadersPanel::ReadersPanel(CardReaderManager* manager, QWidget* parent)
    : QWidget(parent), m_manager(manager), m_model(new ReaderListModel(manager, this)),
      m_overlay(new LifeCycleOverlay(this)) {
    m_overlay->setSourceModel(m_model);
    setObjectName(QStringLiteral("readersPanel"));

    auto* title = new QLabel(tr("Rea&ders"), this);
    title->setObjectName(QStringLiteral("readersTitle"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("readersView"));
    m_view->setModel(m_overlay);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->header()->setStretchLastSection(false);
    // Names are what operators choose by: never elided. The ATR takes what is left (elided in the middle, so its
    // start and check byte stay visible); the diagnostics view shows and decodes it in full.
    m_view->header()->setSectionResizeMode(ReaderListModel::NameColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ReaderListModel::CardColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ReaderListModel::LifeCycleColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ReaderListModel::AtrColumn, QHeaderView::Stretch);
    m_view->setAccessibleName(tr("Card readers"));
    title->setBuddy(m_view);

    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("readersPlaceholder"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_placeholder);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { onSelectionChanged(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ReadersPanel::onRowsChanged);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ReadersPanel::onRowsChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReadersPanel::onRowsChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ReadersPanel::onRowsChanged);
    connect(m_manager, &CardReaderManager::serviceStatusChanged, this, &ReadersPanel::updatePlaceholder);
    // Another card, another life cycle: what was read from the previous one no longer applies.
    connect(m_manager, &CardReaderManager::cardInserted, this,
            [this](const QString& reader) { m_overlay->set(reader, std::nullopt); });
    connect(m_manager, &CardReaderManager::cardRemoved, this,
            [this](const QString& reader) { m_overlay->set(reader, std::nullopt); });
    onRowsChanged();
}

bool ReadersPanel::selectReader(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_userChose = true;
    m_view->setCurrentIndex(m_overlay->index(row, ReaderListModel::NameColumn));
    return true;
}

void ReadersPanel::setCardLifeCycle(const QString& reader, std::optional<cdos::LifeCycle> lifeCycle) {
    m_overlay->set(reader, lifeCycle);
}

void ReadersPanel::onSelectionChanged() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return; // a removed row clears the selection; onRowsChanged decides what comes next
    const QString name = m_model->stateAt(rows.first().row()).name;
    if (name != m_current && m_view->hasFocus())
        m_userChose = true;
    setCurrent(name);
}

void ReadersPanel::onRowsChanged() {
    updatePlaceholder();
    int row = m_current.isEmpty() ? -1 : m_model->rowOf(m_current);
    const bool currentHasCard = row >= 0 && m_model->stateAt(row).cardPresent;
    // Kleopatra-like convenience: until the operator picks a reader, follow the first reader that holds a card,
    // and failing that the first reader.
    if (!m_userChose && !currentHasCard) {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            if (m_model->stateAt(r).cardPresent) {
                row = r;
                break;
            }
        }
        if (row < 0 && m_model->rowCount() > 0)
            row = 0;
    }
    if (row < 0) {
        m_view->clearSelection();
        setCurrent(QString());
        return;
    }
    const QModelIndex index = m_overlay->index(row, ReaderListModel::NameColumn);
    if (m_view->currentIndex().row() != row) {
        const QSignalBlocker block(m_view->selectionModel());
        m_view->selectionModel()->setCurrentIndex(index,
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->viewport()->update();
    }
    setCurrent(m_model->stateAt(row).name);
}

void ReadersPanel::setCurrent(const QString& name) {
    if (name == m_current)
        return;
    m_current = name;
    if (name.isEmpty())
        m_userChose = false;
    emit currentReaderChanged(name);
}

void ReadersPanel::updatePlaceholder() {
    if (m_model->rowCount() > 0) {
        m_placeholder->hide();
        return;
    }
    m_placeholder->setText(m_manager->serviceStatus() == ServiceStatus::NotRunning ? m_manager->serviceMessage()
                                                                                   : tr("No card reader connected."));
    m_placeholder->show();
}

} // namespace carddesk
