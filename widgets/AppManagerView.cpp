#include "AppManagerView.h"

#include "NvmMapWidget.h"

#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace carddesk {

namespace {

QPushButton* button(const QString& text, const char* name, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    return b;
}

QLineEdit* fileEdit(const char* name, const QString& placeholder, QWidget* parent) {
    auto* e = new QLineEdit(parent);
    e->setObjectName(QLatin1String(name));
    e->setPlaceholderText(placeholder);
    return e;
}

QByteArray readFile(const QString& path, QString& error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = AppManagerView::tr("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    return f.readAll();
}

} // namespace

AppManagerView::AppManagerView(AppService* service, QWidget* parent) : QWidget(parent), m_service(service) {
    setObjectName(QStringLiteral("appManagerView"));

    auto* registryBox = new QGroupBox(tr("Installed applications"), this);
    registryBox->setObjectName(QStringLiteral("appRegistryBox"));
    m_summary = new QLabel(registryBox);
    m_summary->setObjectName(QStringLiteral("appSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_refresh = button(tr("&Read applications"), "appRefreshButton", registryBox);
    m_table = new QTableWidget(0, 6, registryBox);
    m_table->setObjectName(QStringLiteral("appTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("AID"), tr("Version"), tr("Code (B)"), tr("Data (B)"), tr("Config (B)"), tr("DF range")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_map = new NvmMapWidget(registryBox);
    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refresh);
    auto* registry = new QVBoxLayout(registryBox);
    registry->addLayout(top);
    registry->addWidget(m_table, 1);
    registry->addWidget(new QLabel(tr("Card memory (NVM):"), registryBox));
    registry->addWidget(m_map);

    auto* pushBox = new QGroupBox(tr("Install or delete"), this);
    pushBox->setObjectName(QStringLiteral("appPushBox"));
    m_package = fileEdit("appPackageEdit", tr("install package (.cdapp): certificate + unit, or unit only"), pushBox);
    m_installCert = fileEdit("appInstallCertEdit", tr("separate install certificate (optional)"), pushBox);
    m_install = button(tr("&Install"), "appInstallButton", pushBox);
    m_deleteCert = fileEdit("appDeleteCertEdit", tr("delete certificate (.cddel)"), pushBox);
    m_delete = button(tr("&Delete"), "appDeleteButton", pushBox);
    m_progress = new QProgressBar(pushBox);
    m_progress->setObjectName(QStringLiteral("appProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("block %v of %m"));
    m_result = new QLabel(pushBox);
    m_result->setObjectName(QStringLiteral("appResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    auto row = [&](QLineEdit* edit, const char* name, const QString& filter) {
        auto* h = new QHBoxLayout;
        h->addWidget(edit, 1);
        auto* b = button(tr("Browse…"), name, pushBox);
        connect(b, &QPushButton::clicked, this, [this, edit, filter] { browse(edit, filter); });
        h->addWidget(b);
        return h;
    };
    // Buttons at their natural width, right under the field they act on.
    auto left = [](QPushButton* b) {
        auto* h = new QHBoxLayout;
        h->addWidget(b);
        h->addStretch();
        return h;
    };
    auto* push = new QFormLayout(pushBox);
    push->addRow(tr("Package:"), row(m_package, "appPackageBrowse", tr("Install packages (*.cdapp);;All files (*)")));
    push->addRow(tr("Certificate:"),
                 row(m_installCert, "appInstallCertBrowse", tr("Certificates (*.cdcert *.cdapp);;All files (*)")));
    push->addRow(QString(), left(m_install));
    push->addRow(tr("Delete certificate:"),
                 row(m_deleteCert, "appDeleteCertBrowse", tr("Delete certificates (*.cddel);;All files (*)")));
    push->addRow(QString(), left(m_delete));
    push->addRow(tr("Progress:"), m_progress);
    push->addRow(m_result);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(registryBox, 1);
    layout->addWidget(pushBox);

    connect(m_refresh, &QPushButton::clicked, this, &AppManagerView::refresh);
    connect(m_install, &QPushButton::clicked, this, &AppManagerView::install);
    connect(m_delete, &QPushButton::clicked, this, &AppManagerView::remove);
    for (auto* e : {m_package, m_deleteCert})
        connect(e, &QLineEdit::textChanged, this, &AppManagerView::updateButtons);
    connect(m_service, &AppService::busyChanged, this, &AppManagerView::updateButtons);
    connect(m_service, &AppService::progress, this, [this](int block, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(block);
    });
    showState();
}

void AppManagerView::setCard(const QString& reader, const QString& cardNumber) {
    const bool same = reader == m_reader && cardNumber == m_cardNumber;
    m_reader = reader;
    m_cardNumber = cardNumber;
    if (!same) {
        m_state = AppCardState{};
        m_result->clear();
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
    showState();
    if (!cardNumber.isEmpty())
        refresh();
}

void AppManagerView::refresh() {
    if (m_reader.isEmpty() || m_cardNumber.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_summary->setText(tr("Reading the application registry…"));
    m_service->read(m_reader).then(this, [this, generation](const AppCardState& s) {
        if (generation != m_generation)
            return; // another card, or a newer read
        m_state = s;
        showState();
        emit stateChanged();
    });
}

void AppManagerView::install() {
    QString error;
    QByteArray message;
    // A separate certificate goes in front of the unit: the card expects E1 ‖ E2.
    if (!m_installCert->text().trimmed().isEmpty())
        message = readFile(m_installCert->text().trimmed(), error);
    if (error.isEmpty())
        message += readFile(m_package->text().trimmed(), error);
    if (!error.isEmpty()) {
        m_result->setText(error);
        return;
    }
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_result->setText(tr("Installing…"));
    m_result->setToolTip(QString());
    m_service->install(m_reader, message).then(this, [this](const AppOperationResult& r) {
        showResult(r, tr("Installed in registry record %1 (%2 blocks).").arg(r.slot).arg(r.blocks));
    });
}

void AppManagerView::remove() {
    QString error;
    const QByteArray cert = readFile(m_deleteCert->text().trimmed(), error);
    if (!error.isEmpty()) {
        m_result->setText(error);
        return;
    }
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_result->setText(tr("Deleting…"));
    m_result->setToolTip(QString());
    m_service->remove(m_reader, cert).then(this, [this](const AppOperationResult& r) {
        showResult(r, tr("Application deleted."));
    });
}

void AppManagerView::showResult(const AppOperationResult& r, const QString& done) {
    m_result->setText(r.ok ? done : r.error);
    m_result->setToolTip(r.ok ? QString() : r.errorDetail); // the PC/SC code, for a technician
    m_result->setProperty("outcome", r.ok ? QStringLiteral("ok") : QStringLiteral("refused"));
    m_last = r;
    ++m_finished;
    emit operationFinished(r);
    refresh();
}

QString AppManagerView::browse(QLineEdit* edit, const QString& filter) {
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text(), filter);
    if (!path.isEmpty())
        edit->setText(path);
    return path;
}

void AppManagerView::showState() {
    m_table->setRowCount(0);
    m_summary->setToolTip(!m_cardNumber.isEmpty() && !m_state.ok() ? m_state.errorDetail : QString());
    if (m_cardNumber.isEmpty()) {
        m_summary->setText(tr("Insert an issued card to see its applications."));
    } else if (!m_state.ok()) {
        m_summary->setText(m_state.error);
    } else if (m_state.nvmTotal > 0) {
        m_summary->setText(
            tr("Card %1: %n application(s); %2 of %3 bytes of NVM free.", nullptr, int(m_state.apps.size()))
                .arg(m_cardNumber)
                .arg(m_state.nvmFree)
                .arg(m_state.nvmTotal));
    }
    for (const auto& a : m_state.apps) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{
            QString::fromLatin1(a.aid.toHex().toUpper()),
            QStringLiteral("%1.%2").arg(a.version >> 8).arg(a.version & 0xFF),
            QString::number(a.codeLength),
            QString::number(a.dataLength),
            QString::number(a.configLength),
            QStringLiteral("%1 %2–%3").arg(QString::number(a.dfFid, 16).toUpper()).arg(a.dfStart).arg(a.dfEnd)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 2 && c <= 4)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, c, item);
        }
    }
    m_map->setState(m_state);
    updateButtons();
}

void AppManagerView::updateButtons() {
    const bool card = !m_cardNumber.isEmpty() && !m_service->isBusy();
    m_refresh->setEnabled(card);
    m_install->setEnabled(card && !m_package->text().trimmed().isEmpty());
    m_delete->setEnabled(card && !m_deleteCert->text().trimmed().isEmpty());
}

} // namespace carddesk
