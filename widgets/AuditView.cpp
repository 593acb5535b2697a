#include "AuditView.h"

#include "FormFields.h"

#include "carddesk/model/Database.h"
#include "carddesk/model/OperatorSession.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace carddesk {

void AuditFilterModel::setOperatorFilter(const QString& text) {
    m_operator = text.trimmed();
    invalidateRowsFilter();
}

void AuditFilterModel::setActionFilter(const QString& text) {
    m_action = text.trimmed();
    invalidateRowsFilter();
}

void AuditFilterModel::setCardFilter(const QString& text) {
    m_card = text.trimmed();
    invalidateRowsFilter();
}

void AuditFilterModel::setTimeRange(const QDateTime& from, const QDateTime& to) {
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

bool AuditFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QAbstractItemModel* m = sourceModel();
    auto text = [&](int column) { return m->index(sourceRow, column, sourceParent).data().toString(); };
    if (!m_operator.isEmpty() && !text(Operators).contains(m_operator, Qt::CaseInsensitive))
        return false;
    if (!m_action.isEmpty() && !text(Action).contains(m_action, Qt::CaseInsensitive))
        return false;
    if (!m_card.isEmpty() && !text(Card).contains(m_card, Qt::CaseInsensitive))
        return false;
    const QDateTime t = m->index(sourceRow, Time, sourceParent).data(kUtcRole).toDateTime();
    if (m_from.isValid() && t < m_from)
        return false;
    return !(m_to.isValid() && t > m_to);
}

AuditView::AuditView(OperatorSession& session, QWidget* parent) : QWidget(parent), m_session(session) {
    setObjectName(QStringLiteral("auditView"));
    auto* layout = new QVBoxLayout(this);

    auto* filters = new QHBoxLayout;
    m_operatorFilter = lineEdit(this, "auditOperatorFilter", tr("operator"));
    m_actionFilter = lineEdit(this, "auditActionFilter", tr("action"));
    m_cardFilter = lineEdit(this, "auditCardFilter", tr("card number"));
    filters->addWidget(buddyLabel(tr("&Operator:"), m_operatorFilter, this));
    filters->addWidget(m_operatorFilter, 1);
    filters->addWidget(buddyLabel(tr("A&ction:"), m_actionFilter, this));
    filters->addWidget(m_actionFilter, 1);
    filters->addWidget(buddyLabel(tr("Ca&rd:"), m_cardFilter, this));
    filters->addWidget(m_cardFilter, 1);
    m_rangeCheck = new QCheckBox(tr("&From"), this);
    m_rangeCheck->setObjectName(QStringLiteral("auditTimeRangeCheck"));
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_from->setObjectName(QStringLiteral("auditFromEdit"));
    m_to = new QDateTimeEdit(QDateTime::currentDateTime().addDays(1), this);
    m_to->setObjectName(QStringLiteral("auditToEdit"));
    for (QDateTimeEdit* e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        e->setEnabled(false);
        connect(e, &QDateTimeEdit::dateTimeChanged, this, &AuditView::applyFilters);
    }
    filters->addWidget(m_rangeCheck);
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    layout->addLayout(filters);
    connect(m_rangeCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyFilters();
    });
    for (QLineEdit* e : {m_operatorFilter, m_actionFilter, m_cardFilter})
        connect(e, &QLineEdit::textChanged, this, &AuditView::applyFilters);

    m_model = new QStandardItemModel(0, AuditFilterModel::ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("#"), tr("Time"), tr("Operators"), tr("Role"), tr("Action"), tr("Card"), tr("Result"), tr("Detail")});
    m_filter = new AuditFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);

    auto* bar = new QHBoxLayout;
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("auditCountLabel"));
    m_verify = new QLabel(this);
    m_verify->setObjectName(QStringLiteral("auditVerifyLabel"));
    m_verify->setTextFormat(Qt::PlainText);
    m_verify->setWordWrap(true);
    auto* refresh = new QPushButton(tr("Re&load"), this);
    refresh->setObjectName(QStringLiteral("auditReloadButton"));
    auto* verifyButton = new QPushButton(tr("&Verify chain"), this);
    verifyButton->setObjectName(QStringLiteral("auditVerifyButton"));
    auto* csv = new QPushButton(tr("Export &CSV…"), this);
    csv->setObjectName(QStringLiteral("auditExportCsvButton"));
    auto* json = new QPushButton(tr("Export &JSON…"), this);
    json->setObjectName(QStringLiteral("auditExportJsonButton"));
    bar->addWidget(m_count);
    bar->addWidget(m_verify, 1);
    bar->addWidget(refresh);
    bar->addWidget(verifyButton);
    bar->addWidget(csv);
    bar->addWidget(json);
    layout->addLayout(bar);
    connect(refresh, &QPushButton::clicked, this, &AuditView::reload);
    connect(verifyButton, &QPushButton::clicked, this, &AuditView::verify);
    connect(csv, &QPushButton::clicked, this, [this] { exportAs(AuditFormat::Csv); });
    connect(json, &QPushButton::clicked, this, [this] { exportAs(AuditFormat::Json); });
}

QString AuditView::verifyText() const {
    return m_verify->text();
}

void AuditView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    reload();
}

void AuditView::applyFilters() {
    m_filter->setOperatorFilter(m_operatorFilter->text());
    m_filter->setActionFilter(m_actionFilter->text());
    m_filter->setCardFilter(m_cardFilter->text());
    if (m_rangeCheck->isChecked())
        m_filter->setTimeRange(m_from->dateTime().toUTC(), m_to->dateTime().toUTC());
    else
        m_filter->setTimeRange({}, {});
    m_count->setText(tr("%1 of %n row(s)", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
}

void AuditView::reload() {
    m_model->removeRows(0, m_model->rowCount());
    if (!m_session.isLoggedIn() || !m_session.allowed(Operation::AuditReview))
        return applyFilters();
    QList<AuditEntry> rows;
    try {
        rows = m_session.auditTrail();
    } catch (const AccessDenied& e) {
        m_verify->setText(e.text);
    } catch (const DatabaseError& e) {
        m_verify->setText(e.text);
    }
    for (const AuditEntry& e : std::as_const(rows)) {
        auto* time = new QStandardItem(e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        time->setData(e.time, AuditFilterModel::kUtcRole);
        auto* seq = new QStandardItem;
        seq->setData(e.id, Qt::DisplayRole);
        // Roles and actions in the operator's language; the stored English id stays in the tooltip (what the CLI
        // export and the chain hold).
        auto* role = new QStandardItem(displayRoles(e.role));
        role->setToolTip(e.role);
        auto* action = new QStandardItem(displayAction(e.action));
        action->setToolTip(e.action);
        m_model->appendRow({seq, time, new QStandardItem(e.operators), role, action, new QStandardItem(e.card),
                            new QStandardItem(e.result), new QStandardItem(e.detail)});
        m_model->item(m_model->rowCount() - 1, AuditFilterModel::Detail)->setToolTip(e.detail);
    }
    m_view->resizeColumnsToContents();
    applyFilters();
}

QString AuditView::displayRoles(const QString& stored) {
    QStringList names;
    for (const QString& id : stored.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto role = Access::roleFromId(id.trimmed());
        names << (role ? Access::roleName(*role) : id);
    }
    return names.join(tr(", "));
}

QString AuditView::displayAction(const QString& stored) {
    if (const auto op = Access::operationFromId(stored))
        return Access::operationName(*op);
    // Actions written beside the operations of the role table: logins and the steps of a batch (BatchService).
    static const char* const kActions[][2] = {
        {"login", QT_TR_NOOP("log in")},
        {"logout", QT_TR_NOOP("log out")},
        {"batch create", QT_TR_NOOP("record batch")},
        {"batch start", QT_TR_NOOP("start batch")},
        {"batch resume", QT_TR_NOOP("resume batch")},
        {"batch retry", QT_TR_NOOP("retry failed rows")},
        {"batch paused", QT_TR_NOOP("batch paused")},
        {"batch finished", QT_TR_NOOP("batch finished")},
        {"batch cancelled", QT_TR_NOOP("batch cancelled")},
        {"record interrupted issuance", QT_TR_NOOP("record interrupted issuance")},
    };
    for (const auto& a : kActions)
        if (stored == QLatin1String(a[0]))
            return tr(a[1]);
    return stored;
}

void AuditView::verify() {
    try {
        const AuditVerification v = m_session.verifyAudit();
        m_verify->setStyleSheet(v.valid ? QStringLiteral("color: #1b5e20;") : QStringLiteral("color: #b3261e;"));
        m_verify->setText(v.valid ? tr("Chain intact, %n row(s).", nullptr, int(v.rows))
                                  : tr("Chain broken at row %1: %2").arg(v.brokenRow).arg(v.reason));
    } catch (const AccessDenied& e) {
        m_verify->setText(e.text);
    } catch (const DatabaseError& e) {
        m_verify->setText(e.text);
    }
}

QString AuditView::exportTo(const QString& path, AuditFormat format) {
    QByteArray data;
    try {
        data = m_session.exportAudit(format);
    } catch (const AccessDenied& e) {
        return e.text;
    } catch (const DatabaseError& e) {
        return e.text;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

void AuditView::exportAs(AuditFormat format) {
    const bool csv = format == AuditFormat::Csv;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit trail"),
                                                      csv ? QStringLiteral("audit.csv") : QStringLiteral("audit.json"),
                                                      csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    const QString error = exportTo(path, format);
    m_verify->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b3261e;"));
    m_verify->setText(error.isEmpty() ? tr("Exported to %1").arg(QDir::toNativeSeparators(path)) : error);
}

} // namespace carddesk
