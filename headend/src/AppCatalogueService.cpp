#include "AppCatalogueService.h"

#include "HeadendServer.h"
#include "JsonApi.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/proactive/Proactive.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStringDecoder>

#include <algorithm>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
namespace ad = cdos::appdl;

namespace {

constexpr qint64 kMaxDf = 65280;       // the card's limit for code + configuration + data area
constexpr qint64 kMaxRam = 256 * 1024; // the card's RAM bound
constexpr qsizetype kMaxConfig = 4096; // docs/app-download.md, tag 85
constexpr qsizetype kMaxName = 64;
constexpr qsizetype kMaxDescription = 500;

// The DF the card reserves, computed as the card's CHECK ROOM and INSTALL do: each of code and configuration is
// the AES-CBC ciphertext length (PKCS#7 always pads), 8-aligned, then the data area.
qint64 dfBytes(qint64 code, qint64 config, qint64 nvm) {
    auto padded = [](qint64 n) { return (n / 16 + 1) * 16; };
    return padded(code) + padded(config) + nvm;
}

cdos::Bytes aidOf(const QString& text) {
    const auto b = cdos::fromHex(text.toStdString());
    if (!b || b->size() < 5 || b->size() > 16)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("the application id must be 5 to 16 bytes in hex"));
    return *b;
}

QString cardOf(const QString& text) {
    const auto b = cdos::fromHex(text.toStdString());
    if (!b || b->size() != 10)
        throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("the card number must be 20 hex digits"));
    return hex(*b);
}

QByteArray readFile(const QString& path, qsizetype max) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > max)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(max));
    return f.readAll();
}

QJsonObject eventJson(QSqlQuery& q) {
    QJsonObject o{{api::key::aid, q.value(0).toString()},
                  {api::key::event, q.value(1).toString()},
                  {api::key::time, q.value(4).toString()}};
    if (!q.value(2).isNull())
        o.insert(api::key::version, q.value(2).toInt());
    if (!q.value(3).isNull())
        o.insert(api::key::statusWord, q.value(3).toString());
    return o;
}

} // namespace

QJsonObject AppCatalogueService::packageFromDirectory(const QString& dirPath) {
    const QDir dir(dirPath);
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("manifest.json")), 16 * 1024), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        throw ApiError(Status::BadRequest, Refusal::MalformedJson,
                       QStringLiteral("%1/manifest.json is not a JSON object").arg(dirPath));
    QJsonObject o = doc.object();
    const QString codeFile = stringField(o, QStringLiteral("codeFile"), 200);
    o.remove(QStringLiteral("codeFile"));
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString code = utf8(readFile(dir.filePath(codeFile), qsizetype(ad::limits::kMaxCode)));
    if (utf8.hasError())
        throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("%1 is not UTF-8 text").arg(codeFile));
    o.insert(api::key::code, code);
    if (o.contains(QStringLiteral("configFile"))) {
        const QString configFile = stringField(o, QStringLiteral("configFile"), 200);
        o.remove(QStringLiteral("configFile"));
        const QByteArray config = readFile(dir.filePath(configFile), kMaxConfig);
        o.insert(api::key::configHex, hex(cdos::Bytes(config.begin(), config.end())));
    }
    return o;
}

void AppCatalogueService::requireConfigured() const {
    if (!m_authorities)
        throw ApiError(Status::ServiceUnavailable, Refusal::NotConfigured,
                       QStringLiteral("application download not configured at this headend (no --app-keys)"));
}

QJsonObject AppCatalogueService::Published::toJson() const {
    return {{api::key::aid, aid},
            {api::key::name, name},
            {api::key::version, version},
            {api::key::dfBytes, dfBytes},
            {api::key::result, updated ? QStringLiteral("updated") : QStringLiteral("published")}};
}

AppCatalogueService::Published AppCatalogueService::publish(const QJsonObject& o) {
    const cdos::Bytes aid = aidOf(o.value(api::key::aid).toString());
    const QString name = stringField(o, api::key::name, kMaxName);
    // Shown as one line on set-top boxes: no control characters.
    if (std::any_of(name.begin(), name.end(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("field name must not hold control characters"));
    const qint64 version = intField(o, api::key::version, 0xFFFF);
    const qint64 nvm = intField(o, api::key::nvmSize, kMaxDf);
    const qint64 ram = intField(o, api::key::ramSize, kMaxRam);
    if (ram == 0)
        throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("field ramSize must be at least 1"));
    const QJsonValue codeValue = o.value(api::key::code);
    const QByteArray code = codeValue.toString().toUtf8();
    // Text chunks only: the card refuses Lua bytecode, and a NUL would not survive a TEXT column.
    if (!codeValue.isString() || code.isEmpty() || code.size() > qsizetype(ad::limits::kMaxCode) ||
        code.contains('\0') || code.startsWith("\x1bLua"))
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("field code must be Lua source text of 1 to %1 bytes").arg(ad::limits::kMaxCode));
    cdos::Bytes config;
    if (o.contains(api::key::configHex)) {
        const auto b = cdos::fromHex(o.value(api::key::configHex).toString().toStdString());
        if (!o.value(api::key::configHex).isString() || !b)
            throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("field configHex must be hex"));
        config = *b;
    } else if (o.contains(api::key::config)) {
        if (!o.value(api::key::config).isString())
            throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("field config must be a string"));
        const QByteArray c = o.value(api::key::config).toString().toUtf8();
        config.assign(c.begin(), c.end());
    }
    if (qsizetype(config.size()) > kMaxConfig)
        throw ApiError(Status::BadRequest, Refusal::BadField,
                       QStringLiteral("the configuration must be at most %1 bytes").arg(kMaxConfig));
    const QJsonValue d = o.value(api::key::description);
    if (!d.isUndefined() && (!d.isString() || d.toString().size() > kMaxDescription))
        throw ApiError(
            Status::BadRequest, Refusal::BadField,
            QStringLiteral("field description must be a string of at most %1 characters").arg(kMaxDescription));
    const qint64 df = dfBytes(code.size(), qint64(config.size()), nvm);
    if (df > kMaxDf)
        throw ApiError(Status::UnprocessableEntity, Refusal::TooLarge,
                       QStringLiteral("code, configuration and data area need %1 bytes; a card gives at most %2")
                           .arg(df)
                           .arg(kMaxDf));

    const QString aidHex = hex(aid);
    DbTransaction tx(m_db);
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT version FROM app_catalogue WHERE aid = ?"), {aidHex}, "publish");
    const bool exists = q.next();
    const QVariantList values{name, version, nvm, ram, qint64(code.size()), qint64(config.size()),
                              QString::fromUtf8(code),
                              // Never a null QString: it would bind as SQL NULL.
                              config.empty() ? QStringLiteral("") : hex(config),
                              d.isString() ? d.toString() : QStringLiteral(""), nowText(), aidHex};
    if (exists)
        m_db.exec(QStringLiteral("UPDATE app_catalogue SET name = ?, version = ?, nvm_size = ?, ram_size = ?,"
                                 " code_size = ?, config_size = ?, code = ?, config = ?, description = ?,"
                                 " published_at = ? WHERE aid = ?"),
                  values, "publish");
    else
        m_db.exec(QStringLiteral("INSERT INTO app_catalogue (name, version, nvm_size, ram_size, code_size,"
                                 " config_size, code, config, description, published_at, aid)"
                                 " VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
                  values, "publish");
    tx.commit();
    return {aidHex, name, static_cast<int>(version), df, exists};
}

QJsonObject AppCatalogueService::recordCardIdentity(const QString& cardText, const QJsonObject& o) {
    const QString card = cardOf(cardText);
    const cdos::Bytes issuer = hexField(o, api::key::issuerSerial, 8);
    const cdos::Bytes product = hexField(o, api::key::productSerial, 8);
    const QJsonValue keyValue = o.value(api::key::cardPublicKey);
    const QString keyText = keyValue.toString();
    ad::AppKey key;
    try {
        if (!keyValue.isString())
            throw std::runtime_error("missing");
        key = keyText.startsWith(QLatin1String("-----BEGIN PUBLIC KEY-----"))
                  ? ad::AppKey::fromPem(keyText.toStdString())
                  : ad::AppKey::fromPublicDer(hexField(o, api::key::cardPublicKey));
    } catch (const ApiError&) {
        throw;
    } catch (const std::exception&) {
        key = {};
    }
    // The key transport units are RSA-OAEP under this key: only the card's RSA-2048 public key will do.
    if (!key.valid() || !key.isRsa())
        throw ApiError(
            Status::BadRequest, Refusal::BadField,
            QStringLiteral("field cardPublicKey must be the card's RSA-2048 public key (SubjectPublicKeyInfo "
                           "DER in hex, or PEM)"));
    DbTransaction tx(m_db);
    if (!m_db.exec(QStringLiteral("SELECT 1 FROM cards WHERE card_number = ?"), {card}, "card identity").next())
        throw ApiError(Status::NotFound, Refusal::UnknownCard,
                       QStringLiteral("card %1 is not enrolled at this headend").arg(card));
    const QVariantList values{hex(issuer), hex(product), hex(key.publicDer()), nowText(), card};
    if (m_db.exec(QStringLiteral("SELECT 1 FROM card_app_identity WHERE card_number = ?"), {card}, "card identity")
            .next())
        m_db.exec(QStringLiteral("UPDATE card_app_identity SET issuer_serial = ?, product_serial = ?,"
                                 " card_public_key = ?, recorded_at = ? WHERE card_number = ?"),
                  values, "card identity");
    else
        m_db.exec(QStringLiteral("INSERT INTO card_app_identity (issuer_serial, product_serial, card_public_key,"
                                 " recorded_at, card_number) VALUES (?,?,?,?,?)"),
                  values, "card identity");
    tx.commit();
    return {{api::key::cardNumber, card}, {api::key::result, QStringLiteral("recorded")}};
}

std::optional<ad::CardIdentity> AppCatalogueService::identityOf(const QString& card) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT issuer_serial, product_serial, card_public_key FROM"
                                           " card_app_identity WHERE card_number = ?"),
                            {card}, "card identity");
    if (!q.next())
        return std::nullopt;
    ad::CardIdentity id;
    id.cardNumber = bytesOf(card);
    id.issuerSerial = bytesOf(q.value(0).toString());
    id.productSerial = bytesOf(q.value(1).toString());
    id.cardPublicKey = ad::AppKey::fromPublicDer(bytesOf(q.value(2).toString()));
    return id;
}

AppCatalogueService::Package AppCatalogueService::package(const QString& aidHex) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT name, version, nvm_size, ram_size, code, config FROM app_catalogue"
                                           " WHERE aid = ?"),
                            {aidHex}, "catalogue");
    if (!q.next())
        throw ApiError(Status::NotFound, Refusal::UnknownApp,
                       QStringLiteral("the operator offers no application %1").arg(aidHex));
    Package p;
    p.name = q.value(0).toString();
    p.app.aid = bytesOf(aidHex);
    p.app.version = static_cast<std::uint16_t>(q.value(1).toInt());
    p.app.nvmSize = static_cast<std::uint32_t>(q.value(2).toLongLong());
    p.app.ramSize = static_cast<std::uint32_t>(q.value(3).toLongLong());
    p.app.code = q.value(4).toString().toStdString();
    p.app.config = bytesOf(q.value(5).toString());
    return p;
}

void AppCatalogueService::addEvent(const QString& card, const QString& aid, const char* event, const QVariant& version,
                                   const QVariant& statusWord, const QVariant& seed) {
    m_db.exec(QStringLiteral("INSERT INTO app_events (card_number, aid, event, version, status_word, created_at,"
                             " random_seed) VALUES (?,?,?,?,?,?,?)"),
              {card, aid, QString::fromLatin1(event), version, statusWord, nowText(), seed}, "application event");
}

QJsonObject AppCatalogueService::catalogue(const QString& card) {
    requireConfigured();
    const bool registered = identityOf(card).has_value();
    QJsonArray list;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT aid, name, version, nvm_size, ram_size, code_size, config_size,"
                                           " description FROM app_catalogue ORDER BY aid"),
                            {}, "catalogue");
    while (q.next()) {
        QJsonObject a{
            {api::key::aid, q.value(0).toString()},
            {api::key::name, q.value(1).toString()},
            {api::key::version, q.value(2).toInt()},
            {api::key::nvmSize, q.value(3).toLongLong()},
            {api::key::ramSize, q.value(4).toLongLong()},
            {api::key::codeBytes, q.value(5).toLongLong()},
            {api::key::configBytes, q.value(6).toLongLong()},
            {api::key::dfBytes, dfBytes(q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(3).toLongLong())},
            {api::key::description, q.value(7).toString()},
            {api::key::installable, registered}};
        if (!registered)
            a.insert(api::key::reason, api::code(Refusal::CardNotRegistered));
        list.append(a);
    }
    return {{api::key::cardRegistered, registered}, {api::key::applications, list}};
}

// What the headend last heard the card say about the application: "installed" (with the seed the card gave that
// installation), "deleted", or nothing. The card stays the authority; this keeps the headend from signing for a
// state it knows is not the card's.
AppCatalogueService::Installation AppCatalogueService::lastInstallation(const QString& card, const QString& aid) {
    Installation out;
    QSqlQuery issued = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM app_events WHERE card_number = ? AND aid = ? AND"
                                                " event = 'install_issued'"),
                                 {card, aid}, "application events");
    out.everIssued = issued.next() && issued.value(0).toLongLong() > 0;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT event, random_seed FROM app_events WHERE card_number = ? AND aid = ?"
                                           " AND event IN ('installed', 'deleted') ORDER BY id DESC LIMIT 1"),
                            {card, aid}, "application events");
    if (q.next()) {
        out.installed = q.value(0).toString() == QLatin1String("installed");
        out.deleted = !out.installed;
        out.seed = q.value(1).toString();
    }
    return out;
}

QJsonObject AppCatalogueService::installMessage(const QString& card, const QString& aidText) {
    requireConfigured();
    const QString aid = hex(aidOf(aidText));
    const Package p = package(aid);
    if (lastInstallation(card, aid).installed)
        throw ApiError(
            Status::Conflict, Refusal::AlreadyInstalled,
            QStringLiteral("card %1 answered the install of %2 and has not deleted it since").arg(card, aid));
    const auto id = identityOf(card);
    if (!id)
        throw ApiError(Status::Conflict, Refusal::CardNotRegistered,
                       QStringLiteral("card %1 has no registered application identity (public key); the operator "
                                      "must record it first")
                           .arg(card));
    const ad::AppProducer producer(*m_authorities);
    const cdos::Bytes message = ad::AppProducer::installMessage(producer.buildInstallCertificate(p.app.aid, *id),
                                                                producer.buildUnit(p.app, *id));
    addEvent(card, aid, "install_issued", p.app.version, {});
    return {{api::key::aid, aid},
            {api::key::name, p.name},
            {api::key::version, p.app.version},
            {api::key::bytes, qint64(message.size())},
            {api::key::message, hex(message)}};
}

QJsonObject AppCatalogueService::deleteCertificate(const QString& card, const QString& aidText,
                                                   const QJsonObject& request) {
    requireConfigured();
    const QString aid = hex(aidOf(aidText));
    const cdos::Bytes seed = hexField(request, api::key::randomSeed, 16);
    const Package p = package(aid);
    // Only for an application this headend gave this card, and only for the installation the card last reported.
    const Installation known = lastInstallation(card, aid);
    if (!known.everIssued || known.deleted)
        throw ApiError(Status::Conflict, Refusal::NotInstalled,
                       QStringLiteral("the operator has no record of %1 installed on card %2").arg(aid, card));
    if (known.installed && !known.seed.isEmpty() && known.seed != hex(seed))
        throw ApiError(Status::Conflict, Refusal::SeedMismatch,
                       QStringLiteral("the random seed is not the one card %1 gave this installation").arg(card));
    const auto id = identityOf(card);
    if (!id)
        throw ApiError(Status::Conflict, Refusal::CardNotRegistered,
                       QStringLiteral("card %1 has no registered application identity; the operator must record it "
                                      "first")
                           .arg(card));
    const ad::AppProducer producer(*m_authorities);
    const cdos::Bytes cert = producer.buildDeleteCertificate(p.app.aid, seed, *id).encode();
    addEvent(card, aid, "delete_issued", {}, {});
    return {{api::key::aid, aid}, {api::key::name, p.name}, {api::key::certificate, hex(cert)}};
}

QJsonObject AppCatalogueService::recordResult(const QString& card, const QString& aidText, const QJsonObject& request) {
    requireConfigured();
    const QString aid = hex(aidOf(aidText));
    const QString operation = stringField(request, api::key::operation, 16);
    const cdos::Bytes sw = hexField(request, api::key::statusWord, 2);
    if (operation != QLatin1String("install") && operation != QLatin1String("delete"))
        throw ApiError(Status::BadRequest, Refusal::BadField, QStringLiteral("operation must be install or delete"));
    const Package p = package(aid);
    const bool ok = sw[0] == 0x90 && sw[1] == 0x00;
    const bool install = operation == QLatin1String("install");
    // The seed the card answered to a successful install (optional: older gateways do not send it).
    QVariant seed;
    if (install && ok && request.contains(api::key::randomSeed))
        seed = hex(hexField(request, api::key::randomSeed, 16));
    addEvent(card, aid, install ? (ok ? "installed" : "install_refused") : (ok ? "deleted" : "delete_refused"),
             install ? QVariant(p.app.version) : QVariant(), hex(sw), seed);
    return {{api::key::aid, aid}, {api::key::result, QStringLiteral("recorded")}};
}

QJsonArray AppCatalogueService::cardEvents(const QString& cardText) {
    const QString card = cardOf(cardText);
    QJsonArray out;
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT aid, event, version, status_word, created_at FROM app_events"
                                           " WHERE card_number = ? ORDER BY id"),
                            {card}, "application events");
    while (q.next())
        out.append(eventJson(q));
    return out;
}

void AppCatalogueService::registerRoutes(HeadendServer& server) {
    using Method = QHttpServerRequest::Method;
    QHttpServer& http = server.http();
    http.route(api::path::apps, Method::Get, [this, &server](const QHttpServerRequest& r) {
        return HeadendServer::answer(r, [&] { return catalogue(server.sessionCard(r)); });
    });
    http.route(api::path::appInstallPattern, Method::Post,
               [this, &server](const QString& aid, const QHttpServerRequest& r) {
                   return HeadendServer::answer(r, [&] {
                       const QString card = server.sessionCard(r);
                       requireConfigured();
                       // The card's own word that its logged-in user may download applications (issue 17).
                       server.requireGrant(r, jsonBody(r), cdos::proactive::kAppDownloadPermission);
                       return installMessage(card, aid);
                   });
               });
    http.route(api::path::appDeleteCertificatePattern, Method::Post,
               [this, &server](const QString& aid, const QHttpServerRequest& r) {
                   return HeadendServer::answer(r, [&] {
                       const QString card = server.sessionCard(r);
                       const QJsonObject body = jsonBody(r);
                       requireConfigured();
                       server.requireGrant(r, body, cdos::proactive::kAppDownloadPermission);
                       return deleteCertificate(card, aid, body);
                   });
               });
    http.route(api::path::appResultPattern, Method::Post,
               [this, &server](const QString& aid, const QHttpServerRequest& r) {
                   return HeadendServer::answer(r, [&] {
                       const QString card = server.sessionCard(r);
                       return recordResult(card, aid, jsonBody(r));
                   });
               });
    http.route(api::path::adminApps, Method::Post, [this, &server](const QHttpServerRequest& r) {
        return server.answerAs(r, Operation::PublishApp, [&](const Caller&, AuditNote& note) {
            const QJsonObject answer = publish(jsonBody(r)).toJson();
            note.detail = QStringLiteral("%1 %2 version %3: %4")
                              .arg(answer.value(api::key::aid).toString(), answer.value(api::key::name).toString())
                              .arg(answer.value(api::key::version).toInteger())
                              .arg(answer.value(api::key::result).toString());
            return answer;
        });
    });
    http.route(api::path::adminCardAppIdentityPattern, Method::Post,
               [this, &server](const QString& card, const QHttpServerRequest& r) {
                   return server.answerAs(r, Operation::RecordAppIdentity, [&](const Caller&, AuditNote& note) {
                       note.card = card.toUpper().left(40);
                       return recordCardIdentity(card, jsonBody(r));
                   });
               });
    http.route(api::path::adminCardAppsPattern, Method::Get,
               [this, &server](const QString& card, const QHttpServerRequest& r) {
                   return server.answerAs(r, Operation::ReadCardApps, [&](const Caller&, AuditNote& note) {
                       note.card = card.toUpper().left(40);
                       return cardEvents(card);
                   });
               });
}

} // namespace carddesk::headend
