#include "PcscWorker.h"

#include "PcscChannel.h"
#include "PcscWorkerDetail.h"

#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/TraceLog.h"

#include <carddesk/protocol/perso/Personaliser.h>

#include <pcsclite.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QLoggingCategory>

namespace carddesk {

namespace {

// The technical detail of failed jobs (PC/SC codes), off by default: QT_LOGGING_RULES="carddesk.cardio.info=true".
Q_LOGGING_CATEGORY(lcCardIo, "carddesk.cardio", QtWarningMsg)

} // namespace

using namespace pcsc_worker;

PcscWorker::PcscWorker(TraceLog* trace) : m_trace(trace) {}

PcscWorker::~PcscWorker() {
    stopThread();
}

void PcscWorker::startThread(bool usePcsc) {
    QMutexLocker lock(&m_mutex);
    if (m_thread)
        return;
    m_usePcsc = usePcsc;
    m_stop = false;
    m_ready = false;
    m_homeThread = thread();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("carddesk-pcsc"));
    moveToThread(m_thread);
    connect(m_thread, &QThread::started, this, &PcscWorker::loop, Qt::DirectConnection);
    m_service = ServiceStatus::Starting;
    m_thread->start();
}

void PcscWorker::stopThread() {
    QThread* thread = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread)
            return;
        m_stop = true;
        thread = m_thread;
    }
    wake();
    // The loop runs from QThread::started; quit() makes the thread's own event loop end as soon as it returns.
    thread->quit();
    thread->wait();
    {
        QMutexLocker lock(&m_mutex);
        m_thread = nullptr;
    }
    delete thread;
}

bool PcscWorker::isRunning() const {
    QMutexLocker lock(&m_mutex);
    return m_thread != nullptr && !m_stop;
}

bool PcscWorker::isOwnerThread() const {
    QMutexLocker lock(&m_mutex);
    return m_thread && QThread::currentThread() == m_thread;
}

bool PcscWorker::waitForReady(int timeoutMs) const {
    QMutexLocker lock(&m_mutex);
    QDeadlineTimer deadline(timeoutMs);
    while (!m_ready) {
        if (!m_readyCondition.wait(&m_mutex, deadline))
            return m_ready;
    }
    return true;
}

ServiceStatus PcscWorker::serviceStatus() const {
    QMutexLocker lock(&m_mutex);
    return m_service;
}

QString PcscWorker::serviceMessage() const {
    QMutexLocker lock(&m_mutex);
    return m_serviceMessage;
}

QList<ReaderState> PcscWorker::readers() const {
    QMutexLocker lock(&m_mutex);
    return m_states.values();
}

bool PcscWorker::stopping() const {
    QMutexLocker lock(&m_mutex);
    return m_stop;
}

void PcscWorker::wake() {
    // SCardCancel is the one pcsc-lite call made from another thread: it exists to interrupt
    // SCardGetStatusChange. A cancel that arrives just before the wait really starts is lost, so it is repeated
    // (for a few milliseconds at most) until the owner thread has left its wait; the wait's timeout is the
    // last resort.
    for (int attempt = 0; attempt < 40; ++attempt) {
        SCARDCONTEXT context = 0;
        {
            QMutexLocker lock(&m_mutex);
            m_workCondition.wakeAll();
            if (!m_inWait || !m_hasContext || (m_jobs.empty() && !m_stop && !probeDueLocked()))
                return;
            context = m_cancelHandle;
        }
        pcsc::Context::cancel(context);
        QThread::usleep(250);
    }
}

void PcscWorker::enqueue(const QString& reader, CardReaderManager::Job job, Completion done) {
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread || m_stop) {
            lock.unlock();
            done({}, std::make_exception_ptr(CardError(CardError::Kind::Cancelled,
                                                       CardError::tr("the card reader manager is not running"))));
            return;
        }
        m_jobs.push_back({reader, std::move(job), std::move(done)});
    }
    wake();
}

void PcscWorker::setService(ServiceStatus status, const QString& message) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_service == status && m_serviceMessage == message)
            return;
        m_service = status;
        m_serviceMessage = message;
    }
    emit serviceStatusChanged(status, message);
}

void PcscWorker::markReady() {
    QMutexLocker lock(&m_mutex);
    if (!m_ready) {
        m_ready = true;
        m_readyCondition.wakeAll();
    }
}

void PcscWorker::updateReader(const ReaderState& state) {
    bool added = false;
    ReaderState old;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_states.find(state.name);
        added = it == m_states.end();
        if (!added) {
            old = *it;
            if (old == state)
                return;
        }
        m_states.insert(state.name, state);
    }
    if (added)
        emit readerAdded(state.name);
    const bool swapped = old.cardPresent && state.cardPresent &&
                         (old.atr != state.atr || (!added && old.cardEvents != state.cardEvents));
    if (old.cardPresent && (!state.cardPresent || swapped))
        emit cardRemoved(state.name);
    if (state.cardPresent && (!old.cardPresent || swapped))
        emit cardInserted(state.name, state.atr);
    emit readerStateChanged(state);
}

void PcscWorker::dropReader(const QString& name) {
    ReaderState old;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_states.find(name);
        if (it == m_states.end())
            return;
        old = *it;
        m_states.erase(it);
    }
    if (old.cardPresent)
        emit cardRemoved(name);
    emit readerRemoved(name);
}

void PcscWorker::addLocalReader(const QString& name) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_local.contains(name))
            return;
        m_local.insert(name, LocalCard{});
    }
    updateReader(ReaderState{name, false, {}, false, false, true});
}

void PcscWorker::removeLocalReader(const QString& name) {
    {
        QMutexLocker lock(&m_mutex);
        if (!m_local.remove(name))
            return;
    }
    dropReader(name);
}

void PcscWorker::insertLocalCard(const QString& reader, const QByteArray& atr,
                                 CardReaderManager::LocalExchange exchange) {
    {
        QMutexLocker lock(&m_mutex);
        if (!m_local.contains(reader))
            m_local.insert(reader, LocalCard{});
        m_local[reader] = LocalCard{true, atr, std::move(exchange)};
    }
    // An in-process card comes with the ATR of its state now (its maker just computed it): the card is asked after
    // the jobs that may change it, not on arrival, so that inserting it sends it nothing.
    ReaderState state{reader, true, atr, false, false, true};
    setAtrLifeCycle(state);
    updateReader(state);
}

void PcscWorker::removeLocalCard(const QString& reader) {
    {
        QMutexLocker lock(&m_mutex);
        if (!m_local.contains(reader))
            return;
        m_local[reader] = LocalCard{};
    }
    updateReader(ReaderState{reader, false, {}, false, false, true});
}

void PcscWorker::idle(int timeoutMs) {
    QMutexLocker lock(&m_mutex);
    if (m_stop || !m_jobs.empty() || probeDueLocked())
        return;
    const int probeMs = msUntilProbeLocked();
    m_workCondition.wait(&m_mutex, QDeadlineTimer(probeMs >= 0 ? std::min(timeoutMs, probeMs) : timeoutMs));
}

void PcscWorker::loop() {
    while (!stopping()) {
        if (m_usePcsc && !m_hasContext && !establish()) {
            markReady();
            runJobs(); // they fail with "PC/SC service not running" unless they target a local reader
            runProbes();
            idle(kServiceRetryMs);
            continue;
        }
        runJobs();
        runProbes();
        if (stopping())
            break;
        if (!m_usePcsc) {
            setService(ServiceStatus::Running, {});
            markReady();
            idle(60000);
            continue;
        }
        if (m_readersDirty)
            refreshReaderList();
        if (m_hasContext)
            waitForEvents(kWaitMs);
    }
    // Queued jobs fail instead of hanging their callers.
    std::deque<PendingJob> left;
    {
        QMutexLocker lock(&m_mutex);
        left.swap(m_jobs);
    }
    for (auto& j : left)
        j.done({}, std::make_exception_ptr(
                       CardError(CardError::Kind::Cancelled, CardError::tr("the card operation was cancelled"))));
    releaseContext();
    setService(ServiceStatus::Stopped, {});
    markReady();
    // Hand the object back so that its owner can delete it safely.
    moveToThread(m_homeThread);
}

bool PcscWorker::establish() {
    try {
        m_context.emplace();
    } catch (const pcsc::Error& e) {
        // A pcscd being restarted answers "access denied" for a moment while it starts (issue 16): during an outage
        // that is said only when it lasts, so that "not running" does not turn into an alarming error and back.
        const bool gone = e.kind() == pcsc::Error::Kind::NoService;
        m_oddEstablishFailures = gone ? 0 : m_oddEstablishFailures + 1;
        if (gone || m_oddEstablishFailures >= 3 || serviceStatus() != ServiceStatus::NotRunning)
            setService(ServiceStatus::NotRunning,
                       gone ? noServiceMessage() : CardError::fromPcsc(e.code(), {}).message());
        return false;
    }
    m_oddEstablishFailures = 0;
    {
        QMutexLocker lock(&m_mutex);
        m_cancelHandle = m_context->handle();
        m_hasContext = true;
    }
    m_readersDirty = true;
    setService(ServiceStatus::Running, {});
    return true;
}

void PcscWorker::releaseContext() {
    if (!m_hasContext)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_hasContext = false;
        m_cancelHandle = 0;
    }
    m_context.reset();
    m_watch.clear();
    m_readerNames.clear();
    m_heldElsewhere.clear();
    // Without a context there are no PC/SC readers (local ones stay).
    QStringList gone;
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& s : std::as_const(m_states))
            if (!s.local)
                gone << s.name;
    }
    for (const auto& name : gone)
        dropReader(name);
}

void PcscWorker::runJobs() {
    for (;;) {
        PendingJob job;
        {
            QMutexLocker lock(&m_mutex);
            if (m_jobs.empty() || m_stop)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        QVariant value;
        std::exception_ptr error;
        try {
            value = runJob(job);
        } catch (const CardError& e) {
            if (!e.detail().isEmpty())
                qCInfo(lcCardIo, "reader \"%s\": %s [%s]", qPrintable(job.reader), qPrintable(e.message()),
                       qPrintable(e.detail()));
            error = std::current_exception();
        } catch (...) {
            error = std::current_exception();
        }
        // The job may have changed the card's life cycle (an issuance, a lock): ask the card before the job's
        // caller hears of its end, so that the reader list is right by then.
        if (!stopping())
            probe(job.reader, 0);
        job.done(value, error);
    }
}

QVariant PcscWorker::runJob(const PendingJob& job) {
    LocalCard local;
    bool isLocal = false;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_local.constFind(job.reader);
        if (it != m_local.cend()) {
            isLocal = true;
            local = *it;
        }
    }
    if (isLocal) {
        if (!local.present)
            throw CardError(CardError::Kind::NoCard, CardError::tr("no card in reader \"%1\"").arg(job.reader));
        FunctionCardChannel channel(job.reader, local.atr, local.exchange, m_trace);
        return job.job(channel);
    }
    if (!m_usePcsc)
        throw CardError(CardError::Kind::UnknownReader,
                        CardError::tr("reader \"%1\" is not available").arg(job.reader));
    if (!m_hasContext)
        throw CardError(CardError::Kind::NoService, noServiceMessage());
    return PcscChannel::run(*m_context, job.reader, job.job, m_trace);
}

} // namespace carddesk
