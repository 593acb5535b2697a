// The batch view's batches list and run side (BatchView.h): start, pause, cancel, retry, the progress with its ETA,
// the lanes, the per-card results and the report's export.
#include "BatchView.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/Access.h"
#include "carddesk/model/BatchJournalModel.h"
#include "carddesk/model/BatchReport.h"
#include "carddesk/model/BatchReportPdf.h"
#include "carddesk/model/BatchService.h"
#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace carddesk {

namespace {

// The view shows what the database gives; a database that fails shows nothing done (the service says why).
BatchCounts countsOf(const Database& db, const QString& id) {
    try {
        return db.batchCounts(id);
    } catch (const DatabaseError&) {
        return {};
    }
}

} // namespace

namespace {

enum BatchColumn { IdColumn, NameColumn, TemplateColumn, StateColumn, DoneColumn, FailedColumn, CreatedColumn };
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kStateRole = Qt::UserRole + 2;

QTableWidgetItem* item(const QString& text, bool right = false) {
    auto* i = new QTableWidgetItem(text);
    if (right)
        i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return i;
}

QString duration(qint64 seconds) {
    if (seconds < 60)
        return BatchView::tr("%n s", nullptr, static_cast<int>(seconds));
    if (seconds < 3600)
        return BatchView::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return BatchView::tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

} // namespace

QWidget* BatchView::buildBatches() {
    auto* box = new QGroupBox(tr("Batches"), this);
    m_batches = new QTableWidget(0, 7, box);
    m_batches->setObjectName(QStringLiteral("batchList"));
    m_batches->setHorizontalHeaderLabels(
        {tr("Batch"), tr("Name"), tr("Template"), tr("State"), tr("Done"), tr("Failed"), tr("Created")});
    m_batches->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_batches->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_batches->setSelectionMode(QAbstractItemView::SingleSelection);
    m_batches->verticalHeader()->hide();
    m_batches->horizontalHeader()->setStretchLastSection(true);
    m_batches->setWordWrap(false);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_batches);
    connect(m_batches, &QTableWidget::itemSelectionChanged, this, [this] {
        m_journal->setBatch(selectedBatch());
        updateProgress();
        updateButtons();
    });
    return box;
}

QWidget* BatchView::buildRun() {
    auto* box = new QGroupBox(tr("Run"), this);
    m_readers = new QListWidget(box);
    m_readers->setObjectName(QStringLiteral("batchReaders"));
    connect(m_readers, &QListWidget::itemChanged, this, &BatchView::updateButtons);

    m_start = new QPushButton(tr("Start / resume"), box);
    m_start->setObjectName(QStringLiteral("batchStartButton"));
    m_pause = new QPushButton(tr("Pause"), box);
    m_pause->setObjectName(QStringLiteral("batchPauseButton"));
    m_cancel = new QPushButton(tr("Cancel batch…"), box);
    m_cancel->setObjectName(QStringLiteral("batchCancelButton"));
    m_retry = new QPushButton(tr("Retry failed rows"), box);
    m_retry->setObjectName(QStringLiteral("batchRetryButton"));
    m_exportCsv = new QPushButton(tr("Export CSV…"), box);
    m_exportCsv->setObjectName(QStringLiteral("batchExportCsv"));
    m_exportPdf = new QPushButton(tr("Export PDF…"), box);
    m_exportPdf->setObjectName(QStringLiteral("batchExportPdf"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_start, m_pause, m_cancel, m_retry})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_exportCsv);
    buttons->addWidget(m_exportPdf);

    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("batchProgress"));
    m_progress->setFormat(tr("%v of %m done"));
    m_eta = new QLabel(box);
    m_eta->setObjectName(QStringLiteral("batchEta"));
    // Wide enough for a long estimate with failures, so that the bar does not jump as the text changes.
    m_eta->setMinimumWidth(m_eta->fontMetrics().horizontalAdvance(
                               tr("%1 · %n failed", nullptr, 99).arg(tr("about %1 left").arg(duration(3599)))) +
                           8);
    auto* progress = new QHBoxLayout;
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_eta);

    m_lanes = new QTableWidget(0, 6, box);
    m_lanes->setObjectName(QStringLiteral("batchLanes"));
    m_lanes->setHorizontalHeaderLabels(
        {tr("Reader"), tr("State"), tr("Row"), tr("Card number"), tr("Cards issued"), tr("Last card")});
    m_lanes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lanes->setSelectionMode(QAbstractItemView::NoSelection);
    m_lanes->verticalHeader()->hide();
    m_lanes->horizontalHeader()->setStretchLastSection(true);
    m_lanes->setWordWrap(false);
    // Room for two lanes without scrolling; the splitter below gives it more.
    m_lanes->setMinimumHeight(m_lanes->horizontalHeader()->sizeHint().height() +
                              2 * m_lanes->verticalHeader()->defaultSectionSize() + 2 * m_lanes->frameWidth());
    m_readers->setMinimumHeight(m_lanes->minimumHeight());

    auto* readersColumn = new QVBoxLayout;
    readersColumn->addWidget(new QLabel(tr("Readers:"), box));
    readersColumn->addWidget(m_readers);
    auto* lanesColumn = new QVBoxLayout;
    lanesColumn->addLayout(progress);
    lanesColumn->addWidget(m_lanes);
    auto* upperWidget = new QWidget(box);
    auto* upper = new QHBoxLayout(upperWidget);
    upper->setContentsMargins(0, 0, 0, 0);
    upper->addLayout(readersColumn, 1);
    upper->addLayout(lanesColumn, 3);

    m_failedOnly = new QCheckBox(tr("Failed rows only"), box);
    m_failedOnly->setObjectName(QStringLiteral("batchFailedOnly"));
    connect(m_failedOnly, &QCheckBox::toggled, m_journal, &BatchJournalModel::setFailedOnly);
    m_results = new QTableView(box);
    m_results->setObjectName(QStringLiteral("batchResults"));
    m_results->setModel(m_journal);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setWordWrap(false);
    connect(m_journal, &QAbstractItemModel::modelReset, m_results, &QTableView::resizeColumnsToContents);

    auto* resultsWidget = new QWidget(box);
    auto* resultsLayout = new QVBoxLayout(resultsWidget);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_failedOnly);
    resultsLayout->addWidget(m_results, 1);
    // The lanes and the cards' results share the height; the results (what the operator checks) get more.
    auto* split = new QSplitter(Qt::Vertical, box);
    split->setObjectName(QStringLiteral("batchRunSplitter"));
    split->addWidget(upperWidget);
    split->addWidget(resultsWidget);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(box);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(m_start, &QPushButton::clicked, this, [this] {
        if (const QString e = start(); !e.isEmpty())
            setStatus(e, true);
    });
    connect(m_pause, &QPushButton::clicked, this, &BatchView::pause);
    connect(m_cancel, &QPushButton::clicked, this, &BatchView::cancel);
    connect(m_retry, &QPushButton::clicked, this, &BatchView::retryFailed);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportAs(false); });
    connect(m_exportPdf, &QPushButton::clicked, this, [this] { exportAs(true); });
    return box;
}

QString BatchView::selectedBatch() const {
    const auto rows = m_batches->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_batches->item(rows.first().row(), IdColumn)->data(kIdRole).toString();
}

void BatchView::selectBatch(const QString& id) {
    for (int r = 0; r < m_batches->rowCount(); ++r)
        if (m_batches->item(r, IdColumn)->data(kIdRole).toString() == id) {
            m_batches->selectRow(r);
            return;
        }
}

void BatchView::refresh() {
    Database& db = m_session.database();
    if (!db.isOpen())
        return;
    QList<BatchRecord> list;
    try {
        list = db.batches();
    } catch (const DatabaseError&) {
        return; // the database is away (a server restarting): the next tick tries again
    }
    const QString selected = selectedBatch();
    const QLocale locale;
    const QSignalBlocker block(m_batches);
    m_batches->setRowCount(static_cast<int>(list.size()));
    for (int r = 0; r < list.size(); ++r) {
        const BatchRecord& b = list[r];
        const BatchCounts c = countsOf(db, b.id);
        auto* id = item(b.id);
        id->setData(kIdRole, b.id);
        id->setData(kStateRole, b.state);
        m_batches->setItem(r, IdColumn, id);
        m_batches->setItem(r, NameColumn, item(b.name));
        m_batches->setItem(r, TemplateColumn, item(b.templateName));
        QString state = BatchReport::batchStateText(b.state);
        if (b.state == QLatin1String("running") && b.desk != BatchService::deskId())
            state = tr("%1 (desk %2)").arg(state, b.desk);
        m_batches->setItem(r, StateColumn, item(state));
        m_batches->setItem(r, DoneColumn, item(tr("%1/%2").arg(c.done).arg(c.total), true));
        m_batches->setItem(r, FailedColumn, item(QString::number(c.failed), true));
        m_batches->setItem(r, CreatedColumn, item(locale.toString(b.createdAt.toLocalTime(), QLocale::ShortFormat)));
        if (b.id == selected)
            m_batches->selectRow(r);
    }
    // Small tables: sized to what they show now (a card number appears, a state grows longer).
    m_batches->resizeColumnsToContents();
    if (selectedBatch() != selected)
        m_journal->setBatch(selectedBatch());
    m_journal->refresh();
    m_results->resizeColumnsToContents();
    refreshLanes();
    updateProgress();
    updateButtons();
}

void BatchView::refreshReaders() {
    QStringList ticked;
    for (int i = 0; i < m_readers->count(); ++i)
        if (m_readers->item(i)->checkState() == Qt::Checked)
            ticked << m_readers->item(i)->text();
    const QSignalBlocker block(m_readers);
    m_readers->clear();
    for (const QString& name : m_session.readers().readerNames()) {
        auto* i = new QListWidgetItem(name, m_readers);
        i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        i->setCheckState(ticked.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
    updateButtons();
}

void BatchView::refreshLanes() {
    const QList<BatchLaneStatus> lanes = m_session.batches().lanes();
    m_lanes->setRowCount(static_cast<int>(lanes.size()));
    const QLocale locale;
    for (int r = 0; r < lanes.size(); ++r) {
        const BatchLaneStatus& l = lanes[r];
        m_lanes->setItem(r, 0, item(l.reader));
        m_lanes->setItem(r, 1, item(l.state));
        m_lanes->setItem(r, 2, item(l.row > 0 ? QString::number(l.row) : QString(), true));
        m_lanes->setItem(r, 3, item(l.cardNumber));
        m_lanes->setItem(r, 4, item(QString::number(l.issued), true));
        m_lanes->setItem(
            r, 5, item(l.lastSeconds > 0 ? tr("%1 s").arg(locale.toString(l.lastSeconds, 'f', 1)) : QString(), true));
    }
    m_lanes->resizeColumnsToContents();
}

void BatchView::updateProgress() {
    const QString id = selectedBatch();
    if (id.isEmpty()) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_eta->clear();
        return;
    }
    const BatchCounts c = countsOf(m_session.database(), id);
    m_progress->setRange(0, qMax(1, c.total));
    m_progress->setValue(c.done);
    const int left = c.total - c.done - c.failed;
    QString eta;
    if (m_runBatch == id && m_session.batches().runningBatch() == id && m_runClock.isValid()) {
        const int doneNow = c.done - m_doneAtStart;
        if (doneNow > 0 && left > 0) {
            const double perCard = static_cast<double>(m_runClock.elapsed()) / 1000.0 / doneNow;
            eta = tr("about %1 left").arg(duration(static_cast<qint64>(perCard * left + 0.5)));
        } else if (left > 0) {
            eta = tr("estimating…");
        }
    }
    if (c.failed > 0)
        eta = eta.isEmpty() ? tr("%n failed", nullptr, c.failed) : tr("%1 · %n failed", nullptr, c.failed).arg(eta);
    m_eta->setText(eta);
}

void BatchView::updateButtons() {
    bool anyReader = false;
    for (int i = 0; i < m_readers->count(); ++i)
        anyReader = anyReader || m_readers->item(i)->checkState() == Qt::Checked;
    const QString id = selectedBatch();
    BatchService& service = m_session.batches();
    const bool runningHere = service.isRunning() && service.runningBatch() == id;
    QString state;
    BatchCounts c;
    if (!id.isEmpty())
        for (int r = 0; r < m_batches->rowCount(); ++r)
            if (m_batches->item(r, IdColumn)->data(kIdRole).toString() == id) {
                state = m_batches->item(r, IdColumn)->data(kStateRole).toString();
                c = countsOf(m_session.database(), id);
            }
    const bool open = state != QLatin1String("cancelled") && c.total > c.done + c.failed;
    m_start->setEnabled(!id.isEmpty() && !service.isRunning() && open && anyReader);
    m_pause->setEnabled(runningHere);
    m_cancel->setEnabled(!id.isEmpty() && open && (runningHere || !service.isRunning()));
    m_retry->setEnabled(!id.isEmpty() && !runningHere && c.failed > 0);
    m_exportCsv->setEnabled(!id.isEmpty());
    m_exportPdf->setEnabled(!id.isEmpty());
    m_record->setEnabled(m_checkedOk);
}

QString BatchView::start(const QString& holderFile) {
    const QString id = selectedBatch();
    if (id.isEmpty())
        return tr("Select a batch first.");
    QStringList readers;
    for (int i = 0; i < m_readers->count(); ++i)
        if (m_readers->item(i)->checkState() == Qt::Checked)
            readers << m_readers->item(i)->text();
    if (readers.isEmpty())
        return tr("Tick the readers the batch runs on.");
    const auto batch = m_session.database().batch(id);
    if (!batch)
        return tr("There is no batch %1.").arg(id);
    QString file = holderFile;
    // The database never holds a PIN: a batch with the file's PINs needs its file again (the same, by SHA-256).
    if (!batch->generatedPins && file.isEmpty()) {
        file = QFileDialog::getOpenFileName(this, tr("The holder file of batch %1 (its PINs)").arg(id), {},
                                            tr("Holder files (*.csv *.json);;All files (*)"));
        if (file.isEmpty())
            return tr("Batch %1 takes its PINs from its holder file: choose the file to start it.").arg(id);
    }
    if (!m_session.keys().isOpen() && !(m_keyProvider && m_keyProvider(false)))
        return tr("The issuer keys are needed: open the key store first.");
    const BatchCounts c = countsOf(m_session.database(), id);
    if (const QString e = m_session.batches().start(id, readers, file); !e.isEmpty())
        return e;
    m_runBatch = id;
    m_doneAtStart = c.done;
    m_runClock.start();
    setStatus(tr("Batch %1 is running on %n reader(s).", nullptr, static_cast<int>(readers.size())).arg(id));
    refresh();
    return {};
}

void BatchView::pause() {
    m_session.batches().pause();
    setStatus(tr("Pausing: each reader finishes the card it has."));
    updateButtons();
}

void BatchView::cancel() {
    const QString id = selectedBatch();
    if (id.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Cancel batch"),
                              tr("Cancel batch %1? Its pending rows will not be issued; cards already issued stay "
                                 "issued.")
                                  .arg(id)) != QMessageBox::Yes)
        return;
    BatchService& service = m_session.batches();
    if (service.isRunning() && service.runningBatch() == id) {
        service.cancel();
        setStatus(tr("Cancelling: each reader finishes the card it has."));
        return;
    }
    // Not running here: cancelled in the database, as carddesk-cli batch cancel does.
    Database& db = m_session.database();
    try {
        const AuditRecord audit = m_session.operators()
                                      .require(Operation::BatchIssue)
                                      .record(QStringLiteral("batch cancelled"), {}, QStringLiteral("ok"),
                                              QStringLiteral("batch=%1").arg(id));
        if (!db.claimBatch(id, BatchService::deskId(), BatchService::kStaleSeconds)) {
            setStatus(tr("Batch %1 is running at another desk: cancel it there.").arg(id), true);
            return;
        }
        db.setBatchState(id, QStringLiteral("cancelled"));
        db.appendAudit(audit);
        setStatus(tr("Batch %1 cancelled.").arg(id));
    } catch (const AccessDenied& e) {
        setStatus(e.text, true);
    } catch (const DatabaseError& e) {
        setStatus(e.text, true);
    }
    refresh();
}

void BatchView::retryFailed() {
    const QString id = selectedBatch();
    try {
        const int n = m_session.batches().retryFailed(id);
        setStatus(tr("%n failed row(s) of batch %1 pending again: start it to issue them.", nullptr, n).arg(id));
    } catch (const AccessDenied& e) {
        setStatus(e.text, true);
    } catch (const DatabaseError& e) {
        setStatus(e.text, true);
    }
    refresh();
}

void BatchView::stopped(const QString& batchId, const QString& state, const QString& message) {
    Q_UNUSED(state)
    setStatus(message.isEmpty() ? tr("Batch %1 stopped.").arg(batchId) : message);
    m_runClock.invalidate();
    refresh();
}

QString BatchView::exportCsv(const QString& path) {
    try {
        const QByteArray data = BatchReport(m_session.database(), selectedBatch(), m_failedOnly->isChecked()).csv();
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
            return tr("Cannot write %1: %2").arg(path, out.errorString());
    } catch (const DatabaseError& e) {
        return e.text;
    }
    return {};
}

QString BatchView::exportPdf(const QString& path) {
    try {
        return BatchReportPdf::write(BatchReport(m_session.database(), selectedBatch(), m_failedOnly->isChecked()),
                                     path);
    } catch (const DatabaseError& e) {
        return e.text;
    }
}

void BatchView::exportAs(bool pdf) {
    const QString id = selectedBatch();
    const QString path = QFileDialog::getSaveFileName(
        this, pdf ? tr("Export the batch report as PDF") : tr("Export the batch report as CSV"),
        QStringLiteral("%1.%2").arg(id, pdf ? QStringLiteral("pdf") : QStringLiteral("csv")),
        pdf ? tr("PDF (*.pdf)") : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    const QString e = pdf ? exportPdf(path) : exportCsv(path);
    setStatus(e.isEmpty() ? tr("Report of batch %1 written to %2.").arg(id, path) : e, !e.isEmpty());
}

} // namespace carddesk
