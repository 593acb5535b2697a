// Database's audit trail (docs/operators.md, "Audit trail"): one hash chain per database over cdos::audit's
// canonical rows, appended under a lock so that several desks on one PostgreSQL keep one chain; verification,
// export and the settings whose changes it records.
#include "DatabaseAudit.h"
#include "carddesk/model/CsvField.h"
#include "carddesk/model/Database.h"

#include "DatabaseErrorText.h"
#include "DatabaseTime.h"

#include <carddesk/cardio/TraceLog.h>
#include <carddesk/protocol/audit/AuditChain.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace carddesk {

namespace {

using dbtime::nowText;
using dbtime::timeFrom;

constexpr const char* kAuditColumns = "sequence, time, operators, role, action, card, result, detail, hash";

QString hexOf(const cdos::Bytes& b) {
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())).toHex());
}

cdos::Bytes bytesOfHex(const QString& hex) {
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    return cdos::Bytes(raw.cbegin(), raw.cend());
}

// Every text column is NOT NULL: an empty field is stored as '' (a null QString would be bound as NULL).
QString notNull(const QString& s) {
    return s.isNull() ? QStringLiteral("") : s;
}

std::string utf8(const QString& s) {
    return s.toUtf8().toStdString();
}

cdos::audit::Row chainRow(const AuditEntry& e) {
    cdos::audit::Row r;
    r.sequence = e.id;
    r.time = utf8(e.timeText);
    r.operators = utf8(e.operators);
    r.role = utf8(e.role);
    r.action = utf8(e.action);
    r.card = utf8(e.card);
    r.result = utf8(e.result);
    r.detail = utf8(e.detail);
    return r;
}

AuditEntry entryFrom(const QSqlQuery& q) {
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.timeText = q.value(1).toString();
    e.time = timeFrom(q.value(1));
    e.operators = q.value(2).toString();
    e.operatorName = e.operators.section(QLatin1Char('+'), 0, 0);
    e.role = q.value(3).toString();
    e.action = q.value(4).toString();
    e.card = q.value(5).toString();
    e.result = q.value(6).toString();
    e.detail = q.value(7).toString();
    e.hash = q.value(8).toString();
    return e;
}

} // namespace

QJsonObject AuditEntry::toJson() const {
    return QJsonObject{{QStringLiteral("sequence"), id},
                       {QStringLiteral("time"), timeText},
                       {QStringLiteral("operators"), operators},
                       {QStringLiteral("role"), role},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("card"), card},
                       {QStringLiteral("result"), result},
                       {QStringLiteral("detail"), detail},
                       {QStringLiteral("hash"), hash}};
}

QJsonObject AuditVerification::toJson() const {
    QJsonObject o{{QStringLiteral("valid"), valid}, {QStringLiteral("rows"), rows}};
    if (!valid) {
        o.insert(QStringLiteral("brokenRow"), brokenRow);
        o.insert(QStringLiteral("reason"), reason);
        o.insert(QStringLiteral("reasonId"), reasonId);
    }
    return o;
}

qint64 Database::appendAudit(const AuditRecord& record, const std::function<void(QSqlDatabase&)>& change) {
    QSqlDatabase db = connection();
    if (!db.isOpen())
        throw DatabaseError(tr("cannot write the audit log: the database is not open"));
    const bool postgres = db.driverName() == QLatin1String("QPSQL");
    // One append at a time per database: PostgreSQL locks the one row of audit_head until COMMIT (every other
    // desk's append waits there, then reads the new head); SQLite takes the write lock at BEGIN IMMEDIATE.
    QSqlQuery control(db);
    if (postgres ? !db.transaction() : !control.exec(QStringLiteral("BEGIN IMMEDIATE")))
        throw DatabaseError(
            tr("cannot write the audit log: %1")
                .arg(postgres ? dbtext::sqlError(db.lastError()) : dbtext::sqlError(control.lastError())));
    const auto rollback = [&] {
        if (postgres)
            db.rollback();
        else
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    };
    const auto fail = [&](const QString& why) {
        rollback();
        return DatabaseError(tr("cannot write the audit log: %1").arg(why));
    };
    qint64 last = 0;
    cdos::Bytes previous = cdos::audit::genesis();
    {
        QSqlQuery head(db);
        if (!head.exec(postgres ? QStringLiteral("SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                                : QStringLiteral("SELECT sequence, hash FROM audit_head WHERE id = 1")))
            throw fail(dbtext::sqlError(head.lastError()));
        if (!head.next())
            throw fail(tr("the audit trail's head row is missing"));
        last = head.value(0).toLongLong();
        previous = bytesOfHex(head.value(1).toString());
        head.finish();
    }
    if (change) {
        try {
            change(db);
        } catch (...) {
            rollback();
            throw;
        }
    }
    AuditEntry e;
    e.id = last + 1;
    e.timeText = nowText();
    e.operators = record.operators.isEmpty() ? currentOperator() : record.operators;
    e.role = record.role;
    e.action = record.action;
    e.card = record.card.toUpper();
    e.result = record.result;
    e.detail = record.detail;
    e.hash = hexOf(cdos::audit::chainHash(previous, chainRow(e)));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO audit (%1) VALUES (?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kAuditColumns)));
    q.addBindValue(e.id);
    for (const QString* v : {&e.timeText, &e.operators, &e.role, &e.action, &e.card, &e.result, &e.detail, &e.hash})
        q.addBindValue(notNull(*v));
    if (!q.exec())
        throw fail(dbtext::sqlError(q.lastError()));
    q.prepare(QStringLiteral("UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1"));
    q.addBindValue(e.id);
    q.addBindValue(e.hash);
    if (!q.exec())
        throw fail(dbtext::sqlError(q.lastError()));
    q.finish();
    if (postgres ? !db.commit() : !control.exec(QStringLiteral("COMMIT")))
        throw fail(postgres ? dbtext::sqlError(db.lastError()) : dbtext::sqlError(control.lastError()));
    emit auditAppended();
    return e.id;
}

void Database::audit(const QString& operatorName, const QString& action, const QString& detail) {
    AuditRecord r;
    r.operators = operatorName;
    r.action = action;
    r.detail = detail;
    appendAudit(r);
}

QList<AuditEntry> Database::auditEntries(int limit) const {
    QList<AuditEntry> out;
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT %1 FROM audit ORDER BY sequence DESC LIMIT ?").arg(QLatin1String(kAuditColumns)));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(entryFrom(q));
    return out;
}

QList<AuditEntry> Database::auditTrail() const {
    QList<AuditEntry> out;
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM audit ORDER BY sequence").arg(QLatin1String(kAuditColumns))))
        throw DatabaseError(tr("cannot read the audit log: %1").arg(dbtext::sqlError(q.lastError())));
    while (q.next())
        out.append(entryFrom(q));
    return out;
}

AuditVerification Database::verifyAudit() const {
    const QList<AuditEntry> trail = auditTrail();
    AuditVerification v;
    v.rows = trail.size();
    std::vector<cdos::audit::StoredRow> rows;
    rows.reserve(std::size_t(trail.size()));
    for (const AuditEntry& e : trail)
        rows.push_back(cdos::audit::StoredRow{chainRow(e), bytesOfHex(e.hash)});
    if (const auto broken = cdos::audit::verify(rows)) {
        v.valid = false;
        v.reasonId = QString::fromStdString(broken->reason);
        // The same words as cdos::audit::verify, in the operator's language; brokenRow is the row they name
        // first (for rows missing, the first one missing).
        const qint64 expected = qint64(broken->index) + 1;
        v.brokenRow = broken->sequence > expected ? expected : broken->sequence;
        if (broken->sequence > expected + 1)
            v.reason = tr("rows %1 to %2 are missing (the next row is %3)")
                           .arg(expected)
                           .arg(broken->sequence - 1)
                           .arg(broken->sequence);
        else if (broken->sequence > expected)
            v.reason = tr("row %1 is missing (the next row is %2)").arg(expected).arg(broken->sequence);
        else if (broken->sequence < expected)
            v.reason = tr("row %1 is out of place (expected row %2)").arg(broken->sequence).arg(expected);
        else
            v.reason = tr("row %1 was changed or inserted (its hash does not match)").arg(broken->sequence);
        return v;
    }
    // The chain holds; its end must be where audit_head says (rows cut off the end leave a valid shorter chain).
    QSqlQuery head(connection());
    if (!head.exec(QStringLiteral("SELECT sequence, hash FROM audit_head WHERE id = 1")) || !head.next()) {
        v.valid = false;
        v.reasonId = QStringLiteral("the audit trail's head row is missing");
        v.reason = tr("the audit trail's head row is missing");
        return v;
    }
    const qint64 headSequence = head.value(0).toLongLong();
    const QString headHash = head.value(1).toString();
    const qint64 lastSequence = trail.isEmpty() ? 0 : trail.last().id;
    const QString lastHash = trail.isEmpty() ? hexOf(cdos::audit::genesis()) : trail.last().hash;
    if (headSequence > lastSequence) {
        v.valid = false;
        v.brokenRow = lastSequence + 1;
        v.reasonId = QStringLiteral("rows %1 to %2 are missing from the end (the trail's head is row %2)")
                         .arg(lastSequence + 1)
                         .arg(headSequence);
        v.reason = tr("rows %1 to %2 are missing from the end (the trail's head is row %2)")
                       .arg(lastSequence + 1)
                       .arg(headSequence);
    } else if (headSequence < lastSequence) {
        v.valid = false;
        v.brokenRow = headSequence + 1;
        v.reasonId =
            QStringLiteral("row %1 was added after the trail's head (row %2)").arg(headSequence + 1).arg(headSequence);
        v.reason = tr("row %1 was added after the trail's head (row %2)").arg(headSequence + 1).arg(headSequence);
    } else if (headHash.compare(lastHash, Qt::CaseInsensitive) != 0) {
        v.valid = false;
        v.brokenRow = lastSequence;
        v.reasonId = QStringLiteral("row %1 does not match the trail's head").arg(lastSequence);
        v.reason = tr("row %1 does not match the trail's head").arg(lastSequence);
    }
    return v;
}

QByteArray Database::exportAudit(AuditFormat format) const {
    const QList<AuditEntry> trail = auditTrail();
    if (format == AuditFormat::Json) {
        QJsonArray rows;
        for (const AuditEntry& e : trail)
            rows.append(e.toJson());
        const QJsonObject out{
            {QStringLiteral("format"), QStringLiteral("CDAUDIT1")},
            {QStringLiteral("chain"), QStringLiteral("hash = SHA-256(previous hash || canonical row), "
                                                     "protocol/include/carddesk/protocol/audit/AuditChain.h")},
            {QStringLiteral("genesis"), hexOf(cdos::audit::genesis())},
            {QStringLiteral("database"), location()},
            {QStringLiteral("exportedAt"), nowText()},
            {QStringLiteral("verification"), verifyAudit().toJson()},
            {QStringLiteral("rows"), rows}};
        return QJsonDocument(out).toJson(QJsonDocument::Indented);
    }
    // Plain CSV (RFC 4180, UTF-8, no byte order mark): the values exactly as hashed, so that the export itself can
    // be verified.
    QByteArray out = "sequence,time,operators,role,action,card,result,detail,hash\r\n";
    for (const AuditEntry& e : trail) {
        const QStringList fields{QString::number(e.id), csvField(e.timeText), csvField(e.operators),
                                 csvField(e.role),      csvField(e.action),   csvField(e.card),
                                 csvField(e.result),    csvField(e.detail),   e.hash};
        out += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
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

QString Database::setting(const QString& name, const QString& fallback) const {
    QSqlQuery q(connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return fallback;
    return q.value(0).toString();
}

bool Database::productionMode() const {
    return setting(kProductionModeSetting, QStringLiteral("off")) == QLatin1String("on");
}

void Database::setSetting(const QString& name, const QString& value, const AuditRecord& record) {
    appendAudit(record, [&](QSqlDatabase& db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO settings (name, value, changed_at, changed_by) VALUES (?,?,?,?)"
                                 " ON CONFLICT (name) DO UPDATE SET value = excluded.value,"
                                 " changed_at = excluded.changed_at, changed_by = excluded.changed_by"));
        q.addBindValue(name);
        q.addBindValue(value);
        q.addBindValue(nowText());
        q.addBindValue(record.operators);
        if (!q.exec())
            throw DatabaseError(tr("cannot change the setting %1: %2").arg(name, dbtext::sqlError(q.lastError())));
    });
}

namespace auditdb {

void chainUnchainedRows(QSqlDatabase& db) {
    QList<AuditEntry> rows;
    {
        QSqlQuery read(db);
        read.setForwardOnly(true);
        if (!read.exec(QStringLiteral("SELECT time, operator, action, detail FROM audit_unchained ORDER BY id")))
            throw DatabaseError(dbtext::sqlError(read.lastError()));
        while (read.next()) {
            AuditEntry e;
            e.id = rows.size() + 1;
            e.timeText = read.value(0).toString();
            e.operators = read.value(1).toString();
            e.action = read.value(2).toString();
            e.detail = read.value(3).toString();
            e.result = QStringLiteral("ok");
            rows.append(e);
        }
    }
    cdos::Bytes previous = cdos::audit::genesis();
    QSqlQuery q(db);
    for (AuditEntry& e : rows) {
        const cdos::Bytes hash = cdos::audit::chainHash(previous, chainRow(e));
        e.hash = hexOf(hash);
        previous = hash;
        q.prepare(
            QStringLiteral("INSERT INTO audit (%1) VALUES (?,?,?,?,?,?,?,?,?)").arg(QLatin1String(kAuditColumns)));
        q.addBindValue(e.id);
        for (const QString* v : {&e.timeText, &e.operators, &e.role, &e.action, &e.card, &e.result, &e.detail, &e.hash})
            q.addBindValue(notNull(*v));
        if (!q.exec())
            throw DatabaseError(dbtext::sqlError(q.lastError()));
    }
    q.prepare(QStringLiteral("INSERT INTO audit_head (id, sequence, hash) VALUES (1, ?, ?)"));
    q.addBindValue(qint64(rows.size()));
    q.addBindValue(hexOf(previous));
    if (!q.exec())
        throw DatabaseError(dbtext::sqlError(q.lastError()));
}

} // namespace auditdb

} // namespace carddesk
