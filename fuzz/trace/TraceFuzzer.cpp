// libFuzzer target: the trace file reader (docs/trace-replay.md): a saved APDU trace (JSON) opened as a replay card,
// then asked the commands a desk sends first, and read by the console's trace log. The Qt code under test (cardio)
// is built with the sanitizers in this tree. A trace that opens must answer every command with at least a status
// word.
#include "carddesk/cardio/TraceLog.h"
#include "carddesk/cardio/TraceReplayCard.h"
#include "common/FuzzFiles.h"

#include <QBuffer>
#include <QCoreApplication>

namespace {

const char* const kCommands[] = {"00A4000C023F00",        "80CA010400", "80CA010100",
                                 "0020000104123456FF",    "0084000008", "00B2010400",
                                 "00A4040C06F04344455001"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static int argc = 1;
    static char name[] = "fuzz-trace";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    if (const auto card = carddesk::TraceReplayCard::fromJson(json, &error)) {
        (void)card->atr();
        for (int round = 0; round < 2; ++round) {
            for (const char* hex : kCommands) {
                const QByteArray answer = card->answer(QByteArray::fromHex(hex));
                if (answer.size() < 2)
                    cdfuzz::invariantBroken("a replay answer without a status word");
                (void)card->lastExplanation();
            }
            card->rewind();
        }
    } else if (error.isEmpty()) {
        cdfuzz::invariantBroken("a trace refused without a reason");
    }
    QByteArray copy = json;
    QBuffer in(&copy);
    in.open(QIODevice::ReadOnly);
    carddesk::TraceLog log;
    (void)log.load(in, &error);
    return 0;
}
