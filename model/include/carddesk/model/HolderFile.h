#pragma once
// The holder file (JSON) of one issuance: holder data, an optional card number, and the users' PINs.
//   { "holder": {"userNumber": "U0001", "account": "6222...", "name": "张伟"},
//     "cardNumber": "86100100000000000001",            (optional: else allocated from the template prefix)
//     "users": [ {"number": 1, "pin": "123456"}, {"number": 2, "name": "李娜", "pin": "8888"} ] }
// A user absent from the template needs "name" and "permissions". PINs are held only in memory, wiped when
// the object goes away, and never stored, logged or printed.
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>
#include <string>

namespace carddesk {

struct HolderFileError : std::runtime_error {
    explicit HolderFileError(const QStringList& problems)
        : std::runtime_error(problems.join(QLatin1String("; ")).toStdString()), errors(problems) {}
    QStringList errors; // translated; never contain a PIN
};

struct HolderUser {
    quint8 number = 0;
    QString name;                       // empty: the template's name for this user
    std::optional<QString> permissions; // permission name(s) or number; empty: the template's
    std::optional<quint8> maxRetries;
    std::string pin; // digits; wiped on destruction

    HolderUser() = default;
    HolderUser(const HolderUser&) = default;
    HolderUser& operator=(const HolderUser& o);
    ~HolderUser();
};

class HolderFile {
    Q_DECLARE_TR_FUNCTIONS(HolderFile)
public:
    QString userNumber;
    QString account;
    QString name;
    QString cardNumber; // 20 hex digits, or empty
    QString language;   // the card's texts: "zh" or "en"; empty: the template's
    QList<HolderUser> users;

    // Throws HolderFileError; `json` is wiped after parsing (it holds PINs).
    static HolderFile fromJson(QByteArray& json);
    static HolderFile load(const QString& path);
    QStringList validate() const;
};

} // namespace carddesk
