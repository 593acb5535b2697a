#include "SupportView.h"
#include <carddesk/cardio/HexText.h>

#include "SupportViewModel.h"

#include "carddesk/model/SupportService.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace carddesk {

namespace {

const QString kUrlKey = QStringLiteral("support/headendUrl");
const QString kCertKey = QStringLiteral("support/certificateFile");

QString esc(const QString& s) {
    return s.toHtmlEscaped();
}

QString line(const QString& label, const QString& value) {
    return QStringLiteral("<tr><td style=\"padding-right:12px;color:#5f6368\">%1</td><td>%2</td></tr>")
        .arg(esc(label), esc(value));
}

} // namespace

SupportView::SupportView(SupportService* service, QWidget* parent) : QWidget(parent), m_service(service) {
    setObjectName(QStringLiteral("supportView"));

    // What to look up.
    auto* lookupBox = new QGroupBox(tr("Look up"), this);
    lookupBox->setObjectName(QStringLiteral("supportLookupBox"));
    m_cardMode = new QRadioButton(tr("&Card number:"), lookupBox);
    m_cardMode->setObjectName(QStringLiteral("supportCardRadio"));
    m_cardMode->setChecked(true);
    m_subscriberMode = new QRadioButton(tr("&Subscriber number:"), lookupBox);
    m_subscriberMode->setObjectName(QStringLiteral("supportSubscriberRadio"));
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_cardMode);
    modes->addButton(m_subscriberMode);
    m_cardEdit = new QLineEdit(lookupBox);
    m_cardEdit->setObjectName(QStringLiteral("supportCardEdit"));
    m_cardEdit->setPlaceholderText(tr("20 hexadecimal digits; default: the card in the reader"));
    m_cardEdit->setMaxLength(20);
    m_subscriberEdit = new QLineEdit(lookupBox);
    m_subscriberEdit->setObjectName(QStringLiteral("supportSubscriberEdit"));
    m_subscriberEdit->setPlaceholderText(tr("for example U00000001"));
    m_subscriberEdit->setMaxLength(64);
    m_readerLabel = new QLabel(lookupBox);
    m_readerLabel->setObjectName(QStringLiteral("supportReaderLabel"));
    m_readerLabel->setTextFormat(Qt::PlainText);
    m_readerLabel->setWordWrap(true);
    m_lookUp = new QPushButton(tr("L&ook up"), lookupBox);
    m_lookUp->setObjectName(QStringLiteral("supportLookupButton"));
    m_lookUp->setDefault(true);
    m_export = new QPushButton(tr("&Export…"), lookupBox);
    m_export->setObjectName(QStringLiteral("supportExportButton"));
    auto* lookupGrid = new QFormLayout(lookupBox);
    lookupGrid->addRow(m_cardMode, m_cardEdit);
    lookupGrid->addRow(m_subscriberMode, m_subscriberEdit);
    lookupGrid->addRow(m_readerLabel);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_lookUp);
    buttons->addWidget(m_export);
    buttons->addStretch();
    lookupGrid->addRow(buttons);

    // Where the headend is.
    auto* headendBox = new QGroupBox(tr("Headend"), this);
    headendBox->setObjectName(QStringLiteral("supportHeadendBox"));
    QSettings settings;
    m_urlEdit = new QLineEdit(settings.value(kUrlKey, QStringLiteral("https://127.0.0.1:8443")).toString(), headendBox);
    m_urlEdit->setObjectName(QStringLiteral("supportUrlEdit"));
    m_certEdit = new QLineEdit(settings.value(kCertKey).toString(), headendBox);
    m_certEdit->setObjectName(QStringLiteral("supportCertEdit"));
    m_certEdit->setPlaceholderText(tr("the headend's tls-cert.pem (from its data directory)"));
    m_certBrowse = new QPushButton(tr("&Browse…"), headendBox);
    m_certBrowse->setObjectName(QStringLiteral("supportCertBrowseButton"));
    auto* certRow = new QHBoxLayout;
    certRow->addWidget(m_certEdit, 1);
    certRow->addWidget(m_certBrowse);
    m_tokenEdit = new QLineEdit(headendBox);
    m_tokenEdit->setObjectName(QStringLiteral("supportTokenEdit"));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenHint = new QLabel(headendBox);
    m_tokenHint->setObjectName(QStringLiteral("supportTokenHint"));
    m_tokenHint->setWordWrap(true);
    m_tokenHint->setText(HeadendHistoryClient::environmentHasOperatorToken()
                             ? tr("Empty: the credential from CARDDESK_HEADEND_TOKEN is used.")
                             : tr("Kept for this session only; never saved."));
    m_tokenEdit->setPlaceholderText(HeadendHistoryClient::environmentHasOperatorToken()
                                        ? tr("from the environment")
                                        : tr("your operator credential from the headend"));
    auto* headendForm = new QFormLayout(headendBox);
    headendForm->addRow(tr("&URL:"), m_urlEdit);
    auto* certLabel = new QLabel(tr("C&ertificate:"), headendBox);
    certLabel->setBuddy(m_certEdit); // a row of a layout gets no buddy by itself: the mnemonic needs one
    headendForm->addRow(certLabel, certRow);
    headendForm->addRow(tr("Operator &credential:"), m_tokenEdit);
    headendForm->addRow(QString(), m_tokenHint);

    auto* top = new QHBoxLayout;
    top->addWidget(lookupBox, 1);
    top->addWidget(headendBox, 1);

    // The outcome.
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("supportBusyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    m_busy->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("supportStatusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("supportSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_busy);
    statusRow->addWidget(m_summary);
    statusRow->addWidget(m_status, 1);

    m_model = new SupportViewModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("supportTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("supportDetail"));
    m_detail->setMinimumWidth(fontMetrics().averageCharWidth() * 40);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("supportSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(statusRow);
    layout->addWidget(splitter, 1);

    connect(m_model, &SupportTableModel::fetchFailed, this, [this](const QString& error) {
        m_status->setText(tr("The older records could not be fetched: %1").arg(error));
        m_status->setStyleSheet(QStringLiteral("color: #a50e0e;"));
    });
    connect(m_lookUp, &QPushButton::clicked, this, &SupportView::lookUp);
    connect(m_export, &QPushButton::clicked, this, &SupportView::exportInteractive);
    connect(m_certBrowse, &QPushButton::clicked, this, &SupportView::chooseCertificate);
    connect(m_cardEdit, &QLineEdit::returnPressed, this, &SupportView::lookUp);
    connect(m_subscriberEdit, &QLineEdit::returnPressed, this, &SupportView::lookUp);
    connect(m_subscriberEdit, &QLineEdit::textEdited, this, [this] { m_subscriberMode->setChecked(true); });
    connect(m_cardEdit, &QLineEdit::textEdited, this, [this] { m_cardMode->setChecked(true); });
    connect(m_service, &SupportService::busyChanged, this, &SupportView::updateControls);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SupportView::showDetail);
    m_status->setText(tr("Look up a card or a subscriber: the headend's transactions are set beside the card's "
                         "own log."));
    setCard({}, {});
}

bool SupportView::isBusy() const {
    return m_service->isBusy();
}

void SupportView::setCard(const QString& reader, const QString& cardNumber) {
    // The card field follows the reader's card unless the operator typed another number.
    const QString typed = m_cardEdit->text().trimmed().toUpper();
    if (typed.isEmpty() || typed == m_readerCard)
        m_cardEdit->setText(cardNumber);
    m_reader = reader;
    m_readerCard = cardNumber;
    if (reader.isEmpty())
        m_readerLabel->setText(tr("No reader selected: the headend's records are shown without a card's log."));
    else if (cardNumber.isEmpty())
        m_readerLabel->setText(tr("Reader %1: no issued card.").arg(reader));
    else
        m_readerLabel->setText(
            tr("Reader %1: card %2 — its log is set beside the headend's records.").arg(reader, cardNumber));
    updateControls();
}

void SupportView::updateControls() {
    const bool busy = m_service->isBusy();
    m_busy->setVisible(busy);
    m_lookUp->setEnabled(!busy);
    m_export->setEnabled(!busy && m_haveReport && m_report.hasHeadendData());
}

void SupportView::saveSettings() const {
    QSettings settings;
    settings.setValue(kUrlKey, m_urlEdit->text().trimmed());
    settings.setValue(kCertKey, m_certEdit->text().trimmed());
}

void SupportView::lookUp() {
    if (m_service->isBusy())
        return;
    if (!m_service->hasIssuerKeys() && m_keyProvider) {
        // The dialog once: a desk without the key store still sees the records, TACs unchecked.
        m_keyProvider(m_askedForKeys);
        m_askedForKeys = true;
    }
    HeadendHistoryClient& client = m_service->client();
    client.setUrl(QUrl(m_urlEdit->text().trimmed()));
    client.setCertificateFile(m_certEdit->text().trimmed());
    const QString typed = m_tokenEdit->text();
    client.setOperatorToken(typed.isEmpty() ? HeadendHistoryClient::operatorTokenFromEnvironment() : typed);
    saveSettings();

    SupportQuery query;
    query.subscriberMode = m_subscriberMode->isChecked();
    query.cardNumber = m_cardEdit->text().trimmed();
    query.subscriber = m_subscriberEdit->text().trimmed();
    // The reader's card is read whenever there is one: in subscriber mode it may be one of the subscriber's.
    query.reader = m_readerCard.isEmpty() ? QString() : m_reader;
    const quint64 generation = ++m_generation;
    m_status->setStyleSheet(QString());
    m_status->setText(query.subscriberMode ? tr("Asking the headend about subscriber %1…").arg(query.subscriber)
                                           : tr("Asking the headend about card %1…").arg(query.cardNumber));
    m_service->lookup(query).then(this, [this, generation](const SupportReport& report) {
        if (generation != m_generation)
            return;
        m_report = report;
        m_haveReport = true;
        showReport();
        emit reportChanged();
    });
    updateControls();
}

void SupportView::showReport() {
    m_model->setLocale(QLocale());
    // The first page; the table fetches the next ones as the operator scrolls to its end (issue 15).
    m_model->setRows(m_report.rows, m_report.nextCursor,
                     [this](const QString& cursor) { return m_service->morePage(cursor); });
    QStringList words;
    if (!m_report.headendError.isEmpty())
        words << m_report.headendError;
    if (!m_report.cardNote.isEmpty())
        words << m_report.cardNote;
    if (m_report.hasHeadendData() && !m_report.keysAvailable)
        words << tr("No key store is open: TACs are not checked (File → Open key store).");
    if (m_report.cardBalance)
        words << tr("Card balance: %1.").arg(formatYuan(*m_report.cardBalance, QLocale()));
    m_status->setText(words.join(QLatin1Char(' ')));
    m_status->setToolTip(m_report.cardNoteDetail); // the PC/SC code behind a failed card read, for a technician
    const bool failed = !m_report.hasHeadendData();
    m_status->setStyleSheet(failed ? QStringLiteral("color: #a50e0e;") : QString());
    m_summary->setText(m_report.hasHeadendData() ? m_report.summary() : tr("No answer from the headend."));
    m_summary->setStyleSheet(m_report.problemCount() > 0 || failed ? QStringLiteral("color: #a50e0e;")
                                                                   : QStringLiteral("color: #0d652d;"));
    m_detail->clear();
    if (!m_report.rows.isEmpty())
        m_table->selectRow(0);
    updateControls();
}

void SupportView::showDetail() {
    const int r = m_table->currentIndex().row();
    if (r < 0 || r >= m_model->rows().size()) {
        m_detail->clear();
        return;
    }
    const SupportReport::Row& row = m_model->rows()[r];
    const QLocale locale;
    QString html =
        QStringLiteral("<h3 style=\"color:%1\">%2 · %3</h3><p>%4</p><table>")
            .arg(row.isProblem() ? QStringLiteral("#a50e0e") : QStringLiteral("#0d652d"),
                 esc(SupportReport::matchName(row.match)), esc(SupportReport::tacName(row.tac)), esc(row.note));
    html += line(tr("Card"), row.cardNumber);
    html += line(tr("Kind"), SupportViewModel::kindName(row.kind));
    html += line(tr("Counter"), QString::number(row.counter));
    html += QStringLiteral("</table>");
    if (row.headend) {
        const HeadendHistory::Record& h = *row.headend;
        html += QStringLiteral("<h4>%1</h4><table>").arg(esc(tr("At the headend")));
        html += line(tr("Record"), QStringLiteral("%1 #%2").arg(SupportViewModel::kindName(h.kind)).arg(h.id));
        html += line(tr("Status"), SupportViewModel::statusName(h.status));
        html += line(tr("Amount"), formatYuan(h.amount, locale));
        if (h.balanceBefore >= 0)
            html += line(tr("Balance before"), formatYuan(h.balanceBefore, locale));
        html += line(tr("Terminal"), h.terminalId);
        if (h.terminalSerial >= 0)
            html += line(tr("Terminal serial"), QString::number(h.terminalSerial));
        html += line(tr("Date and time"), h.dateTime());
        html += line(tr("TAC"), h.tac.isEmpty() ? QStringLiteral("—") : h.tac);
        html += QStringLiteral("</table>");
    }
    if (row.card) {
        const PurseLogEntry& c = *row.card;
        html += QStringLiteral("<h4>%1</h4><table>").arg(esc(tr("On the card")));
        html += line(tr("Log record"), QString::number(c.record));
        html += line(tr("Type"), PurseLogEntry::typeName(c.type));
        html += line(tr("Amount"), formatYuan(c.amount, locale));
        if (c.balanceAfter >= 0)
            html += line(tr("Balance after"), formatYuan(c.balanceAfter, locale));
        html += line(tr("Terminal"), QString::fromLatin1(c.terminal.toHex().toUpper()));
        html += line(tr("Date and time"), c.dateTime);
        if (!row.cardTac.isEmpty())
            html += line(tr("TAC proved by the card"), row.cardTac + QStringLiteral(" (") +
                                                           (row.cardTacProved ? tr("checks") : tr("does not check")) +
                                                           QLatin1Char(')'));
        html += QStringLiteral("</table>");
    }
    m_detail->setHtml(html);
}

void SupportView::chooseCertificate() {
    const QString path = QFileDialog::getOpenFileName(this, tr("The headend's certificate"), m_certEdit->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_certEdit->setText(path);
}

QString SupportView::exportTo(const QString& path) const {
    if (!m_haveReport)
        return tr("nothing to export: look up a card or a subscriber first");
    SupportReport shown = m_report;
    shown.rows = m_model->rows(); // with the pages fetched while scrolling
    return shown.write(path);
}

void SupportView::exportInteractive() {
    const QString name = m_report.subscriberMode ? QStringLiteral("support-%1").arg(m_report.subscriber)
                                                 : QStringLiteral("support-%1").arg(m_report.cardNumber);
    QString filter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export the reconciliation"), name + QStringLiteral(".csv"),
                                                tr("CSV files (*.csv);;JSON files (*.json)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter.contains(QLatin1String("json")) ? QStringLiteral(".json") : QStringLiteral(".csv");
    if (const QString e = exportTo(path); !e.isEmpty())
        QMessageBox::warning(this, tr("Export the reconciliation"), e);
}

} // namespace carddesk
