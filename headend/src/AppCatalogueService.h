#pragma once
// Application download through the headend (patent steps 7 and 8, docs/app-download.md "Through the gateway"):
// the operator's catalogue of applications, the application identity of enrolled cards (issuer and product serial,
// the card's RSA public key — recorded by the operator, never taken from a card during a session), the install
// message and delete certificates made for the session's card by cdos::appdl::AppProducer, and a history of what
// was issued and what the card answered. Without producer keys the session endpoints answer 503 not_configured.
#include "HeadendDatabase.h"
#include "carddesk/protocol/appdl/AppProducer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace carddesk::headend {

class HeadendServer;

class AppCatalogueService {
public:
    AppCatalogueService(HeadendDatabase& db, std::optional<cdos::appdl::AppAuthorities> authorities)
        : m_db(db), m_authorities(std::move(authorities)) {}

    // GET /v1/apps, POST /v1/apps/<aid>/install, POST /v1/apps/<aid>/delete-certificate, POST /v1/apps/<aid>/result;
    // admin: POST /v1/admin/apps, POST /v1/admin/cards/<card>/app-identity, GET /v1/admin/cards/<card>/apps.
    void registerRoutes(HeadendServer& server);

    // The command line (AppCatalogueCommands.cpp): --app-keys DIR, --app-key-kind ec|rsa (serve),
    // --app-identity-json JSON (enrol) and `carddesk-headend app-publish --dir DIR`.
    static void addOptions(QCommandLineParser& parser);
    static int runPublish(HeadendDatabase& db, const QCommandLineParser& parser);
    // enrol: records --app-identity-json for the card when given; throws ApiError.
    static void enrolIdentity(HeadendDatabase& db, const QCommandLineParser& parser, const QString& cardNumber);
    // serve: the authorities of --app-keys / $CARDDESK_APP_KEYS (nullopt: application download not configured).
    static std::optional<cdos::appdl::AppAuthorities> authorities(const QCommandLineParser& parser);

    // The producer keys: `dir` (--app-keys) or else $CARDDESK_APP_KEYS, in the resources/app-keys layout
    // ({ca,issuer,provider}-<kind>.pem); nullopt when neither is given. Throws std::runtime_error on a bad file.
    static std::optional<cdos::appdl::AppAuthorities> loadAuthorities(const QString& dir, const QString& kind);
    // The publish body of a package directory: manifest.json (aid, name, version, nvmSize, ramSize, description,
    // code and config file names) with the code and configuration files read in. Throws ApiError.
    static QJsonObject packageFromDirectory(const QString& dir);

    // A package as published: what the admin endpoint answers and app-publish prints.
    struct Published {
        QString aid, name;
        int version = 0;
        qint64 dfBytes = 0;   // what a card reserves for it
        bool updated = false; // the aid was in the catalogue already

        QJsonObject toJson() const;
    };
    // Admin and CLI (no producer keys needed). Each throws ApiError with the reason.
    Published publish(const QJsonObject& package);
    QJsonObject recordCardIdentity(const QString& cardNumber, const QJsonObject& identity);
    QJsonArray cardEvents(const QString& cardNumber);

    // The session's card (hex card number).
    QJsonObject catalogue(const QString& card);
    QJsonObject installMessage(const QString& card, const QString& aid);
    QJsonObject deleteCertificate(const QString& card, const QString& aid, const QJsonObject& request);
    QJsonObject recordResult(const QString& card, const QString& aid, const QJsonObject& request);

private:
    struct Package {
        cdos::appdl::AppPackage app;
        QString name;
    };
    struct Installation {
        bool everIssued = false, installed = false, deleted = false;
        QString seed;
    };
    Installation lastInstallation(const QString& card, const QString& aid);
    void requireConfigured() const;
    std::optional<cdos::appdl::CardIdentity> identityOf(const QString& card);
    Package package(const QString& aidHex);
    void addEvent(const QString& card, const QString& aid, const char* event, const QVariant& version,
                  const QVariant& statusWord, const QVariant& seed = {});

    HeadendDatabase& m_db;
    std::optional<cdos::appdl::AppAuthorities> m_authorities;
};

} // namespace carddesk::headend
