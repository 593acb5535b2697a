#pragma once
// The states of an enrolled card (POST /v1/admin/cards/{cardNumber}/status): authentication refuses a blocked one.
#include <QString>

namespace carddesk::api::cardStatus {

inline const QString active = QStringLiteral("active");
inline const QString blocked = QStringLiteral("blocked");

} // namespace carddesk::api::cardStatus
