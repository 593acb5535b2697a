// CardTemplate::validate: every problem of a template at once, in words, before a card number is spent.
#include "carddesk/model/CardTemplate.h"

#include "CardTemplateLimits.h"

#include <QSet>

#include <algorithm>

namespace carddesk {

using namespace templatelimits;

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
        // The rights the card itself enforces sit on fixed bits (cdos::perm): a template may not move them.
        static const QHash<QString, int> kCardBits{{QStringLiteral("live-tv"), 0},      {QStringLiteral("vod"), 1},
                                                   {QStringLiteral("purse"), 2},        {QStringLiteral("top-up"), 3},
                                                   {QStringLiteral("app-download"), 4}, {QStringLiteral("settings"), 5},
                                                   {QStringLiteral("manage-users"), 6}, {QStringLiteral("adult"), 7}};
        if (const auto fixed = kCardBits.find(b.name); fixed != kCardBits.end() && *fixed != b.bit)
            e << tr("%1: \"%2\" is bit %3 on every card (the card enforces it), not %4")
                     .arg(QStringLiteral("permissions[%1].bit").arg(i), b.name)
                     .arg(*fixed)
                     .arg(b.bit);
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
    validateCa(e);
    return e;
}

void CardTemplate::validateCa(QStringList& e) const {
    QSet<QString> keyNames;
    for (int i = 0; i < serviceKeys.size(); ++i) {
        const QString f = QStringLiteral("ca.serviceKeys[%1]").arg(i);
        if (cdos::ca::serviceKeyIdOf(serviceKeys[i].toStdString()) == 0)
            e << tr("%1: \"%2\" is not a service key (CA_SERVICE_1 to CA_SERVICE_8)").arg(f, serviceKeys[i]);
        else if (keyNames.contains(serviceKeys[i]))
            e << tr("%1: %2 appears twice").arg(f, serviceKeys[i]);
        keyNames.insert(serviceKeys[i]);
    }
    QSet<int> packageIds;
    QSet<QString> packageNames;
    for (int i = 0; i < packages.size(); ++i) {
        const QString f = QStringLiteral("ca.packages[%1]").arg(i);
        if (packages[i].id == 0)
            e << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".id")).arg(1).arg(0xFFFF);
        else if (packageIds.contains(packages[i].id))
            e << tr("%1: id %2 appears twice").arg(f + QStringLiteral(".id")).arg(packages[i].id);
        packageIds.insert(packages[i].id);
        if (packages[i].name.isEmpty())
            e << tr("%1: missing").arg(f + QStringLiteral(".name"));
        else if (packageNames.contains(packages[i].name))
            e << tr("%1: name \"%2\" is defined twice").arg(f + QStringLiteral(".name"), packages[i].name);
        packageNames.insert(packages[i].name);
    }
    if (entitlements.size() > kMaxCardRights)
        e << tr("%1: a card holds at most %2 rights").arg(QStringLiteral("ca.entitlements")).arg(kMaxCardRights);
    QSet<QString> seen;
    for (int i = 0; i < entitlements.size(); ++i) {
        const auto& r = entitlements[i];
        const QString f = QStringLiteral("ca.entitlements[%1]").arg(i);
        const bool known =
            std::any_of(users.cbegin(), users.cend(), [&](const TemplateUser& u) { return u.number == r.user; });
        if (r.user != 0 && !known)
            e << tr("%1: user %2 is not one of the template's users").arg(f + QStringLiteral(".user")).arg(r.user);
        if (r.id == 0)
            e << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".id")).arg(1).arg(0xFFFF);
        if (r.relative) {
            if (r.validDays < 1 || r.validDays > kMaxValidDays)
                e << tr("%1: must be between %2 and %3")
                         .arg(f + QStringLiteral(".validDays"))
                         .arg(1)
                         .arg(kMaxValidDays);
        } else if (r.start.isValid() && r.end.isValid()) {
            if (r.end < r.start)
                e << tr("%1: ends before it starts").arg(f);
            if (r.start.year() < 1970 || r.end.year() > 9999)
                e << tr("%1: dates must lie between 1970 and 9999").arg(f);
        }
        const QString key = QStringLiteral("%1/%2/%3").arg(r.user).arg(static_cast<int>(r.kind)).arg(r.id);
        if (r.user != 0 && r.id != 0 && seen.contains(key))
            e << tr("%1: user %2 already has this right").arg(f).arg(r.user);
        seen.insert(key);
    }
}

} // namespace carddesk
