#include "KeyStoreDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace carddesk {

KeyStoreDialog::KeyStoreDialog(Opener opener, QWidget* parent) : QDialog(parent), m_opener(std::move(opener)) {
    setObjectName(QStringLiteral("keyStoreDialog"));
    setWindowTitle(tr("Open issuer keys"));

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("keyStorePathEdit"));
    m_path->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("keyStoreBrowseButton"));
    connect(browse, &QPushButton::clicked, this, &KeyStoreDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_passphrase = new QLineEdit(this);
    m_passphrase->setObjectName(QStringLiteral("keyStorePassphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    // No completion, no undo history: nothing should remember the passphrase after the dialog is gone.
    m_passphrase->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);

    auto* form = new QFormLayout;
    auto* pathLabel = new QLabel(tr("Key store &file or token:"), this);
    pathLabel->setBuddy(m_path);
    auto* passLabel = new QLabel(tr("&Passphrase or PIN:"), this);
    passLabel->setBuddy(m_passphrase);
    form->addRow(pathLabel, pathRow);
    form->addRow(passLabel, m_passphrase);

    auto* hint = new QLabel(developmentStoreHint(), this);
    hint->setObjectName(QStringLiteral("keyStoreHintLabel"));
    hint->setWordWrap(true);
    hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("keyStoreErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("keyStoreButtons"));
    m_buttons->button(QDialogButtonBox::Open)->setObjectName(QStringLiteral("keyStoreOpenButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("keyStoreCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &KeyStoreDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &KeyStoreDialog::reject);

    connect(m_path, &QLineEdit::textChanged, this, &KeyStoreDialog::updateButtons);
    connect(m_passphrase, &QLineEdit::textChanged, this, &KeyStoreDialog::updateButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    updateButtons();
}

KeyStoreDialog::~KeyStoreDialog() {
    m_passphrase->clear();
}

QString KeyStoreDialog::developmentStoreHint() {
    return tr("A token is named by its PKCS#11 URI, e.g. pkcs11:token=CardDesk%20development, and opened with its user "
              "PIN. Test desks use the development token (PIN \"carddesk-dev-pin\") or the development key store "
              "resources/keystores/development.cdks (passphrase \"carddesk-development\"), docs/keys.md. Cards "
              "issued with them are test cards; production mode refuses them.");
}

void KeyStoreDialog::setPath(const QString& path) {
    m_path->setText(path);
}

void KeyStoreDialog::setPassphrase(const QString& passphrase) {
    m_passphrase->setText(passphrase);
}

QString KeyStoreDialog::path() const {
    return m_path->text().trimmed();
}

void KeyStoreDialog::browse() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a key store"), m_path->text(),
                                                      tr("CardDesk key stores (*.cdks);;All files (*)"));
    if (!file.isEmpty())
        m_path->setText(file);
}

void KeyStoreDialog::updateButtons() {
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(!path().isEmpty() && !m_passphrase->text().isEmpty());
}

void KeyStoreDialog::accept() {
    // Opening derives the key with PBKDF2 (a fraction of a second); the wait cursor says the dialog is working.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString error = m_opener ? m_opener(path(), m_passphrase->text()) : QString();
    QApplication::restoreOverrideCursor();
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        m_passphrase->selectAll();
        m_passphrase->setFocus();
        return;
    }
    m_passphrase->clear();
    QDialog::accept();
}

} // namespace carddesk
