#include "JsonApi.h"
#include "carddesk/headendapi/Headers.h"

#include "carddesk/headendapi/FieldReader.h"

#include <QDateTime>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cstring>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse errorResponse(Status status, Refusal refusal, const QString& message, const QStringList& roles) {
    QJsonObject o{{api::key::error, api::code(refusal)}, {api::key::message, message}};
    if (!roles.isEmpty())
        o.insert(api::key::roles, QJsonArray::fromStringList(roles));
    return QHttpServerResponse(o, status);
}

QJsonObject jsonBody(const QHttpServerRequest& request) {
    const QByteArray body = request.body();
    if (body.size() > kMaxBodyBytes)
        throw ApiError(Status::PayloadTooLarge, Refusal::RequestTooLarge,
                       QStringLiteral("the request body is larger than %1 bytes").arg(kMaxBodyBytes));
    const QByteArray type = request.value("Content-Type");
    if (!type.startsWith("application/json"))
        throw ApiError(Status::UnsupportedMediaType, Refusal::NotJson,
                       QStringLiteral("the request must be application/json"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError(Status::BadRequest, Refusal::MalformedJson,
                       QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        throw ApiError(Status::BadRequest, Refusal::MalformedJson, QStringLiteral("the request must be a JSON object"));
    return doc.object();
}

namespace {
// The reader's refusal as the API's 400 bad_field.
template <class T> T checked(const api::FieldReader& in, T value) {
    if (!in.ok())
        throw ApiError(Status::BadRequest, Refusal::BadField, in.why());
    return value;
}
} // namespace

cdos::Bytes hexField(const QJsonObject& o, const QString& key, std::size_t size) {
    api::FieldReader in(o);
    return checked(in, in.hex(key, size));
}

QString stringField(const QJsonObject& o, const QString& key, qsizetype maxLength) {
    api::FieldReader in(o);
    return checked(in, in.string(key, maxLength));
}

qint64 intField(const QJsonObject& o, const QString& key, qint64 max) {
    api::FieldReader in(o);
    return checked(in, in.integer(key, max));
}

QString hex(const cdos::Bytes& b) {
    return api::hexText(b);
}

cdos::Bytes bytesOf(const QString& hexText) {
    return cdos::fromHex(hexText.toStdString()).value_or(cdos::Bytes{});
}

QString nowText() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QString bearerToken(const QHttpServerRequest& request) {
    const QByteArray h = request.value(api::header::authorization);
    return h.startsWith(api::header::bearerPrefix)
               ? QString::fromLatin1(h.mid(qsizetype(std::strlen(api::header::bearerPrefix)))).trimmed()
               : QString();
}

} // namespace carddesk::headend
