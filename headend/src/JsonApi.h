#pragma once
// Small helpers of the JSON API: refusals with a machine-readable code and a sentence, body parsing with a size
// limit, hex fields. A refusal never carries a key, a session key or a PIN. Member names, routes and codes come
// from carddesk_headendapi (headend/api).
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Refusal.h"
#include "carddesk/protocol/apdu/Bytes.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

namespace carddesk::headend {

using Refusal = api::Refusal;

// Thrown by handlers; the server turns it into {"error": code, "message": message} with the status.
struct ApiError : std::runtime_error {
    ApiError(QHttpServerResponse::StatusCode s, Refusal r, const QString& message)
        : std::runtime_error(message.toStdString()), status(s), refusal(r) {}
    QHttpServerResponse::StatusCode status;
    Refusal refusal;
    QStringList roles; // missing_role: the roles any one of which would do (the Error's "roles")
};

inline constexpr qsizetype kMaxBodyBytes = 16 * 1024;

QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, Refusal refusal, const QString& message,
                                  const QStringList& roles = {});
// The body as a JSON object: 413 when larger than kMaxBodyBytes, 415 unless JSON, 400 when malformed.
QJsonObject jsonBody(const QHttpServerRequest& request);
// A required hex field of exactly `size` bytes (any size when 0); 400 naming the field otherwise.
cdos::Bytes hexField(const QJsonObject& o, const QString& key, std::size_t size = 0);
QString stringField(const QJsonObject& o, const QString& key, qsizetype maxLength = 200);
// A required non-negative integer field no larger than max.
qint64 intField(const QJsonObject& o, const QString& key, qint64 max);
// A request body of the API (headend/api's messages); 400 bad_field naming its first bad member otherwise.
template <class Message> Message parseBody(const QJsonObject& body) {
    QString why;
    std::optional<Message> m = Message::fromJson(body, nullptr, &why);
    if (!m)
        throw ApiError(QHttpServerResponse::StatusCode::BadRequest, Refusal::BadField, why);
    return std::move(*m);
}
QString hex(const cdos::Bytes& b);
// Hex as stored in the database back to bytes (empty when malformed), and into a fixed-size field.
cdos::Bytes bytesOf(const QString& hexText);
template <std::size_t N> std::array<std::uint8_t, N> arrayOf(const QString& hexText) {
    std::array<std::uint8_t, N> out{};
    const cdos::Bytes b = bytesOf(hexText);
    std::copy_n(b.begin(), std::min(N, b.size()), out.begin());
    return out;
}
// The time stamp of records: UTC, ISO 8601 with milliseconds.
QString nowText();
// The bearer token of the Authorization header, or an empty string.
QString bearerToken(const QHttpServerRequest& request);

} // namespace carddesk::headend
