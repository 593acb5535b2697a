#pragma once
// Stream helpers of the gateway TV tests: dates as the card writes them, a DVB TDT (ETSI EN 300 468 5.2.5) put
// into a clear stream as a broadcast multiplexer does, and the video lines of a framemd5 listing.
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QList>
#include <QTimeZone>

#include <cstdint>

namespace tvtest {

inline std::uint32_t yyyymmdd(const QDate& d) {
    return static_cast<std::uint32_t>(d.year() * 10000 + d.month() * 100 + d.day());
}

inline std::uint8_t bcd(int v) {
    return static_cast<std::uint8_t>(((v / 10) << 4) | (v % 10));
}

// One TS packet on PID 0x14 carrying a TDT: table_id 70, section_syntax_indicator 0, length 5, UTC_time as MJD
// (16 bits) and BCD hh mm ss. Written here independently of the gateway's parser.
inline QByteArray tdtPacket(const QDateTime& utc, int cc) {
    QByteArray p(188, char(0xFF));
    const qint64 mjd = utc.date().toJulianDay() - 2400001; // JDN of 1858-11-17 is 2400001
    const std::uint8_t head[] = {0x47,
                                 0x40,
                                 0x14,
                                 static_cast<std::uint8_t>(0x10 | (cc & 0x0F)),
                                 0x00,
                                 0x70,
                                 0x70,
                                 0x05,
                                 static_cast<std::uint8_t>(mjd >> 8),
                                 static_cast<std::uint8_t>(mjd & 0xFF),
                                 bcd(utc.time().hour()),
                                 bcd(utc.time().minute()),
                                 bcd(utc.time().second())};
    for (std::size_t i = 0; i < sizeof head; ++i)
        p[static_cast<qsizetype>(i)] = static_cast<char>(head[i]);
    return p;
}

// Copies `in` to `out` with a TDT before the first packet and then every half second of the stream's PCR clock,
// starting at `start` (UTC). False when `in` has no PCR or a file cannot be used.
inline bool insertTdt(const QString& in, const QString& out, const QDateTime& start) {
    QFile src(in), dst(out);
    if (!src.open(QIODevice::ReadOnly) || !dst.open(QIODevice::WriteOnly))
        return false;
    const QByteArray all = src.readAll();
    std::int64_t pcr0 = -1;
    double nextMark = 0;
    int cc = 0;
    for (qsizetype at = 0; at + 188 <= all.size(); at += 188) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(all.constData() + at);
        if ((p[3] & 0x20) && p[4] >= 7 && (p[5] & 0x10)) { // adaptation field with a PCR
            const std::int64_t base =
                (std::int64_t(p[6]) << 25) | (p[7] << 17) | (p[8] << 9) | (p[9] << 1) | (p[10] >> 7);
            if (pcr0 < 0)
                pcr0 = base;
            const double t = double(base - pcr0) / 90000.0;
            while (t >= nextMark) {
                dst.write(tdtPacket(start.addMSecs(static_cast<qint64>(nextMark * 1000)), cc++));
                nextMark += 0.5;
            }
        }
        dst.write(all.constData() + at, 188);
    }
    return pcr0 >= 0;
}

// The lines of stream 0 (video) of an `ffmpeg -f framemd5` listing.
inline QList<QByteArray> videoLines(const QByteArray& framemd5) {
    QList<QByteArray> out;
    for (const QByteArray& line : framemd5.split('\n'))
        if (line.startsWith("0,"))
            out << line;
    return out;
}

} // namespace tvtest
