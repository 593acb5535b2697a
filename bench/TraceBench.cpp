// The console's live trace at operator size (issue 15): a TraceLog holding N exchanges (1 000 000 by default) with
// the table model and the filter model over it, as the trace panel has them. Prints the resident memory after
// filling (target < 300 MB at 1 000 000), the time to append them through the model, and the time of a text filter,
// a status-word filter and clearing the filter again. A QCoreApplication: the models are what is measured, not
// the painting (a view asks only for its visible rows).
#include "carddesk/cardio/TraceLog.h"
#include "carddesk/model/ApduTraceFilterModel.h"
#include "carddesk/model/ApduTraceModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace carddesk;

namespace {

double residentMb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

// A mix like a day at a desk: SELECTs, READ BINARY / RECORD with 16-64 bytes back, GET RESPONSE, a VERIFY with its
// PIN redacted, a purse INITIALIZE, now and then a 6A82 and a 63C2.
ApduTraceEntry exchange(quint64 i, const QString& reader) {
    ApduTraceEntry e;
    e.time = QDateTime::currentDateTime();
    e.reader = reader;
    e.durationUs = 900 + static_cast<qint64>(i % 700);
    switch (i % 6) {
    case 0:
        e.cla = 0x00, e.ins = 0xA4, e.p1 = 0x04, e.p2 = 0x00, e.lc = 8;
        e.commandData = QByteArray::fromHex("A000000333010101");
        e.commandName = QStringLiteral("SELECT");
        e.sw = i % 97 == 0 ? 0x6A82 : 0x9000;
        break;
    case 1:
        e.cla = 0x00, e.ins = 0xB0, e.le = 32;
        e.responseData = QByteArray(32, static_cast<char>(i));
        e.commandName = QStringLiteral("READ BINARY");
        e.sw = 0x9000;
        break;
    case 2:
        e.cla = 0x00, e.ins = 0xB2, e.p1 = 1, e.p2 = 0x0C, e.le = 0;
        e.responseData = QByteArray(64, static_cast<char>(i >> 3));
        e.commandName = QStringLiteral("READ RECORD");
        e.sw = 0x9000;
        break;
    case 3:
        e.cla = 0x00, e.ins = 0x20, e.p2 = 0x01, e.lc = 6;
        e.commandData = QByteArray(6, '\0');
        e.commandSecrets = {{0, 6}};
        e.commandName = QStringLiteral("VERIFY");
        e.sw = i % 89 == 0 ? 0x63C2 : 0x9000;
        break;
    case 4:
        e.cla = 0x80, e.ins = 0x50, e.p1 = 0x01, e.p2 = 0x02, e.lc = 11, e.le = 16;
        e.commandData = QByteArray::fromHex("0100000064112233445566");
        e.responseData = QByteArray(16, static_cast<char>(i >> 5));
        e.commandName = QStringLiteral("INITIALIZE FOR PURCHASE");
        e.sw = 0x9000;
        break;
    default:
        e.cla = 0x00, e.ins = 0xC0, e.le = 16;
        e.responseData = QByteArray(16, static_cast<char>(i >> 7));
        e.commandName = QStringLiteral("GET RESPONSE");
        e.sw = 0x9000;
    }
    return e;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    const double before = residentMb();
    TraceLog log;
    log.setCapacity(n);
    ApduTraceModel model(&log);
    ApduTraceFilterModel filter;
    filter.setSourceModel(&model);
    const QString readers[2] = {QStringLiteral("Virtual PCD 00 00"), QStringLiteral("CardDesk Reader B 00 00")};
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; ++i) {
        log.append(exchange(static_cast<quint64>(i), readers[i % 2]));
        if (i % 1000 == 999)
            QCoreApplication::processEvents(); // the model takes them in as the panel would
    }
    QCoreApplication::processEvents();
    const double fillS = static_cast<double>(t.nsecsElapsed()) / 1e9;
    const double after = residentMb();
    std::printf("trace of %d exchanges: %d rows in the model, %d through the filter; appended in %.2f s\n", n,
                model.rowCount(), filter.rowCount(), fillS);
    std::printf("  resident memory %.1f MB (%.1f MB before the trace; target < 300 MB at 1 000 000: %s)\n", after,
                before, after < 300 ? "met" : "NOT met");
    const auto timed = [&](const char* what, const auto& apply) {
        QElapsedTimer f;
        f.start();
        apply();
        const int rows = filter.rowCount(); // the proxy may map lazily: counted inside the time
        std::printf("  filter %-28s %8d rows in %7.1f ms\n", what, rows, static_cast<double>(f.nsecsElapsed()) / 1e6);
    };
    timed("text \"63C2\"", [&] { filter.setText(QStringLiteral("63C2")); });
    timed("text \"A0 00 00 03 33\"", [&] { filter.setText(QStringLiteral("A0 00 00 03 33")); });
    timed("cleared", [&] { filter.setText({}); });
    timed("status words not 9000", [&] { filter.setSwFilter(ApduTraceFilterModel::SwFilter::NotSuccess); });
    timed("reader B", [&] { filter.setReader(readers[1]); });
    timed("all again", [&] {
        filter.setReader({});
        filter.setSwFilter(ApduTraceFilterModel::SwFilter::Any);
    });
    std::printf("  resident memory after filtering %.1f MB\n", residentMb());
    return 0;
}
