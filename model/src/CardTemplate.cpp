#include "carddesk/model/CardTemplate.h"

#include "CardTemplateLimits.h"
#include <carddesk/cardio/HexText.h>

#include <carddesk/protocol/perso/Personaliser.h>
#include <carddesk/protocol/proactive/Proactive.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace carddesk {

namespace {

using namespace templatelimits;

struct UsageName {
    cdos::KeyUsage usage;
    const char* name;
};
constexpr UsageName kUsages[] = {
    {cdos::KeyUsage::IssuerMaintenance, "issuer-maintenance"},
    {cdos::KeyUsage::Transport, "transport"},
    {cdos::KeyUsage::CardAuthentication, "card-authentication"},
    {cdos::KeyUsage::Purchase, "purchase"},
    {cdos::KeyUsage::Load, "load"},
    {cdos::KeyUsage::Tac, "tac"},
    {cdos::KeyUsage::CaService, "ca-service"},
    {cdos::KeyUsage::PinUnblock, "pin-unblock"},
};

QString usageName(cdos::KeyUsage u) {
    for (const auto& n : kUsages)
        if (n.usage == u)
            return QLatin1String(n.name);
    return QString::number(static_cast<int>(u));
}

quint32 ymd(const QDate& d) {
    return static_cast<quint32>(d.year() * 10000 + d.month() * 100 + d.day());
}

std::optional<cdos::ca::RightKind> kindFromName(const QString& s) {
    if (s == QLatin1String("package"))
        return cdos::ca::RightKind::Package;
    if (s == QLatin1String("channel"))
        return cdos::ca::RightKind::Channel;
    if (s == QLatin1String("vod"))
        return cdos::ca::RightKind::Vod;
    return std::nullopt;
}

// Reads everything, collecting problems instead of stopping at the first.
class Reader {
public:
    QStringList errors;

    QString string(const QJsonObject& o, const char* key, const QString& field, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                errors << CardTemplate::tr("%1: missing").arg(field);
            return {};
        }
        if (!v.isString()) {
            errors << CardTemplate::tr("%1: must be a string").arg(field);
            return {};
        }
        return v.toString();
    }

    qint64 integer(const QJsonObject& o, const char* key, const QString& field, qint64 fallback, qint64 min,
                   qint64 max) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        qint64 n = 0;
        bool ok = false;
        if (v.isDouble()) {
            const double d = v.toDouble();
            n = static_cast<qint64>(d);
            ok = static_cast<double>(n) == d;
        } else if (v.isString()) {
            n = v.toString().toLongLong(&ok, 0);
        }
        if (!ok) {
            errors << CardTemplate::tr("%1: must be a whole number").arg(field);
            return fallback;
        }
        if (n < min || n > max) {
            errors << CardTemplate::tr("%1: must be between %2 and %3").arg(field).arg(min).arg(max);
            return fallback;
        }
        return n;
    }

    QByteArray hexBytes(const QJsonObject& o, const char* key, const QString& field, int size) {
        const QString s = string(o, key, field, true).remove(QLatin1Char(' '));
        if (s.isEmpty())
            return {};
        if (!isHex(s) || s.size() != size * 2) {
            errors << CardTemplate::tr("%1: must be %2 hex digits").arg(field).arg(size * 2);
            return {};
        }
        return QByteArray::fromHex(s.toLatin1());
    }
};

} // namespace

std::optional<quint32> CardTemplate::permissionMask(const QString& text) const {
    const QString t = text.trimmed();
    if (t.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
        return 0xFFFFFFFFu;
    if (t.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return 0u;
    for (const auto& b : permissionBits)
        if (b.name == t)
            return 1u << b.bit;
    bool ok = false;
    const quint32 n = t.toUInt(&ok, 0);
    if (ok)
        return n;
    return std::nullopt;
}

QString CardTemplate::packageName(quint16 id) const {
    for (const auto& p : packages)
        if (p.id == id)
            return p.name;
    return {};
}

QString CardTemplate::kindName(cdos::ca::RightKind kind) {
    return QLatin1String(cdos::ca::rightKindName(kind));
}

std::vector<cdos::ca::Entitlement> CardTemplate::rightsOn(const QDate& issuedOn) const {
    std::vector<cdos::ca::Entitlement> out;
    for (const auto& e : entitlements)
        out.push_back(cdos::ca::Entitlement{e.user, e.kind, e.id, ymd(e.firstDay(issuedOn)), ymd(e.lastDay(issuedOn))});
    return out;
}

QString PermissionBit::labelFor(const QLocale& locale) const {
    if (const auto it = labels.constFind(locale.name()); it != labels.cend())
        return *it;
    if (const auto it = labels.constFind(QLocale::languageToCode(locale.language())); it != labels.cend())
        return *it;
    return name;
}

QStringList CardTemplate::permissionLabels(quint32 mask, const QLocale& locale) const {
    QStringList labels;
    for (const auto& b : permissionBits)
        if (mask & (1u << b.bit))
            labels << b.labelFor(locale);
    return labels;
}

QStringList CardTemplate::permissionNames(quint32 mask) const {
    QStringList names;
    for (const auto& b : permissionBits)
        if (mask & (1u << b.bit))
            names << b.name;
    return names;
}

CardTemplate CardTemplate::fromJson(const QByteArray& json) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        throw TemplateError(
            {tr("not valid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)});
    if (!doc.isObject())
        throw TemplateError({tr("a template is a JSON object")});
    const QJsonObject o = doc.object();
    Reader r;
    CardTemplate t;
    t.name = r.string(o, "name", QStringLiteral("name"), true);
    t.description = r.string(o, "description", QStringLiteral("description"), false);
    t.locked = o.value(QLatin1String("locked")).toBool(false);
    t.issuerSerial = r.hexBytes(o, "issuerSerial", QStringLiteral("issuerSerial"), 8);
    t.productSerial = r.hexBytes(o, "productSerial", QStringLiteral("productSerial"), 8);
    t.language = r.string(o, "language", QStringLiteral("language"), false);
    if (!t.language.isEmpty() && !cdos::proactive::cardSpeaks(t.language.toStdString()))
        r.errors << tr("%1: the card speaks \"zh\" or \"en\", not \"%2\"").arg(QStringLiteral("language"), t.language);

    const QJsonValue cn = o.value(QLatin1String("cardNumber"));
    if (!cn.isObject()) {
        r.errors << tr("%1: missing (an object with \"prefix\" and \"first\")").arg(QStringLiteral("cardNumber"));
    } else {
        t.cardNumberPrefix = r.string(cn.toObject(), "prefix", QStringLiteral("cardNumber.prefix"), true).toUpper();
        t.cardNumberFirst = static_cast<quint64>(
            r.integer(cn.toObject(), "first", QStringLiteral("cardNumber.first"), 1, 0, 999999999999LL));
    }

    // Permission bits first: menus and users refer to them by name.
    const QJsonArray bits = o.value(QLatin1String("permissions")).toArray();
    for (int i = 0; i < bits.size(); ++i) {
        const QString f = QStringLiteral("permissions[%1]").arg(i);
        const QJsonObject b = bits.at(i).toObject();
        PermissionBit bit;
        bit.bit = static_cast<int>(r.integer(b, "bit", f + QStringLiteral(".bit"), -1, 0, 31));
        bit.name = r.string(b, "name", f + QStringLiteral(".name"), true);
        bit.description = r.string(b, "description", f + QStringLiteral(".description"), false);
        // "label": {"zh_CN": "电视直播", "en": "Live TV"}: optional; each a short text.
        const QJsonValue label = b.value(QLatin1String("label"));
        if (!label.isUndefined() && !label.isObject())
            r.errors << tr("%1: must be an object of language: text").arg(f + QStringLiteral(".label"));
        const QJsonObject labels = label.toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            const QString text = it.value().toString().trimmed();
            if (!it.value().isString() || text.isEmpty() || text.size() > 32)
                r.errors
                    << tr("%1: must be a text of 1 to 32 characters").arg(f + QStringLiteral(".label.") + it.key());
            else
                bit.labels.insert(it.key(), text);
        }
        if (bit.bit >= 0)
            t.permissionBits.append(bit);
    }
    auto permission = [&](const QJsonValue& v, const QString& field) -> quint32 {
        if (v.isUndefined() || v.isNull())
            return 0;
        if (v.isDouble())
            return static_cast<quint32>(v.toDouble());
        QStringList parts;
        if (v.isArray()) {
            for (const auto& p : v.toArray())
                parts << p.toString();
        } else {
            parts = v.toString().split(QLatin1Char('|'), Qt::SkipEmptyParts);
        }
        quint32 mask = 0;
        for (const auto& p : parts) {
            const auto m = t.permissionMask(p);
            if (!m)
                r.errors << tr("%1: unknown permission \"%2\"").arg(field, p);
            else
                mask |= *m;
        }
        return mask;
    };

    const QJsonValue keys = o.value(QLatin1String("keys"));
    if (keys.isUndefined() || keys.toString() == QLatin1String("standard")) {
        for (const auto& k : cdos::CardProfile::standardKeys())
            t.keys.append(TemplateKey{k.id, k.usage, QString::fromStdString(k.master), k.maxErrors,
                                      k.derivation == cdos::KeyDerivation::Shared});
    } else if (!keys.isArray()) {
        r.errors << tr("%1: must be \"standard\" or a list of keys").arg(QStringLiteral("keys"));
    } else {
        const QJsonArray list = keys.toArray();
        for (int i = 0; i < list.size(); ++i) {
            const QString f = QStringLiteral("keys[%1]").arg(i);
            const QJsonObject k = list.at(i).toObject();
            TemplateKey key;
            key.id = static_cast<quint8>(r.integer(k, "id", f + QStringLiteral(".id"), 0, 0, 255));
            const QString usage = r.string(k, "usage", f + QStringLiteral(".usage"), true);
            bool known = false;
            for (const auto& u : kUsages)
                if (usage == QLatin1String(u.name)) {
                    key.usage = u.usage;
                    known = true;
                }
            if (!known && !usage.isEmpty())
                r.errors << tr("%1: unknown key usage \"%2\"").arg(f + QStringLiteral(".usage"), usage);
            key.master = r.string(k, "master", f + QStringLiteral(".master"), true);
            key.maxErrors = static_cast<quint8>(r.integer(k, "maxErrors", f + QStringLiteral(".maxErrors"), 15, 1, 15));
            key.shared = k.value(QLatin1String("shared")).toBool(false);
            t.keys.append(key);
        }
    }

    const QJsonArray menu = o.value(QLatin1String("menu")).toArray();
    for (int i = 0; i < menu.size(); ++i) {
        const QString f = QStringLiteral("menu[%1]").arg(i);
        const QJsonObject m = menu.at(i).toObject();
        TemplateMenuEntry e;
        e.id = static_cast<quint8>(r.integer(m, "id", f + QStringLiteral(".id"), 0, 1, 255));
        e.title = r.string(m, "title", f + QStringLiteral(".title"), true);
        e.permission = permission(m.value(QLatin1String("permission")), f + QStringLiteral(".permission"));
        e.hidden = m.value(QLatin1String("hidden")).toBool(false);
        t.menu.append(e);
    }

    const QJsonArray users = o.value(QLatin1String("users")).toArray();
    for (int i = 0; i < users.size(); ++i) {
        const QString f = QStringLiteral("users[%1]").arg(i);
        const QJsonObject u = users.at(i).toObject();
        TemplateUser user;
        user.number = static_cast<quint8>(r.integer(u, "number", f + QStringLiteral(".number"), 0, 1, cdos::kMaxUsers));
        user.name = r.string(u, "name", f + QStringLiteral(".name"), true);
        user.permissions = permission(u.value(QLatin1String("permissions")), f + QStringLiteral(".permissions"));
        user.maxRetries = static_cast<quint8>(
            r.integer(u, "maxRetries", f + QStringLiteral(".maxRetries"), cdos::kDefaultPinRetries, 1, 15));
        t.users.append(user);
    }

    const QJsonObject purse = o.value(QLatin1String("purse")).toObject();
    t.balanceLimit = static_cast<quint32>(
        r.integer(purse, "balanceLimit", QStringLiteral("purse.balanceLimit"), 100000, 0, 0xFFFFFFFFLL));
    t.overdraftLimit = static_cast<quint32>(
        r.integer(purse, "overdraftLimit", QStringLiteral("purse.overdraftLimit"), 0, 0, 0xFFFFFF));

    // Conditional access: service keys, package names, initial rights (docs/conditional-access.md "Issuance").
    const QJsonValue caValue = o.value(QLatin1String("ca"));
    if (!caValue.isUndefined() && !caValue.isNull() && !caValue.isObject())
        r.errors << tr("%1: must be an object").arg(QStringLiteral("ca"));
    const QJsonObject caObject = caValue.toObject();
    const QJsonValue serviceKeys = caObject.value(QLatin1String("serviceKeys"));
    if (!serviceKeys.isUndefined() && !serviceKeys.isArray())
        r.errors << tr("%1: must be a list of key names").arg(QStringLiteral("ca.serviceKeys"));
    for (const auto& k : serviceKeys.toArray()) {
        if (!k.isString())
            r.errors << tr("%1: must be a list of key names").arg(QStringLiteral("ca.serviceKeys"));
        else
            t.serviceKeys << k.toString();
    }
    const QJsonArray packages = caObject.value(QLatin1String("packages")).toArray();
    for (int i = 0; i < packages.size(); ++i) {
        const QString f = QStringLiteral("ca.packages[%1]").arg(i);
        const QJsonObject p = packages.at(i).toObject();
        TemplatePackage package;
        package.id = static_cast<quint16>(r.integer(p, "id", f + QStringLiteral(".id"), 0, 1, 0xFFFF));
        package.name = r.string(p, "name", f + QStringLiteral(".name"), true);
        t.packages.append(package);
    }
    const QJsonArray rights = caObject.value(QLatin1String("entitlements")).toArray();
    for (int i = 0; i < rights.size(); ++i) {
        const QString f = QStringLiteral("ca.entitlements[%1]").arg(i);
        const QJsonObject e = rights.at(i).toObject();
        TemplateEntitlement right;
        right.user = static_cast<quint8>(r.integer(e, "user", f + QStringLiteral(".user"), 0, 1, cdos::kMaxUsers));
        if (!e.contains(QLatin1String("user")))
            r.errors << tr("%1: missing").arg(f + QStringLiteral(".user"));
        const QString kind = r.string(e, "kind", f + QStringLiteral(".kind"), false);
        if (!kind.isEmpty()) {
            if (const auto k = kindFromName(kind))
                right.kind = *k;
            else
                r.errors << tr("%1: must be \"package\", \"channel\" or \"vod\", got \"%2\"")
                                .arg(f + QStringLiteral(".kind"), kind);
        }
        // A package by its number or by its name in ca.packages.
        const QJsonValue id = e.value(QLatin1String("id"));
        if (id.isString() && right.kind == cdos::ca::RightKind::Package && !id.toString().isEmpty() &&
            !id.toString().at(0).isDigit()) {
            for (const auto& p : t.packages)
                if (p.name == id.toString())
                    right.id = p.id;
            if (right.id == 0)
                r.errors
                    << tr("%1: no package named \"%2\" in ca.packages").arg(f + QStringLiteral(".id"), id.toString());
        } else if (id.isUndefined()) {
            r.errors << tr("%1: missing").arg(f + QStringLiteral(".id"));
        } else {
            right.id = static_cast<quint16>(r.integer(e, "id", f + QStringLiteral(".id"), 0, 1, 0xFFFF));
        }
        const bool hasDays = e.contains(QLatin1String("validDays"));
        const bool hasDates = e.contains(QLatin1String("start")) || e.contains(QLatin1String("end"));
        if (hasDays == hasDates) {
            r.errors
                << tr("%1: give either \"validDays\" (from the issuance day) or \"start\" and \"end\" dates").arg(f);
        } else if (hasDays) {
            right.relative = true;
            right.validDays =
                static_cast<int>(r.integer(e, "validDays", f + QStringLiteral(".validDays"), 1, 1, kMaxValidDays));
            right.startOffsetDays = static_cast<int>(
                r.integer(e, "startOffsetDays", f + QStringLiteral(".startOffsetDays"), 0, 0, kMaxStartOffset));
        } else {
            right.relative = false;
            for (const char* key : {"start", "end"}) {
                const QString field = f + QLatin1Char('.') + QLatin1String(key);
                const QString text = r.string(e, key, field, true);
                const QDate d = QDate::fromString(text, Qt::ISODate);
                if (!text.isEmpty() && (!d.isValid() || text.size() != 10))
                    r.errors << tr("%1: \"%2\" is not a date YYYY-MM-DD").arg(field, text);
                (qstrcmp(key, "start") == 0 ? right.start : right.end) = d;
            }
        }
        t.entitlements.append(right);
    }

    QStringList problems = r.errors;
    for (const auto& p : t.validate())
        if (!problems.contains(p))
            problems << p;
    if (!problems.isEmpty())
        throw TemplateError(problems);
    return t;
}

CardTemplate CardTemplate::load(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw TemplateError({tr("cannot read the template %1: %2").arg(path, f.errorString())});
    try {
        return fromJson(f.readAll());
    } catch (const TemplateError& e) {
        QStringList withFile;
        for (const auto& p : e.errors)
            withFile << tr("%1: %2").arg(path, p);
        throw TemplateError(withFile);
    }
}

QJsonObject CardTemplate::toJson() const {
    QJsonArray bits;
    for (const auto& b : permissionBits)
        bits.append(QJsonObject{{QStringLiteral("bit"), b.bit},
                                {QStringLiteral("name"), b.name},
                                {QStringLiteral("description"), b.description}});
    QJsonArray keyList;
    for (const auto& k : keys) {
        QJsonObject key{{QStringLiteral("id"), k.id},
                        {QStringLiteral("usage"), usageName(k.usage)},
                        {QStringLiteral("master"), k.master},
                        {QStringLiteral("maxErrors"), k.maxErrors}};
        if (k.shared)
            key.insert(QStringLiteral("shared"), true);
        keyList.append(key);
    }
    auto perm = [&](quint32 mask) -> QJsonValue {
        const QStringList names = permissionNames(mask);
        quint32 named = 0;
        for (const auto& n : names)
            named |= permissionMask(n).value_or(0);
        if (named == mask)
            return QJsonArray::fromStringList(names);
        return QStringLiteral("0x%1").arg(mask, 8, 16, QLatin1Char('0'));
    };
    QJsonArray menuList;
    for (const auto& m : menu)
        menuList.append(QJsonObject{{QStringLiteral("id"), m.id},
                                    {QStringLiteral("title"), m.title},
                                    {QStringLiteral("permission"), perm(m.permission)},
                                    {QStringLiteral("hidden"), m.hidden}});
    QJsonArray userList;
    for (const auto& u : users)
        userList.append(QJsonObject{{QStringLiteral("number"), u.number},
                                    {QStringLiteral("name"), u.name},
                                    {QStringLiteral("permissions"), perm(u.permissions)},
                                    {QStringLiteral("maxRetries"), u.maxRetries}});
    QJsonObject out{
        {QStringLiteral("format"), QStringLiteral("carddesk-card-template")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("locked"), locked},
        {QStringLiteral("issuerSerial"), hexText(issuerSerial)},
        {QStringLiteral("productSerial"), hexText(productSerial)},
        {QStringLiteral("language"), language},
        {QStringLiteral("cardNumber"), QJsonObject{{QStringLiteral("prefix"), cardNumberPrefix},
                                                   {QStringLiteral("first"), static_cast<qint64>(cardNumberFirst)}}},
        {QStringLiteral("keys"), keyList},
        {QStringLiteral("permissions"), bits},
        {QStringLiteral("menu"), menuList},
        {QStringLiteral("users"), userList},
        {QStringLiteral("purse"), QJsonObject{{QStringLiteral("balanceLimit"), static_cast<qint64>(balanceLimit)},
                                              {QStringLiteral("overdraftLimit"), static_cast<qint64>(overdraftLimit)}}},
    };
    if (!serviceKeys.isEmpty() || !packages.isEmpty() || !entitlements.isEmpty()) {
        QJsonArray packageList;
        for (const auto& p : packages)
            packageList.append(QJsonObject{{QStringLiteral("id"), p.id}, {QStringLiteral("name"), p.name}});
        QJsonArray rightList;
        for (const auto& r : entitlements) {
            QJsonObject o{{QStringLiteral("user"), r.user},
                          {QStringLiteral("kind"), kindName(r.kind)},
                          {QStringLiteral("id"), r.id}};
            if (r.relative) {
                o.insert(QStringLiteral("validDays"), r.validDays);
                if (r.startOffsetDays)
                    o.insert(QStringLiteral("startOffsetDays"), r.startOffsetDays);
            } else {
                o.insert(QStringLiteral("start"), r.start.toString(Qt::ISODate));
                o.insert(QStringLiteral("end"), r.end.toString(Qt::ISODate));
            }
            rightList.append(o);
        }
        out.insert(QStringLiteral("ca"),
                   QJsonObject{{QStringLiteral("serviceKeys"), QJsonArray::fromStringList(serviceKeys)},
                               {QStringLiteral("packages"), packageList},
                               {QStringLiteral("entitlements"), rightList}});
    }
    return out;
}

} // namespace carddesk
