#pragma once
// The real media tools the TV tests check against: ffmpeg makes the clear test stream, ffprobe counts decoded
// frames, `ffmpeg -f framemd5` fingerprints every packet. Shared by tests/tv and tests/ca.
#include <QMap>
#include <QProcess>
#include <QStringList>

namespace cdtest {

// Runs a program to completion; any failure ends the test program (the chain cannot be checked without it).
inline QByteArray runTool(const QString& program, const QStringList& args, const QProcessEnvironment& env = {}) {
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(120000))
        qFatal("%s did not finish", qPrintable(program));
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    const QByteArray err = p.readAllStandardError().trimmed();
    if (!err.isEmpty())
        qInfo("%s", err.constData());
    return p.readAllStandardOutput();
}

// A clear H.264 + MP2 MPEG-TS of `seconds` seconds (testsrc2 320x240 at 25 fps, a 1 kHz sine, GOP of 1 s).
inline void makeTestStream(const QString& path, int seconds) {
    runTool("ffmpeg", {"-v",
                       "error",
                       "-y",
                       "-f",
                       "lavfi",
                       "-i",
                       "testsrc2=size=320x240:rate=25",
                       "-f",
                       "lavfi",
                       "-i",
                       "sine=f=1000:r=48000",
                       "-t",
                       QString::number(seconds),
                       "-c:v",
                       "libx264",
                       "-preset",
                       "ultrafast",
                       "-g",
                       "25",
                       "-c:a",
                       "mp2",
                       "-f",
                       "mpegts",
                       path});
}

// Decoded frames per stream ("N/A", when ffprobe cannot even find the streams, counts as 0).
inline QList<int> frameCounts(const QString& file) {
    const QByteArray out = runTool("ffprobe", {"-v", "quiet", "-count_frames", "-show_entries",
                                               "stream=index,nb_read_frames", "-of", "csv=p=0", file});
    QMap<int, int> counts; // ffprobe lists each stream again under its programme
    for (const QByteArray& line : out.trimmed().split('\n')) {
        const auto fields = line.split(',');
        if (fields.size() == 2)
            counts[fields[0].toInt()] = fields[1].toInt();
    }
    return counts.values();
}

// Per-packet MD5 of the elementary streams, timestamps included: equal means byte-identical audio and video.
inline QByteArray framemd5(const QString& file) {
    return runTool("ffmpeg", {"-v", "quiet", "-i", file, "-map", "0", "-c", "copy", "-f", "framemd5", "-"});
}

} // namespace cdtest
