#include "JsonApi.h"

#include <QDateTime>

#include <QJsonDocument>
#include <QJsonParseError>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse errorResponse(Status status, const char* code, const QString& message) {
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("error"), QString::fromLatin1(code)}, {QStringLiteral("message"), message}},
        status);
}

QJsonObject jsonBody(const QHttpServerRequest& request) {
    const QByteArray body = request.body();
    if (body.size() > kMaxBodyBytes)
        throw ApiError(Status::PayloadTooLarge, "request_too_large",
                       QStringLiteral("the request body is larger than %1 bytes").arg(kMaxBodyBytes));
    const QByteArray type = request.value("Content-Type");
    if (!type.startsWith("application/json"))
        throw ApiError(Status::UnsupportedMediaType, "not_json",
                       QStringLiteral("the request must be application/json"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError(Status::BadRequest, "malformed_json",
                       QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        throw ApiError(Status::BadRequest, "malformed_json", QStringLiteral("the request must be a JSON object"));
    return doc.object();
}

cdos::Bytes hexField(const QJsonObject& o, const char* name, std::size_t size) {
    const QJsonValue v = o.value(QLatin1String(name));
    const auto bytes = v.isString() ? cdos::fromHex(v.toString().toStdString()) : std::nullopt;
    if (!bytes || (size != 0 && bytes->size() != size) || bytes->size() > 1024)
        throw ApiError(Status::BadRequest, "bad_field",
                       size ? QStringLiteral("field %1 must be %2 bytes in hex").arg(QLatin1String(name)).arg(size)
                            : QStringLiteral("field %1 must be hex").arg(QLatin1String(name)));
    return *bytes;
}

QString stringField(const QJsonObject& o, const char* name, qsizetype maxLength) {
    const QJsonValue v = o.value(QLatin1String(name));
    if (!v.isString() || v.toString().isEmpty() || v.toString().size() > maxLength)
        throw ApiError(Status::BadRequest, "bad_field",
                       QStringLiteral("field %1 must be a non-empty string of at most %2 characters")
                           .arg(QLatin1String(name))
                           .arg(maxLength));
    return v.toString();
}

qint64 intField(const QJsonObject& o, const char* name, qint64 max) {
    const QJsonValue v = o.value(QLatin1String(name));
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > static_cast<double>(max) || d != static_cast<double>(static_cast<qint64>(d)))
        throw ApiError(Status::BadRequest, "bad_field",
                       QStringLiteral("field %1 must be an integer from 0 to %2").arg(QLatin1String(name)).arg(max));
    return static_cast<qint64>(d);
}

QString hex(const cdos::Bytes& b) {
    return QString::fromStdString(cdos::toHex(b));
}

cdos::Bytes bytesOf(const QString& hexText) {
    return cdos::fromHex(hexText.toStdString()).value_or(cdos::Bytes{});
}

QString nowText() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString bearerToken(const QHttpServerRequest& request) {
    const QByteArray h = request.value("Authorization");
    return h.startsWith("Bearer ") ? QString::fromLatin1(h.mid(7)).trimmed() : QString();
}

} // namespace carddesk::headend
