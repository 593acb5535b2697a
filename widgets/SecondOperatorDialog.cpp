#include "SecondOperatorDialog.h"

#include "FormFields.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace carddesk {

SecondOperatorDialog::SecondOperatorDialog(const QString& what, const QString& firstOperator,
                                           const QString& explanation, Approve approve, QWidget* parent)
    : QDialog(parent), m_approve(std::move(approve)) {
    setObjectName(QStringLiteral("secondOperatorDialog"));
    setWindowTitle(tr("Dual control"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("To %1, a second operator approves at this desk: another operator than %2, with "
                                "their own name and password. Both names are recorded in the audit trail.")
                                 .arg(what, firstOperator),
                             this);
    intro->setObjectName(QStringLiteral("secondOperatorIntroLabel"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);
    if (!explanation.isEmpty()) {
        auto* more = new QLabel(explanation, this);
        more->setObjectName(QStringLiteral("secondOperatorExplanationLabel"));
        more->setWordWrap(true);
        more->setTextFormat(Qt::PlainText);
        layout->addWidget(more);
    }
    auto* form = new QFormLayout;
    m_name = lineEdit(this, "secondOperatorNameEdit", tr("the second operator's name"));
    m_name->setClearButtonEnabled(false);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("secondOperatorPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(buddyLabel(tr("Second &operator:"), m_name, this), m_name);
    form->addRow(buddyLabel(tr("Its &password:"), m_password, this), m_password);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("secondOperatorErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("secondOperatorButtons"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Approve"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &SecondOperatorDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    m_name->setFocus();
}

SecondOperatorDialog::~SecondOperatorDialog() {
    m_password->clear();
}

void SecondOperatorDialog::done(int result) {
    m_password->clear();
    QDialog::done(result);
}

void SecondOperatorDialog::submit() {
    const QString name = m_name->text().trimmed();
    m_errorText = name.isEmpty() ? tr("Enter the second operator's name.") : m_approve(name, m_password->text());
    m_password->clear();
    if (m_errorText.isEmpty()) {
        accept();
        return;
    }
    m_error->setText(m_errorText);
    m_error->show();
    adjustSize(); // room for the refusal's lines
    m_password->setFocus();
}

} // namespace carddesk
