#include "carddesk/cardio/ApduTraceEntry.h"
#include "carddesk/cardio/HexText.h"

#include "carddesk/cardio/ApduDecoder.h"

#include <QJsonArray>

namespace carddesk {

namespace {

bool inRanges(int i, const QList<TraceRange>& ranges) {
    for (const auto& r : ranges)
        if (i >= r.offset && i < r.offset + r.length)
            return true;
    return false;
}

QJsonArray rangesToJson(const QList<TraceRange>& ranges) {
    QJsonArray a;
    for (const auto& r : ranges)
        a.append(QJsonArray{r.offset, r.length});
    return a;
}

QList<TraceRange> rangesFromJson(const QJsonArray& a) {
    QList<TraceRange> out;
    for (const auto& v : a) {
        const QJsonArray pair = v.toArray();
        if (pair.size() == 2)
            out.append({pair.at(0).toInt(), pair.at(1).toInt()});
    }
    return out;
}

// Hex with secret bytes zeroed: the machine-readable redacted form used in saved traces.
QString zeroedHex(QByteArray data, const QList<TraceRange>& ranges) {
    for (int i = 0; i < data.size(); ++i)
        if (inRanges(i, ranges))
            data[i] = 0;
    return QString::fromLatin1(data.toHex(' ').toUpper());
}

} // namespace

QString redactedHex(const QByteArray& data, const QList<TraceRange>& ranges, bool reveal, RedactionStyle style) {
    QStringList parts;
    int i = 0;
    while (i < data.size()) {
        if (reveal || !inRanges(i, ranges)) {
            parts << hexNumber(static_cast<quint8>(data[i]), 2);
            ++i;
            continue;
        }
        int n = 0;
        while (i < data.size() && inRanges(i, ranges)) {
            ++n;
            ++i;
        }
        if (style == RedactionStyle::Bullets) {
            for (int k = 0; k < n; ++k)
                parts << QStringLiteral("••");
        } else {
            parts << ApduTraceEntry::tr("<redacted %n bytes>", nullptr, n);
        }
    }
    return parts.join(QLatin1Char(' '));
}

QString swClassName(SwClass c) {
    switch (c) {
    case SwClass::Success:
        return ApduTraceEntry::tr("success");
    case SwClass::Warning:
        return ApduTraceEntry::tr("warning");
    case SwClass::Error:
        return ApduTraceEntry::tr("error");
    case SwClass::TransportError:
        return ApduTraceEntry::tr("transport error");
    }
    return {};
}

QString ApduTraceEntry::header() const {
    return QStringList{hexNumber(cla, 2), hexNumber(ins, 2), hexNumber(p1, 2), hexNumber(p2, 2)}.join(QLatin1Char(' '));
}

QString ApduTraceEntry::swText() const {
    if (!transportError.isEmpty())
        return QStringLiteral("----");
    return QStringLiteral("%1").arg(sw, 4, 16, QLatin1Char('0')).toUpper();
}

QString ApduTraceEntry::swMeaning() const {
    return transportError.isEmpty() ? ApduDecoder::statusWordMeaning(sw) : transportError;
}

QString ApduTraceEntry::swMeaningWithDetail() const {
    return transportDetail.isEmpty() ? swMeaning() : swMeaning() + QLatin1Char('\n') + transportDetail;
}

SwClass ApduTraceEntry::swClass() const {
    if (!transportError.isEmpty())
        return SwClass::TransportError;
    const quint8 sw1 = static_cast<quint8>(sw >> 8);
    if (sw == 0x9000 || sw1 == 0x61)
        return SwClass::Success;
    if (sw1 == 0x62 || sw1 == 0x63)
        return SwClass::Warning;
    return SwClass::Error;
}

QString ApduTraceEntry::commandDataHex(bool reveal, RedactionStyle style) const {
    return redactedHex(commandData, commandSecrets, reveal && secretsHeld, style);
}

QString ApduTraceEntry::responseDataHex(bool reveal, RedactionStyle style) const {
    return redactedHex(responseData, responseSecrets, reveal && secretsHeld, style);
}

QString ApduTraceEntry::commandApduHex(bool reveal, RedactionStyle style) const {
    const bool extended = lc > 255 || le > 256;
    QStringList parts{header()};
    if (lc >= 0) {
        if (extended)
            parts << QStringLiteral("00") << hexNumber(static_cast<quint8>(lc >> 8), 2)
                  << hexNumber(static_cast<quint8>(lc), 2);
        else
            parts << hexNumber(static_cast<quint8>(lc), 2);
        if (!commandData.isEmpty())
            parts << commandDataHex(reveal, style);
    }
    if (le >= 0) {
        if (extended) {
            if (lc < 0)
                parts << QStringLiteral("00");
            const int v = le == 65536 ? 0 : le;
            parts << hexNumber(static_cast<quint8>(v >> 8), 2) << hexNumber(static_cast<quint8>(v), 2);
        } else {
            parts << hexNumber(static_cast<quint8>(le == 256 ? 0 : le), 2);
        }
    }
    return parts.join(QLatin1Char(' '));
}

QString ApduTraceEntry::toTextLine(bool reveal) const {
    QString line = QStringLiteral("%1 [%2] %3 %4")
                       .arg(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), reader,
                            commandName.isEmpty() ? QStringLiteral("?") : commandName, commandApduHex(reveal));
    line += QStringLiteral(" -> ");
    if (!responseData.isEmpty())
        line += responseDataHex(reveal) + QLatin1Char(' ');
    line += QStringLiteral("%1 %2").arg(swText(), swMeaning());
    if (!transportDetail.isEmpty())
        line += QStringLiteral(" [%1]").arg(transportDetail);
    line += QStringLiteral(" (%1 µs)").arg(durationUs);
    return line;
}

QJsonObject ApduTraceEntry::toJson(bool reveal) const {
    const bool clear = reveal && secretsHeld;
    QJsonObject o{
        {QStringLiteral("sequence"), static_cast<qint64>(sequence)},
        {QStringLiteral("time"), time.toString(Qt::ISODateWithMs)},
        {QStringLiteral("reader"), reader},
        {QStringLiteral("header"), header()},
        {QStringLiteral("lc"), lc},
        {QStringLiteral("le"), le},
        {QStringLiteral("command"), commandName},
        {QStringLiteral("commandData"),
         clear ? QString::fromLatin1(commandData.toHex(' ').toUpper()) : zeroedHex(commandData, commandSecrets)},
        {QStringLiteral("responseData"),
         clear ? QString::fromLatin1(responseData.toHex(' ').toUpper()) : zeroedHex(responseData, responseSecrets)},
        {QStringLiteral("sw"), swText()},
        {QStringLiteral("meaning"), swMeaning()},
        {QStringLiteral("durationUs"), durationUs},
        {QStringLiteral("commandSecrets"), rangesToJson(commandSecrets)},
        {QStringLiteral("responseSecrets"), rangesToJson(responseSecrets)},
        {QStringLiteral("secretsRedacted"), hasSecrets() && !clear},
    };
    if (!transportError.isEmpty())
        o.insert(QStringLiteral("transportError"), transportError);
    if (!transportDetail.isEmpty())
        o.insert(QStringLiteral("transportDetail"), transportDetail);
    return o;
}

ApduTraceEntry ApduTraceEntry::fromJson(const QJsonObject& o) {
    ApduTraceEntry e;
    const QByteArray header = QByteArray::fromHex(o.value(QStringLiteral("header")).toString().toLatin1());
    if (header.size() != 4)
        return e;
    e.cla = static_cast<quint8>(header[0]);
    e.ins = static_cast<quint8>(header[1]);
    e.p1 = static_cast<quint8>(header[2]);
    e.p2 = static_cast<quint8>(header[3]);
    e.sequence = static_cast<quint64>(o.value(QStringLiteral("sequence")).toInteger());
    e.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    e.reader = o.value(QStringLiteral("reader")).toString();
    e.lc = o.value(QStringLiteral("lc")).toInt(-1);
    e.le = o.value(QStringLiteral("le")).toInt(-1);
    e.commandName = o.value(QStringLiteral("command")).toString();
    e.commandData = QByteArray::fromHex(o.value(QStringLiteral("commandData")).toString().toLatin1());
    e.responseData = QByteArray::fromHex(o.value(QStringLiteral("responseData")).toString().toLatin1());
    e.transportError = o.value(QStringLiteral("transportError")).toString();
    e.transportDetail = o.value(QStringLiteral("transportDetail")).toString();
    e.sw = e.transportError.isEmpty()
               ? static_cast<quint16>(o.value(QStringLiteral("sw")).toString().toUShort(nullptr, 16))
               : 0;
    e.durationUs = o.value(QStringLiteral("durationUs")).toInteger();
    e.commandSecrets = rangesFromJson(o.value(QStringLiteral("commandSecrets")).toArray());
    e.responseSecrets = rangesFromJson(o.value(QStringLiteral("responseSecrets")).toArray());
    e.secretsHeld = e.hasSecrets() && !o.value(QStringLiteral("secretsRedacted")).toBool(true);
    if (e.sequence == 0)
        e.sequence = 1;
    return e;
}

void ApduTraceEntry::wipeSecrets() {
    // Writes through the shared buffer on purpose: every implicitly shared copy of this entry (a model's row,
    // a copy handed to a view) loses the secret too, instead of a detached copy keeping it.
    auto wipe = [](QByteArray& data, const QList<TraceRange>& ranges) {
        if (data.isEmpty())
            return;
        // Static data (a literal, fromRawData) is read-only and shared with nobody we know: copy it first.
        char* p = data.data_ptr().isMutable() ? const_cast<char*>(data.constData()) : data.data();
        for (const auto& r : ranges)
            for (int i = qMax(0, r.offset); i < r.offset + r.length && i < data.size(); ++i)
                p[i] = 0;
    };
    wipe(commandData, commandSecrets);
    wipe(responseData, responseSecrets);
    secretsHeld = false;
}

} // namespace carddesk
