#pragma once
// The public face of card I/O: lives on the GUI (or CLI main) thread, thread-safe. One owner thread holds the
// SCARDCONTEXT and makes every pcsc-lite call: hot-plug through SCardGetStatusChange (with the
// "\\?PnP?\Notification" reader), card insertion/removal with ATR, and the jobs submitted here. Readers are
// named, never numbered: a job names the reader it wants.
//
//   CardReaderManager readers;
//   readers.start();
//   readers.submit("Virtual PCD 00 00", [](CardChannel& ch) { return QVariant::fromValue(readCardInfo(ch)); },
//                  this, [](const JobResult& r) { ... });   // callback on this object's thread
#include "carddesk/cardio/CardChannel.h"
#include "carddesk/cardio/CardError.h"

#include <carddesk/protocol/apdu/CommandSet.h>

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace carddesk {

class TraceLog;
class PcscWorker;

// Where a reader's life cycle comes from. The ATR tells the life cycle at the card's last reset only: a card
// personalised (or locked) since then still says "blank" there (issue 11). The owner thread asks the card itself
// (GET DATA 0104) when it first sees it in a PC/SC reader, after every job on it, and when another program has let
// go of it.
enum class LifeCycleSource {
    None,    // no card, or not a CardDesk card (its ATR does not say CDOS)
    Atr,     // the ATR's, until the card has answered (moments after it is seen)
    Card,    // the card's own answer
    AtrOnly, // the card was asked and did not answer: the ATR's, which may be out of date
};

struct ReaderState {
    QString name;
    bool cardPresent = false;
    QByteArray atr;         // empty when no card
    bool exclusive = false; // another program holds the card exclusively
    bool mute = false;      // a card is there but does not answer to reset
    bool local = false;     // an in-process reader (tests, simulations), not pcsc-lite
    // Insertions and removals counted by pcsc-lite: a change with the same ATR means the card was swapped.
    quint16 cardEvents = 0;
    std::optional<cdos::LifeCycle> lifeCycle; // CardDesk cards only; see lifeCycleFrom
    LifeCycleSource lifeCycleFrom = LifeCycleSource::None;
    friend bool operator==(const ReaderState&, const ReaderState&) = default;
    // The same reader and card state, whatever the life cycle says (a change of it alone is no new card).
    bool sameCardState(const ReaderState& o) const {
        return name == o.name && cardPresent == o.cardPresent && atr == o.atr && exclusive == o.exclusive &&
               mute == o.mute && local == o.local && cardEvents == o.cardEvents;
    }
};

enum class ServiceStatus {
    Starting,   // start() called, first enumeration not finished
    Running,    // pcscd reachable (there may still be no reader)
    NotRunning, // pcscd absent (SCARD_E_NO_SERVICE): retried every second
    Stopped,    // stop() called or never started
};

// What a job produced: its value, or a translated error.
struct JobResult {
    QVariant value;
    QString error;                            // empty on success; words for the operator, no PC/SC code
    QString detail;                           // technical (CardError::detail()): a tool tip, the CLI's stderr, a log
    std::optional<CardError::Kind> cardError; // set when a CardError ended the job
    quint16 sw = 0; // status word of a refused command (cdos::PersonalisationError), 0 otherwise
    bool ok() const { return error.isEmpty(); }
};

class CardReaderManager final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardReaderManager)
public:
    using Job = std::function<QVariant(CardChannel&)>;
    using LocalExchange = FunctionCardChannel::Exchange;

    // `trace` receives every exchange; when null the manager makes its own (see traceLog()).
    explicit CardReaderManager(QObject* parent = nullptr, TraceLog* trace = nullptr);
    // Cancels the owner thread's wait (SCardCancel), fails the queued jobs, joins the thread.
    ~CardReaderManager() override;

    // Starts the owner thread; without pcsc (`usePcsc` false) only local readers exist (unit tests).
    // start() and stop() are called from the thread that owns this object; everything else from any thread.
    void start(bool usePcsc = true);
    void stop();
    bool isRunning() const;
    // Blocks until the first enumeration is known (readers listed, or pcscd found absent); false on timeout.
    bool waitForReady(int timeoutMs = 5000) const;

    ServiceStatus serviceStatus() const;
    QString serviceMessage() const; // translated, e.g. "PC/SC service not running"
    QStringList readerNames() const;
    QList<ReaderState> readers() const;
    std::optional<ReaderState> reader(const QString& name) const;
    TraceLog* traceLog() const { return m_trace; }

    // Runs `job` on the owner thread with a channel to the card in `readerName`, inside a PC/SC transaction.
    // On SCARD_W_RESET_CARD the card is reconnected and the job retried once. An exception thrown by the job
    // (CardError, cdos::PersonalisationError, std::exception) is rethrown by QFuture::result().
    QFuture<QVariant> submit(const QString& readerName, Job job);
    // Same, and calls `done` on `context`'s thread when the job has finished (not called if context is gone).
    void submit(const QString& readerName, Job job, QObject* context, std::function<void(const JobResult&)> done);
    // Runs `job` and waits for it (CLI, tests). Must not be called on the owner thread.
    JobResult run(const QString& readerName, Job job);
    // Translates a caught job exception into a JobResult (used by the callbacks; public for the model layer).
    static JobResult resultFromException(std::exception_ptr error);

    // In-process readers beside pcsc-lite's: same signals, same jobs, exchanges run on the owner thread.
    // They can be added before start(); jobs run once the manager runs.
    void addLocalReader(const QString& name);
    void removeLocalReader(const QString& name);
    void insertLocalCard(const QString& readerName, const QByteArray& atr, LocalExchange exchange);
    void removeLocalCard(const QString& readerName);

signals:
    void readerAdded(const QString& reader);
    void readerRemoved(const QString& reader);
    void cardInserted(const QString& reader, const QByteArray& atr);
    void cardRemoved(const QString& reader);
    // Any change of a reader's state (presence, ATR, exclusive, mute, the card's life cycle).
    void readerStateChanged(const ReaderState& state);
    void serviceStatusChanged(carddesk::ServiceStatus status, const QString& message);

private:
    friend class PcscWorker;
    TraceLog* m_trace;
    std::unique_ptr<TraceLog> m_ownTrace;
    std::unique_ptr<PcscWorker> m_worker;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::ReaderState)
Q_DECLARE_METATYPE(carddesk::JobResult)
Q_DECLARE_METATYPE(carddesk::ServiceStatus)
