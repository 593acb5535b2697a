// Database's issuance journal: one row per issuance step, never with a secret (the audit trail: DatabaseAudit.cpp).
#include "carddesk/model/Database.h"

#include "DatabaseTime.h"

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

} // namespace carddesk
