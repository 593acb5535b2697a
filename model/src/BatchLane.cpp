#include "BatchLane.h"

#include "BatchMailer.h"
#include "carddesk/model/Database.h"

#include <carddesk/cardio/ApduDecoder.h>
#include <carddesk/cardio/HexText.h>
#include <carddesk/protocol/apdu/CommandSet.h>

#include <QFile>
#include <QLoggingCategory>
#include <QTimer>

namespace carddesk {

namespace {

// QT_LOGGING_RULES="carddesk.batch.debug=true": every lane's steps on stderr (field diagnosis, tests).
Q_LOGGING_CATEGORY(lcBatch, "carddesk.batch", QtWarningMsg)

QString stateId(BatchLane::State s) {
    switch (s) {
    case BatchLane::State::Waiting:
        return QStringLiteral("waiting for card");
    case BatchLane::State::Reading:
        return QStringLiteral("reading");
    case BatchLane::State::Issuing:
        return QStringLiteral("issuing");
    case BatchLane::State::Ejecting:
        return QStringLiteral("ejecting");
    case BatchLane::State::AwaitRemoval:
        return QStringLiteral("ejecting");
    case BatchLane::State::RemoveCard:
        return QStringLiteral("remove card");
    case BatchLane::State::Idle:
        return QStringLiteral("idle");
    case BatchLane::State::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

} // namespace

BatchLane::BatchLane(BatchService& service, const QString& reader)
    : m_s(service), m_reader(reader), m_issuance(service.m_readers, service.m_db, service.m_keys, service.m_operators) {
    connect(&m_s.m_readers, &CardReaderManager::readerStateChanged, this, &BatchLane::readerChanged);
    connect(&m_s.m_readers, &CardReaderManager::readerRemoved, this, [this](const QString& name) {
        if (name == m_reader && !busy() && m_state != State::Stopped)
            setState(State::Waiting, BatchService::tr("the reader is gone: waiting for it to come back"));
    });
}

BatchLane::~BatchLane() = default;

// pcscd does not always report a hopper's swap (the next card connects to vpcd before pcscd's next presence poll,
// with the same ATR): a lane that waits also looks at the reader itself now and then.
void BatchLane::scheduleLook(int ms) {
    QTimer::singleShot(ms, this, [this] {
        if (m_state == State::Waiting)
            settle();
        else if (m_state == State::AwaitRemoval)
            lookForNextCard();
    });
}

BatchLaneStatus BatchLane::status() const {
    return BatchLaneStatus{m_reader,         stateId(m_state), m_stateText,  m_row.row,
                           m_row.cardNumber, m_issued,         m_lastSeconds};
}

void BatchLane::setState(State state, const QString& text) {
    qCDebug(lcBatch, "%s: %s (%s) row %d", qPrintable(m_reader), qPrintable(stateId(state)), qPrintable(text),
            m_row.row);
    m_state = state;
    m_stateText = text;
    emit m_s.laneChanged(m_reader);
}

void BatchLane::start() {
    m_stopAfterCard = false;
    setState(State::Waiting, BatchService::tr("waiting for a card"));
    settle();
}

void BatchLane::stop() {
    m_stopAfterCard = true;
    if (!busy() && m_state != State::AwaitRemoval)
        setState(State::Stopped, BatchService::tr("stopped"));
}

void BatchLane::wake() {
    if (m_state == State::Idle)
        probe();
}

// Looks at the reader now (signals may have come before the lane started, or while it was busy).
void BatchLane::settle() {
    if (m_state != State::Waiting)
        return;
    const auto r = m_s.m_readers.reader(m_reader);
    if (r && r->cardPresent && !r->mute)
        probe();
    else
        scheduleLook(1000);
}

// After an eject the hopper feeds the next card: its chip serial tells it from the one that left.
void BatchLane::lookForNextCard() {
    m_s.m_readers.submit(
        m_reader,
        [](CardChannel& channel) -> QVariant {
            const cdos::ResponseApdu chip = channel.transmit(cdos::getData(cdos::tag::ChipSerial));
            return chip.ok() ? hexText(chip.data) : QString();
        },
        this,
        [this](const JobResult& job) {
            if (m_state != State::AwaitRemoval)
                return; // the reader's events were first
            const QString chip = job.value.toString();
            if (job.ok() && !chip.isEmpty() && chip.compare(m_chipSerial, Qt::CaseInsensitive) == 0)
                return scheduleLook(250); // still the card that left
            if (m_stopAfterCard) {
                setState(State::Stopped, BatchService::tr("stopped"));
                return m_s.laneIdle(this);
            }
            setState(State::Waiting, BatchService::tr("waiting for a card"));
            if (!job.ok()) {
                m_s.laneIdle(this); // an empty hopper: the batch may be over
                return scheduleLook(1000);
            }
            probe();
        });
}

void BatchLane::readerChanged(const ReaderState& state) {
    if (state.name != m_reader)
        return;
    qCDebug(lcBatch, "%s: reader card=%d events=%d (at eject %d)", qPrintable(m_reader), state.cardPresent,
            state.cardEvents, m_eventsAtEject);
    if (m_state == State::AwaitRemoval || m_state == State::RemoveCard) {
        if (state.cardPresent && state.cardEvents == m_eventsAtEject)
            return; // the card that left is still seen
        if (m_stopAfterCard) {
            setState(State::Stopped, BatchService::tr("stopped"));
            return m_s.laneIdle(this);
        }
        setState(State::Waiting, BatchService::tr("waiting for a card"));
        if (!state.cardPresent)
            return m_s.laneIdle(this); // an empty hopper: the batch may be over
    }
    if (m_state == State::Waiting && state.cardPresent && !state.mute)
        probe();
}

void BatchLane::probe() {
    if (m_stopAfterCard)
        return setState(State::Stopped, BatchService::tr("stopped"));
    setState(State::Reading, BatchService::tr("reading the card"));
    m_s.m_readers.submit(m_reader, &IssuanceService::probeCard, this, [this](const JobResult& job) { probed(job); });
}

// What the card in the reader is decides what happens to it (docs/batch-issuance.md, "Resuming").
void BatchLane::probed(const JobResult& job) {
    if (!job.ok()) {
        // Gone before it answered (pulled, hopper restarting): the next card event decides.
        setState(State::Waiting, BatchService::tr("the card could not be read (%1): waiting").arg(job.error));
        m_s.laneIdle(this);
        scheduleLook(1000);
        return;
    }
    const QVariantMap p = job.value.toMap();
    const int lc = p.value(QStringLiteral("lifeCycle")).toInt();
    m_chipSerial = p.value(QStringLiteral("chipSerial")).toString();
    const QString onCard = p.value(QStringLiteral("cardNumber")).toString();
    Database& db = m_s.m_db;
    try {
        if (lc == static_cast<int>(cdos::LifeCycle::Blank)) {
            // This chip's own row (its personalisation was cut and undone): the same row, the same number.
            if (const auto card = db.cardByChip(m_chipSerial, Database::kIssuingLifeCycle)) {
                const auto row = db.journalRowForCard(card->cardNumber);
                if (row && row->batchId == m_s.m_batchId && row->state != QLatin1String("done"))
                    return issueRow(*row, card->cardNumber);
            }
            const auto next = db.claimNextRow(m_s.m_batchId, m_reader);
            if (!next) {
                setState(State::Idle, BatchService::tr("no holder left for this card; it stays in the reader"));
                return m_s.laneIdle(this);
            }
            return issueRow(*next, {});
        }
        if (lc == static_cast<int>(cdos::LifeCycle::Personalised) && !onCard.isEmpty()) {
            const auto card = db.card(onCard);
            const auto row = card ? db.journalRowForCard(onCard) : std::nullopt;
            const bool ours = row && row->batchId == m_s.m_batchId &&
                              card->chipSerial.compare(m_chipSerial, Qt::CaseInsensitive) == 0;
            if (ours && card->lifeCycle == Database::kIssuingLifeCycle)
                return issueRow(*row, onCard); // completed on the card, not yet recorded: IssuanceService records it
            if (ours && card->lifeCycle != Database::kVoidLifeCycle) {
                // Recorded; the journal or the ejection was cut short.
                m_row = *row;
                if (m_s.m_batch.generatedPins && row->state != QLatin1String("done") && !finishMailer(onCard) &&
                    !QFile::exists(batchmailer::finalPath(m_s.m_batch, row->row, onCard))) {
                    db.setCardLifeCycle(onCard, Database::kVoidLifeCycle);
                    db.requeueRow(m_s.m_batchId, row->row, BatchService::tr("its PIN mailer is missing"), true);
                    emit m_s.rowChanged(m_s.m_batchId, row->row);
                    return eject(true,
                                 BatchService::tr("card %1: its PIN mailer is missing; the card is void").arg(onCard));
                }
                db.setJournal(m_s.m_batchId, row->row, QStringLiteral("done"), {}, onCard);
                emit m_s.rowChanged(m_s.m_batchId, row->row);
                return eject(false, {});
            }
            return eject(true,
                         BatchService::tr("card %1 in reader \"%2\" is not one of this batch's").arg(onCard, m_reader));
        }
        eject(true, BatchService::tr("the card in reader \"%1\" is not blank (%2)")
                        .arg(m_reader, lc < 0 ? BatchService::tr("unknown life cycle")
                                              : ApduDecoder::lifeCycleName(static_cast<cdos::LifeCycle>(lc))));
    } catch (const DatabaseError& e) {
        setState(State::Waiting, e.text);
        m_s.stopRun(QStringLiteral("paused"), BatchService::tr("the database failed: %1").arg(e.text));
    }
}

void BatchLane::issueRow(const JournalEntry& row, const QString& resumeNumber) {
    m_row = row;
    m_cardTime.start();
    const BatchHolder holder = BatchHolder::fromJson(row.holder);
    IssuanceRequest request;
    request.reader = m_reader;
    request.cardTemplate = m_s.m_template;
    request.batchId = m_s.m_batchId;
    request.batchRow = row.row;
    request.resumeCardNumber = resumeNumber;
    if (m_s.m_batch.generatedPins) {
        request.holder = holder.holder;
        batchmailer::generatePins(request.holder, m_s.m_batch.pinLength);
        const BatchRecord batch = m_s.m_batch;
        const CardTemplate tmpl = m_s.m_template;
        const HolderFile withPins = request.holder;
        const int number = row.row;
        request.beforeCardWrite = [batch, tmpl, number, holder, withPins](const QString& cardNumber) {
            return batchmailer::writePending(batch, tmpl, number, holder, withPins, cardNumber);
        };
    } else {
        request.holder = m_s.m_filePins.value(row.row).holder;
    }
    setState(State::Issuing, BatchService::tr("issuing row %1 (%2)").arg(row.row).arg(holder.holder.name));
    emit m_s.rowChanged(m_s.m_batchId, row.row);
    connect(
        &m_issuance, &IssuanceService::finished, this, [this](const IssuanceResult& r) { issued(r); },
        Qt::SingleShotConnection);
    m_issuance.issue(request);
}

void BatchLane::issued(const IssuanceResult& r) {
    m_s.m_lastMove.restart();
    Database& db = m_s.m_db;
    try {
        if (r.refused) {
            db.requeueRow(m_s.m_batchId, m_row.row, r.error, false);
            setState(State::Stopped, r.error);
            return m_s.stopRun(QStringLiteral("paused"), r.error);
        }
        if (!r.ok)
            return spoiled(r);
        if (m_s.m_batch.generatedPins && !finishMailer(r.cardNumber)) {
            // Completed from the card alone (the mailer of its PINs is gone): nobody can know its PINs.
            db.setCardLifeCycle(r.cardNumber, Database::kVoidLifeCycle);
            db.requeueRow(m_s.m_batchId, m_row.row, BatchService::tr("its PIN mailer is missing"), true);
            emit m_s.rowChanged(m_s.m_batchId, m_row.row);
            return eject(true,
                         BatchService::tr("card %1: its PIN mailer is missing; the card is void").arg(r.cardNumber));
        }
        db.setJournal(m_s.m_batchId, m_row.row, QStringLiteral("done"), {}, r.cardNumber);
        m_row.cardNumber = r.cardNumber;
        ++m_issued;
        m_lastSeconds = m_cardTime.elapsed() / 1000.0;
        emit m_s.rowChanged(m_s.m_batchId, m_row.row);
        eject(false, {});
    } catch (const DatabaseError& e) {
        setState(State::Stopped, e.text);
        m_s.stopRun(QStringLiteral("paused"), BatchService::tr("the database failed: %1").arg(e.text));
    }
}

// The issuance failed. A card that went away mid-way may come back (its own row is found by its chip serial);
// a card that answered wrongly goes to the reject bin and the row to another card (up to kMaxAttempts).
void BatchLane::spoiled(const IssuanceResult& r) {
    Database& db = m_s.m_db;
    const int row = m_row.row;
    if (r.cardLost) {
        if (!r.cardNumber.isEmpty())
            db.setJournal(m_s.m_batchId, row, QStringLiteral("personalising"), r.error, r.cardNumber);
        else
            db.requeueRow(m_s.m_batchId, row, r.error, false);
        emit m_s.rowChanged(m_s.m_batchId, row);
        emit m_s.notice(BatchService::tr("reader \"%1\": %2").arg(m_reader, r.error));
        setState(State::Waiting, BatchService::tr("the card went away: waiting for it"));
        scheduleLook(1000);
        return;
    }
    if (!r.cardNumber.isEmpty())
        db.setCardLifeCycle(r.cardNumber, Database::kVoidLifeCycle);
    if (m_s.m_batch.generatedPins)
        batchmailer::destroyPending(m_s.m_batch, row);
    if (m_row.attempts + 1 >= BatchService::kMaxAttempts)
        db.setJournal(m_s.m_batchId, row, QStringLiteral("failed"), r.error, {});
    else
        db.requeueRow(m_s.m_batchId, row, r.error, true);
    emit m_s.rowChanged(m_s.m_batchId, row);
    eject(true, BatchService::tr("row %1: %2").arg(row).arg(r.error));
}

// The hopper's reader pseudo-APDU (card/README.md "Input hopper") sends the card to the output stack or the reject
// bin and feeds the next one. A plain reader answers it with an error: the operator swaps the card.
void BatchLane::eject(bool reject, const QString& why) {
    if (reject && !why.isEmpty())
        emit m_s.notice(BatchService::tr("reader \"%1\": to the reject bin: %2").arg(m_reader, why));
    const auto r = m_s.m_readers.reader(m_reader);
    m_eventsAtEject = r ? r->cardEvents : 0;
    setState(State::Ejecting, reject ? BatchService::tr("to the reject bin") : BatchService::tr("to the output stack"));
    m_s.m_readers.submit(
        m_reader,
        [reject](CardChannel& channel) { return QVariant(int(channel.transmit(cdos::hopperEject(reject)).sw)); }, this,
        [this, reject](const JobResult& job) {
            m_s.laneMoved(this);
            const auto now = m_s.m_readers.reader(m_reader);
            const bool gone = !now || !now->cardPresent || now->cardEvents != m_eventsAtEject;
            if (job.ok() && job.value.toInt() == 0x9000) {
                setState(State::AwaitRemoval, BatchService::tr("the hopper feeds the next card"));
                if (!gone)
                    scheduleLook(250);
            } else if (!gone) {
                // A reader without a hopper: the operator takes the card out.
                setState(State::RemoveCard, reject
                                                ? BatchService::tr("take the card out: it goes to the reject tray")
                                                : BatchService::tr("take the card out and put the next blank card in"));
                emit m_s.notice(BatchService::tr("reader \"%1\": %2").arg(m_reader, m_stateText));
            }
            if (gone && m_state == State::Ejecting) {
                // The eject's answer was lost with the reader (pcscd killed or restarted): the card is recorded, so
                // whatever the reader shows next is safe to look at (the same card is only ejected again).
                setState(State::Waiting, BatchService::tr("the reader is gone: waiting for it to come back"));
                scheduleLook(1000);
            } else if (gone) {
                readerChanged(now ? *now : ReaderState{m_reader});
            }
        });
}

bool BatchLane::finishMailer(const QString& cardNumber) {
    return batchmailer::finish(m_s.m_batch, m_row.row, cardNumber);
}

} // namespace carddesk
