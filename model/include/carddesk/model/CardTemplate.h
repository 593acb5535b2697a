#pragma once
// A card template as data (JSON, see resources/templates/standard-tv.json): serials, card number allocation,
// key profile, permission bits, initial menu, default users and e-purse parameters. Loading collects every
// problem with the field it concerns ("menu[2].title: longer than 33 bytes").
#include <carddesk/protocol/apdu/CommandSet.h>
#include <carddesk/protocol/ca/CaCommands.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>

namespace carddesk {

struct TemplateError : std::runtime_error {
    explicit TemplateError(const QStringList& problems)
        : std::runtime_error(problems.join(QLatin1String("; ")).toStdString()), errors(problems) {}
    QStringList errors; // translated, one per problem, each naming its field
};

struct TemplateKey {
    quint8 id = 0;
    cdos::KeyUsage usage = cdos::KeyUsage::IssuerMaintenance;
    QString master; // key store name, e.g. "ISSUER_SM"
    quint8 maxErrors = 15;
    bool shared = false; // written as is, not diversified (cdos::KeyDerivation::Shared, docs/keys.md)
};

// A named permission bit; menus and users refer to bits by these names or by numbers.
struct PermissionBit {
    int bit = 0;  // 0..31
    QString name; // the identifier templates and holder files use ("live-tv")
    QString description;
    QMap<QString, QString> labels; // what a person reads, per language ("zh_CN": "电视直播", "en": "Live TV")
    // The label for `locale` (its full name, then its language), else the identifier.
    QString labelFor(const QLocale& locale) const;
};

struct TemplateMenuEntry {
    quint8 id = 0;
    QString title;          // at most 33 bytes of UTF-8 (11 Chinese characters)
    quint32 permission = 0; // bits a user needs
    bool hidden = false;
};

struct TemplateUser {
    quint8 number = 0; // 1..8
    QString name;      // at most 32 bytes of UTF-8
    quint32 permissions = 0;
    quint8 maxRetries = cdos::kDefaultPinRetries;
};

// Conditional access (docs/conditional-access.md "Issuance"): a package's display name.
struct TemplatePackage {
    quint16 id = 0;
    QString name;
};

// An initial right of a user. Validity is either relative to the issuance day (from day startOffsetDays for
// validDays days) or absolute (start..end inclusive).
struct TemplateEntitlement {
    quint8 user = 0;
    cdos::ca::RightKind kind = cdos::ca::RightKind::Package;
    quint16 id = 0;
    bool relative = true;
    int startOffsetDays = 0;
    int validDays = 0;
    QDate start, end;
    // First and last day for a card issued on `issuedOn`.
    QDate firstDay(const QDate& issuedOn) const { return relative ? issuedOn.addDays(startOffsetDays) : start; }
    QDate lastDay(const QDate& issuedOn) const {
        return relative ? issuedOn.addDays(startOffsetDays + validDays - 1) : end;
    }
};

class CardTemplate {
    Q_DECLARE_TR_FUNCTIONS(CardTemplate)
public:
    QString name;
    QString description;
    bool locked = false;      // a locked template is not edited in the console
    QByteArray issuerSerial;  // 8 bytes
    QByteArray productSerial; // 8 bytes
    // The language of the card's own texts ("zh" or "en", ISO 639-1; empty: English), a holder file may choose
    // another: docs/proactive.md "Language".
    QString language;
    QString cardNumberPrefix; // hex digits, fewer than 20; the rest is a decimal sequence
    quint64 cardNumberFirst = 1;
    QList<TemplateKey> keys; // default: cdos::CardProfile::standardKeys()
    QList<PermissionBit> permissionBits;
    QList<TemplateMenuEntry> menu;
    QList<TemplateUser> users;     // default users; the holder file gives their PINs
    quint32 balanceLimit = 100000; // fen
    quint32 overdraftLimit = 0;    // fen, at most 0xFFFFFF
    QStringList serviceKeys;       // CA service keys to load: key store names CA_SERVICE_1..8
    QList<TemplatePackage> packages;
    QList<TemplateEntitlement> entitlements;

    // Throws TemplateError listing every problem.
    static CardTemplate fromJson(const QByteArray& json);
    static CardTemplate load(const QString& path);
    QJsonObject toJson() const;
    // Every problem, translated and naming its field; empty when the template is usable.
    QStringList validate() const;
    // The bit mask of a permission given as a name, a bit list, or a number; nullopt when unknown.
    std::optional<quint32> permissionMask(const QString& nameOrNumber) const;
    QStringList permissionNames(quint32 mask) const;
    // The same bits as people read them in `locale` (PermissionBit::labelFor).
    QStringList permissionLabels(quint32 mask, const QLocale& locale = QLocale()) const;

private:
    void validateCa(QStringList& errors) const;

public:
    // The package's name from "ca.packages", empty when it has none.
    QString packageName(quint16 id) const;
    // The initial rights for a card issued on `issuedOn` (absolute YYYYMMDD dates), in template order.
    std::vector<cdos::ca::Entitlement> rightsOn(const QDate& issuedOn) const;
    // "package", "channel", "vod".
    static QString kindName(cdos::ca::RightKind kind);
};

} // namespace carddesk
