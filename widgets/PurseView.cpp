#include "PurseView.h"
#include <carddesk/cardio/HexText.h>

#include "carddesk/model/PurseLogModel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtMath>

namespace carddesk {

namespace {

QLabel* valueLabel(QWidget* parent, const char* name) {
    auto* l = new QLabel(QStringLiteral("—"), parent);
    l->setObjectName(QLatin1String(name));
    l->setTextFormat(Qt::PlainText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return l;
}

} // namespace

PurseView::PurseView(PurseService* service, QWidget* parent) : QWidget(parent), m_service(service) {
    setObjectName(QStringLiteral("purseView"));

    // The purse.
    auto* summaryBox = new QGroupBox(tr("E-purse"), this);
    summaryBox->setObjectName(QStringLiteral("purseSummaryBox"));
    m_balance = valueLabel(summaryBox, "purseBalanceLabel");
    QFont big = m_balance->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_balance->setFont(big);
    m_online = valueLabel(summaryBox, "purseOnlineCounterLabel");
    m_offline = valueLabel(summaryBox, "purseOfflineCounterLabel");
    m_asn = valueLabel(summaryBox, "purseAsnLabel");
    m_aid = valueLabel(summaryBox, "purseAidLabel");
    m_refresh = new QPushButton(tr("&Read purse"), summaryBox);
    m_refresh->setObjectName(QStringLiteral("purseRefreshButton"));
    m_status = new QLabel(summaryBox);
    m_status->setObjectName(QStringLiteral("purseStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    auto* summary = new QFormLayout(summaryBox);
    summary->addRow(tr("Balance:"), m_balance);
    summary->addRow(tr("Online counter (loads):"), m_online);
    summary->addRow(tr("Offline counter (purchases):"), m_offline);
    summary->addRow(tr("Application serial (ASN):"), m_asn);
    summary->addRow(tr("Purse AID:"), m_aid);
    summary->addRow(m_status);
    summary->addRow(m_refresh);

    // Terminal operations for desks and tests.
    auto* opsBox = new QGroupBox(tr("Load or purchase (desk terminal)"), this);
    opsBox->setObjectName(QStringLiteral("purseOperationsBox"));
    m_amount = new QDoubleSpinBox(opsBox);
    m_amount->setObjectName(QStringLiteral("purseAmountSpin"));
    m_amount->setDecimals(2);
    m_amount->setRange(0.01, 20000000.0);
    m_amount->setValue(100.0);
    m_amount->setPrefix(QStringLiteral("¥ "));
    m_pinUser = new QSpinBox(opsBox);
    m_pinUser->setObjectName(QStringLiteral("pursePinUserSpin"));
    m_pinUser->setRange(1, 8);
    m_pin = new QLineEdit(opsBox);
    m_pin->setObjectName(QStringLiteral("pursePinEdit"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setPlaceholderText(tr("payment PIN (purchases)"));
    m_load = new QPushButton(tr("&Load"), opsBox);
    m_load->setObjectName(QStringLiteral("purseLoadButton"));
    m_purchase = new QPushButton(tr("&Purchase"), opsBox);
    m_purchase->setObjectName(QStringLiteral("pursePurchaseButton"));
    m_result = new QLabel(opsBox);
    m_result->setObjectName(QStringLiteral("purseResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addWidget(m_purchase);
    buttons->addStretch();
    auto* ops = new QFormLayout(opsBox);
    ops->addRow(tr("Amount:"), m_amount);
    ops->addRow(tr("User:"), m_pinUser);
    ops->addRow(tr("PIN:"), m_pin);
    ops->addRow(buttons);
    ops->addRow(m_result);

    // Proof of the last transaction.
    auto* proofBox = new QGroupBox(tr("Last transaction"), this);
    proofBox->setObjectName(QStringLiteral("purseProofBox"));
    m_prove = new QPushButton(tr("P&rove last transaction"), proofBox);
    m_prove->setObjectName(QStringLiteral("purseProveButton"));
    m_proof = new QLabel(proofBox);
    m_proof->setObjectName(QStringLiteral("purseProofLabel"));
    m_proof->setWordWrap(true);
    m_proof->setTextFormat(Qt::PlainText);
    auto* proofHint = new QLabel(tr("GET TRANSACTION PROVE returns the TAC the card made; it is checked with the "
                                    "issuer's TAC key for this card."),
                                 proofBox);
    proofHint->setWordWrap(true);
    auto* proof = new QVBoxLayout(proofBox);
    proof->addWidget(proofHint);
    proof->addWidget(m_prove, 0, Qt::AlignLeft);
    proof->addWidget(m_proof);
    proof->addStretch();

    auto* top = new QHBoxLayout;
    top->addWidget(summaryBox, 3);
    top->addWidget(opsBox, 3);
    top->addWidget(proofBox, 2);

    // The log and the chart.
    auto* logBox = new QGroupBox(tr("Transaction log (newest first)"), this);
    logBox->setObjectName(QStringLiteral("purseLogBox"));
    m_model = new PurseLogModel(this);
    m_table = new QTableView(logBox);
    m_table->setObjectName(QStringLiteral("purseLogTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_exportCsv = new QPushButton(tr("Export &CSV…"), logBox);
    m_exportCsv->setObjectName(QStringLiteral("purseExportCsvButton"));
    m_exportPdf = new QPushButton(tr("Export P&DF…"), logBox);
    m_exportPdf->setObjectName(QStringLiteral("purseExportPdfButton"));
    auto* exports = new QHBoxLayout;
    exports->addStretch();
    exports->addWidget(m_exportCsv);
    exports->addWidget(m_exportPdf);
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(m_table, 1);
    logLayout->addLayout(exports);

    m_series = new QLineSeries;
    m_series->setObjectName(QStringLiteral("purseBalanceSeries"));
    m_series->setName(tr("Balance after the record (¥)"));
    m_series->setPointsVisible(true);
    auto* chart = new QChart;
    chart->addSeries(m_series);
    chart->setTitle(tr("Balance over the log records"));
    chart->legend()->hide();
    auto* x = new QValueAxis;
    // Short (issue 11: "Record (oldest → ne…" in English): the chart's title already says what the points are.
    x->setTitleText(tr("Oldest → newest"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("Balance (¥)"));
    y->setLabelFormat(QStringLiteral("%.2f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    m_series->attachAxis(x);
    m_series->attachAxis(y);
    m_chart = new QChartView(chart, this);
    m_chart->setObjectName(QStringLiteral("purseBalanceChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumWidth(fontMetrics().averageCharWidth() * 45);
    // Qt Charts elides an axis title to the plot's width, and the plot is what the y axis's labels (as wide as the
    // largest balance) and the margins leave of the chart: the chart asks for that much more room whenever the plot
    // would be narrower than the x axis's title, which is then drawn whole in either language.
    connect(chart, &QChart::plotAreaChanged, this, [this, chart, x](const QRectF& plot) {
        const qreal beside = chart->size().width() - plot.width();
        const qreal title = QFontMetricsF(x->titleFont()).horizontalAdvance(x->titleText());
        const int needed = qCeil(beside + title) + fontMetrics().averageCharWidth() * 2;
        // Not from inside the chart's layout: the splitter gives the room once the event loop is back.
        if (needed > m_chart->minimumWidth())
            QMetaObject::invokeMethod(
                this,
                [this, needed] {
                    if (needed > m_chart->minimumWidth())
                        m_chart->setMinimumWidth(needed);
                },
                Qt::QueuedConnection);
    });

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("purseSplitter"));
    splitter->addWidget(logBox);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_refresh, &QPushButton::clicked, this, &PurseView::refresh);
    connect(m_prove, &QPushButton::clicked, this, &PurseView::proveLast);
    connect(m_load, &QPushButton::clicked, this, &PurseView::load);
    connect(m_purchase, &QPushButton::clicked, this, &PurseView::purchase);
    connect(m_exportCsv, &QPushButton::clicked, this, &PurseView::exportCsvInteractive);
    connect(m_exportPdf, &QPushButton::clicked, this, &PurseView::exportPdfInteractive);
    connect(m_service, &PurseService::busyChanged, this, &PurseView::updateButtons);
    showState();
}

void PurseView::setCard(const QString& reader, const QString& cardNumber) {
    if (reader == m_reader && cardNumber == m_cardNumber)
        return;
    m_reader = reader;
    m_cardNumber = cardNumber;
    m_state = PurseState{};
    m_result->clear();
    m_result->setToolTip(QString());
    m_proof->clear();
    m_proof->setToolTip(QString());
    m_proof->setProperty("outcome", QString());
    showState();
    if (!m_reader.isEmpty() && !m_cardNumber.isEmpty())
        refresh();
}

void PurseView::refresh() {
    if (m_reader.isEmpty() || m_cardNumber.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Reading the purse…"));
    m_service->read(m_reader).then(this, [this, generation](const PurseState& s) {
        if (generation != m_generation)
            return; // another card, or a newer read
        m_state = s;
        showState();
        emit stateChanged();
    });
}

void PurseView::showState() {
    const QLocale locale;
    const bool have = m_state.ok() && !m_state.cardNumber.isEmpty();
    m_balance->setText(have ? formatYuan(m_state.balance, locale) : QStringLiteral("—"));
    const auto counter = [](const std::optional<quint16>& c) { return c ? QString::number(*c) : QStringLiteral("—"); };
    m_online->setText(have ? counter(m_state.onlineCounter) : QStringLiteral("—"));
    m_offline->setText(have ? counter(m_state.offlineCounter) : QStringLiteral("—"));
    m_asn->setText(have ? m_state.asn : QStringLiteral("—"));
    m_aid->setText(PurseService::aidHex());
    if (m_cardNumber.isEmpty())
        m_status->setText(tr("The card is not issued: it has no purse yet."));
    else if (!m_state.ok())
        m_status->setText(m_state.error);
    else if (have)
        m_status->setText(tr("%n record(s) in the log.", nullptr, int(m_state.log.size())));
    m_status->setStyleSheet(m_state.ok() ? QString() : QStringLiteral("color: #a50e0e;"));
    // The PC/SC code behind a failed read is for a technician: the tool tip, not the sentence.
    m_status->setToolTip(m_cardNumber.isEmpty() || m_state.ok() ? QString() : m_state.errorDetail);
    m_model->setLocale(locale);
    m_model->setEntries(have ? m_state.log : QList<PurseLogEntry>{});
    updateChart();
    updateButtons();
}

void PurseView::updateChart() {
    // Oldest first, left to right; records whose balance cannot be reconstructed are left out.
    QList<QPointF> points;
    const auto& log = m_model->entries();
    for (qsizetype i = log.size() - 1; i >= 0; --i)
        if (log[i].balanceAfter >= 0)
            points.append(QPointF(double(log.size() - i), double(log[i].balanceAfter) / 100.0));
    m_series->replace(points);
    const auto axes = m_chart->chart()->axes();
    double maxY = 1.0;
    for (const QPointF& p : points)
        maxY = std::max(maxY, p.y());
    for (QAbstractAxis* axis : axes) {
        auto* value = qobject_cast<QValueAxis*>(axis);
        if (!value)
            continue;
        if (axis->orientation() == Qt::Horizontal) {
            // One tick per record (1, 2, 3…), with half a record of room on both sides for the end points.
            value->setRange(0.5, std::max<double>(double(points.size()), 1.0) + 0.5);
            value->setTickType(QValueAxis::TicksDynamic);
            value->setTickAnchor(1.0);
            value->setTickInterval(1.0);
        } else {
            value->setRange(0, maxY * 1.1);
            value->applyNiceNumbers();
        }
    }
}

void PurseView::updateButtons() {
    const bool card = !m_reader.isEmpty() && !m_cardNumber.isEmpty();
    const bool idle = !m_service->isBusy();
    m_refresh->setEnabled(card && idle);
    m_load->setEnabled(card && idle);
    m_purchase->setEnabled(card && idle);
    m_prove->setEnabled(card && idle && m_state.last.has_value());
    m_exportCsv->setEnabled(!m_model->entries().isEmpty());
    m_exportPdf->setEnabled(!m_model->entries().isEmpty());
}

void PurseView::showOutcome(QLabel* label, const QString& outcome, const QString& text, const QString& detail) {
    label->setProperty("outcome", outcome);
    label->setText(text);
    label->setToolTip(detail);
    const bool good = outcome == QLatin1String("success") || outcome == QLatin1String("proved");
    label->setStyleSheet(good ? QStringLiteral("color: #0d652d; font-weight: bold;")
                              : QStringLiteral("color: #a50e0e; font-weight: bold;"));
}

void PurseView::proveLast() {
    if (!m_service->hasIssuerKeys() && !(m_keyProvider && m_keyProvider())) {
        showOutcome(m_proof, QStringLiteral("failure"), tr("Not proved: no key store is open."));
        return;
    }
    m_proof->setText(tr("Proving…"));
    m_proof->setToolTip(QString());
    m_service->proveLast(m_reader).then(this, [this](const PurseProof& p) {
        if (!p.error.isEmpty())
            showOutcome(m_proof, QStringLiteral("failure"), p.error, p.errorDetail);
        else if (!p.available)
            showOutcome(m_proof, QStringLiteral("unavailable"), tr("The purse has no transaction to prove yet."));
        else if (p.proved)
            showOutcome(m_proof, QStringLiteral("proved"),
                        tr("Proved: %1 of %2, counter %3, TAC %4 checks with the issuer's key.")
                            .arg(PurseLogEntry::typeName(p.last.type), formatYuan(p.last.amount, QLocale()))
                            .arg(p.last.counter)
                            .arg(QString::fromLatin1(p.tac.toHex().toUpper())));
        else
            showOutcome(m_proof, QStringLiteral("not proved"),
                        tr("Not proved: the TAC %1 of the last transaction (%2, counter %3) does not check with the "
                           "issuer's key.")
                            .arg(QString::fromLatin1(p.tac.toHex().toUpper()), PurseLogEntry::typeName(p.last.type))
                            .arg(p.last.counter));
    });
}

void PurseView::load() {
    transact(PurseOperation::Load);
}

void PurseView::purchase() {
    transact(PurseOperation::Purchase);
}

void PurseView::transact(PurseOperation operation) {
    const bool isLoad = operation == PurseOperation::Load;
    const quint32 fen = quint32(qRound64(m_amount->value() * 100.0));
    if (!isLoad && m_pin->text().isEmpty()) {
        showOutcome(m_result, QStringLiteral("failure"), tr("A purchase needs the user's payment PIN."));
        m_pin->setFocus();
        return;
    }
    const QString amount = formatYuan(fen, QLocale());
    QMessageBox confirm(QMessageBox::Question, isLoad ? tr("Load the purse") : tr("Purchase from the purse"),
                        isLoad ? tr("Load %1 onto card %2 as this desk's terminal?").arg(amount, m_cardNumber)
                               : tr("Charge %1 to card %2 as this desk's terminal?").arg(amount, m_cardNumber),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    confirm.setObjectName(QStringLiteral("purseConfirmBox"));
    confirm.setDefaultButton(QMessageBox::Cancel);
    if (confirm.exec() != QMessageBox::Yes)
        return;
    if (!m_service->hasIssuerKeys() && !(m_keyProvider && m_keyProvider())) {
        showOutcome(m_result, QStringLiteral("failure"), tr("Nothing was done: no key store is open."));
        return;
    }
    PurseRequest request;
    request.reader = m_reader;
    request.operation = operation;
    request.amount = fen;
    if (!m_pin->text().isEmpty()) {
        request.pinUser = m_pinUser->value();
        request.pin = m_pin->text();
    }
    m_pin->clear(); // one PIN per transaction; it is not kept in the view
    m_result->setText(tr("Running…"));
    m_result->setToolTip(QString());
    m_service->transact(request).then(this, [this, isLoad](const PurseTransactionResult& r) {
        if (r.ok && r.tacVerified)
            showOutcome(m_result, QStringLiteral("success"),
                        (isLoad ? tr("Loaded %1. Balance %2 → %3.") : tr("Charged %1. Balance %2 → %3."))
                            .arg(formatYuan(r.amount, QLocale()), formatYuan(r.balanceBefore, QLocale()),
                                 formatYuan(r.balanceAfter, QLocale())));
        else
            showOutcome(m_result, QStringLiteral("failure"), r.error, r.errorDetail);
        refresh();
    });
}

} // namespace carddesk
