#include "carddesk/model/CardTemplate.h"

#include <carddesk/protocol/Personaliser.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace carddesk {

namespace {

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

bool isHex(const QString& s) {
    for (QChar c : s)
        if (!c.isDigit() && !(c.toUpper() >= QLatin1Char('A') && c.toUpper() <= QLatin1Char('F')))
            return false;
    return true;
}

QString hexOf(const QByteArray& b) {
    return QString::fromLatin1(b.toHex().toUpper());
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

QStringList CardTemplate::validate() const {
    QStringList e;
    if (name.trimmed().isEmpty())
        e << tr("%1: missing").arg(QStringLiteral("name"));
    if (issuerSerial.size() != 8)
        e << tr("%1: must be %2 hex digits").arg(QStringLiteral("issuerSerial")).arg(16);
    if (productSerial.size() != 8)
        e << tr("%1: must be %2 hex digits").arg(QStringLiteral("productSerial")).arg(16);
    if (cardNumberPrefix.size() < 2 || cardNumberPrefix.size() > 19 || !isHex(cardNumberPrefix))
        e << tr("%1: must be 2 to 19 hex digits (the rest of the 20 digits is allocated)")
                 .arg(QStringLiteral("cardNumber.prefix"));

    QSet<int> bitsSeen;
    QSet<QString> namesSeen;
    for (int i = 0; i < permissionBits.size(); ++i) {
        const auto& b = permissionBits[i];
        if (bitsSeen.contains(b.bit))
            e << tr("%1: bit %2 is defined twice").arg(QStringLiteral("permissions[%1].bit").arg(i)).arg(b.bit);
        if (namesSeen.contains(b.name))
            e << tr("%1: name \"%2\" is defined twice").arg(QStringLiteral("permissions[%1].name").arg(i), b.name);
        bitsSeen.insert(b.bit);
        namesSeen.insert(b.name);
    }

    bool hasMaintenance = false;
    QSet<int> keyIds;
    for (int i = 0; i < keys.size(); ++i) {
        const auto& k = keys[i];
        hasMaintenance |= k.id == 0 && k.usage == cdos::KeyUsage::IssuerMaintenance;
        if (keyIds.contains(k.id))
            e << tr("%1: key %2 appears twice").arg(QStringLiteral("keys[%1].id").arg(i)).arg(k.id);
        keyIds.insert(k.id);
        if (k.master.isEmpty())
            e << tr("%1: missing").arg(QStringLiteral("keys[%1].master").arg(i));
    }
    if (!hasMaintenance)
        e << tr("%1: key 0 with usage issuer-maintenance is required").arg(QStringLiteral("keys"));

    if (menu.size() > cdos::kMaxMenuEntries)
        e << tr("%1: at most %2 entries").arg(QStringLiteral("menu")).arg(cdos::kMaxMenuEntries);
    QSet<int> menuIds;
    for (int i = 0; i < menu.size(); ++i) {
        const auto& m = menu[i];
        const QString f = QStringLiteral("menu[%1]").arg(i);
        if (m.id == 0)
            e << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".id")).arg(1).arg(255);
        else if (menuIds.contains(m.id))
            e << tr("%1: id %2 appears twice").arg(f + QStringLiteral(".id")).arg(m.id);
        menuIds.insert(m.id);
        const qsizetype bytes = m.title.toUtf8().size();
        if (bytes == 0)
            e << tr("%1: missing").arg(f + QStringLiteral(".title"));
        else if (bytes > cdos::kMenuRecordLength - 7)
            e << tr("%1: \"%2\" is %3 bytes of UTF-8, at most %4 fit")
                     .arg(f + QStringLiteral(".title"), m.title)
                     .arg(bytes)
                     .arg(cdos::kMenuRecordLength - 7);
    }

    if (users.isEmpty() || users.size() > cdos::kMaxUsers)
        e << tr("%1: a card has 1 to %2 users").arg(QStringLiteral("users")).arg(cdos::kMaxUsers);
    QSet<int> numbers;
    for (int i = 0; i < users.size(); ++i) {
        const auto& u = users[i];
        const QString f = QStringLiteral("users[%1]").arg(i);
        if (u.number < 1 || u.number > cdos::kMaxUsers)
            e << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".number")).arg(1).arg(cdos::kMaxUsers);
        else if (numbers.contains(u.number))
            e << tr("%1: user %2 appears twice").arg(f + QStringLiteral(".number")).arg(u.number);
        numbers.insert(u.number);
        const qsizetype bytes = u.name.toUtf8().size();
        if (bytes == 0)
            e << tr("%1: missing").arg(f + QStringLiteral(".name"));
        else if (bytes > cdos::kMaxNameBytes)
            e << tr("%1: \"%2\" is %3 bytes of UTF-8, at most %4 fit")
                     .arg(f + QStringLiteral(".name"), u.name)
                     .arg(bytes)
                     .arg(cdos::kMaxNameBytes);
        if (u.maxRetries < 1 || u.maxRetries > 15)
            e << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".maxRetries")).arg(1).arg(15);
    }
    if (overdraftLimit > 0xFFFFFF)
        e << tr("%1: must be between %2 and %3").arg(QStringLiteral("purse.overdraftLimit")).arg(0).arg(0xFFFFFF);
    return e;
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
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("carddesk-card-template")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("locked"), locked},
        {QStringLiteral("issuerSerial"), hexOf(issuerSerial)},
        {QStringLiteral("productSerial"), hexOf(productSerial)},
        {QStringLiteral("cardNumber"), QJsonObject{{QStringLiteral("prefix"), cardNumberPrefix},
                                                   {QStringLiteral("first"), static_cast<qint64>(cardNumberFirst)}}},
        {QStringLiteral("keys"), keyList},
        {QStringLiteral("permissions"), bits},
        {QStringLiteral("menu"), menuList},
        {QStringLiteral("users"), userList},
        {QStringLiteral("purse"), QJsonObject{{QStringLiteral("balanceLimit"), static_cast<qint64>(balanceLimit)},
                                              {QStringLiteral("overdraftLimit"), static_cast<qint64>(overdraftLimit)}}},
    };
}

} // namespace carddesk
