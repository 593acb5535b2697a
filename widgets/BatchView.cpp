// The batch view's layout and its "new batch" side: the holder file checked whole and recorded (BatchView.h).
#include "BatchView.h"

#include "IssuanceView.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/Access.h"
#include "carddesk/model/BatchFile.h"
#include "carddesk/model/BatchJournalModel.h"
#include "carddesk/model/BatchService.h"
#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/PinGenerator.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace carddesk {

namespace {

QTableWidget* table(QWidget* parent, const QString& name, const QStringList& headers) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

} // namespace

BatchView::BatchView(ConsoleSession& session, IssuanceView* templates, QWidget* parent)
    : QWidget(parent), m_session(session), m_templates(templates) {
    setObjectName(QStringLiteral("batchView"));
    m_journal = new BatchJournalModel(&session.database(), this);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(buildNewBatch());
    top->addWidget(buildBatches());
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    // The batches list needs its id, counts and date whole; the form's paths can scroll in their fields.
    top->setSizes({400, 600});
    top->setChildrenCollapsible(false);
    auto* main = new QSplitter(Qt::Vertical, this);
    main->setObjectName(QStringLiteral("batchSplitter"));
    main->addWidget(top);
    main->addWidget(buildRun());
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    // The run (progress, lanes, results) is what the operator watches: most of the height.
    main->setSizes({300, 700});
    main->setChildrenCollapsible(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("batchStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(main, 1);
    layout->addWidget(m_status);

    BatchService& service = session.batches();
    m_soon = new QTimer(this);
    m_soon->setSingleShot(true);
    m_soon->setInterval(150);
    connect(m_soon, &QTimer::timeout, this, &BatchView::refresh);
    connect(&service, &BatchService::rowChanged, m_soon, qOverload<>(&QTimer::start));
    connect(&service, &BatchService::progress, m_soon, qOverload<>(&QTimer::start));
    connect(&service, &BatchService::laneChanged, this, &BatchView::refreshLanes);
    connect(&service, &BatchService::notice, this, [this](const QString& text) { setStatus(text); });
    connect(&service, &BatchService::stopped, this, &BatchView::stopped);
    // Other desks run batches in the same database: their progress is read, not signalled.
    m_timer = new QTimer(this);
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &BatchView::refresh);
    m_timer->start();
    CardReaderManager& readers = session.readers();
    connect(&readers, &CardReaderManager::readerAdded, this, &BatchView::refreshReaders);
    connect(&readers, &CardReaderManager::readerRemoved, this, &BatchView::refreshReaders);
    if (m_templates)
        connect(m_templates, &IssuanceView::templateChanged, this, &BatchView::updateTemplate);
    updateTemplate();
    refreshReaders();
    refresh();
}

QWidget* BatchView::buildNewBatch() {
    auto* box = new QGroupBox(tr("New batch"), this);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_file = new QLineEdit(box);
    m_file->setObjectName(QStringLiteral("batchFileEdit"));
    m_file->setPlaceholderText(tr("CSV or JSON file of holders"));
    m_fileBrowse = new QPushButton(tr("Browse…"), box);
    m_fileBrowse->setObjectName(QStringLiteral("batchFileBrowse"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_fileBrowse);
    form->addRow(tr("Holder file:"), fileRow);

    m_template = new QLabel(box);
    m_template->setObjectName(QStringLiteral("batchTemplateLabel"));
    m_template->setTextFormat(Qt::PlainText);
    m_templateChoose = new QPushButton(tr("Choose…"), box);
    m_templateChoose->setObjectName(QStringLiteral("batchTemplateChoose"));
    auto* templateRow = new QHBoxLayout;
    templateRow->addWidget(m_template, 1);
    templateRow->addWidget(m_templateChoose);
    form->addRow(tr("Card template:"), templateRow);

    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("batchNameEdit"));
    m_name->setPlaceholderText(tr("the file's name"));
    form->addRow(tr("Batch name:"), m_name);

    m_generate = new QCheckBox(tr("Generate PINs (PIN mailers)"), box);
    m_generate->setObjectName(QStringLiteral("batchGeneratePins"));
    m_pinLength = new QSpinBox(box);
    m_pinLength->setObjectName(QStringLiteral("batchPinLength"));
    m_pinLength->setRange(PinGenerator::minLength(), PinGenerator::maxLength());
    m_pinLength->setValue(6);
    m_pinLength->setSuffix(tr(" digits"));
    auto* pinRow = new QHBoxLayout;
    pinRow->addWidget(m_generate);
    pinRow->addWidget(m_pinLength);
    pinRow->addStretch(1);
    form->addRow(tr("PINs:"), pinRow);

    m_mailers = new QLineEdit(box);
    m_mailers->setObjectName(QStringLiteral("batchMailerEdit"));
    m_mailers->setPlaceholderText(tr("folder for the PIN mailers"));
    m_mailersBrowse = new QPushButton(tr("Browse…"), box);
    m_mailersBrowse->setObjectName(QStringLiteral("batchMailerBrowse"));
    auto* mailerRow = new QHBoxLayout;
    mailerRow->addWidget(m_mailers, 1);
    mailerRow->addWidget(m_mailersBrowse);
    form->addRow(tr("PIN mailers:"), mailerRow);

    m_check = new QPushButton(tr("Check file"), box);
    m_check->setObjectName(QStringLiteral("batchCheckButton"));
    m_record = new QPushButton(tr("Record batch"), box);
    m_record->setObjectName(QStringLiteral("batchRecordButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_check);
    buttons->addWidget(m_record);
    buttons->addStretch(1);

    m_checkResult = new QLabel(box);
    m_checkResult->setObjectName(QStringLiteral("batchCheckResult"));
    m_checkResult->setTextFormat(Qt::PlainText);
    m_checkResult->setWordWrap(true);
    m_problems = table(box, QStringLiteral("batchProblems"), {tr("Line"), tr("Field"), tr("Problem")});
    m_problems->hide();

    auto* layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_checkResult);
    layout->addWidget(m_problems, 1);
    layout->addStretch(0);

    connect(m_fileBrowse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Holder file"), QFileInfo(m_file->text()).path(),
                                                          tr("Holder files (*.csv *.json);;All files (*)"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(m_mailersBrowse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Folder for the PIN mailers"), m_mailers->text());
        if (!dir.isEmpty())
            m_mailers->setText(dir);
    });
    connect(m_templateChoose, &QPushButton::clicked, this, [this] {
        if (m_templates)
            m_templates->chooseTemplate();
    });
    connect(m_file, &QLineEdit::textChanged, this, &BatchView::inputsChanged);
    connect(m_mailers, &QLineEdit::textChanged, this, &BatchView::inputsChanged);
    connect(m_generate, &QCheckBox::toggled, this, &BatchView::inputsChanged);
    connect(m_pinLength, &QSpinBox::valueChanged, this, &BatchView::inputsChanged);
    connect(m_check, &QPushButton::clicked, this, &BatchView::checkFile);
    connect(m_record, &QPushButton::clicked, this, [this] {
        if (const QString e = recordBatch(); !e.isEmpty())
            setStatus(e, true);
    });
    return box;
}

void BatchView::updateTemplate() {
    const bool has = m_templates && m_templates->cardTemplate();
    m_template->setText(has ? m_templates->cardTemplate()->name : tr("none: choose one"));
    inputsChanged();
}

void BatchView::inputsChanged() {
    // A checked file is recorded only as it was checked.
    m_checkedOk = false;
    m_pinLength->setEnabled(m_generate->isChecked());
    m_mailers->setEnabled(m_generate->isChecked());
    m_mailersBrowse->setEnabled(m_generate->isChecked());
    m_check->setEnabled(!m_file->text().trimmed().isEmpty() && m_templates && m_templates->cardTemplate());
    updateButtons();
}

bool BatchView::checkFile() {
    m_problems->setRowCount(0);
    m_problems->hide();
    m_checkedOk = false;
    if (!m_templates || !m_templates->cardTemplate()) {
        m_checkResult->setText(tr("Choose a card template first."));
        updateButtons();
        return false;
    }
    try {
        const BatchFile f =
            BatchFile::load(m_file->text().trimmed(), *m_templates->cardTemplate(), m_generate->isChecked());
        m_checkResult->setText(
            tr("%n holder(s), no problem: the batch can be recorded.", nullptr, static_cast<int>(f.holders.size())));
        m_checkResult->setStyleSheet(QString());
        m_checkedOk = true;
    } catch (const BatchFileError& e) {
        m_checkResult->setText(tr("%n problem(s): nothing can be recorded from this file until they are corrected.",
                                  nullptr, static_cast<int>(e.problems.size())));
        m_checkResult->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_problems->setRowCount(static_cast<int>(e.problems.size()));
        for (int i = 0; i < e.problems.size(); ++i) {
            const BatchProblem& p = e.problems[i];
            auto* line = new QTableWidgetItem(p.line > 0 ? QString::number(p.line) : tr("file"));
            line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_problems->setItem(i, 0, line);
            m_problems->setItem(i, 1, new QTableWidgetItem(p.field));
            m_problems->setItem(i, 2, new QTableWidgetItem(p.message));
            m_problems->item(i, 2)->setToolTip(p.message);
        }
        m_problems->resizeColumnsToContents();
        m_problems->show();
    }
    updateButtons();
    return m_checkedOk;
}

QString BatchView::recordBatch() {
    if (!m_checkedOk || !m_templates || !m_templates->cardTemplate())
        return tr("Check the file first.");
    if (m_generate->isChecked() && m_mailers->text().trimmed().isEmpty())
        return tr("Choose the folder for the PIN mailers.");
    BatchOptions options;
    options.name = m_name->text().trimmed();
    options.generatedPins = m_generate->isChecked();
    options.pinLength = m_pinLength->value();
    options.mailerFolder = m_mailers->text().trimmed();
    QString id;
    try {
        id = m_session.batches().create(m_file->text().trimmed(), *m_templates->cardTemplate(), options);
    } catch (const BatchFileError& e) {
        checkFile(); // the file changed since it was checked: show what is wrong now
        return tr("The file has %n problem(s); nothing was recorded.", nullptr, static_cast<int>(e.problems.size()));
    } catch (const AccessDenied& e) {
        return e.text;
    } catch (const DatabaseError& e) {
        return e.text;
    }
    m_checkedOk = false;
    refresh();
    selectBatch(id);
    setStatus(tr("Batch %1 recorded: tick the readers and start it.").arg(id));
    return {};
}

void BatchView::setStatus(const QString& text, bool problem) {
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
}

QString BatchView::statusText() const {
    return m_status->text();
}

void BatchView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

} // namespace carddesk
