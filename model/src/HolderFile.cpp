#include "carddesk/model/HolderFile.h"

#include <carddesk/protocol/apdu/Bytes.h>
#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/proactive/Proactive.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace carddesk {

namespace {

void wipe(std::string& s) {
    if (!s.empty())
        cdos::secureZero(s.data(), s.size());
}

// Wipes the caller's buffer (heap data in place; static data, which cannot be written, is replaced by zeros).
void wipe(QByteArray& b) {
    if (b.isEmpty())
        return;
    char* p = b.data_ptr().isMutable() ? const_cast<char*>(b.constData()) : b.data();
    cdos::secureZero(p, static_cast<std::size_t>(b.size()));
}

} // namespace

HolderUser& HolderUser::operator=(const HolderUser& o) {
    if (this != &o) {
        wipe(pin);
        number = o.number;
        name = o.name;
        permissions = o.permissions;
        maxRetries = o.maxRetries;
        pin = o.pin;
    }
    return *this;
}

HolderUser::~HolderUser() {
    wipe(pin);
}

HolderFile HolderFile::fromJson(QByteArray& json) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    wipe(json);
    if (doc.isNull())
        throw HolderFileError(
            {tr("not valid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)});
    if (!doc.isObject())
        throw HolderFileError({tr("a holder file is a JSON object")});
    const QJsonObject o = doc.object();
    QStringList errors;
    HolderFile h;
    const QJsonObject holder = o.value(QLatin1String("holder")).toObject();
    if (holder.isEmpty())
        errors << tr("%1: missing").arg(QStringLiteral("holder"));
    h.userNumber = holder.value(QLatin1String("userNumber")).toString();
    h.account = holder.value(QLatin1String("account")).toString();
    h.name = holder.value(QLatin1String("name")).toString();
    h.language = holder.value(QLatin1String("language")).toString();
    if (!h.language.isEmpty() && !cdos::proactive::cardSpeaks(h.language.toStdString()))
        errors << tr("%1: the card speaks \"zh\" or \"en\", not \"%2\"")
                      .arg(QStringLiteral("holder.language"), h.language);
    h.cardNumber = o.value(QLatin1String("cardNumber")).toString().remove(QLatin1Char(' ')).toUpper();

    const QJsonValue users = o.value(QLatin1String("users"));
    if (!users.isArray())
        errors << tr("%1: missing (a list of users with their PINs)").arg(QStringLiteral("users"));
    const QJsonArray list = users.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject u = list.at(i).toObject();
        const QString f = QStringLiteral("users[%1]").arg(i);
        HolderUser user;
        const QJsonValue number = u.value(QLatin1String("number"));
        if (!number.isDouble() || number.toInt() < 1 || number.toInt() > cdos::kMaxUsers)
            errors
                << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".number")).arg(1).arg(cdos::kMaxUsers);
        else
            user.number = static_cast<quint8>(number.toInt());
        user.name = u.value(QLatin1String("name")).toString();
        const QJsonValue perms = u.value(QLatin1String("permissions"));
        if (perms.isString())
            user.permissions = perms.toString();
        else if (perms.isDouble())
            user.permissions = QString::number(static_cast<quint32>(perms.toDouble()));
        else if (perms.isArray()) {
            QStringList parts;
            for (const auto& p : perms.toArray())
                parts << p.toString();
            user.permissions = parts.join(QLatin1Char('|'));
        }
        if (u.contains(QLatin1String("maxRetries"))) {
            const int n = u.value(QLatin1String("maxRetries")).toInt(-1);
            if (n < 1 || n > 15)
                errors << tr("%1: must be between %2 and %3").arg(f + QStringLiteral(".maxRetries")).arg(1).arg(15);
            else
                user.maxRetries = static_cast<quint8>(n);
        }
        const QJsonValue pin = u.value(QLatin1String("pin"));
        if (pin.isString())
            user.pin = pin.toString().toStdString();
        else if (!pin.isUndefined()) // an absent PIN is validate()'s "missing", with the user's number
            errors << tr("%1: must be a string of 4 to 12 digits").arg(f + QStringLiteral(".pin"));
        h.users.append(user);
    }
    for (const auto& p : h.validate())
        if (!errors.contains(p))
            errors << p;
    if (!errors.isEmpty())
        throw HolderFileError(errors);
    return h;
}

HolderFile HolderFile::load(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw HolderFileError({tr("cannot read the holder file %1: %2").arg(path, f.errorString())});
    QByteArray json = f.readAll();
    try {
        return fromJson(json);
    } catch (const HolderFileError& e) {
        QStringList withFile;
        for (const auto& p : e.errors)
            withFile << tr("%1: %2").arg(path, p);
        throw HolderFileError(withFile);
    }
}

QStringList HolderFile::validate() const {
    QStringList e;
    if (userNumber.trimmed().isEmpty())
        e << tr("%1: missing").arg(QStringLiteral("holder.userNumber"));
    if (account.trimmed().isEmpty())
        e << tr("%1: missing").arg(QStringLiteral("holder.account"));
    if (name.trimmed().isEmpty())
        e << tr("%1: missing").arg(QStringLiteral("holder.name"));
    const cdos::HolderData data{userNumber.toStdString(), account.toStdString(), name.toStdString()};
    if (data.encode().size() > 128)
        e << tr("%1: user number, account and name together are longer than the card's 128-byte holder file")
                 .arg(QStringLiteral("holder"));
    if (!cardNumber.isEmpty()) {
        bool hex = cardNumber.size() == 20;
        for (QChar c : cardNumber)
            hex = hex && (c.isDigit() || (c >= QLatin1Char('A') && c <= QLatin1Char('F')));
        if (!hex)
            e << tr("%1: must be 20 hex digits").arg(QStringLiteral("cardNumber"));
    }
    if (users.isEmpty())
        e << tr("%1: at least one user with a PIN is needed").arg(QStringLiteral("users"));
    if (users.size() > cdos::kMaxUsers)
        e << tr("%1: a card has at most %2 users").arg(QStringLiteral("users")).arg(cdos::kMaxUsers);
    QSet<int> seen;
    for (int i = 0; i < users.size(); ++i) {
        const auto& u = users[i];
        // The JSON path counts from 0, people count users from 1: both are named (issue 11).
        const auto f = [&](const char* member) {
            const QString path = QStringLiteral("users[%1].%2").arg(i).arg(QLatin1String(member));
            return u.number == 0 ? path : tr("%1 (user %2)").arg(path).arg(u.number);
        };
        if (u.number != 0 && seen.contains(u.number))
            e << tr("%1: user %2 appears twice").arg(f("number")).arg(u.number);
        seen.insert(u.number);
        // The message names the field, never the PIN; every user's problem at once, an empty PIN included.
        if (u.pin.empty())
            e << tr("%1: missing (4 to 12 digits)").arg(f("pin"));
        else if (!cdos::isValidPin(u.pin))
            e << tr("%1: must have 4 to 12 digits").arg(f("pin"));
        if (u.name.toUtf8().size() > cdos::kMaxNameBytes)
            e << tr("%1: longer than %2 bytes of UTF-8").arg(f("name")).arg(cdos::kMaxNameBytes);
    }
    return e;
}

} // namespace carddesk
