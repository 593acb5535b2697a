#pragma once
// The PC/SC owner thread of CardReaderManager. It owns the PC/SC context (of the Qt-free core, link/) and makes
// every pcsc-lite call except SCardCancel, which other threads use (as pcsc-lite intends) to interrupt its
// SCardGetStatusChange wait when a job arrives or the manager stops. Reader state is kept here under a mutex so that
// the facade can answer queries from any thread.
#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/link/Context.h"

#include <QDeadlineTimer>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <exception>
#include <optional>
#include <vector>

namespace carddesk {

class PcscWorker final : public QObject {
    Q_OBJECT
public:
    using Completion = std::function<void(const QVariant&, std::exception_ptr)>;

    explicit PcscWorker(TraceLog* trace);
    ~PcscWorker() override;

    void startThread(bool usePcsc);
    void stopThread();
    bool isRunning() const;
    bool isOwnerThread() const;
    bool waitForReady(int timeoutMs) const;

    ServiceStatus serviceStatus() const;
    QString serviceMessage() const;
    QList<ReaderState> readers() const;

    void enqueue(const QString& reader, CardReaderManager::Job job, Completion done);

    void addLocalReader(const QString& name);
    void removeLocalReader(const QString& name);
    void insertLocalCard(const QString& reader, const QByteArray& atr, CardReaderManager::LocalExchange exchange);
    void removeLocalCard(const QString& reader);

signals:
    void readerAdded(const QString& reader);
    void readerRemoved(const QString& reader);
    void cardInserted(const QString& reader, const QByteArray& atr);
    void cardRemoved(const QString& reader);
    void readerStateChanged(const carddesk::ReaderState& state);
    void serviceStatusChanged(carddesk::ServiceStatus status, const QString& message);

private:
    struct PendingJob {
        QString reader;
        CardReaderManager::Job job;
        Completion done;
    };
    struct LocalCard {
        bool present = false;
        QByteArray atr;
        CardReaderManager::LocalExchange exchange;
    };
    // A question to a card about its life cycle, due at `due`; `attempt` 1 is the one retry.
    struct Probe {
        QDeadlineTimer due;
        int attempt = 0;
    };

    void loop();
    bool establish();
    void releaseContext();
    void refreshReaderList();
    void waitForEvents(DWORD timeoutMs);
    void runJobs();
    QVariant runJob(const PendingJob& job);
    void idle(int timeoutMs);
    void wake();
    bool stopping() const;
    void setService(ServiceStatus status, const QString& message);
    void markReady();
    // Records a reader's new state and emits the matching signals (from whichever thread calls it).
    void updateReader(const ReaderState& state);
    void dropReader(const QString& name);
    // The card's life cycle (issue 11): asked with GET DATA 0104 on this thread, the ATR's until it answers and
    // when it does not. requestProbe may be called from any thread (local readers).
    void requestProbe(const QString& reader, int delayMs = 0, int attempt = 0);
    bool probeDueLocked() const;    // m_mutex held
    int msUntilProbeLocked() const; // m_mutex held; -1 when none is waiting
    void runProbes();
    void probe(const QString& reader, int attempt);
    // After a wait: readers another program holds, and the card of one it let go of asked again.
    void noteOtherPrograms();

    TraceLog* m_trace;
    bool m_usePcsc = true;
    QThread* m_thread = nullptr;
    QThread* m_homeThread = nullptr;

    mutable QMutex m_mutex;
    mutable QWaitCondition m_readyCondition;
    QWaitCondition m_workCondition;
    std::deque<PendingJob> m_jobs;
    QMap<QString, ReaderState> m_states;
    QMap<QString, LocalCard> m_local;
    QMap<QString, Probe> m_probes;
    ServiceStatus m_service = ServiceStatus::Stopped;
    QString m_serviceMessage;
    bool m_ready = false;
    bool m_stop = false;
    bool m_inWait = false;

    bool m_hasContext = false;
    SCARDCONTEXT m_cancelHandle = 0; // m_context's handle, for SCardCancel from other threads

    // Owner-thread only.
    std::optional<pcsc::Context> m_context;
    bool m_readersDirty = true;
    std::vector<QByteArray> m_readerNames; // UTF-8, backing the szReader pointers below
    std::vector<SCARD_READERSTATE> m_watch;
    QSet<QString> m_heldElsewhere;  // readers whose card another program was seen holding
    int m_oddEstablishFailures = 0; // consecutive failures to make a context other than "no service"
};

} // namespace carddesk
