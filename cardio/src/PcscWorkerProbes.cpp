// The PC/SC owner thread's life-cycle probes (part of PcscWorker): each card's life cycle asked of the card itself
// (GET DATA 0104) when it is first seen, after every job and after another program let it go, instead of the stale
// one its ATR gave at power-up (issue 11).
#include "PcscWorker.h"

#include "PcscChannel.h"

#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/TraceLog.h"

#include <carddesk/protocol/perso/Personaliser.h>

#include <QDeadlineTimer>

namespace carddesk {

namespace {
// A card that did not answer its life cycle is asked once more after this long (it may have been powering up).
constexpr int kProbeRetryMs = 600;
} // namespace

void PcscWorker::requestProbe(const QString& reader, int delayMs, int attempt) {
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_probes.find(reader);
        // An earlier question still waiting is brought forward, never put off.
        if (it != m_probes.end() && it->due.remainingTime() <= delayMs)
            return;
        m_probes.insert(reader, Probe{QDeadlineTimer(delayMs), attempt});
    }
    if (delayMs == 0 && !isOwnerThread())
        wake();
}

bool PcscWorker::probeDueLocked() const {
    for (const Probe& p : m_probes)
        if (p.due.hasExpired())
            return true;
    return false;
}

int PcscWorker::msUntilProbeLocked() const {
    qint64 least = -1;
    for (const Probe& p : m_probes) {
        const qint64 ms = std::max<qint64>(0, p.due.remainingTime());
        if (least < 0 || ms < least)
            least = ms;
    }
    return int(least);
}

void PcscWorker::runProbes() {
    for (;;) {
        QString reader;
        int attempt = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (m_stop || !m_jobs.empty())
                return; // the operator's work first
            auto due =
                std::find_if(m_probes.begin(), m_probes.end(), [](const Probe& p) { return p.due.hasExpired(); });
            if (due == m_probes.end())
                return;
            reader = due.key();
            attempt = due->attempt;
            m_probes.erase(due);
        }
        probe(reader, attempt);
    }
}

void PcscWorker::probe(const QString& reader, int attempt) {
    std::optional<ReaderState> before;
    {
        QMutexLocker lock(&m_mutex);
        if (const auto it = m_states.constFind(reader); it != m_states.cend())
            before = *it;
    }
    // Only a CardDesk card is asked (another card may mean something else by 0104); one that another program holds
    // exclusively is asked when it lets go (waitForEvents).
    if (!before || !before->cardPresent || before->mute || before->exclusive || !before->lifeCycle)
        return;
    std::optional<cdos::LifeCycle> answer;
    try {
        const QVariant v =
            runJob(PendingJob{reader,
                              [](CardChannel& channel) -> QVariant {
                                  const cdos::ResponseApdu r = channel.transmit(cdos::getData(cdos::tag::LifeCycleTag));
                                  if (!r.ok() || r.data.size() != 1 || r.data[0] > quint8(cdos::LifeCycle::Terminated))
                                      return {};
                                  return int(r.data[0]);
                              },
                              {}});
        if (v.isValid())
            answer = static_cast<cdos::LifeCycle>(v.toInt());
    } catch (...) {
        // No answer: below.
    }
    if (!answer && attempt == 0) {
        requestProbe(reader, kProbeRetryMs, 1);
        return;
    }
    ReaderState after;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_states.constFind(reader);
        // Another card (or none) by now: what this one said does not apply to it.
        if (it == m_states.cend() || !it->cardPresent || it->atr != before->atr || it->cardEvents != before->cardEvents)
            return;
        after = *it;
    }
    if (answer) {
        after.lifeCycle = answer;
        after.lifeCycleFrom = LifeCycleSource::Card;
    } else {
        after.lifeCycle = ApduDecoder::lifeCycleFromAtr(after.atr);
        after.lifeCycleFrom = after.lifeCycle ? LifeCycleSource::AtrOnly : LifeCycleSource::None;
    }
    updateReader(after);
}

} // namespace carddesk
