#include "carddesk/cardio/CardSnapshot.h"
#include "carddesk/cardio/HexText.h"

#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/CardChannel.h"

#include <carddesk/protocol/apdu/SecureMessaging.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QDateTime>
#include <QJsonArray>

namespace carddesk {

namespace {} // namespace

CardSnapshot CardSnapshot::read(CardChannel& channel, const cdos::IssuerKeys* issuerKeys) {
    CardSnapshot s;
    s.reader = channel.readerName();
    s.atr = channel.atr();

    const cdos::ResponseApdu mf = channel.transmit(cdos::selectFid(cdos::fid::Mf));
    s.isCdos = mf.ok() || ApduDecoder::lifeCycleFromAtr(s.atr).has_value();
    if (!s.isCdos) {
        s.unavailable << tr("the card is not a CardDesk COS card: SELECT MF answered %1 (%2)")
                             .arg(hexNumber(mf.sw, 4), ApduDecoder::statusWordMeaning(mf.sw));
        return s;
    }

    // One GET DATA per item; a refusal (expected on blank cards) is noted, not fatal.
    auto get = [&](std::uint16_t tag, const QString& what) -> std::optional<cdos::Bytes> {
        const cdos::ResponseApdu r = channel.transmit(cdos::getData(tag));
        if (r.ok())
            return r.data;
        s.unavailable << tr("%1: %2 (%3)").arg(what, ApduDecoder::statusWordMeaning(r.sw), hexNumber(r.sw, 4));
        return std::nullopt;
    };
    auto malformed = [&](const QString& what) { s.unavailable << tr("%1: malformed answer").arg(what); };

    if (auto b = get(cdos::tag::LifeCycleTag, tr("life cycle"))) {
        if (b->size() == 1 && (*b)[0] <= static_cast<std::uint8_t>(cdos::LifeCycle::Terminated))
            s.lifeCycle = static_cast<cdos::LifeCycle>((*b)[0]);
        else
            malformed(tr("life cycle"));
    }
    if (auto b = get(cdos::tag::OsVersion, tr("operating system")))
        s.osVersion = QString::fromLatin1(qbytesOf(*b));
    if (auto b = get(cdos::tag::ChipSerial, tr("chip serial")))
        s.chipSerial = qbytesOf(*b);
    if (auto b = get(cdos::tag::CardNumber, tr("card number")))
        s.cardNumber = qbytesOf(*b);
    if (auto b = get(cdos::tag::IssuerSerial, tr("card-issuer serial")))
        s.issuerSerial = qbytesOf(*b);
    if (auto b = get(cdos::tag::ProductSerial, tr("issuer product serial")))
        s.productSerial = qbytesOf(*b);
    if (auto b = get(cdos::tag::Nvm, tr("NVM"))) {
        s.nvm = cdos::decodeNvm(*b);
        if (!s.nvm)
            malformed(tr("NVM"));
    }
    // Users and menu: under issuer secure messaging when the card keeps them from an unauthenticated terminal.
    std::optional<cdos::IssuerSmSession> sm;
    auto protectedGet = [&](std::uint16_t tag, const QString& what) -> std::optional<cdos::Bytes> {
        const cdos::ResponseApdu plain = channel.transmit(cdos::getData(tag));
        if (plain.ok())
            return plain.data;
        std::uint16_t sw = plain.sw;
        if (sw == cdos::sw::SecurityNotSatisfied && issuerKeys && s.cardNumber.size() == 10) {
            try {
                if (!sm) {
                    sm.emplace(issuerKeys->cardKey("ISSUER_SM", cdos::asnOf(bytesOf(s.cardNumber))));
                    sm->start(channel.transmit(cdos::getChallenge()).data);
                }
                const cdos::ResponseApdu r = channel.transmit(sm->wrap(cdos::getData(tag)));
                if (r.ok())
                    return r.data;
                sw = r.sw;
                sm.reset(); // a refused MAC ends the chain
            } catch (const std::exception&) {
                sm.reset(); // no such key in this store: listed as unavailable below
            }
        }
        s.unavailable << tr("%1: %2 (%3)").arg(what, ApduDecoder::statusWordMeaning(sw), hexNumber(sw, 4));
        return std::nullopt;
    };
    if (auto b = protectedGet(cdos::tag::Users, tr("users"))) {
        if (auto users = cdos::decodeUsers(*b))
            s.users = std::move(*users);
        else
            malformed(tr("users"));
    }
    if (auto b = protectedGet(cdos::tag::Menu, tr("menu"))) {
        if (auto menu = cdos::decodeMenu(*b))
            s.menu = std::move(*menu);
        else
            malformed(tr("menu"));
    }
    if (auto b = get(cdos::tag::Keys, tr("keys"))) {
        if (auto keys = cdos::decodeKeys(*b))
            s.keys = std::move(*keys);
        else
            malformed(tr("keys"));
    }

    // Conditional access: answered while its DF is selected; a card without it (older profile) is no fault. A blank
    // card has none yet: not asked, so its trace shows no refused SELECT.
    if (s.lifeCycle == cdos::LifeCycle::Blank)
        return s;
    const cdos::ResponseApdu ca = channel.transmit(cdos::selectAid(cdos::ca::kCaAid));
    if (ca.ok()) {
        s.hasCa = true;
        auto caData = [&](std::uint8_t tag, const QString& what) -> std::optional<cdos::Bytes> {
            const cdos::ResponseApdu r = channel.transmit(cdos::ca::getCaData(tag));
            if (r.ok())
                return r.data;
            s.unavailable << tr("%1: %2 (%3)").arg(what, ApduDecoder::statusWordMeaning(r.sw), hexNumber(r.sw, 4));
            return std::nullopt;
        };
        if (auto b = caData(cdos::ca::kTagServiceKeys, tr("service keys"))) {
            if (auto keys = cdos::ca::decodeServiceKeys(*b))
                s.serviceKeys = std::move(*keys);
            else
                malformed(tr("service keys"));
        }
        if (auto b = caData(cdos::ca::kTagEntitlements, tr("entitlements"))) {
            if (b->size() % cdos::ca::Entitlement::kSize == 0)
                s.entitlements = cdos::ca::decodeEntitlements(*b);
            else
                malformed(tr("entitlements"));
        }
        channel.transmit(cdos::selectFid(cdos::fid::Mf)); // leave the card as found: MF current
    } else if (ca.sw != cdos::sw::FileNotFound) {
        s.unavailable << tr("%1: %2 (%3)")
                             .arg(tr("conditional access"), ApduDecoder::statusWordMeaning(ca.sw), hexNumber(ca.sw, 4));
    }
    return s;
}

QDate CardSnapshot::dateOf(quint32 d) {
    return QDate(static_cast<int>(d / 10000), static_cast<int>((d / 100) % 100), static_cast<int>(d % 100));
}

int CardSnapshot::rightState(const cdos::ca::Entitlement& e, const QDate& today) {
    const quint32 t = static_cast<quint32>(today.year() * 10000 + today.month() * 100 + today.day());
    return t > e.end ? -1 : (t < e.start ? 1 : 0);
}

QJsonObject CardSnapshot::toJson(const QDate& todayIn) const {
    const QDate today = todayIn.isValid() ? todayIn : QDateTime::currentDateTimeUtc().date();
    QJsonObject o{
        {QStringLiteral("reader"), reader}, {QStringLiteral("atr"), hexText(atr)}, {QStringLiteral("cdos"), isCdos}};
    if (lifeCycle)
        o.insert(QStringLiteral("lifeCycle"), QString::fromStdString(cdos::lifeCycleName(*lifeCycle)));
    auto putHex = [&](const char* key, const QByteArray& b) {
        if (!b.isEmpty())
            o.insert(QLatin1String(key), hexText(b));
    };
    putHex("cardNumber", cardNumber);
    putHex("issuerSerial", issuerSerial);
    putHex("productSerial", productSerial);
    putHex("chipSerial", chipSerial);
    if (!osVersion.isEmpty())
        o.insert(QStringLiteral("osVersion"), osVersion);
    if (nvm)
        o.insert(QStringLiteral("nvm"),
                 QJsonObject{{QStringLiteral("totalBytes"), static_cast<qint64>(nvm->total)},
                             {QStringLiteral("freeBytes"), static_cast<qint64>(nvm->free)},
                             {QStringLiteral("pageSize"), nvm->pageSize},
                             {QStringLiteral("pageWrites"), static_cast<qint64>(nvm->pageWrites)}});
    QJsonArray u;
    for (const auto& user : users)
        u.append(QJsonObject{{QStringLiteral("number"), user.profile.number},
                             {QStringLiteral("name"), QString::fromStdString(user.profile.name)},
                             {QStringLiteral("permissions"), hexNumber(user.profile.permissions, 8)},
                             {QStringLiteral("retriesLeft"), user.retriesLeft},
                             {QStringLiteral("maxRetries"), user.profile.maxRetries}});
    o.insert(QStringLiteral("users"), u);
    QJsonArray m;
    for (const auto& e : menu)
        m.append(QJsonObject{{QStringLiteral("id"), e.id},
                             {QStringLiteral("title"), QString::fromStdString(e.title)},
                             {QStringLiteral("permission"), hexNumber(e.permission, 8)},
                             {QStringLiteral("hidden"), e.hidden}});
    o.insert(QStringLiteral("menu"), m);
    QJsonArray k;
    for (const auto& key : keys)
        k.append(QJsonObject{{QStringLiteral("id"), hexNumber(key.id, 2)},
                             {QStringLiteral("type"), key.type},
                             {QStringLiteral("usage"),
                              QString::fromStdString(cdos::keyUsageName(static_cast<cdos::KeyUsage>(key.usage)))},
                             {QStringLiteral("version"), key.version},
                             {QStringLiteral("errorCounter"), key.errorCounter},
                             {QStringLiteral("maxErrors"), key.maxErrors}});
    o.insert(QStringLiteral("keys"), k);
    QJsonArray serviceKeyList;
    for (const auto& key : serviceKeys)
        serviceKeyList.append(
            QJsonObject{{QStringLiteral("name"), QString::fromStdString(cdos::ca::serviceKeyName(key.id))},
                        {QStringLiteral("id"), key.id},
                        {QStringLiteral("slot"), hexNumber(cdos::ca::keySlotOf(key.id), 2)},
                        {QStringLiteral("version"), key.version}});
    QJsonArray rights;
    for (const auto& e : entitlements) {
        const int state = rightState(e, today);
        rights.append(QJsonObject{{QStringLiteral("user"), e.user},
                                  {QStringLiteral("kind"), QLatin1String(cdos::ca::rightKindName(e.kind))},
                                  {QStringLiteral("id"), e.id},
                                  {QStringLiteral("start"), dateOf(e.start).toString(Qt::ISODate)},
                                  {QStringLiteral("end"), dateOf(e.end).toString(Qt::ISODate)},
                                  {QStringLiteral("state"), state < 0   ? QStringLiteral("expired")
                                                            : state > 0 ? QStringLiteral("not-yet-valid")
                                                                        : QStringLiteral("valid")}});
    }
    o.insert(QStringLiteral("ca"), QJsonObject{{QStringLiteral("present"), hasCa},
                                               {QStringLiteral("serviceKeys"), serviceKeyList},
                                               {QStringLiteral("entitlements"), rights}});
    if (!unavailable.isEmpty())
        o.insert(QStringLiteral("unavailable"), QJsonArray::fromStringList(unavailable));
    return o;
}

QString CardSnapshot::summary() const {
    QStringList lines;
    lines << tr("Reader: %1").arg(reader);
    lines << tr("ATR: %1 (%2)").arg(QString::fromLatin1(atr.toHex(' ').toUpper()), ApduDecoder::describeAtr(atr));
    if (lifeCycle)
        lines << tr("Life cycle: %1").arg(ApduDecoder::lifeCycleName(*lifeCycle));
    if (!cardNumber.isEmpty())
        lines << tr("Card number: %1").arg(hexText(cardNumber));
    if (!chipSerial.isEmpty())
        lines << tr("Chip serial: %1").arg(hexText(chipSerial));
    if (!osVersion.isEmpty())
        lines << tr("Operating system: %1").arg(osVersion);
    if (nvm)
        lines << tr("NVM: %1 of %2 bytes free").arg(nvm->free).arg(nvm->total);
    for (const auto& u : users)
        lines << tr("User %1 %2: %3 of %4 PIN tries left")
                     .arg(u.profile.number)
                     .arg(QString::fromStdString(u.profile.name))
                     .arg(u.retriesLeft)
                     .arg(u.profile.maxRetries);
    for (const auto& e : menu)
        lines << tr("Menu %1: %2%3")
                     .arg(e.id)
                     .arg(QString::fromStdString(e.title), e.hidden ? tr(" (hidden)") : QString());
    for (const auto& k : serviceKeys)
        lines << tr("Service key CA_SERVICE_%1: version %2").arg(k.id).arg(k.version);
    for (const auto& e : entitlements)
        lines << tr("User %1 right %2 %3: %4 to %5")
                     .arg(e.user)
                     .arg(QLatin1String(cdos::ca::rightKindName(e.kind)))
                     .arg(e.id)
                     .arg(dateOf(e.start).toString(Qt::ISODate), dateOf(e.end).toString(Qt::ISODate));
    return lines.join(QLatin1Char('\n'));
}

} // namespace carddesk
