#pragma once
// The console's main window: readers on the left, the card stack (issuance, diagnostics, e-purse) in the centre, the
// live APDU trace docked at the bottom, and the PC/SC service and database in the status bar. It shows one console
// session (model/ConsoleSession: trace log, reader manager, database, key ring, services) and wires it to the views.
#include "ConsoleOptions.h"

#include <QMainWindow>

#include <QList>

#include <initializer_list>
#include <memory>
#include <utility>

class QAction;
class QMenu;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace carddesk {

class CardPanel;
class CardReaderManager;
class ConsoleSession;
class Database;
class IssuanceService;
class PurseService;
class SupportService;
class SupportView;
class AppService;
class AuditView;
class BatchView;
class IdleWatcher;
class LockScreen;
enum class Operation;
class ReadersPanel;
class ReplayReaders;
class TraceLog;
class TracePanel;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // Shows `session` (opens its database from the options and starts its readers); `session` outlives the window.
    MainWindow(ConsoleSession& session, const ConsoleOptions& options, QWidget* parent = nullptr);
    // The same over a session of its own (tests, embedding).
    explicit MainWindow(const ConsoleOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // True once the first reader enumeration is known and no card read is under way: what --screenshot and the
    // tests wait for.
    bool isSettled() const;

    // The session shown (its operator logs in through session()->operators(); docs/operators.md).
    ConsoleSession* session() const { return m_session; }
    CardReaderManager* readers() const { return m_readers; }
    TraceLog* traceLog() const { return m_trace; }
    Database* database() const { return m_database; }
    IssuanceService* issuanceService() const { return m_issuance; }
    PurseService* purseService() const { return m_purse; }
    AppService* appService() const { return m_apps; }
    ReadersPanel* readersPanel() const { return m_readersPanel; }
    // Saved traces opened as readers (File ▸ Open trace as replay reader…, issue 14).
    ReplayReaders* replayReaders() const { return m_replay; }
    CardPanel* cardPanel() const { return m_cardPanel; }
    SupportService* supportService() const { return m_supportService; }
    SupportView* supportView() const { return m_support; }
    // The centre's tabs: the card (CardPanel) and support (SupportView).
    QTabWidget* workTabs() const { return m_workTabs; }
    TracePanel* tracePanel() const { return m_tracePanel; }
    // Admins' audit trail (a tab of workTabs()), the idle lock screen, and its interval (tests: milliseconds).
    AuditView* auditView() const { return m_audit; }
    // Batch issuance (a tab of workTabs(), operators who may batch-issue).
    BatchView* batchView() const { return m_batch; }
    LockScreen* lockScreen() const { return m_lock; }
    void setIdleLockInterval(int milliseconds); // 0: never locks

public slots:
    // The operator (docs/operators.md, MainWindowSession.cpp): the login dialog over the window (quits when it is
    // cancelled with nobody logged in), log out (then the login dialog again), and the lock screen now.
    void requireLogin();
    void logOut();
    void lockNow();
    void showSettings();
    void showOperators();

private:
    void createMenus();
    void updateServiceStatus();
    void about();
    // Views, tabs and actions follow the logged-in operator's roles: what it cannot use is hidden.
    void applyOperator();
    void revealTrace(bool reveal);
    // Locked: nothing under the lock screen takes input, not even a shortcut; unlocked: as it was.
    void setLocked(bool locked);
    void createSessionMenu(QMenu* file);
    QAction* guarded(QAction* action, std::initializer_list<Operation> anyOf);

    std::unique_ptr<ConsoleSession> m_ownSession; // only when no session was given; destroyed after the views
    ConsoleSession* m_session;
    ConsoleOptions m_options;
    TraceLog* m_trace;
    CardReaderManager* m_readers;
    Database* m_database;
    IssuanceService* m_issuance;
    PurseService* m_purse;
    AppService* m_apps;
    QString m_databaseError;

    ReadersPanel* m_readersPanel;
    ReplayReaders* m_replay;
    CardPanel* m_cardPanel;
    SupportService* m_supportService;
    SupportView* m_support;
    QTabWidget* m_workTabs;
    TracePanel* m_tracePanel;
    QDockWidget* m_traceDock;
    QLabel* m_pcscStatus;
    QLabel* m_databaseStatus;
    QLabel* m_operatorStatus;
    AuditView* m_audit;
    BatchView* m_batch;
    LockScreen* m_lock;
    IdleWatcher* m_idle;
    QList<std::pair<QAction*, QList<Operation>>> m_guardedActions;
    QList<QAction*> m_disabledByLock;
};

} // namespace carddesk
