#pragma once
// The headend's audit trail (issue 13; docs/headend-operators.md): one hash-chained row per operator request —
// who read which card's or subscriber's history, who changed what, every refusal — and per change made on the
// headend's host by its own commands. The chain is cdos::audit's (protocol/audit/AuditChain.h): the same canonical
// encoding and verification as the desk's. Appends are serialised on the head record (audit_head, one row: the last
// sequence and hash): PostgreSQL locks it (SELECT ... FOR UPDATE) for the appending transaction, so several
// headends on one database keep one chain; SQLite has one writer (BEGIN IMMEDIATE) anyway.
#include "HeadendDatabase.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace carddesk::headend {

class HeadendServer;

// What one row says; the sequence, time and hash are the trail's.
struct AuditEntry {
    QString operators; // the operator, "(set-up token)", "(unknown credential)", "(none)" or "host:<user>"
    QString role;      // the role it was allowed under; for a refusal the roles it needed ("desk|support")
    QString action;    // "read card history", "issue credential", ...
    QString card;      // the card number where there is one
    QString result;    // "ok", "refused: <code>", "failed: <code>"
    QString detail;    // free text, never a secret
};

class HeadendAudit {
public:
    explicit HeadendAudit(HeadendDatabase& db) : m_db(db) {}

    // Appends one row: in the caller's transaction when there is one (it then commits or rolls back with the
    // caller's work), else in its own. Returns the row's sequence number. Throws DatabaseError.
    qint64 append(const AuditEntry& entry);
    // Inside a transaction: waits until no other appender holds the head, then holds it until the transaction
    // ends. For work that must be decided under the same lock as its audit row (the first admin credential).
    void lockHead();

    // GET /v1/admin/audit: rows after `after`, at most `limit`, with the head.
    QJsonObject page(qint64 after, int limit);

    // The whole chain recomputed (carddesk-headend audit-verify): nothing when it holds, else the first break in
    // words ("row 17 was changed or inserted ...", the end cut off, the head record changed).
    struct Verification {
        qint64 rows = 0;
        QString headHash;
        std::optional<QString> broken;
    };
    Verification verify();

    void registerRoutes(HeadendServer& server);

private:
    struct Head {
        qint64 sequence = 0;
        QString hash;
    };
    Head head(bool forUpdate);
    HeadendDatabase& m_db;
};

// carddesk-headend audit-verify: prints the outcome; 0 when the chain holds, 1 when it is broken.
int runAuditVerify(HeadendDatabase& db);

} // namespace carddesk::headend
