// Database's issuance journal: one row per holder of a batch (or per single issuance), never with a secret
// (docs/batch-issuance.md). The audit trail is in DatabaseAudit.cpp, the batches in DatabaseBatch.cpp.
#include "carddesk/model/Database.h"

#include "DatabaseErrorText.h"
#include "DatabaseRead.h"
#include "DatabaseTime.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace carddesk {

namespace {

using dbtime::nowText;
using dbtime::timeFrom;

QVariant textOrNull(const QString& s) {
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

const char* const kJournalColumns =
    "batch_id, row_number, state, error, card_number, updated_at, holder, asn, chip_serial, reader, attempts";

JournalEntry journalFrom(const QSqlQuery& q) {
    JournalEntry e{q.value(0).toString(), q.value(1).toInt(),    q.value(2).toString(),
                   q.value(3).toString(), q.value(4).toString(), timeFrom(q.value(5))};
    e.holder = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    e.asn = q.value(7).toString();
    e.chipSerial = q.value(8).toString();
    e.reader = q.value(9).toString();
    e.attempts = q.value(10).toInt();
    return e;
}

QString asnOf(const QString& cardNumber) {
    return cardNumber.size() == 20 ? cardNumber.right(16).toUpper() : QString();
}

} // namespace

QJsonObject JournalEntry::toJson() const {
    QJsonObject o{{QStringLiteral("batch"), batchId},
                  {QStringLiteral("row"), row},
                  {QStringLiteral("state"), state},
                  {QStringLiteral("attempts"), attempts},
                  {QStringLiteral("updatedAt"), updatedAt.toString(Qt::ISODateWithMs)}};
    for (const auto& [key, value] :
         {std::pair{"error", error}, std::pair{"cardNumber", cardNumber}, std::pair{"asn", asn},
          std::pair{"chipSerial", chipSerial}, std::pair{"reader", reader}})
        if (!value.isEmpty())
            o[QLatin1String(key)] = value;
    if (!holder.isEmpty())
        o[QStringLiteral("holder")] = holder;
    return o;
}

void Database::setJournal(const QString& batchId, int row, const QString& state, const QString& error,
                          const QString& cardNumber) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral(
        "INSERT INTO issuance_journal (batch_id, row_number, state, error, card_number, asn, updated_at)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT (batch_id, row_number) DO UPDATE SET state = excluded.state,"
        " error = excluded.error, card_number = COALESCE(excluded.card_number, issuance_journal.card_number),"
        " asn = COALESCE(excluded.asn, issuance_journal.asn), updated_at = excluded.updated_at"));
    q.addBindValue(batchId);
    q.addBindValue(row);
    q.addBindValue(state);
    q.addBindValue(textOrNull(error));
    q.addBindValue(textOrNull(cardNumber.toUpper()));
    q.addBindValue(textOrNull(asnOf(cardNumber)));
    q.addBindValue(nowText());
    if (!q.exec())
        throw DatabaseError(tr("cannot write the issuance journal: %1").arg(dbtext::sqlError(q.lastError())));
}

qint64 Database::reserveCard(IssuedCard& card, const QList<CardUserRecord>& users, const QString& prefix, quint64 first,
                             const QString& batchId, int row, const QString& reader) {
    QSqlDatabase db = connection();
    if (!db.transaction())
        throw DatabaseError(tr("cannot start a transaction: %1").arg(dbtext::sqlError(db.lastError())));
    qint64 id = 0;
    try {
        if (card.cardNumber.isEmpty())
            card.cardNumber = allocateIn(db, prefix, first);
        id = insertCardIn(db, card, users);
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO issuance_journal (batch_id, row_number, state, error, card_number, asn, chip_serial, reader,"
            " updated_at) VALUES (?,?,'assigned',NULL,?,?,?,?,?) ON CONFLICT (batch_id, row_number) DO UPDATE SET"
            " state = excluded.state, error = NULL, card_number = excluded.card_number, asn = excluded.asn,"
            " chip_serial = excluded.chip_serial, reader = excluded.reader, updated_at = excluded.updated_at"));
        q.addBindValue(batchId);
        q.addBindValue(row);
        q.addBindValue(card.cardNumber.toUpper());
        q.addBindValue(asnOf(card.cardNumber));
        q.addBindValue(card.chipSerial.toUpper());
        q.addBindValue(textOrNull(reader));
        q.addBindValue(nowText());
        if (!q.exec())
            throw DatabaseError(tr("cannot write the issuance journal: %1").arg(dbtext::sqlError(q.lastError())));
        if (!db.commit())
            throw DatabaseError(tr("cannot record card %1: %2").arg(card.cardNumber, dbtext::sqlError(db.lastError())));
    } catch (...) {
        db.rollback();
        throw;
    }
    emit cardsChanged();
    return id;
}

std::optional<JournalEntry> Database::journalEntry(const QString& batchId, int row) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM issuance_journal WHERE batch_id = ? AND row_number = ?")
                  .arg(QLatin1String(kJournalColumns)));
    q.addBindValue(batchId);
    q.addBindValue(row);
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the issuance journal"));
    if (!q.next())
        return std::nullopt;
    return journalFrom(q);
}

QList<JournalEntry> Database::journal(const QString& batchId) const {
    QList<JournalEntry> out;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM issuance_journal WHERE batch_id = ? ORDER BY row_number")
                  .arg(QLatin1String(kJournalColumns)));
    q.addBindValue(batchId);
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the issuance journal"));
    while (q.next())
        out.append(journalFrom(q));
    return out;
}

std::optional<JournalEntry> Database::claimNextRow(const QString& batchId, const QString& reader) {
    // One process runs a batch (claimBatch): the conditional UPDATE only guards against a second one by mistake.
    for (int tries = 0; tries < 5; ++tries) {
        QSqlQuery q(connection());
        q.prepare(
            QStringLiteral("SELECT MIN(row_number) FROM issuance_journal WHERE batch_id = ? AND state = 'pending'"));
        q.addBindValue(batchId);
        if (!q.exec())
            throw DatabaseError(tr("cannot read the issuance journal: %1").arg(dbtext::sqlError(q.lastError())));
        if (!q.next() || q.value(0).isNull())
            return std::nullopt;
        const int row = q.value(0).toInt();
        QSqlQuery u(connection());
        u.prepare(QStringLiteral("UPDATE issuance_journal SET state = 'assigned', reader = ?, card_number = NULL,"
                                 " asn = NULL, chip_serial = NULL, updated_at = ? WHERE batch_id = ? AND"
                                 " row_number = ? AND state = 'pending'"));
        u.addBindValue(reader);
        u.addBindValue(nowText());
        u.addBindValue(batchId);
        u.addBindValue(row);
        if (!u.exec())
            throw DatabaseError(tr("cannot write the issuance journal: %1").arg(dbtext::sqlError(u.lastError())));
        if (u.numRowsAffected() == 1)
            return journalEntry(batchId, row);
    }
    throw DatabaseError(tr("batch %1: another process takes its rows at the same time").arg(batchId));
}

void Database::requeueRow(const QString& batchId, int row, const QString& reason, bool countAttempt) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE issuance_journal SET state = 'pending', error = ?, card_number = NULL, asn = NULL,"
                             " chip_serial = NULL, reader = NULL, attempts = attempts + ?, updated_at = ?"
                             " WHERE batch_id = ? AND row_number = ?"));
    q.addBindValue(textOrNull(reason));
    q.addBindValue(countAttempt ? 1 : 0);
    q.addBindValue(nowText());
    q.addBindValue(batchId);
    q.addBindValue(row);
    if (!q.exec())
        throw DatabaseError(tr("cannot write the issuance journal: %1").arg(dbtext::sqlError(q.lastError())));
}

std::optional<JournalEntry> Database::journalRowForCard(const QString& cardNumber) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM issuance_journal WHERE card_number = ? ORDER BY updated_at DESC")
                  .arg(QLatin1String(kJournalColumns)));
    q.addBindValue(cardNumber.toUpper());
    execRead(q, QT_TRANSLATE_NOOP("carddesk::Database", "the issuance journal"));
    if (!q.next())
        return std::nullopt;
    return journalFrom(q);
}

int Database::releaseUnnumberedRows(const QString& batchId) {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("UPDATE issuance_journal SET state = 'pending', reader = NULL, updated_at = ?"
                             " WHERE batch_id = ? AND state = 'assigned' AND card_number IS NULL"));
    q.addBindValue(nowText());
    q.addBindValue(batchId);
    if (!q.exec())
        throw DatabaseError(tr("cannot write the issuance journal: %1").arg(dbtext::sqlError(q.lastError())));
    return q.numRowsAffected();
}

} // namespace carddesk
