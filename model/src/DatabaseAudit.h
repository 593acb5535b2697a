#pragma once
// The audit trail's parts the migrations need (DatabaseAudit.cpp).
#include <QSqlDatabase>

namespace carddesk::auditdb {

// Migration 5: the rows of the unchained audit table of before (audit_unchained) become the first rows of the
// chain, in their order, with their time, operator, action and detail (no role, no card, result "ok"); audit_head
// gets the chain's end. Throws DatabaseError.
void chainUnchainedRows(QSqlDatabase& db);

} // namespace carddesk::auditdb
