// Database's batches (docs/batch-issuance.md): one row per batch, its journal rows in DatabaseJournal.cpp.
#include "carddesk/model/Database.h"

#include "DatabaseErrorText.h"
#include "DatabaseRead.h"
#include "DatabaseTime.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace carddesk {

namespace {

using dbtime::nowText;
using dbtime::timeFrom;

const char* const kBatchColumns =
    "batch_id, name, template_name, template_json, source_name, source_sha256, row_count, generated_pins,"
    " pin_length, mailer_folder, state, desk, heartbeat_at, created_at, created_by, finished_at";

// QPSQL binds a null QString as NULL: the NOT NULL text columns get "" instead.
QVariant text(const QString& s) {
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

BatchRecord batchFrom(const QSqlQuery& q) {
    BatchRecord b;
    b.id = q.value(0).toString();
    b.name = q.value(1).toString();
    b.templateName = q.value(2).toString();
    b.templateJson = q.value(3).toString().toUtf8();
    b.sourceName = q.value(4).toString();
    b.sourceSha256 = q.value(5).toString();
    b.rows = q.value(6).toInt();
    b.generatedPins = q.value(7).toInt() != 0;
    b.pinLength = q.value(8).toInt();
    b.mailerFolder = q.value(9).toString();
    b.state = q.value(10).toString();
    b.desk = q.value(11).toString();
    b.heartbeatAt = timeFrom(q.value(12));
    b.createdAt = timeFrom(q.value(13));
    b.createdBy = q.value(14).toString();
    b.finishedAt = timeFrom(q.value(15));
    return b;
}

} // namespace

QJsonObject BatchRecord::toJson() const {
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("template"), templateName},
                  {QStringLiteral("source"), sourceName},
                  {QStringLiteral("sourceSha256"), sourceSha256},
                  {QStringLiteral("rows"), rows},
                  {QStringLiteral("generatedPins"), generatedPins},
                  {QStringLiteral("state"), state},
                  {QStringLiteral("desk"), desk},
                  {QStringLiteral("createdAt"), createdAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("createdBy"), createdBy}};
    if (generatedPins) {
        o[QStringLiteral("pinLength")] = pinLength;
        o[QStringLiteral("mailerFolder")] = mailerFolder;
    }
    if (finishedAt.isValid())
        o[QStringLiteral("finishedAt")] = finishedAt.toString(Qt::ISODateWithMs);
    return o;
}

void Database::createBatch(const BatchRecord& b, const QList<QJsonObject>& holders, const AuditRecord& audit) {
    appendAudit(audit, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO batches (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)")
                      .arg(QLatin1String(kBatchColumns)));
        const QString now = nowText();
        for (const QVariant& v :
             {text(b.id), text(b.name), text(b.templateName), text(QString::fromUtf8(b.templateJson)),
              text(b.sourceName), text(b.sourceSha256), QVariant(static_cast<int>(holders.size())),
              QVariant(b.generatedPins ? 1 : 0), QVariant(b.pinLength), text(b.mailerFolder),
              text(b.state.isEmpty() ? QStringLiteral("ready") : b.state), text(b.desk), QVariant(now), QVariant(now),
              text(b.createdBy)})
            q.addBindValue(v);
        if (!q.exec())
            throw DatabaseError(tr("cannot record batch %1: %2").arg(b.id, dbtext::sqlError(q.lastError())));
        QSqlQuery row(db);
        row.prepare(QStringLiteral("INSERT INTO issuance_journal (batch_id, row_number, state, holder, attempts,"
                                   " updated_at) VALUES (?,?,'pending',?,0,?)"));
        for (int i = 0; i < holders.size(); ++i) {
            row.addBindValue(b.id);
            row.addBindValue(i + 1);
            row.addBindValue(QString::fromUtf8(QJsonDocument(holders[i]).toJson(QJsonDocument::Compact)));
            row.addBindValue(now);
            if (!row.exec())
                throw DatabaseError(tr("cannot record batch %1: %2").arg(b.id, dbtext::sqlError(row.lastError())));
        }
    });
}

std::optional<BatchRecord> Database::batch(const QString& id) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM batches WHERE batch_id = ?").arg(QLatin1String(kBatchColumns)));
    q.addBindValue(id);
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the batches"));
    if (!q.next())
        return std::nullopt;
    return batchFrom(q);
}

QList<BatchRecord> Database::batches() const {
    QList<BatchRecord> out;
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM batches ORDER BY created_at DESC, batch_id")
                    .arg(QLatin1String(kBatchColumns))))
        return out;
    while (q.next())
        out.append(batchFrom(q));
    return out;
}

BatchCounts Database::batchCounts(const QString& id) const {
    BatchCounts c;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT state, COUNT(*) FROM issuance_journal WHERE batch_id = ? GROUP BY state"));
    q.addBindValue(id);
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the batches"));
    while (q.next()) {
        const QString state = q.value(0).toString();
        const int n = q.value(1).toInt();
        c.total += n;
        if (state == QLatin1String("pending"))
            c.pending += n;
        else if (state == QLatin1String("done"))
            c.done += n;
        else if (state == QLatin1String("failed"))
            c.failed += n;
        else
            c.inProgress += n;
    }
    return c;
}

void Database::setBatchState(const QString& id, const QString& state) {
    QSqlQuery q(connection());
    const bool final = state == QLatin1String("finished") || state == QLatin1String("cancelled");
    q.prepare(QStringLiteral("UPDATE batches SET state = ?, heartbeat_at = ?, finished_at = %1 WHERE batch_id = ?")
                  .arg(final ? QStringLiteral("?") : QStringLiteral("NULL")));
    q.addBindValue(state);
    q.addBindValue(nowText());
    if (final)
        q.addBindValue(nowText());
    q.addBindValue(id);
    if (!q.exec())
        throw DatabaseError(tr("cannot update batch %1: %2").arg(id, dbtext::sqlError(q.lastError())));
}

bool Database::claimBatch(const QString& id, const QString& desk, int staleSeconds) {
    QSqlQuery q(connection());
    const QString stale = QDateTime::currentDateTimeUtc().addSecs(-staleSeconds).toString(Qt::ISODateWithMs);
    q.prepare(QStringLiteral("UPDATE batches SET desk = ?, heartbeat_at = ? WHERE batch_id = ? AND (desk = ? OR"
                             " state <> 'running' OR heartbeat_at < ?)"));
    q.addBindValue(desk);
    q.addBindValue(nowText());
    q.addBindValue(id);
    q.addBindValue(desk);
    q.addBindValue(stale);
    if (!q.exec())
        throw DatabaseError(tr("cannot update batch %1: %2").arg(id, dbtext::sqlError(q.lastError())));
    return q.numRowsAffected() == 1;
}

void Database::batchHeartbeat(const QString& id, const QString& desk) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE batches SET heartbeat_at = ? WHERE batch_id = ? AND desk = ?"));
    q.addBindValue(nowText());
    q.addBindValue(id);
    q.addBindValue(desk);
    if (!q.exec())
        throw DatabaseError(tr("cannot update batch %1: %2").arg(id, dbtext::sqlError(q.lastError())));
}

} // namespace carddesk
