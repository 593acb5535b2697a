#include "HeadendAudit.h"

#include "HeadendServer.h"
#include "JsonApi.h"
#include "OperatorAccess.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/protocol/audit/AuditChain.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <cstdio>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

constexpr int kDefaultPage = 1000;
constexpr int kMaxPage = 10000;
constexpr qsizetype kMaxDetail = 1000;

const QString kRowColumns =
    QStringLiteral("seq, audit_time, operators, role, action, card_number, result, detail, hash");

cdos::audit::StoredRow storedRow(const QSqlQuery& q) {
    cdos::audit::StoredRow s;
    s.row.sequence = q.value(0).toLongLong();
    s.row.time = q.value(1).toString().toStdString();
    s.row.operators = q.value(2).toString().toStdString();
    s.row.role = q.value(3).toString().toStdString();
    s.row.action = q.value(4).toString().toStdString();
    s.row.card = q.value(5).toString().toStdString();
    s.row.result = q.value(6).toString().toStdString();
    s.row.detail = q.value(7).toString().toStdString();
    s.hash = bytesOf(q.value(8).toString());
    return s;
}

// The text as the chain hashes it: valid UTF-8 both ways (a lone surrogate would not survive the round trip).
QString clean(const QString& text, qsizetype max) {
    return QString::fromStdString(text.left(max).toStdString());
}

} // namespace

HeadendAudit::Head HeadendAudit::head(bool forUpdate) {
    // PostgreSQL: the row lock is the appenders' queue (held to the end of the transaction; a waiting appender then
    // reads the head the first one left). SQLite: BEGIN IMMEDIATE already made this the only writer.
    const QString sql = QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1") +
                        (forUpdate && !m_db.isSqlite() ? QStringLiteral(" FOR UPDATE") : QString());
    QSqlQuery q = m_db.exec(sql, {}, "audit head");
    if (!q.next())
        throw DatabaseError("the audit head record is missing");
    return {q.value(0).toLongLong(), q.value(1).toString()};
}

void HeadendAudit::lockHead() {
    head(true);
}

qint64 HeadendAudit::append(const AuditEntry& entry) {
    DbTransaction tx(m_db);
    const Head last = head(true);
    cdos::audit::Row row;
    row.sequence = last.sequence + 1;
    row.time = nowText().toStdString();
    row.operators = clean(entry.operators, 200).toStdString();
    row.role = clean(entry.role, 100).toStdString();
    row.action = clean(entry.action, 100).toStdString();
    row.card = clean(entry.card, 40).toStdString();
    row.result = clean(entry.result, 200).toStdString();
    row.detail = clean(entry.detail, kMaxDetail).toStdString();
    const QString hash = hex(cdos::audit::chainHash(bytesOf(last.hash), row));
    const auto text = [](const std::string& s) { return QString::fromStdString(s); };
    m_db.exec(QStringLiteral("INSERT INTO audit_rows (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kRowColumns),
              {qint64(row.sequence), text(row.time), text(row.operators), text(row.role), text(row.action),
               text(row.card), text(row.result), text(row.detail), hash},
              "audit append");
    m_db.exec(QStringLiteral("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"), {qint64(row.sequence), hash},
              "audit append");
    tx.commit();
    return row.sequence;
}

QJsonObject HeadendAudit::page(qint64 after, int limit) {
    const Head h = head(false);
    QSqlQuery q =
        m_db.exec(QStringLiteral("SELECT %1 FROM audit_rows WHERE seq > ? ORDER BY seq LIMIT ?").arg(kRowColumns),
                  {after, limit}, "audit read");
    QJsonArray rows;
    qint64 last = after;
    while (q.next()) {
        last = q.value(0).toLongLong();
        rows.append(QJsonObject{{api::key::sequence, last},
                                {api::key::time, q.value(1).toString()},
                                {api::key::operators, q.value(2).toString()},
                                {api::key::role, q.value(3).toString()},
                                {api::key::action, q.value(4).toString()},
                                {api::key::cardNumber, q.value(5).toString()},
                                {api::key::result, q.value(6).toString()},
                                {api::key::detail, q.value(7).toString()},
                                {api::key::hash, q.value(8).toString()}});
    }
    QJsonObject out{{api::key::rows, rows},
                    {api::key::head, QJsonObject{{api::key::sequence, h.sequence}, {api::key::hash, h.hash}}}};
    if (rows.size() == limit && last < h.sequence)
        out.insert(api::key::next, last);
    return out;
}

HeadendAudit::Verification HeadendAudit::verify() {
    Verification v;
    cdos::Bytes previous = cdos::audit::genesis();
    qint64 last = 0;
    for (;;) {
        QSqlQuery q = m_db.exec(
            QStringLiteral("SELECT %1 FROM audit_rows WHERE seq > ? ORDER BY seq LIMIT 5000").arg(kRowColumns), {last},
            "audit read");
        std::vector<cdos::audit::StoredRow> rows;
        while (q.next())
            rows.push_back(storedRow(q));
        if (rows.empty())
            break;
        if (const auto broken = cdos::audit::verify(rows, previous, last + 1)) {
            v.broken = QString::fromStdString(broken->reason);
            return v;
        }
        v.rows += static_cast<qint64>(rows.size());
        previous = rows.back().hash;
        last = rows.back().row.sequence;
    }
    // The head record names the last row appended: rows cut off the end, or added past it, show here.
    const Head h = head(false);
    v.headHash = h.hash;
    if (h.sequence > last)
        v.broken = h.sequence == last + 1
                       ? QStringLiteral("row %1 is missing (the head record names it as the last row)").arg(last + 1)
                       : QStringLiteral("rows %1 to %2 are missing (the head record names row %2 as the last)")
                             .arg(last + 1)
                             .arg(h.sequence);
    else if (h.sequence < last)
        v.broken = QStringLiteral("row %1 was inserted after the last row the headend appended (row %2)")
                       .arg(h.sequence + 1)
                       .arg(h.sequence);
    else if (bytesOf(h.hash) != previous)
        v.broken = QStringLiteral("the head record does not match row %1 (the head or the row was changed)").arg(last);
    return v;
}

void HeadendAudit::registerRoutes(HeadendServer& server) {
    server.http().route(api::path::adminAudit, Method::Get, [this, &server](const QHttpServerRequest& r) {
        return server.answerAs(r, Operation::ReadAudit, [&](const Caller&, AuditNote& note) {
            const QUrlQuery query(r.url());
            const auto number = [&](const QString& name, qint64 fallback, qint64 min, qint64 max) {
                if (!query.hasQueryItem(name))
                    return fallback;
                bool ok = false;
                const qint64 n = query.queryItemValue(name).toLongLong(&ok);
                if (!ok || n < min || n > max)
                    throw ApiError(Status::BadRequest, Refusal::BadField,
                                   QStringLiteral("%1 must be a number from %2 to %3").arg(name).arg(min).arg(max));
                return n;
            };
            const qint64 after = number(api::query::after, 0, 0, std::numeric_limits<qint64>::max());
            const int limit = static_cast<int>(number(api::query::limit, kDefaultPage, 1, kMaxPage));
            const QJsonObject answer = page(after, limit);
            note.detail =
                QStringLiteral("rows after %1: %2").arg(after).arg(answer.value(api::key::rows).toArray().size());
            return answer;
        });
    });
}

int runAuditVerify(HeadendDatabase& db) {
    HeadendAudit audit(db);
    const HeadendAudit::Verification v = audit.verify();
    if (v.broken) {
        std::printf("audit chain BROKEN: %s\n", qPrintable(*v.broken));
        return 1;
    }
    std::printf("audit chain holds: %lld rows, head %s\n", static_cast<long long>(v.rows), qPrintable(v.headHash));
    return 0;
}

} // namespace carddesk::headend
