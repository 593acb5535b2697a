#pragma once
// Batch issuance over several readers (docs/batch-issuance.md). A batch is a holder file checked whole and recorded
// in the database (one journal row per holder, pending); running it gives each reader its own lane: the lane takes
// the card its hopper feeds, reads it, issues the next pending holder onto a blank card (IssuanceService, one per
// reader, card I/O on the PC/SC owner thread), then ejects it to the output stack — or to the reject bin.
//
// Any interruption (the process killed, a card pulled, a reader gone, the database restarted) is resumed from the
// journal and the cards themselves: a card is recognised by its chip serial and life cycle, completed (recorded) or
// personalised again with the same number, or rejected — never issued twice; no row is skipped; numbers are
// allocated in the database in the same transaction that records the card.
#include "carddesk/model/BatchFile.h"
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/Database.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace carddesk {

class CardReaderManager;
class KeyRing;
class OperatorSession;
class BatchLane;

struct BatchOptions {
    QString name;               // shown in lists; default: the file's name
    bool generatedPins = false; // PinGenerator + PIN mailers; else the file's PINs
    int pinLength = 6;
    QString mailerFolder; // generated PINs: where <batch>/<row>-<card>.pdf go (created 0700)
};

// What one lane (reader) is doing, for the batch view and `batch status`.
struct BatchLaneStatus {
    QString reader;
    QString stateId; // "waiting for card", "reading", "issuing", "ejecting", "remove card", "stopped", "idle"
    QString state;   // the same, translated, with what it waits for
    int row = 0;     // the holder row on its card, 0 when none
    QString cardNumber;
    int issued = 0;         // cards this lane completed in this run
    double lastSeconds = 0; // the last card's issuance time
};

class BatchService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchService)
public:
    BatchService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                 QObject* parent = nullptr);
    ~BatchService() override;

    // Checks `holderFile` whole against `tmpl` and records the batch with every row pending (audited "batch
    // create"). Throws BatchFileError (every problem, nothing recorded), AccessDenied, DatabaseError.
    QString create(const QString& holderFile, const CardTemplate& tmpl, const BatchOptions& options);

    // Runs (or resumes) a batch on `readers`. `holderFile` is needed when the batch's PINs come from its file (the
    // database never holds them): it must be the same file (SHA-256). Returns an error (translated), empty when
    // started. The batch runs until every row is done or failed, or pause()/cancel().
    QString start(const QString& batchId, const QStringList& readers, const QString& holderFile = {});
    void pause();  // every lane finishes the card it has, then takes no new row; the batch stays resumable
    void cancel(); // as pause, and the batch is "cancelled" (its pending rows are not issued)
    // Failed rows of a batch back to pending (audited). Returns how many.
    int retryFailed(const QString& batchId);

    bool isRunning() const { return !m_batchId.isEmpty(); }
    QString runningBatch() const { return m_batchId; }
    QList<BatchLaneStatus> lanes() const;
    // The desk id this process records in the batch ("host:pid").
    static QString deskId();
    // Seconds without a heartbeat after which another desk may take a running batch over.
    static constexpr int kStaleSeconds = 30;
    // Cards a row may spoil (reject bin) before it is "failed".
    static constexpr int kMaxAttempts = 3;

    // Waits (local event loop) until the batch stops: finished, paused or cancelled, or no lane has moved for
    // `idleSeconds` while every lane waits for a card (then it pauses). Returns the batch's state.
    QString waitUntilStopped(int idleSeconds = 60);

signals:
    void rowChanged(const QString& batchId, int row);
    void laneChanged(const QString& reader);
    void progress(const QString& batchId, const carddesk::BatchCounts& counts);
    // state: "finished", "paused", "cancelled"; message translated (why it stopped, what is left).
    void stopped(const QString& batchId, const QString& state, const QString& message);
    void notice(const QString& text); // translated, for the operator (a card to the reject bin, a lane stopped)

private:
    friend class BatchLane;
    // Lane callbacks.
    void laneMoved(BatchLane* lane);
    void laneIdle(BatchLane* lane);
    void checkFinished();
    void stopRun(const QString& state, const QString& message);
    void emitProgress(const QString& id);

    CardReaderManager& m_readers;
    Database& m_db;
    KeyRing& m_keys;
    OperatorSession& m_operators;
    QString m_batchId;
    bool m_serviceLost = false; // pcscd went away during the run (said once until it is back)
    BatchRecord m_batch;
    CardTemplate m_template;
    QMap<int, BatchHolder> m_filePins; // rows with their PINs, when the batch's PINs come from its file
    std::vector<std::unique_ptr<BatchLane>> m_lanes;
    QTimer m_heartbeat;
    QElapsedTimer m_lastMove;
    bool m_stopping = false;
    QString m_stopState;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::BatchCounts)
