#include "ReadersPanel.h"

#include "LifeCycleDiagram.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/ReaderListModel.h"

#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace carddesk {

// The life cycle in the console's words (the diagram's state names). The model has it from the card itself, which
// the reader manager asks after every job and whenever the card comes or another program used it (issue 11); the
// ATR's, marked, only when the card does not answer.
class LifeCycleNames final : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex& proxyIndex, int role) const override {
        if (proxyIndex.column() == ReaderListModel::LifeCycleColumn && role == Qt::DisplayRole) {
            const auto* readers = static_cast<const ReaderListModel*>(sourceModel());
            const ReaderState state = readers->stateAt(proxyIndex.row());
            if (state.cardPresent && state.lifeCycle) {
                const QString name = LifeCycleDiagram::stateName(*state.lifeCycle);
                return state.lifeCycleFrom == LifeCycleSource::AtrOnly ? ReadersPanel::tr("%1 (ATR)").arg(name) : name;
            }
        }
        return QIdentityProxyModel::data(proxyIndex, role);
    }
};

ReadersPanel::ReadersPanel(CardReaderManager* manager, QWidget* parent)
    : QWidget(parent), m_manager(manager), m_model(new ReaderListModel(manager, this)),
      m_names(new LifeCycleNames(this)) {
    m_names->setSourceModel(m_model);
    setObjectName(QStringLiteral("readersPanel"));

    auto* title = new QLabel(tr("Rea&ders"), this);
    title->setObjectName(QStringLiteral("readersTitle"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("readersView"));
    m_view->setModel(m_names);
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
    onRowsChanged();
}

bool ReadersPanel::selectReader(const QString& name) {
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    m_userChose = true;
    m_view->setCurrentIndex(m_names->index(row, ReaderListModel::NameColumn));
    return true;
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
    const QModelIndex index = m_names->index(row, ReaderListModel::NameColumn);
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
