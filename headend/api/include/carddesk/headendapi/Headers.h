#pragma once
// The HTTP header names and values of the API beyond the request line (openapi.yaml securitySchemes).
#include <QByteArray>

namespace carddesk::api::header {

inline constexpr const char* authorization = "Authorization";
inline constexpr const char* bearerPrefix = "Bearer "; // Authorization: Bearer <sessionToken>
// The shared set-up token (CARDDESK_HEADEND_ADMIN_TOKEN): it only issues the first admin credential
// (docs/headend-operators.md); every other administration request carries an operator credential.
inline constexpr const char* adminToken = "X-Admin-Token";
inline constexpr const char* operatorToken = "X-Operator-Token"; // an operator credential the headend issued
inline constexpr const char* allow = "Allow";                    // with 405 method_not_allowed
// The histories (GET …/transactions): the cursor of the next page, the `after` of the following request; absent on
// the last page.
inline constexpr const char* nextCursor = "X-Next-Cursor";

} // namespace carddesk::api::header
