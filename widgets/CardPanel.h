#pragma once
// The centre of the window, as Kleopatra's smart-card view: a stack of three states — busy (reading the card),
// "insert a card" (or why there is nothing to show), and the card's views (issuance, diagnostics, e-purse) as tabs.
// The card is read with one CardSnapshot job on the PC/SC owner thread; results of stale reads are dropped.
#include "ConsoleOptions.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/CardSnapshot.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace carddesk {

class CardReaderManager;
class DiagnosticsView;
class IssuanceService;
class IssuanceView;
class PurseService;
class PurseView;
class AppService;
class AppManagerView;
struct ReaderState;

class CardPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardPanel)
public:
    enum class Page { Busy, NoCard, Card };

    CardPanel(CardReaderManager* readers, IssuanceService* issuance, PurseService* purse, const ConsoleOptions& options,
              QWidget* parent = nullptr);

    QString reader() const { return m_reader; }
    Page page() const;
    bool isReading() const { return m_reading; }
    const std::optional<CardSnapshot>& snapshot() const { return m_snapshot; }
    IssuanceView* issuanceView() const { return m_issuance; }
    DiagnosticsView* diagnosticsView() const { return m_diagnostics; }
    PurseView* purseView() const { return m_purse; }
    // Adds the application manager tab after the purse's (MainWindow owns the service).
    void setAppService(AppService* service);
    AppManagerView* appManagerView() const { return m_apps; }
    QTabWidget* tabs() const { return m_tabs; }

public slots:
    void setReader(const QString& reader);
    // Reads the card again (F5, the Refresh button, after an issuance).
    void refresh();

signals:
    // The page or the snapshot changed (the main window's "settled" test and status bar follow it).
    void stateChanged();

private:
    void onReaderState(const ReaderState& state);
    void onReaderGone(const QString& reader);
    void startRead(bool showBusyPage);
    void showNoCard();
    void updateHeader();

    CardReaderManager* m_readers;
    IssuanceService* m_issuanceService; // its key store reads what the card keeps from unauthenticated terminals
    QString m_reader;
    QByteArray m_atr;
    std::optional<ReaderState> m_seen; // the reader's last state this panel acted on
    std::optional<CardSnapshot> m_snapshot;
    bool m_reading = false;
    bool m_issuing = false;
    bool m_retried = false; // one silent retry per card: a card just inserted may still be powering up
    quint64 m_generation = 0;

    QStackedWidget* m_stack;
    QLabel* m_busyLabel;
    QLabel* m_noCardTitle;
    QLabel* m_noCardText;
    QPushButton* m_retry;
    QLabel* m_lastOutcome;       // the last issuance's outcome, kept visible once the card is taken out
    QString m_lastOutcomeReader; // the reader it happened in
    QLabel* m_header;
    QTabWidget* m_tabs;
    IssuanceView* m_issuance;
    DiagnosticsView* m_diagnostics;
    PurseView* m_purse;
    AppManagerView* m_apps = nullptr;
};

} // namespace carddesk
