#include "carddesk/model/HeadendHistory.h"
#include "carddesk/headendapi/Keys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

namespace carddesk {

namespace {

namespace key = carddesk::api::key;

bool isHex(const QString& s, int digits) {
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]*$"));
    return (digits < 0 || s.size() == digits) && hex.match(s).hasMatch();
}

bool isDigits(const QString& s, int digits) {
    static const QRegularExpression num(QStringLiteral("^[0-9]*$"));
    return s.size() == digits && num.match(s).hasMatch();
}

} // namespace

QString HeadendHistory::Record::dateTime() const {
    if (date.size() != 8 || time.size() != 6)
        return {};
    return QStringLiteral("%1-%2-%3 %4:%5:%6")
        .arg(date.left(4), date.mid(4, 2), date.mid(6, 2), time.left(2), time.mid(2, 2), time.mid(4, 2));
}

QJsonObject HeadendHistory::Record::toJson() const {
    QJsonObject o{{key::kind, kind},
                  {key::id, id},
                  {key::cardNumber, cardNumber},
                  {key::amount, amount},
                  {key::terminalId, terminalId},
                  {key::counter, counter},
                  {key::date, date},
                  {key::time, time},
                  {key::status, status},
                  {key::tac, tac}};
    if (terminalSerial >= 0)
        o.insert(key::terminalSerial, terminalSerial);
    if (balanceBefore >= 0)
        o.insert(key::balanceBefore, balanceBefore);
    if (!vodTitle.isEmpty())
        o.insert(key::title, vodTitle);
    return o;
}

std::optional<HeadendHistory::Record> HeadendHistory::Record::fromJson(const QJsonObject& o, QString* error) {
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const auto integer = [&o](const QString& name, qint64 max, qint64* out) {
        const QJsonValue v = o.value(name);
        // JSON numbers are doubles: integral and within range, or refused.
        if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < 0 || v.toInteger() > max)
            return false;
        *out = v.toInteger();
        return true;
    };
    Record r;
    r.kind = o.value(key::kind).toString();
    if (r.kind != QLatin1String("purchase") && r.kind != QLatin1String("load"))
        return fail(tr("a record of unknown kind \"%1\"").arg(r.kind));
    qint64 counter = 0;
    if (!integer(key::id, std::numeric_limits<qint64>::max() / 2, &r.id) ||
        !integer(key::amount, 0xFFFFFFFFLL, &r.amount) || !integer(key::counter, 0xFFFF, &counter))
        return fail(tr("a %1 record without a valid id, amount or counter").arg(r.kind));
    r.counter = int(counter);
    r.cardNumber = o.value(key::cardNumber).toString().toUpper();
    if (!isHex(r.cardNumber, 20))
        return fail(tr("record %1 has no valid card number").arg(r.id));
    r.terminalId = o.value(key::terminalId).toString().toUpper();
    if (!isHex(r.terminalId, 12))
        return fail(tr("record %1 has no valid terminal id").arg(r.id));
    r.date = o.value(key::date).toString();
    r.time = o.value(key::time).toString();
    if (!isDigits(r.date, 8) || !isDigits(r.time, 6))
        return fail(tr("record %1 has no valid date and time").arg(r.id));
    r.status = o.value(key::status).toString();
    if (r.status.isEmpty())
        return fail(tr("record %1 has no status").arg(r.id));
    r.tac = o.value(key::tac).toString().toUpper();
    if (!r.tac.isEmpty() && !isHex(r.tac, 8))
        return fail(tr("record %1 has a malformed TAC").arg(r.id));
    if (r.kind == QLatin1String("purchase") && !integer(key::terminalSerial, 0xFFFFFFFFLL, &r.terminalSerial))
        return fail(tr("purchase %1 has no valid terminal serial").arg(r.id));
    if (o.contains(key::balanceBefore) && !integer(key::balanceBefore, 0xFFFFFFFFLL, &r.balanceBefore))
        return fail(tr("record %1 has a malformed balance").arg(r.id));
    if (o.contains(key::title)) {
        r.vodTitle = o.value(key::title).toString();
        if (r.vodTitle.isEmpty() || r.vodTitle.size() > 200 || r.kind != QLatin1String("purchase"))
            return fail(tr("record %1 has a malformed programme title").arg(r.id));
    }
    return r;
}

std::optional<HeadendHistory> HeadendHistory::parse(const QByteArray& json, QString* error) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isArray()) {
        if (error)
            *error = tr("the headend's answer is not a list of transactions");
        return std::nullopt;
    }
    HeadendHistory h;
    for (const QJsonValue& v : doc.array()) {
        QString why;
        const auto r = v.isObject() ? Record::fromJson(v.toObject(), &why) : std::nullopt;
        if (!r) {
            if (error)
                *error = tr("the headend's answer holds a malformed transaction: %1")
                             .arg(why.isEmpty() ? tr("not an object") : why);
            return std::nullopt;
        }
        h.records.append(*r);
    }
    return h;
}

QStringList HeadendHistory::cardNumbers() const {
    QStringList out;
    for (const Record& r : records)
        if (!out.contains(r.cardNumber))
            out.append(r.cardNumber);
    return out;
}

} // namespace carddesk
