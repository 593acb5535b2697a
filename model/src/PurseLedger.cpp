#include "carddesk/model/PurseLedger.h"

#include "DatabaseErrorText.h"

#include "carddesk/model/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace carddesk {

namespace {

QVariant orNull(qint64 v) {
    return v < 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(v);
}
QVariant orNull(const QString& s) {
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}
qint64 orMinus(const QVariant& v) {
    return v.isNull() ? -1 : v.toLongLong();
}

} // namespace

qint64 PurseLedger::record(const PurseTransactionRecord& t) {
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO purse_transactions (card_number, asn, kind, amount, balance_before, balance_after, counter,"
        " terminal_id, terminal_serial, card_time, tac, tac_verified, outcome, error, reader, operator, recorded_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(t.cardNumber.toUpper());
    q.addBindValue(t.asn.toUpper());
    q.addBindValue(t.kind);
    q.addBindValue(t.amount);
    q.addBindValue(orNull(t.balanceBefore));
    q.addBindValue(orNull(t.balanceAfter));
    q.addBindValue(orNull(qint64(t.counter)));
    q.addBindValue(t.terminalId.toUpper());
    q.addBindValue(orNull(t.terminalSerial));
    q.addBindValue(orNull(t.cardTime));
    q.addBindValue(orNull(t.tac.toUpper()));
    q.addBindValue(t.tacVerified ? 1 : 0);
    q.addBindValue(t.outcome);
    q.addBindValue(orNull(t.error));
    q.addBindValue(orNull(t.reader));
    q.addBindValue(t.operatorName.isEmpty() ? Database::currentOperator() : t.operatorName);
    q.addBindValue(
        (t.recordedAt.isValid() ? t.recordedAt : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs));
    if (!q.exec())
        throw DatabaseError(tr("cannot record the purse transaction: %1").arg(dbtext::sqlError(q.lastError())));
    // Portable across SQLite and PostgreSQL (no RETURNING in older SQLite): the newest row of this card.
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT MAX(id) FROM purse_transactions WHERE card_number = ?"));
    id.addBindValue(t.cardNumber.toUpper());
    if (!id.exec() || !id.next())
        throw DatabaseError(tr("cannot record the purse transaction: %1").arg(dbtext::sqlError(id.lastError())));
    return id.value(0).toLongLong();
}

qint64 PurseLedger::nextTerminalSerial(const QString& terminalId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT MAX(terminal_serial) FROM purse_transactions WHERE terminal_id = ?"));
    q.addBindValue(terminalId.toUpper());
    if (!q.exec() || !q.next())
        throw DatabaseError(tr("cannot read the terminal serial: %1").arg(dbtext::sqlError(q.lastError())));
    return q.value(0).isNull() ? 1 : q.value(0).toLongLong() + 1;
}

QList<PurseTransactionRecord> PurseLedger::transactions(const QString& cardNumber, int limit) const {
    QList<PurseTransactionRecord> out;
    QSqlQuery q(m_db.connection());
    const QString columns =
        QStringLiteral("SELECT id, card_number, asn, kind, amount, balance_before, balance_after, counter, terminal_id,"
                       " terminal_serial, card_time, tac, tac_verified, outcome, error, reader, operator, recorded_at"
                       " FROM purse_transactions");
    if (cardNumber.isEmpty()) {
        q.prepare(columns + QStringLiteral(" ORDER BY id DESC LIMIT ?"));
    } else {
        q.prepare(columns + QStringLiteral(" WHERE card_number = ? ORDER BY id DESC LIMIT ?"));
        q.addBindValue(cardNumber.toUpper());
    }
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        PurseTransactionRecord t;
        t.id = q.value(0).toLongLong();
        t.cardNumber = q.value(1).toString();
        t.asn = q.value(2).toString();
        t.kind = q.value(3).toString();
        t.amount = q.value(4).toLongLong();
        t.balanceBefore = orMinus(q.value(5));
        t.balanceAfter = orMinus(q.value(6));
        t.counter = int(orMinus(q.value(7)));
        t.terminalId = q.value(8).toString();
        t.terminalSerial = orMinus(q.value(9));
        t.cardTime = q.value(10).toString();
        t.tac = q.value(11).toString();
        t.tacVerified = q.value(12).toInt() != 0;
        t.outcome = q.value(13).toString();
        t.error = q.value(14).toString();
        t.reader = q.value(15).toString();
        t.operatorName = q.value(16).toString();
        t.recordedAt = QDateTime::fromString(q.value(17).toString(), Qt::ISODateWithMs);
        out.append(t);
    }
    return out;
}

} // namespace carddesk
