// The main window and its operator (docs/operators.md): log in, log out, switch, the idle lock, dual control for
// the trace's secrets, the admins' dialogs, and the views, tabs and actions that follow the operator's roles.
#include "MainWindow.h"

#include "AppManagerView.h"
#include "AuditView.h"
#include "BatchView.h"
#include "CardPanel.h"
#include "DiagnosticsView.h"
#include "IdleWatcher.h"
#include "IssuanceView.h"
#include "LockScreen.h"
#include "LoginDialog.h"
#include "OperatorsDialog.h"
#include "PurseView.h"
#include "SecondOperatorDialog.h"
#include "SettingsDialog.h"
#include "SupportView.h"
#include "TracePanel.h"

#include "carddesk/cardio/TraceLog.h"
#include "carddesk/model/Access.h"
#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/OperatorSession.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

namespace carddesk {

QAction* MainWindow::guarded(QAction* action, std::initializer_list<Operation> anyOf) {
    m_guardedActions.append(std::pair<QAction*, QList<Operation>>(action, QList<Operation>(anyOf)));
    return action;
}

void MainWindow::createSessionMenu(QMenu* file) {
    file->addSeparator();
    QAction* settings = file->addAction(tr("Desk &settings…"), this, &MainWindow::showSettings);
    settings->setObjectName(QStringLiteral("settingsAction"));
    guarded(settings, {Operation::Settings});
    QAction* operators = file->addAction(tr("&Operators…"), this, &MainWindow::showOperators);
    operators->setObjectName(QStringLiteral("operatorsAction"));
    guarded(operators, {Operation::ManageOperators});
    QAction* audit = file->addAction(tr("&Audit trail"), this, [this] { m_workTabs->setCurrentWidget(m_audit); });
    audit->setObjectName(QStringLiteral("showAuditAction"));
    guarded(audit, {Operation::AuditReview});
    file->addSeparator();
    QAction* lock = file->addAction(tr("Loc&k the console"), this, &MainWindow::lockNow);
    lock->setObjectName(QStringLiteral("lockAction"));
    lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* switchOperator = file->addAction(tr("S&witch operator…"), this, &MainWindow::logOut);
    switchOperator->setObjectName(QStringLiteral("switchOperatorAction"));
    QAction* logout = file->addAction(tr("&Log out"), this, &MainWindow::logOut);
    logout->setObjectName(QStringLiteral("logoutAction"));
    for (QAction* a : {lock, switchOperator, logout})
        m_guardedActions.append(std::pair<QAction*, QList<Operation>>(a, {})); // visible whenever someone is logged in
}

void MainWindow::setIdleLockInterval(int milliseconds) {
    m_idle->setInterval(milliseconds);
}

void MainWindow::requireLogin() {
    if (findChild<LoginDialog*>())
        return;
    auto* dialog = new LoginDialog(m_session->operators(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::rejected, this, [this] {
        if (!m_session->operators().isLoggedIn())
            close();
    });
    dialog->open();
}

void MainWindow::logOut() {
    m_lock->hide();
    m_session->operators().logout();
    requireLogin();
}

void MainWindow::lockNow() {
    if (m_session->operators().isLoggedIn() && isVisible())
        m_lock->lock();
}

void MainWindow::setLocked(bool locked) {
    for (QWidget* w : {centralWidget(), static_cast<QWidget*>(m_traceDock), static_cast<QWidget*>(menuBar()),
                       static_cast<QWidget*>(statusBar())})
        w->setEnabled(!locked);
    if (locked) {
        for (QAction* a : findChildren<QAction*>())
            if (a->isEnabled() && !m_lock->isAncestorOf(qobject_cast<QWidget*>(a->parent()))) {
                a->setEnabled(false);
                m_disabledByLock << a;
            }
    } else {
        for (QAction* a : std::as_const(m_disabledByLock))
            a->setEnabled(true);
        m_disabledByLock.clear();
    }
}

void MainWindow::showSettings() {
    SettingsDialog dialog(m_session->operators(), this);
    dialog.exec();
}

void MainWindow::showOperators() {
    OperatorsDialog dialog(m_session->operators(), this);
    dialog.exec();
}

void MainWindow::revealTrace(bool reveal) {
    if (!reveal) {
        m_session->setTraceReveal(false);
        return;
    }
    SecondOperatorDialog dialog(
        Access::operationName(Operation::TraceRevealSecrets), m_session->operators().operatorName(),
        tr("PINs, key cryptograms and session keys of the exchanges recorded from now on stay in clear until "
           "\"Reveal secrets\" is turned off, which wipes them from memory."),
        [this](const QString& second, const QString& password) {
            return m_session->setTraceReveal(true, second, password);
        },
        this);
    dialog.exec();
}

void MainWindow::applyOperator() {
    OperatorSession& op = m_session->operators();
    auto may = [&](std::initializer_list<Operation> anyOf) {
        for (Operation o : anyOf)
            if (op.allowed(o))
                return true;
        return false;
    };
    for (const auto& [action, operations] : std::as_const(m_guardedActions)) {
        bool visible = op.isLoggedIn();
        if (visible && !operations.isEmpty()) {
            visible = false;
            for (Operation o : operations)
                visible = visible || op.allowed(o);
        }
        action->setVisible(visible);
    }
    QTabWidget* card = m_cardPanel->tabs();
    auto showTab = [](QTabWidget* tabs, QWidget* page, bool visible) {
        if (const int i = tabs->indexOf(page); i >= 0)
            tabs->setTabVisible(i, visible);
    };
    showTab(card, m_cardPanel->issuanceView(), may({Operation::IssueCard, Operation::BatchIssue}));
    showTab(card, m_cardPanel->diagnosticsView(), may({Operation::Diagnose}));
    showTab(card, m_cardPanel->purseView(), may({Operation::DeskLoad, Operation::DeskPurchase}));
    if (m_cardPanel->appManagerView())
        showTab(card, m_cardPanel->appManagerView(), may({Operation::AppInstall, Operation::AppDelete}));
    if (auto* load = m_cardPanel->purseView()->findChild<QPushButton*>(QStringLiteral("purseLoadButton")))
        load->setVisible(op.allowed(Operation::DeskLoad));
    if (auto* buy = m_cardPanel->purseView()->findChild<QPushButton*>(QStringLiteral("pursePurchaseButton")))
        buy->setVisible(op.allowed(Operation::DeskPurchase));
    bool anyCardTab = false;
    for (int i = 0; i < card->count(); ++i)
        anyCardTab = anyCardTab || card->isTabVisible(i);
    showTab(m_workTabs, m_cardPanel, anyCardTab);
    showTab(m_workTabs, m_support, op.allowed(Operation::History));
    showTab(m_workTabs, m_batch, op.allowed(Operation::BatchIssue));
    showTab(m_workTabs, m_audit, op.allowed(Operation::AuditReview));
    for (int i = 0; i < m_workTabs->count(); ++i)
        if (m_workTabs->isTabVisible(i) && !m_workTabs->isTabVisible(m_workTabs->currentIndex()))
            m_workTabs->setCurrentIndex(i);
    for (int i = 0; i < card->count(); ++i)
        if (card->isTabVisible(i) && !card->isTabVisible(card->currentIndex()))
            card->setCurrentIndex(i);
    m_traceDock->setVisible(op.allowed(Operation::TraceView));
    if (auto* reveal = m_tracePanel->findChild<QPushButton*>(QStringLiteral("traceRevealButton")))
        reveal->setVisible(op.allowed(Operation::TraceRevealSecrets));
    if (!op.allowed(Operation::TraceView) && m_session->trace().revealSecrets())
        m_session->setTraceReveal(false);

    if (!op.isLoggedIn()) {
        m_lock->hide();
        m_operatorStatus->setText(tr("Not logged in"));
        setWindowTitle(tr("Card issuance and operator console"));
        return;
    }
    QStringList roles;
    for (Role r : Access::roles())
        if (op.roles().testFlag(r))
            roles << Access::roleName(r);
    const QString who = tr("%1 (%2)").arg(op.operatorName(), roles.join(tr(", ", "list of roles")));
    m_operatorStatus->setText(tr("Operator: %1").arg(who));
    setWindowTitle(tr("Card issuance and operator console · %1").arg(who));
    m_idle->restart();
}

} // namespace carddesk
