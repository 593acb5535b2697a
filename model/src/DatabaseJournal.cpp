// Database's issuance journal and audit trail: one row per issuance step and per operator action (trace reveals
// included), written in the operator's name, never with a secret.
#include "carddesk/model/Database.h"

#include "DatabaseTime.h"

#include <carddesk/cardio/TraceLog.h>

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace carddesk {

namespace {

using dbtime::nowText;
using dbtime::timeFrom;

} // namespace

void Database::setJournal(const QString& batchId, int row, const QString& state, const QString& error,
                          const QString& cardNumber) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral(
        "INSERT INTO issuance_journal (batch_id, row_number, state, error, card_number, updated_at)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT (batch_id, row_number) DO UPDATE SET state = excluded.state,"
        " error = excluded.error, card_number = COALESCE(excluded.card_number, issuance_journal.card_number),"
        " updated_at = excluded.updated_at"));
    q.addBindValue(batchId);
    q.addBindValue(row);
    q.addBindValue(state);
    q.addBindValue(error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(error));
    q.addBindValue(cardNumber.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(cardNumber.toUpper()));
    q.addBindValue(nowText());
    if (!q.exec())
        throw DatabaseError(tr("cannot write the issuance journal: %1").arg(q.lastError().text()));
}

namespace {
JournalEntry journalFrom(const QSqlQuery& q) {
    return JournalEntry{q.value(0).toString(), q.value(1).toInt(),    q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toString(), timeFrom(q.value(5))};
}
} // namespace

std::optional<JournalEntry> Database::journalEntry(const QString& batchId, int row) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT batch_id, row_number, state, error, card_number, updated_at"
                             " FROM issuance_journal WHERE batch_id = ? AND row_number = ?"));
    q.addBindValue(batchId);
    q.addBindValue(row);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return journalFrom(q);
}

QList<JournalEntry> Database::journal(const QString& batchId) const {
    QList<JournalEntry> out;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT batch_id, row_number, state, error, card_number, updated_at"
                             " FROM issuance_journal WHERE batch_id = ? ORDER BY row_number"));
    q.addBindValue(batchId);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(journalFrom(q));
    return out;
}

void Database::audit(const QString& operatorName, const QString& action, const QString& detail) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("INSERT INTO audit (time, operator, action, detail) VALUES (?,?,?,?)"));
    q.addBindValue(nowText());
    q.addBindValue(operatorName.isEmpty() ? currentOperator() : operatorName);
    q.addBindValue(action);
    q.addBindValue(detail);
    if (!q.exec())
        throw DatabaseError(tr("cannot write the audit log: %1").arg(q.lastError().text()));
    emit auditAppended();
}

QList<AuditEntry> Database::auditEntries(int limit) const {
    QList<AuditEntry> out;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT id, time, operator, action, detail FROM audit ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(AuditEntry{q.value(0).toLongLong(), timeFrom(q.value(1)), q.value(2).toString(),
                              q.value(3).toString(), q.value(4).toString()});
    return out;
}

void Database::attachTraceAudit(TraceLog* log) {
    connect(log, &TraceLog::revealChanged, this, [this](bool reveal, const QString& operatorName) {
        if (!isOpen())
            return;
        try {
            audit(operatorName, reveal ? QStringLiteral("trace reveal") : QStringLiteral("trace conceal"));
        } catch (const DatabaseError& e) {
            qWarning("%s", e.what());
        }
    });
}

} // namespace carddesk
