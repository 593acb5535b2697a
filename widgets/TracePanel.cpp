#include "TracePanel.h"

#include "ApduDecodePane.h"

#include "carddesk/cardio/TraceLog.h"
#include "carddesk/model/ApduTraceFilterModel.h"
#include "carddesk/model/ApduTraceModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace carddesk {

namespace {

void addSwFilter(QComboBox* combo, const QString& text, ApduTraceFilterModel::SwFilter f) {
    combo->addItem(text, QVariant::fromValue(int(f)));
}

} // namespace

TracePanel::TracePanel(TraceLog* log, QString operatorName, QWidget* parent)
    : QWidget(parent), m_log(log), m_operator(std::move(operatorName)), m_model(new ApduTraceModel(log, this)),
      m_filter(new ApduTraceFilterModel(this)) {
    setObjectName(QStringLiteral("tracePanel"));
    m_filter->setSourceModel(m_model);

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("traceFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter: command, header, hex or status word"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &ApduTraceFilterModel::setText);
    auto* filterLabel = new QLabel(tr("Filt&er:"), this);
    filterLabel->setBuddy(m_filterEdit);

    m_swCombo = new QComboBox(this);
    m_swCombo->setObjectName(QStringLiteral("traceSwFilterCombo"));
    addSwFilter(m_swCombo, tr("All status words"), ApduTraceFilterModel::SwFilter::Any);
    addSwFilter(m_swCombo, tr("Success only"), ApduTraceFilterModel::SwFilter::Success);
    addSwFilter(m_swCombo, tr("Everything but success"), ApduTraceFilterModel::SwFilter::NotSuccess);
    addSwFilter(m_swCombo, tr("Warnings"), ApduTraceFilterModel::SwFilter::Warning);
    addSwFilter(m_swCombo, tr("Errors"), ApduTraceFilterModel::SwFilter::Error);
    addSwFilter(m_swCombo, tr("Transport errors"), ApduTraceFilterModel::SwFilter::TransportError);
    m_swCombo->setAccessibleName(tr("Status word filter"));
    connect(m_swCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_filter->setSwFilter(static_cast<ApduTraceFilterModel::SwFilter>(m_swCombo->itemData(i).toInt()));
    });

    m_follow = new QCheckBox(tr("F&ollow"), this);
    m_follow->setObjectName(QStringLiteral("traceFollowCheck"));
    m_follow->setToolTip(tr("Keep the newest exchange in view"));
    m_follow->setChecked(true);

    m_save = new QPushButton(tr("&Save…"), this);
    m_save->setObjectName(QStringLiteral("traceSaveButton"));
    m_save->setToolTip(tr("Write the trace to a file; secrets stay redacted"));
    connect(m_save, &QPushButton::clicked, this, &TracePanel::save);

    m_reveal = new QPushButton(tr("Reveal se&crets"), this);
    m_reveal->setObjectName(QStringLiteral("traceRevealButton"));
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(tr("Keep PINs and keys of new exchanges in clear (asks first, and is recorded)"));
    connect(m_reveal, &QPushButton::toggled, this, &TracePanel::onRevealToggled);

    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(QStringLiteral("traceClearButton"));
    connect(m_clear, &QPushButton::clicked, m_log, &TraceLog::clear);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("traceCountLabel"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(filterLabel);
    bar->addWidget(m_filterEdit, 2);
    bar->addWidget(m_swCombo);
    bar->addWidget(m_follow);
    bar->addStretch(1);
    bar->addWidget(m_count);
    bar->addWidget(m_save);
    bar->addWidget(m_reveal);
    bar->addWidget(m_clear);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("traceView"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(ApduTraceModel::MeaningColumn, QHeaderView::Stretch);
    // Widths from what the columns typically hold (and their translated titles), so that neither times nor
    // headers are cut; data columns show a useful start and the decoder pane has the rest.
    const QFontMetrics fm = m_view->fontMetrics();
    const struct {
        int column;
        QString sample;
    } widths[] = {
        {ApduTraceModel::SequenceColumn, QStringLiteral("99999")},
        {ApduTraceModel::TimeColumn, QStringLiteral("00:00:00.000")},
        {ApduTraceModel::ReaderColumn, QStringLiteral("Virtual PCD 00 00")},
        {ApduTraceModel::CommandColumn, QStringLiteral("GET CHALLENGE")},
        {ApduTraceModel::HeaderColumn, QStringLiteral("00 A4 00 0C")},
        {ApduTraceModel::LcColumn, QStringLiteral("255")},
        {ApduTraceModel::CommandDataColumn, QStringLiteral("01 01 01 0F <redacted 16 bytes>")},
        {ApduTraceModel::LeColumn, QStringLiteral("256")},
        {ApduTraceModel::ResponseDataColumn, QStringLiteral("43 44 4F 53 20 31 2E 30")},
        {ApduTraceModel::SwColumn, QStringLiteral("9000")},
        {ApduTraceModel::DurationColumn, QStringLiteral("999999")},
    };
    for (const auto& w : widths) {
        const QString title = m_model->headerData(w.column, Qt::Horizontal).toString();
        m_view->setColumnWidth(w.column, std::max(fm.horizontalAdvance(w.sample), fm.horizontalAdvance(title)) + 18);
    }
    m_view->setAccessibleName(tr("APDU trace"));
    // The operator can hide columns they do not need from the header's context menu.
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int c = 0; c < ApduTraceModel::ColumnCount; ++c) {
        auto* action = new QAction(m_model->headerData(c, Qt::Horizontal).toString(), m_view->horizontalHeader());
        action->setCheckable(true);
        action->setChecked(true);
        connect(action, &QAction::toggled, this, [this, c](bool on) { m_view->setColumnHidden(c, !on); });
        m_view->horizontalHeader()->addAction(action);
    }

    m_decode = new ApduDecodePane(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("traceSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_decode);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({1000, fontMetrics().horizontalAdvance(QLatin1Char('0')) * 46});
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TracePanel::updateDecodePane);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &TracePanel::onRowsInserted);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &TracePanel::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        updateDecodePane();
    });
    // The log wipes clear bytes when reveal goes off (or another view turns it off): the button follows it.
    connect(m_log, &TraceLog::revealChanged, this, [this](bool on) {
        const QSignalBlocker block(m_reveal);
        m_reveal->setChecked(on);
        updateDecodePane();
    });
    m_reveal->setChecked(m_log->revealSecrets());
    updateCount();
}

void TracePanel::onRowsInserted() {
    updateCount();
    if (m_follow->isChecked()) {
        m_view->scrollToBottom();
        if (!m_view->currentIndex().isValid())
            updateDecodePane();
    }
}

void TracePanel::updateCount() {
    const int shown = m_filter->rowCount();
    const int all = m_model->rowCount();
    m_count->setText(shown == all ? tr("%n exchange(s)", nullptr, all) : tr("%1 of %2 shown").arg(shown).arg(all));
}

void TracePanel::updateDecodePane() {
    QModelIndex current = m_view->currentIndex();
    // Nothing chosen yet: while following, the pane decodes the newest exchange shown.
    if (!current.isValid() && m_follow->isChecked() && m_filter->rowCount() > 0)
        current = m_filter->index(m_filter->rowCount() - 1, 0);
    if (!current.isValid()) {
        m_decode->showEntry(std::nullopt, false);
        return;
    }
    const QModelIndex source = m_filter->mapToSource(current);
    m_decode->showEntry(m_model->entryAt(source.row()), m_log->revealSecrets());
}

void TracePanel::onRevealToggled(bool on) {
    if (m_revealHandler) {
        {
            const QSignalBlocker block(m_reveal);
            m_reveal->setChecked(m_log->revealSecrets());
        }
        m_revealHandler(on);
        return;
    }
    if (!on) {
        m_log->setRevealSecrets(false, m_operator);
        return;
    }
    // Revealing is deliberate: the operator confirms, and the database's audit table records who did it.
    QMessageBox box(QMessageBox::Warning, tr("Reveal secrets"),
                    tr("Keep PINs, key cryptograms and session keys of the following exchanges in clear?"),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("revealConfirmBox"));
    box.setInformativeText(tr("Only exchanges recorded from now on can be shown. The action is recorded under the "
                              "operator name \"%1\". Turn it off to wipe the clear bytes from memory.")
                               .arg(m_operator));
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes) {
        const QSignalBlocker block(m_reveal);
        m_reveal->setChecked(false);
        return;
    }
    m_log->setRevealSecrets(true, m_operator);
}

QString TracePanel::saveTo(const QString& path) {
    const TraceLog::Format format =
        path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? TraceLog::Format::Json : TraceLog::Format::Text;
    QString error;
    return m_log->saveToFile(path, format, &error) ? QString() : error;
}

void TracePanel::save() {
    if (m_log->revealSecrets()) {
        // TraceLog::save writes what the operator currently sees; with reveal on that includes secrets.
        const auto answer = QMessageBox::warning(
            this, tr("Save trace"),
            tr("Secrets are revealed, so the file would hold them in clear. Turn \"Reveal secrets\" off first to "
               "save a redacted trace.\n\nSave with the secrets in clear?"),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Save)
            return;
    }
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save APDU trace"),
                                                      QDir(dir).filePath(QStringLiteral("carddesk-trace.txt")),
                                                      tr("Text (*.txt);;JSON, for replay (*.json)"));
    if (path.isEmpty())
        return;
    const QString error = saveTo(path);
    if (!error.isEmpty())
        QMessageBox::critical(this, tr("Save trace"), error);
}

} // namespace carddesk
