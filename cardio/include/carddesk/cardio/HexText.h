#pragma once
// Bytes and numbers as the operator reads them, one way for every Qt layer: upper-case hex, optionally spaced
// (the trace and decoders), numbers zero-padded to their field width, and amounts in yuan.
#include <carddesk/protocol/apdu/Bytes.h>

#include <QByteArray>
#include <QLocale>
#include <QString>

namespace carddesk {

// "0A1B2C"; with `spaced`, "0A 1B 2C".
inline QString hexText(const QByteArray& b, bool spaced = false) {
    return QString::fromLatin1((spaced ? b.toHex(' ') : b.toHex()).toUpper());
}
inline QString hexText(const cdos::Bytes& b, bool spaced = false) {
    return QString::fromStdString(cdos::toHex(b, spaced));
}
// A number in hex, zero-padded to `width` digits: hexNumber(0x6982, 4) == "6982".
inline QString hexNumber(quint32 v, int width) {
    return QStringLiteral("%1").arg(v, width, 16, QLatin1Char('0')).toUpper();
}
inline cdos::Bytes bytesOf(const QByteArray& b) {
    return cdos::Bytes(b.cbegin(), b.cend());
}
inline QByteArray qbytesOf(const cdos::Bytes& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<qsizetype>(b.size()));
}
// fen → "¥12.34" in `locale` (2 decimals, the locale's separators).
inline QString formatYuan(qint64 fen, const QLocale& locale = QLocale()) {
    return locale.toCurrencyString(double(fen) / 100.0, QStringLiteral("¥"), 2);
}

} // namespace carddesk
