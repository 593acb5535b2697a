#pragma once
// The HTTP header names and values of the API beyond the request line (openapi.yaml securitySchemes).
#include <QByteArray>

namespace carddesk::api::header {

inline constexpr const char* authorization = "Authorization";
inline constexpr const char* bearerPrefix = "Bearer ";     // Authorization: Bearer <sessionToken>
inline constexpr const char* adminToken = "X-Admin-Token"; // the operator's administration token
inline constexpr const char* allow = "Allow";              // with 405 method_not_allowed

} // namespace carddesk::api::header
