#pragma once
// Reads the members of a JSON body by the API's rules and keeps the first one that is missing or malformed, with
// the sentence the headend's 400 bad_field answer carries. The message structs' fromJson and the headend's own
// field helpers share it, so a field is refused the same way wherever it is read.
#include "carddesk/protocol/apdu/Bytes.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>

namespace carddesk::api {

// A binary member as the API writes it: upper-case hex.
QString hexText(const cdos::Bytes& bytes);

class FieldReader {
public:
    explicit FieldReader(QJsonObject body) : m_body(std::move(body)) {}

    // A hex string of exactly `size` bytes, or of any size up to 1024 bytes when size is 0.
    cdos::Bytes hex(const QString& key, std::size_t size = 0);
    // A non-empty string of at most maxLength characters.
    QString string(const QString& key, qsizetype maxLength = 200);
    // A JSON number that is an integer from 0 to max.
    qint64 integer(const QString& key, qint64 max);
    bool has(const QString& key) const { return m_body.contains(key); }
    // A refusal found by the caller (a value outside its set); only the first refusal is kept.
    void fail(const QString& key, const QString& why);

    bool ok() const { return m_field.isEmpty(); }
    QString badField() const { return m_field; }
    QString why() const { return m_why; }
    // true when every member read was good; otherwise false, with the member and the sentence in the (optional)
    // out-parameters.
    bool report(QString* badField, QString* why) const;
    // The message read, or nullopt when a member was refused (reported as by report()).
    template <class T> std::optional<T> finish(T message, QString* badField, QString* why) const {
        if (!report(badField, why))
            return std::nullopt;
        return message;
    }

private:
    QJsonObject m_body; // a shared copy: a reader may outlive the object it was given
    QString m_field, m_why;
};

} // namespace carddesk::api
