// `carddesk-headend vod-add`: the VOD catalogue from the command line, the same effect as POST /v1/admin/vod.
#include "JsonApi.h"
#include "VodService.h"

#include <cstdio>

namespace carddesk::headend {

void VodService::addOptions(QCommandLineParser& p) {
    p.addOptions(
        {{QStringLiteral("title"), QStringLiteral("vod-add: the title's name"), QStringLiteral("text")},
         {QStringLiteral("price"), QStringLiteral("vod-add: price in fen"), QStringLiteral("fen")},
         {QStringLiteral("programme-id"), QStringLiteral("vod-add: VOD programme id of its ECMs"), QStringLiteral("n")},
         {QStringLiteral("valid-days"), QStringLiteral("vod-add: days the right runs"), QStringLiteral("d")},
         {QStringLiteral("inactive"), QStringLiteral("vod-add: take the title off sale")}});
}

int VodService::runCommand(HeadendDatabase& db, const QCommandLineParser& p) {
    for (const char* needed : {"title", "price", "programme-id", "valid-days"})
        if (!p.isSet(QLatin1String(needed))) {
            std::fprintf(stderr, "carddesk-headend: vod-add needs --%s\n", needed);
            return 2;
        }
    bool ok1 = false, ok2 = false, ok3 = false;
    VodTitle t;
    t.title = p.value(QStringLiteral("title"));
    t.price = p.value(QStringLiteral("price")).toLongLong(&ok1);
    t.programmeId = p.value(QStringLiteral("programme-id")).toInt(&ok2, 0);
    t.validDays = p.value(QStringLiteral("valid-days")).toInt(&ok3);
    t.active = !p.isSet(QStringLiteral("inactive"));
    if (!ok1 || !ok2 || !ok3) {
        std::fprintf(stderr, "carddesk-headend: --price, --programme-id and --valid-days take numbers\n");
        return 2;
    }
    const cdos::KeyStore noKeys; // the catalogue needs no keys
    PaymentService payments(noKeys, db);
    VodService vod(db, payments);
    try {
        const VodTitle o = vod.putTitle(t);
        std::printf("VOD title %lld: %s, %lld fen, programme %d, %d days%s\n", static_cast<long long>(o.id),
                    qPrintable(o.title), static_cast<long long>(o.price), o.programmeId, o.validDays,
                    t.active ? "" : " (off sale)");
    } catch (const ApiError& e) {
        std::fprintf(stderr, "carddesk-headend: %s\n", e.what());
        return 2;
    }
    return 0;
}

} // namespace carddesk::headend
