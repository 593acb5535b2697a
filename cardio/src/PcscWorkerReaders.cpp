// The PC/SC owner thread's view of the readers (part of PcscWorker): the reader list, the wait for card and reader
// events, and another program's hold on a card.
#include "PcscWorker.h"

#include "PcscWorkerDetail.h"

#include "carddesk/cardio/TraceLog.h"

#include <QDeadlineTimer>

namespace carddesk {

using namespace pcsc_worker;

void PcscWorker::refreshReaderList() {
    m_readersDirty = false;
    std::vector<QByteArray> names;
    try {
        for (const auto& n : m_context->readers())
            names.emplace_back(QByteArray::fromStdString(n));
    } catch (const pcsc::Error&) {
        // pcscd stopped or the connection broke: start over with a new context (establish() reports the status).
        releaseContext();
        idle(kServiceRetryMs / 4);
        return;
    }

    // Keep what we know of readers still there; new ones start UNAWARE so the next wait reports them at once.
    std::vector<SCARD_READERSTATE> watch;
    for (const auto& n : names) {
        SCARD_READERSTATE s{};
        s.dwCurrentState = SCARD_STATE_UNAWARE;
        for (std::size_t i = 0; i < m_readerNames.size(); ++i)
            if (m_readerNames[i] == n)
                s.dwCurrentState = m_watch[i].dwCurrentState;
        watch.push_back(s);
    }
    QStringList gone;
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& s : std::as_const(m_states)) {
            if (s.local)
                continue;
            bool still = false;
            for (const auto& n : names)
                still |= QString::fromUtf8(n) == s.name;
            if (!still)
                gone << s.name;
        }
    }
    for (const auto& name : gone)
        dropReader(name);
    for (const auto& n : names) {
        QMutexLocker lock(&m_mutex);
        const bool known = m_states.contains(QString::fromUtf8(n));
        lock.unlock();
        if (!known)
            updateReader(ReaderState{QString::fromUtf8(n), false, {}, false, false, false});
    }
    // The PnP pseudo-reader reports reader arrivals and departures; keep its count-carrying state.
    SCARD_READERSTATE pnp{};
    pnp.dwCurrentState = m_watch.empty() ? SCARD_STATE_UNAWARE : m_watch.back().dwCurrentState;
    watch.push_back(pnp);
    m_readerNames = std::move(names);
    m_watch = std::move(watch);
    for (std::size_t i = 0; i < m_readerNames.size(); ++i)
        m_watch[i].szReader = m_readerNames[i].constData();
    m_watch.back().szReader = kPnpReader;
    // First pass: collect the current state of every reader without blocking.
    waitForEvents(0);
}

void PcscWorker::waitForEvents(DWORD timeoutMs) {
    {
        QMutexLocker lock(&m_mutex);
        if (m_stop || ((!m_jobs.empty() || probeDueLocked()) && timeoutMs != 0))
            return;
        if (const int probeMs = msUntilProbeLocked(); probeMs >= 0 && DWORD(probeMs) < timeoutMs)
            timeoutMs = DWORD(probeMs);
        m_inWait = true;
    }
    const long rv = m_context->statusChange(m_watch, timeoutMs);
    {
        QMutexLocker lock(&m_mutex);
        m_inWait = false;
    }
    if (rv == SCARD_E_TIMEOUT) {
        noteOtherPrograms();
        markReady();
        return;
    }
    if (rv == SCARD_E_CANCELLED) {
        markReady();
        return;
    }
    // pcscd went away (stopped, or killed: the socket breaks with a communication error): start over.
    if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED || rv == SCARD_E_INVALID_HANDLE ||
        rv == SCARD_F_COMM_ERROR) {
        releaseContext();
        setService(ServiceStatus::NotRunning, noServiceMessage());
        return;
    }
    if (rv == SCARD_E_UNKNOWN_READER || rv == SCARD_E_READER_UNAVAILABLE) {
        m_readersDirty = true;
        return;
    }
    if (rv != SCARD_S_SUCCESS) {
        // Anything else (for example "access denied" from a dying pcscd): a fresh context decides.
        qWarning("carddesk: SCardGetStatusChange: %s", qPrintable(CardError::pcscCodeText(rv)));
        releaseContext();
        idle(kServiceRetryMs / 4);
        return;
    }
    for (std::size_t i = 0; i < m_watch.size(); ++i) {
        SCARD_READERSTATE& s = m_watch[i];
        const bool isPnp = i + 1 == m_watch.size();
        if (isPnp) {
            if (s.dwEventState & SCARD_STATE_CHANGED)
                m_readersDirty = true;
            s.dwCurrentState = s.dwEventState & ~SCARD_STATE_CHANGED;
            continue;
        }
        if (s.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE))
            m_readersDirty = true;
        if (!(s.dwEventState & SCARD_STATE_CHANGED) && s.dwCurrentState != SCARD_STATE_UNAWARE)
            continue;
        s.dwCurrentState = s.dwEventState & ~SCARD_STATE_CHANGED;
        ReaderState state;
        state.name = QString::fromUtf8(m_readerNames[i]);
        state.cardPresent = (s.dwEventState & SCARD_STATE_PRESENT) != 0;
        state.mute = (s.dwEventState & SCARD_STATE_MUTE) != 0;
        state.exclusive = (s.dwEventState & SCARD_STATE_EXCLUSIVE) != 0;
        state.cardEvents = static_cast<quint16>(s.dwEventState >> 16);
        if (state.cardPresent && !state.mute)
            state.atr = QByteArray(reinterpret_cast<const char*>(s.rgbAtr), static_cast<qsizetype>(s.cbAtr));
        std::optional<ReaderState> old;
        {
            QMutexLocker lock(&m_mutex);
            if (const auto it = m_states.constFind(state.name); it != m_states.cend())
                old = *it;
        }
        const bool sameCard = old && old->cardPresent && state.cardPresent && old->atr == state.atr &&
                              old->cardEvents == state.cardEvents;
        if (sameCard) {
            state.lifeCycle = old->lifeCycle;
            state.lifeCycleFrom = old->lifeCycleFrom;
        } else {
            setAtrLifeCycle(state);
        }
        updateReader(state);
        if (state.lifeCycle && !sameCard)
            requestProbe(state.name);
    }
    noteOtherPrograms();
    markReady();
}

void PcscWorker::noteOtherPrograms() {
    // pcsc-lite reports a connection of another program (SCARD_STATE_INUSE) in every answer, timeouts included, but
    // never wakes a wait for it: its comings and goings are seen at the next answer (kWaitMs at most). This
    // thread holds no card while it waits, so INUSE is always another program's: when it lets go, it may have
    // changed the card (issued it with carddesk-cli, locked it), and the card is asked again.
    constexpr DWORD kHeld = SCARD_STATE_INUSE | SCARD_STATE_EXCLUSIVE;
    for (std::size_t i = 0; i + 1 < m_watch.size(); ++i) {
        const QString name = QString::fromUtf8(m_readerNames[i]);
        if ((m_watch[i].dwEventState & kHeld) && (m_watch[i].dwEventState & SCARD_STATE_PRESENT))
            m_heldElsewhere.insert(name);
        else if (m_heldElsewhere.remove(name))
            requestProbe(name);
    }
}

} // namespace carddesk
