#pragma once
// One reader's lane of a running batch (BatchService): wait for the card the hopper feeds, read it, issue a holder
// onto it or complete / reject it, eject it, wait for the next. Runs on the service's thread; the card work runs
// on the PC/SC owner thread through IssuanceService and CardReaderManager jobs.
#include "carddesk/model/BatchService.h"
#include "carddesk/model/IssuanceService.h"

#include <carddesk/cardio/CardReaderManager.h>

#include <QElapsedTimer>
#include <QObject>

namespace carddesk {

class BatchLane final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchLane)
public:
    enum class State { Waiting, Reading, Issuing, Ejecting, AwaitRemoval, RemoveCard, Idle, Stopped };

    BatchLane(BatchService& service, const QString& reader);
    ~BatchLane() override;

    void start();
    // Finish the card in hand, then stop (pause, cancel).
    void stop();
    // A row went back to pending: an idle lane with a blank card takes it.
    void wake();
    bool busy() const { return m_state == State::Reading || m_state == State::Issuing || m_state == State::Ejecting; }
    State state() const { return m_state; }
    QString reader() const { return m_reader; }
    BatchLaneStatus status() const;

private:
    void readerChanged(const ReaderState& state);
    void probe();
    void probed(const JobResult& job);
    void issueRow(const JournalEntry& row, const QString& resumeNumber);
    void issued(const IssuanceResult& result);
    void spoiled(const IssuanceResult& result);
    void eject(bool reject, const QString& why);
    void setState(State state, const QString& text = {});
    void settle();
    void scheduleLook(int ms);
    void lookForNextCard();
    bool finishMailer(const QString& cardNumber);

    BatchService& m_s;
    QString m_reader;
    IssuanceService m_issuance;
    State m_state = State::Stopped;
    QString m_stateText;
    quint16 m_eventsAtEject = 0;
    JournalEntry m_row;
    QString m_chipSerial;
    QElapsedTimer m_cardTime;
    int m_issued = 0;
    double m_lastSeconds = 0;
    bool m_stopAfterCard = false;
};

} // namespace carddesk
