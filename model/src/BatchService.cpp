#include "carddesk/model/BatchService.h"

#include "BatchLane.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"

#include <carddesk/cardio/CardReaderManager.h>

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonDocument>
#include <QUuid>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace carddesk {

BatchService::BatchService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                           QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_keys(keys), m_operators(operators) {
    qRegisterMetaType<BatchCounts>();
    m_heartbeat.setInterval(5000);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        try {
            if (!m_batchId.isEmpty())
                m_db.batchHeartbeat(m_batchId, deskId());
        } catch (const DatabaseError& e) {
            emit notice(e.text);
        }
    });
    // pcscd stopped, killed or restarted under a running batch (issue 16): the lanes wait (their readers are gone,
    // a card cut off mid-issuance is taken up again by its chip serial) and the reader manager makes a new context
    // once pcscd is back; the operator is told both.
    connect(&m_readers, &CardReaderManager::serviceStatusChanged, this,
            [this](ServiceStatus status, const QString& message) {
                if (!isRunning())
                    return;
                if (status == ServiceStatus::NotRunning) {
                    m_serviceLost = true;
                    emit notice(tr("%1: the batch waits until it is back").arg(message));
                } else if (status == ServiceStatus::Running && m_serviceLost) {
                    m_serviceLost = false;
                    m_lastMove.restart(); // the outage is no idle time of the batch's
                    emit notice(tr("the PC/SC service is back: the batch goes on"));
                }
            });
}

BatchService::~BatchService() {
    m_lanes.clear();
}

QString BatchService::deskId() {
    return QStringLiteral("%1:%2").arg(QHostInfo::localHostName()).arg(::getpid());
}

QString BatchService::create(const QString& holderFile, const CardTemplate& tmpl, const BatchOptions& options) {
    const Grant grant = m_operators.require(Operation::BatchIssue);
    if (options.generatedPins && (options.pinLength < 4 || options.pinLength > 12))
        throw BatchFileError(
            {BatchProblem{0, {}, tr("a generated PIN has 4 to 12 digits, not %1").arg(options.pinLength)}});
    if (options.generatedPins && options.mailerFolder.isEmpty())
        throw BatchFileError({BatchProblem{0, {}, tr("generated PINs need a folder for the PIN mailers")}});
    const BatchFile file = BatchFile::load(holderFile, tmpl, options.generatedPins);
    // Numbers the file gives must be free now (they are checked again when each card is issued).
    QList<BatchProblem> taken;
    for (const BatchHolder& h : file.holders)
        if (!h.holder.cardNumber.isEmpty() && m_db.cardExists(h.holder.cardNumber))
            taken << BatchProblem{h.line, QStringLiteral("card_number"),
                                  tr("card number %1 is already taken").arg(h.holder.cardNumber)};
    if (!taken.isEmpty())
        throw BatchFileError(taken);
    if (options.generatedPins && !QDir().mkpath(options.mailerFolder))
        throw BatchFileError(
            {BatchProblem{0, {}, tr("cannot create the PIN mailer folder %1").arg(options.mailerFolder)}});
    BatchRecord b;
    b.id = QStringLiteral("batch-%1-%2")
               .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")),
                    QUuid::createUuid().toString(QUuid::Id128).left(8));
    b.name = options.name.isEmpty() ? QFileInfo(holderFile).fileName() : options.name;
    b.templateName = tmpl.name;
    b.templateJson = QJsonDocument(tmpl.toJson()).toJson(QJsonDocument::Compact);
    b.sourceName = QFileInfo(holderFile).fileName();
    b.sourceSha256 = file.sha256;
    b.generatedPins = options.generatedPins;
    b.pinLength = options.pinLength;
    b.mailerFolder = options.generatedPins ? QDir(options.mailerFolder).absolutePath() : QString();
    b.state = QStringLiteral("ready");
    b.desk = deskId();
    b.createdBy = grant.operatorName;
    QList<QJsonObject> rows;
    for (const BatchHolder& h : file.holders)
        rows << h.toJson();
    m_db.createBatch(b, rows,
                     grant.record(QStringLiteral("batch create"), {}, QStringLiteral("ok"),
                                  QStringLiteral("batch=%1 rows=%2 template=%3 file=%4 sha256=%5 pins=%6")
                                      .arg(b.id)
                                      .arg(rows.size())
                                      .arg(tmpl.name, b.sourceName, b.sourceSha256,
                                           b.generatedPins ? QStringLiteral("generated") : QStringLiteral("file"))));
    return b.id;
}

QString BatchService::start(const QString& batchId, const QStringList& readers, const QString& holderFile) {
    if (isRunning())
        return tr("batch %1 is running in this window").arg(m_batchId);
    if (readers.isEmpty())
        return tr("choose at least one reader");
    const auto batch = m_db.batch(batchId);
    if (!batch)
        return tr("there is no batch %1").arg(batchId);
    if (batch->state == QLatin1String("cancelled") || batch->state == QLatin1String("finished"))
        return tr("batch %1 is %2: nothing to resume").arg(batchId, batch->state);
    try {
        (void)m_operators.require(Operation::BatchIssue);
        m_template = CardTemplate::fromJson(batch->templateJson);
    } catch (const AccessDenied& e) {
        return e.text;
    } catch (const std::exception& e) {
        return tr("the batch's template cannot be read: %1").arg(QString::fromUtf8(e.what()));
    }
    m_filePins.clear();
    if (!batch->generatedPins) {
        if (holderFile.isEmpty())
            return tr("batch %1 takes its PINs from its holder file %2: give the file").arg(batchId, batch->sourceName);
        try {
            const BatchFile file = BatchFile::load(holderFile, m_template, false);
            if (file.sha256 != batch->sourceSha256)
                return tr("%1 is not the file batch %2 was made from (its SHA-256 differs)").arg(holderFile, batchId);
            for (int i = 0; i < file.holders.size(); ++i)
                m_filePins.insert(i + 1, file.holders[i]);
        } catch (const BatchFileError& e) {
            return e.text();
        }
    }
    try {
        // A desk process on this machine that is gone (killed, crashed) holds nothing: no need to wait for its
        // heartbeat to age.
        int stale = kStaleSeconds;
        const QString host = batch->desk.section(QLatin1Char(':'), 0, -2);
        const qint64 pid = batch->desk.section(QLatin1Char(':'), -1).toLongLong();
        if (host == QHostInfo::localHostName() && pid > 0 && pid != ::getpid() &&
            ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            stale = -1;
        if (!m_db.claimBatch(batchId, deskId(), stale))
            return tr("batch %1 is running at desk %2 (its last sign of life: %3)")
                .arg(batchId, batch->desk, batch->heartbeatAt.toLocalTime().toString(Qt::ISODate));
        m_db.releaseUnnumberedRows(batchId);
        m_db.setBatchState(batchId, QStringLiteral("running"));
        m_batch = *m_db.batch(batchId);
        m_db.appendAudit(
            m_operators.require(Operation::BatchIssue)
                .record(batch->state == QLatin1String("ready") ? QStringLiteral("batch start")
                                                               : QStringLiteral("batch resume"),
                        {}, QStringLiteral("ok"),
                        QStringLiteral("batch=%1 readers=%2").arg(batchId, readers.join(QLatin1Char(',')))));
    } catch (const DatabaseError& e) {
        return e.text;
    } catch (const AccessDenied& e) {
        return e.text;
    }
    m_batchId = batchId;
    m_stopping = false;
    m_lanes.clear();
    for (const QString& r : readers)
        m_lanes.push_back(std::make_unique<BatchLane>(*this, r));
    m_heartbeat.start();
    m_lastMove.start();
    for (auto& lane : m_lanes)
        lane->start();
    emitProgress(m_batchId);
    return {};
}

void BatchService::pause() {
    if (!isRunning())
        return;
    m_stopping = true;
    m_stopState = QStringLiteral("paused");
    for (auto& lane : m_lanes)
        lane->stop();
    checkFinished();
}

void BatchService::cancel() {
    if (!isRunning())
        return;
    m_stopping = true;
    m_stopState = QStringLiteral("cancelled");
    for (auto& lane : m_lanes)
        lane->stop();
    checkFinished();
}

int BatchService::retryFailed(const QString& batchId) {
    const Grant grant = m_operators.require(Operation::BatchIssue);
    int n = 0;
    for (const JournalEntry& e : m_db.journal(batchId))
        if (e.state == QLatin1String("failed")) {
            m_db.requeueRow(batchId, e.row, e.error, false);
            ++n;
        }
    if (n > 0) {
        const auto b = m_db.batch(batchId);
        if (b && b->state == QLatin1String("finished"))
            m_db.setBatchState(batchId, QStringLiteral("paused"));
        m_db.appendAudit(grant.record(QStringLiteral("batch retry"), {}, QStringLiteral("ok"),
                                      QStringLiteral("batch=%1 rows=%2").arg(batchId).arg(n)));
        if (batchId == m_batchId)
            for (auto& lane : m_lanes)
                lane->wake();
    }
    return n;
}

QList<BatchLaneStatus> BatchService::lanes() const {
    QList<BatchLaneStatus> out;
    for (const auto& lane : m_lanes)
        out << lane->status();
    return out;
}

void BatchService::laneMoved(BatchLane*) {
    m_lastMove.restart();
    if (isRunning())
        emitProgress(m_batchId);
    // A row sent back to pending (its card rejected) is taken by a lane that had none left.
    for (auto& lane : m_lanes)
        lane->wake();
    checkFinished();
}

void BatchService::laneIdle(BatchLane*) {
    checkFinished();
}

// The batch is over when no row is pending and no lane holds a card in work; rows whose card never came back
// (pulled and not returned) keep it resumable ("paused").
void BatchService::checkFinished() {
    if (!isRunning())
        return;
    for (const auto& lane : m_lanes)
        if (lane->busy() || lane->state() == BatchLane::State::AwaitRemoval)
            return;
    BatchCounts c;
    try {
        c = m_db.batchCounts(m_batchId);
    } catch (const DatabaseError& e) {
        // Never "finished" on counts the database did not give: the batch waits for a resume.
        return stopRun(QStringLiteral("paused"), tr("the database failed: %1").arg(e.text));
    }
    if (m_stopping)
        return stopRun(m_stopState, m_stopState == QLatin1String("cancelled")
                                        ? tr("cancelled: %1 of %2 cards issued").arg(c.done).arg(c.total)
                                        : tr("paused: %1 of %2 cards issued, %3 to go")
                                              .arg(c.done)
                                              .arg(c.total)
                                              .arg(c.total - c.done - c.failed));
    if (c.pending > 0)
        return;
    if (c.inProgress > 0) {
        for (const auto& lane : m_lanes)
            if (lane->state() == BatchLane::State::Reading || lane->state() == BatchLane::State::Issuing)
                return;
        // Waiting for a card that went away with its row: resumable once it is back in a reader.
        for (const auto& lane : m_lanes)
            if (lane->state() == BatchLane::State::Waiting)
                return;
        return stopRun(QStringLiteral("paused"),
                       tr("%1 cards went away during their issuance: put them back in a reader and resume the batch")
                           .arg(c.inProgress));
    }
    stopRun(QStringLiteral("finished"),
            c.failed == 0 ? tr("finished: %1 cards issued").arg(c.done)
                          : tr("finished: %1 cards issued, %2 rows failed (retry them)").arg(c.done).arg(c.failed));
}

void BatchService::emitProgress(const QString& id) {
    try {
        emit progress(id, m_db.batchCounts(id));
    } catch (const DatabaseError& e) {
        emit notice(e.text); // the next step that needs the database stops the run
    }
}

void BatchService::stopRun(const QString& state, const QString& message) {
    if (!isRunning())
        return;
    const QString id = m_batchId;
    for (auto& lane : m_lanes)
        lane->stop();
    m_heartbeat.stop();
    try {
        m_db.setBatchState(id, state);
        m_db.appendAudit(m_operators.require(Operation::BatchIssue)
                             .record(QStringLiteral("batch ") + state, {}, QStringLiteral("ok"),
                                     QStringLiteral("batch=%1 %2").arg(id, message)));
    } catch (const DatabaseError& e) {
        emit notice(e.text);
    } catch (const AccessDenied& e) {
        emit notice(e.text);
    }
    m_batchId.clear();
    // The lanes go after the signal's receivers ran (they may be inside a lane's callback now).
    for (auto& lane : m_lanes)
        lane.release()->deleteLater();
    m_lanes.clear();
    emitProgress(id);
    emit stopped(id, state, message);
}

QString BatchService::waitUntilStopped(int idleSeconds) {
    if (!isRunning())
        return {};
    QString result;
    QEventLoop loop;
    connect(this, &BatchService::stopped, &loop, [&](const QString&, const QString& state, const QString&) {
        result = state;
        loop.quit();
    });
    QTimer idle;
    idle.setInterval(1000);
    connect(&idle, &QTimer::timeout, this, [this, idleSeconds] {
        if (!isRunning() || m_lastMove.elapsed() < idleSeconds * 1000LL)
            return;
        for (const auto& lane : m_lanes)
            if (lane->state() != BatchLane::State::Waiting && lane->state() != BatchLane::State::Idle &&
                lane->state() != BatchLane::State::RemoveCard && lane->state() != BatchLane::State::Stopped)
                return;
        QStringList waiting;
        for (const auto& lane : m_lanes)
            waiting << lane->reader();
        m_stopping = true;
        m_stopState = QStringLiteral("paused");
        stopRun(QStringLiteral("paused"), tr("no card came for %1 s in %2: paused (refill the hoppers and resume)")
                                              .arg(idleSeconds)
                                              .arg(waiting.join(QStringLiteral(", "))));
    });
    idle.start();
    loop.exec();
    return result;
}

} // namespace carddesk
