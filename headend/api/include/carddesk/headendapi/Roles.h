#pragma once
// The operator roles of the headend's credentials, and a credential's states, (openapi.yaml "Role"): the desk's own
// role names (issue 13), so that one operator holds the same roles at the desk and at the headend. Which role each
// route needs: docs/headend-operators.md (headend/src/OperatorAccess.cpp is the table).
#include <QString>
#include <QStringList>

namespace carddesk::api::role {

inline const QString desk = QStringLiteral("desk");             // issuance desks: enrolment, application identity
inline const QString technician = QStringLiteral("technician"); // field technicians: a card's application history
inline const QString support = QStringLiteral("support");       // histories, reconciliation, ledger, card blocking
inline const QString admin = QStringLiteral("admin");           // operator credentials, catalogue, audit review

inline QStringList all() {
    return {desk, technician, support, admin};
}

} // namespace carddesk::api::role

// A listed credential's state (openapi.yaml "Credential": status).
namespace carddesk::api::credentialStatus {

inline const QString live = QStringLiteral("live");
inline const QString expired = QStringLiteral("expired");
inline const QString revoked = QStringLiteral("revoked");

} // namespace carddesk::api::credentialStatus
