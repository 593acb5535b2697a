#include "carddesk/headendapi/FieldReader.h"

#include <QJsonValue>

namespace carddesk::api {

namespace {
constexpr std::size_t kMaxHexBytes = 1024;
} // namespace

QString hexText(const cdos::Bytes& bytes) {
    return QString::fromStdString(cdos::toHex(bytes));
}

void FieldReader::fail(const QString& key, const QString& why) {
    if (!ok())
        return;
    m_field = key;
    m_why = why;
}

bool FieldReader::report(QString* badField, QString* why) const {
    if (badField)
        *badField = m_field;
    if (why)
        *why = m_why;
    return ok();
}

cdos::Bytes FieldReader::hex(const QString& key, std::size_t size) {
    const QJsonValue v = m_body.value(key);
    const auto bytes = v.isString() ? cdos::fromHex(v.toString().toStdString()) : std::nullopt;
    if (!bytes || (size != 0 && bytes->size() != size) || bytes->size() > kMaxHexBytes) {
        fail(key, size ? QStringLiteral("field %1 must be %2 bytes in hex").arg(key).arg(size)
                       : QStringLiteral("field %1 must be hex").arg(key));
        return {};
    }
    return *bytes;
}

QString FieldReader::string(const QString& key, qsizetype maxLength) {
    const QJsonValue v = m_body.value(key);
    if (!v.isString() || v.toString().isEmpty() || v.toString().size() > maxLength) {
        fail(key,
             QStringLiteral("field %1 must be a non-empty string of at most %2 characters").arg(key).arg(maxLength));
        return {};
    }
    return v.toString();
}

qint64 FieldReader::integer(const QString& key, qint64 max) {
    const QJsonValue v = m_body.value(key);
    const double d = v.toDouble(-1);
    // JSON numbers are doubles: integral and within range, or refused.
    if (!v.isDouble() || d < 0 || d > static_cast<double>(max) || d != static_cast<double>(static_cast<qint64>(d))) {
        fail(key, QStringLiteral("field %1 must be an integer from 0 to %2").arg(key).arg(max));
        return 0;
    }
    return static_cast<qint64>(d);
}

} // namespace carddesk::api
