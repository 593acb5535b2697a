#include "LoginDialog.h"

#include "FormFields.h"

#include "carddesk/model/Database.h"
#include "carddesk/model/OperatorSession.h"
#include "carddesk/model/OperatorStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace carddesk {

namespace {

QLineEdit* passwordEdit(QWidget* parent, const char* name) {
    auto* e = new QLineEdit(parent);
    e->setObjectName(QLatin1String(name));
    e->setEchoMode(QLineEdit::Password);
    return e;
}

} // namespace

LoginDialog::LoginDialog(OperatorSession& session, QWidget* parent)
    : QDialog(parent), m_session(session),
      m_firstAdmin(session.database().isOpen() && OperatorStore(session.database()).isEmpty()) {
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(m_firstAdmin ? tr("Create the first administrator") : tr("Operator login"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("loginIntroLabel"));
    intro->setWordWrap(true);
    intro->setText(m_firstAdmin ? tr("This desk has no operator yet. Create its first administrator: it then adds the "
                                     "desk's operators and their roles.")
                                : tr("Log in with your operator name and password. Every action is recorded in the "
                                     "audit trail under your name."));
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_name = lineEdit(this, "loginNameEdit", tr("operator name"));
    m_name->setClearButtonEnabled(false);
    m_password = passwordEdit(this, "loginPasswordEdit");
    form->addRow(buddyLabel(tr("&Operator:"), m_name, this), m_name);
    form->addRow(buddyLabel(tr("&Password:"), m_password, this), m_password);
    if (m_firstAdmin) {
        m_password->setPlaceholderText(tr("at least %n characters", nullptr, OperatorStore::kMinPasswordLength));
        m_repeat = passwordEdit(this, "loginRepeatEdit");
        m_repeat->setPlaceholderText(tr("the same again"));
        form->addRow(buddyLabel(tr("&Repeat:"), m_repeat, this), m_repeat);
        auto* rule = new QLabel(tr("Passwords have at least %n characters and differ from the name.", nullptr,
                                   OperatorStore::kMinPasswordLength),
                                this);
        rule->setObjectName(QStringLiteral("loginPasswordRuleLabel"));
        rule->setWordWrap(true);
        form->addRow(rule);
    }
    layout->addLayout(form);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("loginButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_firstAdmin ? tr("&Create and log in") : tr("&Log in"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    if (!session.database().isOpen()) {
        m_error->setText(tr("The database is not open: nobody can log in."));
        m_error->show();
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    }
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_name->setFocus();
}

LoginDialog::~LoginDialog() {
    clearPasswords();
}

QString LoginDialog::error() const {
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void LoginDialog::done(int result) {
    clearPasswords();
    QDialog::done(result);
}

void LoginDialog::clearPasswords() {
    m_password->clear();
    if (m_repeat)
        m_repeat->clear();
}

void LoginDialog::submit() {
    const QString name = m_name->text().trimmed();
    QString problem;
    if (name.isEmpty()) {
        problem = tr("Enter the operator name.");
    } else if (m_firstAdmin) {
        problem = OperatorStore::nameProblem(name);
        if (problem.isEmpty())
            problem = OperatorStore::passwordProblem(m_password->text(), name);
        if (problem.isEmpty() && m_password->text() != m_repeat->text())
            problem = tr("The two passwords differ.");
        if (problem.isEmpty()) {
            try {
                OperatorStore(m_session.database()).createFirstAdmin(name, m_password->text());
            } catch (const OperatorError& e) {
                problem = e.text;
            } catch (const DatabaseError& e) {
                problem = e.text;
            }
        }
    }
    if (problem.isEmpty()) {
        problem = m_session.login(name, m_password->text());
        // A lock-out in the desk's local time, which the operator reads off the clock on the wall.
        const auto info = problem.isEmpty() || !m_session.database().isOpen()
                              ? std::nullopt
                              : OperatorStore(m_session.database()).find(name);
        if (info && info->isLockedAt(QDateTime::currentDateTimeUtc()) && info->lockedUntil.isValid())
            problem = tr("Operator %1 is locked until %2 after %n wrong password(s) in a row; an admin can unlock "
                         "it sooner.",
                         nullptr, OperatorStore::kMaxFailures)
                          .arg(name, info->lockedUntil.toLocalTime().toString(QStringLiteral("HH:mm")));
    }
    if (problem.isEmpty()) {
        m_error->clear();
        accept();
        return;
    }
    clearPasswords();
    m_error->setText(problem);
    m_error->show();
    adjustSize(); // room for the refusal's lines
    m_password->setFocus();
}

} // namespace carddesk
