// carddesk-cli's application download commands (docs/carddesk-cli.md): the card side (apps, app-install,
// app-delete) through AppService on the reader's owner thread, and the issuer desk (app-package, app-delete-cert)
// through AppService's producer helpers. Private keys of the authorities are read by the producer only.
#include "CliApp.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/AppService.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/protocol/appdl/AppCrypto.h>

#include <QFile>
#include <QJsonDocument>

#include <cstdio>

namespace carddesk {

namespace {

QByteArray readAll(const QString& path, QString& error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = CliApp::tr("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    return f.readAll();
}

QString opt(const QCommandLineParser& p, const char* name) {
    return p.value(QString::fromLatin1(name));
}

} // namespace

void CliApp::addAppOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("package"), tr("Install message file (certificate + unit, from app-package)."), tr("FILE")},
        {QStringLiteral("cert"), tr("Delete certificate (app-delete), or a separate install certificate."), tr("FILE")},
        {QStringLiteral("keys"), tr("Authorities' key directory (default: %1).").arg(AppService::defaultKeyDir()),
         tr("DIR")},
        {QStringLiteral("kind"), tr("Signature keys: ec or rsa (default ec)."), tr("KIND"), QStringLiteral("ec")},
        {QStringLiteral("card"), tr("Card number (20 hex digits) of an issued card in the database."), tr("NUMBER")},
        {QStringLiteral("card-key"), tr("The card's public key (PEM) instead of the database's."), tr("FILE")},
        {QStringLiteral("issuer-serial"),
         tr("Card-issuer serial (16 hex digits) when the card is not in the database."), tr("HEX")},
        {QStringLiteral("product-serial"), tr("Product serial (16 hex digits) when the card is not in the database."),
         tr("HEX")},
        {QStringLiteral("aid"), tr("Application AID (hex)."), tr("HEX")},
        {QStringLiteral("code"), tr("Application code (Lua source)."), tr("FILE")},
        {QStringLiteral("config"), tr("Issuer configuration data."), tr("FILE")},
        {QStringLiteral("nvm"), tr("Data area in bytes (default 1024)."), tr("BYTES"), QStringLiteral("1024")},
        {QStringLiteral("ram"), tr("RAM bound in bytes (default 65536)."), tr("BYTES"), QStringLiteral("65536")},
        {QStringLiteral("app-version"), tr("Application version (default 256)."), tr("N"), QStringLiteral("256")},
        {QStringLiteral("seed"), tr("Random seed of the installation (32 hex digits, from \"apps\")."), tr("HEX")},
        {QStringLiteral("out"), tr("Output file."), tr("FILE")},
    });
}

int CliApp::runAppCommand(const QCommandLineParser& parser) {
    const bool card = m_command == QLatin1String("apps") || m_command == QLatin1String("app-install") ||
                      m_command == QLatin1String("app-delete");
    if (card && m_reader.isEmpty())
        return fail(Usage, tr("%1 needs --reader NAME (see \"carddesk-cli readers\")").arg(m_command));
    if (m_command == QLatin1String("apps"))
        return apps();
    if (m_command == QLatin1String("app-install")) {
        if (!parser.isSet(QStringLiteral("package")))
            return fail(Usage, tr("app-install needs --package FILE"));
        return appPush(parser, true);
    }
    if (m_command == QLatin1String("app-delete")) {
        if (!parser.isSet(QStringLiteral("cert")))
            return fail(Usage, tr("app-delete needs --cert FILE"));
        return appPush(parser, false);
    }
    if (m_command == QLatin1String("app-package") || m_command == QLatin1String("app-delete-cert")) {
        const bool install = m_command == QLatin1String("app-package");
        QStringList missing;
        for (const char* o : {"card", "aid", "out"})
            if (!parser.isSet(QString::fromLatin1(o)))
                missing << QStringLiteral("--%1").arg(QString::fromLatin1(o));
        if (!parser.isSet(QString::fromLatin1(install ? "code" : "seed")))
            missing << QString::fromLatin1(install ? "--code FILE" : "--seed HEX");
        if (!missing.isEmpty())
            return fail(Usage, tr("%1 needs %2").arg(m_command, missing.join(QStringLiteral(", "))));
        return appBuild(parser, install);
    }
    return fail(Usage, tr("unknown command \"%1\"").arg(m_command));
}

int CliApp::apps() {
    ConsoleSession session;
    CardReaderManager& manager = session.readers();
    AppService& service = session.apps();
    if (const int rc = begin(session, Operation::Diagnose, false); rc != Ok)
        return rc;
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    const AppCardState state = AppService::wait(service.read(m_reader));
    printTrace(manager);
    if (!state.ok())
        return fail(state.refused ? Refused : Failed, state.error, state.errorDetail);
    printJson(state.toJson());
    return Ok;
}

int CliApp::appPush(const QCommandLineParser& parser, bool install) {
    QString error;
    QByteArray data;
    if (install) {
        // A separate certificate goes in front of the unit: the card expects E1 ‖ E2.
        if (parser.isSet(QStringLiteral("cert")))
            data = readAll(opt(parser, "cert"), error);
        if (error.isEmpty())
            data += readAll(opt(parser, "package"), error);
    } else {
        data = readAll(opt(parser, "cert"), error);
    }
    if (!error.isEmpty())
        return fail(Failed, error);
    ConsoleSession session;
    if (const int rc = begin(session, install ? Operation::AppInstall : Operation::AppDelete, false); rc != Ok)
        return rc;
    CardReaderManager& manager = session.readers();
    AppService& service = session.apps();
    if (const int rc = prepareReader(manager, m_reader); rc != Ok)
        return rc;
    const AppOperationResult r =
        AppService::wait(install ? service.install(m_reader, data) : service.remove(m_reader, data));
    printTrace(manager);
    printJson(r.toJson());
    return r.ok ? Ok : fail(r.refused ? Refused : Failed, r.error, r.errorDetail);
}

int CliApp::appBuild(const QCommandLineParser& parser, bool install) {
    AppPackageRequest request;
    request.keyDir = opt(parser, "keys");
    request.kind = opt(parser, "kind");
    const QString number = opt(parser, "card").toUpper();
    request.cardNumber = QByteArray::fromHex(number.toLatin1());
    request.aid = QByteArray::fromHex(opt(parser, "aid").toLatin1());
    request.seed = QByteArray::fromHex(opt(parser, "seed").toLatin1());
    request.issuerSerial = QByteArray::fromHex(opt(parser, "issuer-serial").toLatin1());
    request.productSerial = QByteArray::fromHex(opt(parser, "product-serial").toLatin1());
    QString error;
    if (install) {
        request.code = readAll(opt(parser, "code"), error);
        if (error.isEmpty() && parser.isSet(QStringLiteral("config")))
            request.config = readAll(opt(parser, "config"), error);
        bool ok1 = false, ok2 = false, ok3 = false;
        request.nvmSize = opt(parser, "nvm").toUInt(&ok1);
        request.ramSize = opt(parser, "ram").toUInt(&ok2);
        request.version = opt(parser, "app-version").toUShort(&ok3);
        if (!ok1 || !ok2 || !ok3)
            return fail(Usage, tr("--nvm, --ram and --app-version need numbers"));
    }
    if (!error.isEmpty())
        return fail(Failed, error);
    // Building for a card is part of installing on it (or deleting from it): the operator needs that role.
    ConsoleSession session;
    if (const int rc = begin(session, install ? Operation::AppInstall : Operation::AppDelete, false); rc != Ok)
        return rc;
    // The card's serials and public key: from the database unless given (a card issued elsewhere).
    if (request.issuerSerial.isEmpty() || request.productSerial.isEmpty() ||
        (install && !parser.isSet(QStringLiteral("card-key")))) {
        Database& db = session.database();
        const auto issued = db.card(number);
        if (!issued)
            return fail(Failed, tr("card %1 is not in the database; give --issuer-serial, --product-serial and "
                                   "--card-key")
                                    .arg(number));
        request.issuerSerial = QByteArray::fromHex(issued->issuerSerial.toLatin1());
        request.productSerial = QByteArray::fromHex(issued->productSerial.toLatin1());
        request.cardPublicKey = db.cardAppKey(number);
    }
    if (install && parser.isSet(QStringLiteral("card-key"))) {
        const QByteArray pem = readAll(opt(parser, "card-key"), error);
        if (!error.isEmpty())
            return fail(Failed, error);
        try {
            const cdos::Bytes der = cdos::appdl::AppKey::fromPem(pem.toStdString()).publicDer();
            request.cardPublicKey = QByteArray(reinterpret_cast<const char*>(der.data()), qsizetype(der.size()));
        } catch (const std::exception& e) {
            return fail(Failed, tr("--card-key: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    if (install && request.cardPublicKey.isEmpty())
        return fail(Failed,
                    tr("no public key is recorded for card %1 (issued before application download?)").arg(number));
    QByteArray out;
    try {
        out = install ? AppService::buildInstallMessage(request) : AppService::buildDeleteCertificate(request);
    } catch (const std::exception& e) {
        return fail(Failed, QString::fromUtf8(e.what()));
    }
    QFile f(opt(parser, "out"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(out) != out.size())
        return fail(Failed, tr("cannot write %1: %2").arg(f.fileName(), f.errorString()));
    printJson(QJsonObject{{QStringLiteral("card"), number},
                          {QStringLiteral("aid"), QString::fromLatin1(request.aid.toHex().toUpper())},
                          {QStringLiteral("out"), f.fileName()},
                          {QStringLiteral("bytes"), out.size()}});
    return Ok;
}

} // namespace carddesk
