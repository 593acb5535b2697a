#include "PinResetDialog.h"

#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/PinGenerator.h"
#include "carddesk/model/PinResetService.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace carddesk {

namespace {

// "1,3" → {1, 3}; nothing for an empty text (every user); nullopt for anything else.
std::optional<QList<int>> parseUsers(const QString& text) {
    QList<int> out;
    if (text.trimmed().isEmpty())
        return out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const int u = part.trimmed().toInt(&ok);
        if (!ok || u < 1 || u > 8 || out.contains(u))
            return std::nullopt;
        out << u;
    }
    return out;
}

QStringList addressLines(const QPlainTextEdit* edit) {
    QStringList out;
    for (const QString& line : edit->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}

} // namespace

PinResetDialog::PinResetDialog(ConsoleSession& session, const QString& reader, QWidget* parent)
    : QDialog(parent), m_session(session), m_reader(reader) {
    setObjectName(QStringLiteral("pinResetDialog"));
    setMinimumWidth(560);
    setWindowTitle(tr("Reset PINs (lost PIN mailer)"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The card's users get new PINs, generated and printed only into a new PIN mailer. "
                                "The old mailer's PINs stop working. Nobody sees the new PINs on screen."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    auto* readerLabel = new QLabel(reader.isEmpty() ? tr("(no reader chosen)") : reader, this);
    readerLabel->setObjectName(QStringLiteral("pinResetReaderLabel"));
    readerLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    readerLabel->setProperty("screenMapData", true);
    form->addRow(tr("Reader:"), readerLabel);
    m_users = new QLineEdit(this);
    m_users->setObjectName(QStringLiteral("pinResetUsersEdit"));
    m_users->setPlaceholderText(tr("every user of the card"));
    m_users->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[1-8 ,]*")), m_users));
    form->addRow(tr("&Users (e.g. 1,3):"), m_users);
    m_length = new QSpinBox(this);
    m_length->setObjectName(QStringLiteral("pinResetLengthSpin"));
    m_length->setRange(PinGenerator::minLength(), PinGenerator::maxLength());
    m_length->setValue(6);
    form->addRow(tr("PIN &length:"), m_length);
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("pinResetFolderEdit"));
    m_folder->setPlaceholderText(tr("folder for the new PIN mailer"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("pinResetBrowseButton"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* folderLabel = new QLabel(tr("PIN &mailer:"), this); // a layout has no buddy of its own
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    m_address = new QPlainTextEdit(this);
    m_address->setObjectName(QStringLiteral("pinResetAddressEdit"));
    m_address->setPlaceholderText(tr("postal address, 1 to 5 lines (empty: the address of the card's batch row)"));
    m_address->setTabChangesFocus(true);
    // Five lines fit, whatever the result text below takes.
    const int lines = m_address->fontMetrics().lineSpacing();
    m_address->setMinimumHeight(lines * 4 + 12);
    m_address->setMaximumHeight(lines * 6 + 12);
    form->addRow(tr("&Address:"), m_address);
    layout->addLayout(form);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("pinResetResultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_run = m_buttons->addButton(tr("&Reset PINs and print the mailer"), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("pinResetRunButton"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PinResetDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Folder for the new PIN mailer"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    connect(m_users, &QLineEdit::textChanged, this, &PinResetDialog::updateButtons);
    connect(m_folder, &QLineEdit::textChanged, this, &PinResetDialog::updateButtons);
    connect(m_address, &QPlainTextEdit::textChanged, this, &PinResetDialog::updateButtons);
    setTabOrder(m_users, m_length);
    setTabOrder(m_length, m_folder);
    setTabOrder(m_folder, browse);
    setTabOrder(browse, m_address);
    updateButtons();
}

QString PinResetDialog::problem() const {
    if (m_reader.isEmpty())
        return tr("Choose the reader with the card first.");
    if (!parseUsers(m_users->text()))
        return tr("Users are distinct numbers 1 to 8 separated by commas, or empty for every user.");
    if (m_folder->text().trimmed().isEmpty())
        return tr("Choose the folder for the new PIN mailer.");
    if (addressLines(m_address).size() > 5)
        return tr("The address has at most 5 lines.");
    return {};
}

void PinResetDialog::updateButtons() {
    const QString why = problem();
    m_run->setEnabled(!m_busy && why.isEmpty());
    m_run->setToolTip(why);
}

void PinResetDialog::accept() {
    if (m_busy || !problem().isEmpty())
        return;
    PinResetRequest request;
    request.reader = m_reader;
    request.users = *parseUsers(m_users->text());
    request.pinLength = m_length->value();
    request.mailerFolder = m_folder->text().trimmed();
    request.address = addressLines(m_address);
    m_busy = true;
    updateButtons();
    m_result->setProperty("outcome", QString());
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Resetting the PINs of the card in %1…").arg(m_reader));
    auto* watcher = new QFutureWatcher<PinResetResult>(this);
    connect(watcher, &QFutureWatcher<PinResetResult>::finished, this, [this, watcher] {
        m_busy = false;
        showResult(watcher->result());
        watcher->deleteLater();
        updateButtons();
    });
    watcher->setFuture(m_session.pinResets().reset(request));
}

void PinResetDialog::showResult(const PinResetResult& r) {
    QStringList users;
    for (int u : r.reset)
        users << QString::number(u);
    QString text;
    if (r.ok) {
        text = tr("Card %1: new PINs for users %2. The new PIN mailer is %3 — print it and send it; the PINs are "
                  "nowhere else.")
                   .arg(r.cardNumber, users.join(QStringLiteral(", ")), r.mailer);
    } else {
        text = r.error;
        if (!r.mailer.isEmpty())
            text += QLatin1Char('\n') +
                    tr("The mailer for users %1 is %2.").arg(users.join(QStringLiteral(", ")), r.mailer);
    }
    m_result->setText(text);
    m_result->setToolTip(r.errorDetail);
    m_result->setProperty("outcome", r.ok ? QStringLiteral("success") : QStringLiteral("failure"));
    m_result->setStyleSheet(r.ok ? QString() : QStringLiteral("color: #b3261e;"));
    adjustSize(); // the outcome is read whole, never cut
}

} // namespace carddesk
