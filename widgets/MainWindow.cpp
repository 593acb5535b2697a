#include "MainWindow.h"

#include "PinResetDialog.h"

#include "AuditView.h"
#include "BatchView.h"
#include "CardPanel.h"
#include "DiagnosticsView.h"
#include "IdleWatcher.h"
#include "IssuanceView.h"
#include "LockScreen.h"
#include "PinResetDialog.h"
#include "PurseView.h"
#include "ReadersPanel.h"
#include "ReplayReaders.h"
#include "SupportView.h"
#include "TracePanel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/TraceLog.h"
#include "carddesk/model/AppService.h"
#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/IssuanceService.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"
#include "carddesk/model/PurseService.h"
#include "carddesk/model/SupportService.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>

// Outside any namespace, as Q_INIT_RESOURCE requires: the icons are compiled into this static library, whose
// resource object the linker would otherwise drop.
static void initCarddeskResources() {
    Q_INIT_RESOURCE(carddesk);
}

namespace carddesk {

namespace {

QIcon appIcon() {
    // PNG renderings of resources/carddesk.svg: they need no SVG plugin, which a minimal desk may lack.
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/carddesk/icons/carddesk-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace

MainWindow::MainWindow(const ConsoleOptions& options, QWidget* parent)
    : MainWindow(*new ConsoleSession, options, parent) {
    m_ownSession.reset(m_session);
}

MainWindow::MainWindow(ConsoleSession& session, const ConsoleOptions& options, QWidget* parent)
    : QMainWindow(parent), m_session(&session), m_options(options) {
    initCarddeskResources();
    setObjectName(QStringLiteral("mainWindow"));
    // The platform appends " — CardDesk" (the application display name set in main).
    setWindowTitle(tr("Card issuance and operator console"));
    setWindowIcon(appIcon());

    m_trace = &session.trace();
    m_readers = &session.readers();
    m_database = &session.database();
    if (const QString e =
            session.openDatabase(options.databasePath, options.databasePath.isEmpty() || options.createDatabase);
        !e.isEmpty())
        m_databaseError = tr("The database could not be opened: %1").arg(e);
    m_issuance = &session.issuance();
    m_issuance->setAppCaKeyPath(options.appCaKeyPath);
    m_purse = &session.purse();
    m_apps = &session.apps();

    m_readersPanel = new ReadersPanel(m_readers, this);
    m_replay = new ReplayReaders(m_readers, m_readersPanel, this);
    m_cardPanel = new CardPanel(m_readers, m_issuance, m_purse, options, this);
    m_cardPanel->setAppService(m_apps);
    if (!m_databaseError.isEmpty())
        m_cardPanel->issuanceView()->setBlockingProblem(m_databaseError);
    // Support (客服查询) sits beside the card stack, not in it: a subscriber is looked up with no card inserted.
    m_supportService = &session.support();
    m_support = new SupportView(m_supportService, this);
    // One key ring serves every view: opened here, the purse and support views have it too.
    m_support->setKeyProvider([this](bool quietly) {
        return m_session->keys().isOpen() || (!quietly && m_cardPanel->issuanceView()->openKeyStore());
    });
    m_workTabs = new QTabWidget(this);
    m_workTabs->setObjectName(QStringLiteral("workTabs"));
    m_workTabs->addTab(m_cardPanel, tr("Card"));
    m_workTabs->addTab(m_support, tr("Support"));
    // Batch issuance (批量发卡) beside the card stack: it works on many readers, not on the card shown.
    m_batch = new BatchView(session, m_cardPanel->issuanceView(), this);
    m_batch->setKeyProvider([this](bool quietly) {
        return m_session->keys().isOpen() || (!quietly && m_cardPanel->issuanceView()->openKeyStore());
    });
    m_workTabs->addTab(m_batch, tr("Batch issuance"));
    // The audit trail (审计) for admins: hidden from everyone else like every view an operator cannot use.
    m_audit = new AuditView(session.operators(), this);
    m_workTabs->addTab(m_audit, tr("Audit"));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_readersPanel);
    splitter->addWidget(m_workTabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // The readers list needs room for "CardDesk Reader B 00 01" and two short columns, the card views the rest.
    const int readersWidth = fontMetrics().horizontalAdvance(QStringLiteral("CardDesk Reader B 00 01")) * 14 / 5;
    splitter->setSizes({readersWidth, 1440 - readersWidth});
    m_readersPanel->setMinimumWidth(readersWidth * 2 / 3);
    setCentralWidget(splitter);

    m_tracePanel = new TracePanel(m_trace, Database::currentOperator(), this);
    m_traceDock = new QDockWidget(tr("APDU trace"), this);
    m_traceDock->setObjectName(QStringLiteral("traceDock"));
    m_traceDock->setWidget(m_tracePanel);
    m_traceDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                             QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, m_traceDock);

    m_pcscStatus = new QLabel(this);
    m_pcscStatus->setObjectName(QStringLiteral("pcscStatusLabel"));
    m_databaseStatus = new QLabel(this);
    m_databaseStatus->setObjectName(QStringLiteral("databaseStatusLabel"));
    m_databaseStatus->setTextFormat(Qt::PlainText);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_operatorStatus = new QLabel(this);
    m_operatorStatus->setObjectName(QStringLiteral("operatorStatusLabel"));
    m_operatorStatus->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_operatorStatus);
    statusBar()->addPermanentWidget(m_pcscStatus);
    statusBar()->addPermanentWidget(m_databaseStatus, 1);
    if (m_databaseError.isEmpty()) {
        m_databaseStatus->setText(tr("Database: %1 (%2)").arg(m_database->location(), m_database->driverName()));
    } else {
        m_databaseStatus->setText(tr("Database: not open"));
        m_databaseStatus->setToolTip(m_databaseError);
        m_databaseStatus->setStyleSheet(QStringLiteral("color: #b3261e;"));
    }

    createMenus();
    m_tracePanel->setRevealHandler([this](bool reveal) { revealTrace(reveal); });
    m_lock = new LockScreen(session.operators(), this);
    connect(m_lock, &LockScreen::logoutRequested, this, &MainWindow::logOut);
    connect(m_lock, &LockScreen::lockedChanged, this, &MainWindow::setLocked);
    m_idle = new IdleWatcher(this);
    connect(m_idle, &IdleWatcher::idle, this, &MainWindow::lockNow);
    setIdleLockInterval(options.idleLockMinutes * 60000);
    connect(&session.operators(), &OperatorSession::loggedIn, this, &MainWindow::applyOperator);
    connect(&session.operators(), &OperatorSession::loggedOut, this, &MainWindow::applyOperator);
    applyOperator();

    connect(m_readersPanel, &ReadersPanel::currentReaderChanged, m_cardPanel, &CardPanel::setReader);
    connect(m_cardPanel, &CardPanel::stateChanged, this, [this] {
        const auto& s = m_cardPanel->snapshot();
        const bool issued = s && s->reader == m_cardPanel->reader() && s->isCdos && s->cardNumber.size() == 10;
        m_support->setCard(m_cardPanel->reader(),
                           issued ? QString::fromLatin1(s->cardNumber.toHex().toUpper()) : QString());
    });
    connect(m_readers, &CardReaderManager::serviceStatusChanged, this, &MainWindow::updateServiceStatus);
    connect(m_readers, &CardReaderManager::readerAdded, this, &MainWindow::updateServiceStatus);
    connect(m_readers, &CardReaderManager::readerRemoved, this, &MainWindow::updateServiceStatus);

    resize(1440, 940);
    m_readers->start(options.usePcsc);
    updateServiceStatus();
    m_cardPanel->setReader(m_readersPanel->currentReader());
}

MainWindow::~MainWindow() {
    // Order matters: the owner thread stops before anything it reports to goes away, and the views (with their
    // models over the trace and the readers) go before the session's core objects they show.
    m_readers->stop();
    // The session logs its operator out on its way: no view to update then.
    disconnect(&m_session->operators(), nullptr, this, nullptr);
    disconnect(m_lock, nullptr, this, nullptr);
    delete m_traceDock;
    delete takeCentralWidget();
    // A session of its own goes while this window can still take the signals its objects send on their way out.
    m_ownSession.reset();
}

bool MainWindow::isSettled() const {
    return m_readers->serviceStatus() != ServiceStatus::Starting && !m_cardPanel->isReading() && !m_purse->isBusy() &&
           !m_supportService->isBusy() && !m_apps->isBusy();
}

void MainWindow::updateServiceStatus() {
    QString text;
    switch (m_readers->serviceStatus()) {
    case ServiceStatus::Starting:
        text = tr("Connecting to the PC/SC service…");
        break;
    case ServiceStatus::Running:
        text = tr("PC/SC service running · %n reader(s)", nullptr, int(m_readers->readerNames().size()));
        break;
    case ServiceStatus::NotRunning:
        text = tr("PC/SC service not running");
        break;
    case ServiceStatus::Stopped:
        text = tr("PC/SC stopped");
        break;
    }
    m_pcscStatus->setText(text);
    m_pcscStatus->setToolTip(m_readers->serviceMessage());
    const bool bad = m_readers->serviceStatus() == ServiceStatus::NotRunning;
    m_pcscStatus->setStyleSheet(bad ? QStringLiteral("color: #b3261e; font-weight: bold;") : QString());
}

void MainWindow::createMenus() {
    menuBar()->setObjectName(QStringLiteral("menuBar"));
    IssuanceView* issuance = m_cardPanel->issuanceView();

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* issue = file->addAction(tr("&Issue card"), issuance, &IssuanceView::issue);
    issue->setObjectName(QStringLiteral("issueCardAction"));
    issue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    guarded(issue, {Operation::IssueCard});
    QAction* pinReset = file->addAction(tr("&Reset PINs (lost PIN mailer)…"), this, [this] {
        auto* dialog = new PinResetDialog(*m_session, m_readersPanel->currentReader(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    pinReset->setObjectName(QStringLiteral("pinResetAction"));
    guarded(pinReset, {Operation::PinReset});
    file->addSeparator();
    QAction* keyStore = file->addAction(tr("Open &key store…"), issuance, &IssuanceView::openKeyStore);
    keyStore->setObjectName(QStringLiteral("openKeyStoreAction"));
    keyStore->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    guarded(keyStore, {Operation::IssueCard, Operation::DeskLoad, Operation::DeskPurchase, Operation::History,
                       Operation::KeyImport});
    QAction* chooseTemplate = file->addAction(tr("Choose card &template…"), issuance, &IssuanceView::chooseTemplate);
    chooseTemplate->setObjectName(QStringLiteral("chooseTemplateAction"));
    chooseTemplate->setShortcut(QKeySequence::Open);
    guarded(chooseTemplate, {Operation::IssueCard});
    QAction* saveTrace = file->addAction(tr("&Save APDU trace…"), m_tracePanel, &TracePanel::save);
    saveTrace->setObjectName(QStringLiteral("saveTraceAction"));
    saveTrace->setShortcut(QKeySequence::Save);
    guarded(saveTrace, {Operation::TraceView});
    file->addAction(guarded(m_replay->openAction(), {Operation::Diagnose}));
    file->addAction(guarded(m_replay->closeAction(), {Operation::Diagnose}));
    createSessionMenu(file);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);

    // Keyboard-only operation: every area can be reached directly.
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction* readers = view->addAction(tr("&Readers"), this, [this] { m_readersPanel->view()->setFocus(); });
    readers->setObjectName(QStringLiteral("focusReadersAction"));
    readers->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* issuanceTab = view->addAction(tr("&Issuance"), this, [this] {
        m_workTabs->setCurrentWidget(m_cardPanel);
        m_cardPanel->tabs()->setCurrentWidget(m_cardPanel->issuanceView());
        m_cardPanel->issuanceView()->focusFirstInput();
    });
    issuanceTab->setObjectName(QStringLiteral("showIssuanceAction"));
    issuanceTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    guarded(issuanceTab, {Operation::IssueCard});
    QAction* diagnostics = view->addAction(tr("Card &diagnostics"), this, [this] {
        m_workTabs->setCurrentWidget(m_cardPanel);
        m_cardPanel->tabs()->setCurrentWidget(m_cardPanel->diagnosticsView());
        m_cardPanel->diagnosticsView()->focusFirstInput();
    });
    diagnostics->setObjectName(QStringLiteral("showDiagnosticsAction"));
    diagnostics->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    guarded(diagnostics, {Operation::Diagnose});
    QAction* purse = view->addAction(tr("E-&purse"), this, [this] {
        m_workTabs->setCurrentWidget(m_cardPanel);
        m_cardPanel->tabs()->setCurrentWidget(m_cardPanel->purseView());
        m_cardPanel->purseView()->setFocus();
    });
    purse->setObjectName(QStringLiteral("showPurseAction"));
    purse->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    guarded(purse, {Operation::DeskLoad, Operation::DeskPurchase});
    QAction* support = view->addAction(tr("&Support (headend history)"), this, [this] {
        m_workTabs->setCurrentWidget(m_support);
        m_support->setFocus();
    });
    support->setObjectName(QStringLiteral("showSupportAction"));
    support->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    guarded(support, {Operation::History});
    QAction* trace = view->addAction(tr("APDU &trace"), this, [this] {
        m_traceDock->show();
        m_tracePanel->view()->setFocus();
    });
    trace->setObjectName(QStringLiteral("focusTraceAction"));
    trace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    guarded(trace, {Operation::TraceView});
    view->addSeparator();
    QAction* toggleTrace = m_traceDock->toggleViewAction();
    toggleTrace->setText(tr("Show the APDU trace &panel"));
    toggleTrace->setObjectName(QStringLiteral("toggleTraceDockAction"));
    view->addAction(toggleTrace);
    guarded(toggleTrace, {Operation::TraceView});
    QAction* refresh = view->addAction(tr("Re&fresh card"), m_cardPanel, &CardPanel::refresh);
    refresh->setObjectName(QStringLiteral("refreshCardAction"));
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = help->addAction(tr("&About CardDesk"), this, &MainWindow::about);
    about->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::about() {
    QMessageBox::about(this, tr("About CardDesk"),
                       tr("<h3>CardDesk %1</h3><p>Personalisation and operator console for smart-card based "
                          "digital-TV services: card issuance, diagnostics and a live APDU trace.</p><p>Keys and PINs "
                          "never appear in clear in traces, logs, exports or the database.</p>")
                           .arg(QApplication::applicationVersion()));
}

} // namespace carddesk
