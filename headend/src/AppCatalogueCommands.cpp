// The command line of application download: serve's --app-keys and --app-key-kind, enrol's --app-identity-json
// and `carddesk-headend app-publish --dir DIR` (the same effect as POST /v1/admin/apps).
#include "AppCatalogueService.h"
#include "JsonApi.h"

#include <QJsonDocument>

#include <cstdio>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
namespace ad = cdos::appdl;

std::optional<ad::AppAuthorities> AppCatalogueService::loadAuthorities(const QString& dirOption, const QString& kind) {
    const QString dir = dirOption.isEmpty() ? qEnvironmentVariable("CARDDESK_APP_KEYS") : dirOption;
    if (dir.isEmpty())
        return std::nullopt;
    if (kind != QLatin1String("ec") && kind != QLatin1String("rsa"))
        throw std::runtime_error("--app-key-kind must be ec or rsa");
    try {
        return ad::AppAuthorities::development(dir.toStdString(), kind.toStdString());
    } catch (const std::exception& e) {
        throw std::runtime_error("application download keys in " + dir.toStdString() + ": " + e.what());
    }
}

void AppCatalogueService::addOptions(QCommandLineParser& p) {
    p.addOptions({{QStringLiteral("app-keys"),
                   QStringLiteral("serve: application download producer keys ({ca,issuer,provider}-<kind>.pem; "
                                  "default $CARDDESK_APP_KEYS; none: application download is off)"),
                   QStringLiteral("dir")},
                  {QStringLiteral("app-key-kind"), QStringLiteral("serve: ec (default) or rsa"), QStringLiteral("kind"),
                   QStringLiteral("ec")},
                  {QStringLiteral("app-identity-json"),
                   QStringLiteral("enrol: {\"issuerSerial\",\"productSerial\",\"cardPublicKey\"} for application "
                                  "download"),
                   QStringLiteral("json")},
                  {QStringLiteral("dir"), QStringLiteral("app-publish: the package directory (manifest.json)"),
                   QStringLiteral("dir")}});
}

int AppCatalogueService::runPublish(HeadendDatabase& db, const QCommandLineParser& p) {
    if (!p.isSet(QStringLiteral("dir"))) {
        std::fprintf(stderr, "carddesk-headend: app-publish needs --dir DIR\n");
        return 2;
    }
    AppCatalogueService apps(db, std::nullopt); // publishing needs no keys
    const Published o = apps.publish(packageFromDirectory(p.value(QStringLiteral("dir"))));
    std::printf("application %s (%s) version %d %s, %lld bytes on the card\n", qPrintable(o.aid), qPrintable(o.name),
                o.version, o.updated ? "updated" : "published", static_cast<long long>(o.dfBytes));
    return 0;
}

void AppCatalogueService::enrolIdentity(HeadendDatabase& db, const QCommandLineParser& p, const QString& card) {
    if (!p.isSet(QStringLiteral("app-identity-json")))
        return;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(p.value(QStringLiteral("app-identity-json")).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw ApiError(Status::BadRequest, Refusal::MalformedJson,
                       QStringLiteral("--app-identity-json must be a JSON object"));
    AppCatalogueService(db, std::nullopt).recordCardIdentity(card, doc.object());
    std::printf("card %s: application identity recorded\n", qPrintable(card.toUpper()));
}

std::optional<ad::AppAuthorities> AppCatalogueService::authorities(const QCommandLineParser& p) {
    return loadAuthorities(p.value(QStringLiteral("app-keys")), p.value(QStringLiteral("app-key-kind")));
}

} // namespace carddesk::headend
