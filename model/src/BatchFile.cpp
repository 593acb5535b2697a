#include "carddesk/model/BatchFile.h"

#include "CsvReader.h"
#include "carddesk/model/IssuanceService.h"

#include <carddesk/protocol/apdu/Bytes.h>

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringDecoder>

namespace carddesk {

namespace {

constexpr int kMaxUsers = 8;
constexpr int kAddressLines = 4;
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024; // a million holders fit; a wrong file is refused early

void wipe(QByteArray& b) {
    if (!b.isEmpty())
        cdos::secureZero(b.data(), static_cast<std::size_t>(b.size()));
}

// Canonical column → the Chinese header accepted for it.
QList<QPair<QString, QString>> columnTable() {
    QList<QPair<QString, QString>> t = {
        {QStringLiteral("user_number"), QStringLiteral("用户编号")},
        {QStringLiteral("account"), QStringLiteral("账号")},
        {QStringLiteral("name"), QStringLiteral("姓名")},
        {QStringLiteral("language"), QStringLiteral("语言")},
        {QStringLiteral("card_number"), QStringLiteral("卡号")},
        {QStringLiteral("postcode"), QStringLiteral("邮编")},
    };
    for (int i = 1; i <= kAddressLines; ++i)
        t.append({QStringLiteral("address%1").arg(i), QStringLiteral("地址%1").arg(i)});
    for (int i = 1; i <= kMaxUsers; ++i) {
        t.append({QStringLiteral("pin%1").arg(i), QStringLiteral("密码%1").arg(i)});
        t.append({QStringLiteral("user%1_name").arg(i), QStringLiteral("用户%1姓名").arg(i)});
    }
    return t;
}

QString canonicalColumn(const QString& header) {
    const QString h = header.trimmed();
    for (const auto& [english, chinese] : columnTable())
        if (h.compare(english, Qt::CaseInsensitive) == 0 || h == chinese)
            return english;
    return {};
}

// Problems the template and the card would find, for one holder (placeholder number and, for generated PINs,
// placeholder PINs: the generator makes valid ones).
void checkAgainstTemplate(const BatchHolder& row, const CardTemplate& tmpl, bool generatedPins,
                          QList<BatchProblem>& problems) {
    HolderFile h = row.holder;
    if (generatedPins)
        for (auto& u : h.users)
            u.pin = "13572468";
    for (const QString& p : h.validate())
        problems << BatchProblem{row.line, {}, p};
    if (!h.validate().isEmpty())
        return;
    try {
        IssuanceService::buildProfile(tmpl, h,
                                      h.cardNumber.isEmpty() ? QStringLiteral("00000000000000000000") : h.cardNumber);
    } catch (const IssuanceError& e) {
        for (const QString& p : e.text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            if (!p.startsWith(QLatin1String("template ")))
                problems << BatchProblem{row.line, {}, p};
    }
}

QList<BatchHolder> parseCsv(QByteArray& data, const CardTemplate& tmpl, bool generatedPins, bool& hasPins,
                            QList<BatchProblem>& problems) {
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(data);
    wipe(data);
    if (utf8.hasError()) {
        problems << BatchProblem{0, {}, BatchFile::tr("the file is not UTF-8 text (save it as \"CSV UTF-8\")")};
        return {};
    }
    CsvParse csv = readCsv(text);
    text.fill(QLatin1Char(' ')); // the decoded text held the PINs too
    if (!csv.error.isEmpty()) {
        problems << BatchProblem{csv.errorLine, {}, csv.error};
        return {};
    }
    if (csv.records.isEmpty()) {
        problems << BatchProblem{0, {}, BatchFile::tr("the file is empty: a header row and one row per holder")};
        return {};
    }
    const CsvRecord header = csv.records.takeFirst();
    QStringList columns;
    QSet<QString> seen;
    for (const QString& h : header.fields) {
        const QString c = canonicalColumn(h);
        if (c.isEmpty())
            problems << BatchProblem{header.line, h,
                                     BatchFile::tr("unknown column (docs/batch-issuance.md lists them)")};
        else if (seen.contains(c))
            problems << BatchProblem{header.line, h, BatchFile::tr("the column appears twice")};
        seen.insert(c);
        columns << c;
    }
    for (const char* required : {"user_number", "account", "name"})
        if (!seen.contains(QLatin1String(required)))
            problems << BatchProblem{header.line, QLatin1String(required),
                                     BatchFile::tr("a required column is missing")};
    if (!problems.isEmpty())
        return {};
    QSet<quint8> templateUsers;
    for (const auto& u : tmpl.users)
        templateUsers.insert(u.number);
    QList<BatchHolder> rows;
    for (CsvRecord& r : csv.records) {
        if (r.fields.size() != columns.size()) {
            problems << BatchProblem{
                r.line,
                {},
                BatchFile::tr("%1 fields where the header has %2").arg(r.fields.size()).arg(columns.size())};
            continue;
        }
        BatchHolder row;
        row.line = r.line;
        QHash<int, HolderUser> users;
        for (int i = 0; i < columns.size(); ++i) {
            const QString& c = columns[i];
            QString v = r.fields[i].trimmed();
            if (c == QLatin1String("user_number"))
                row.holder.userNumber = v;
            else if (c == QLatin1String("account"))
                row.holder.account = v;
            else if (c == QLatin1String("name"))
                row.holder.name = v;
            else if (c == QLatin1String("language"))
                row.holder.language = v;
            else if (c == QLatin1String("card_number"))
                row.holder.cardNumber = v.remove(QLatin1Char(' ')).toUpper();
            else if (c == QLatin1String("postcode"))
                row.postcode = v;
            else if (c.startsWith(QLatin1String("address"))) {
                if (!v.isEmpty())
                    row.address << v;
            } else {
                const bool pin = c.startsWith(QLatin1String("pin"));
                const int n = (pin ? c.mid(3) : c.mid(4, c.indexOf(QLatin1Char('_')) - 4)).toInt();
                if (v.isEmpty())
                    continue;
                if (!templateUsers.contains(static_cast<quint8>(n))) {
                    problems << BatchProblem{r.line, c, BatchFile::tr("user %1 is not in the template").arg(n)};
                    continue;
                }
                HolderUser& u = users[n];
                u.number = static_cast<quint8>(n);
                if (pin) {
                    hasPins = true;
                    if (generatedPins)
                        problems << BatchProblem{r.line, c,
                                                 BatchFile::tr("the PINs are generated for this batch: the file "
                                                               "must not carry PINs")};
                    u.pin = v.toStdString();
                    v.fill(QLatin1Char(' '));
                    r.fields[i].fill(QLatin1Char(' '));
                } else {
                    u.name = v;
                }
            }
        }
        for (const auto& tu : tmpl.users) {
            HolderUser& u = users[tu.number];
            u.number = tu.number;
            if (u.pin.empty() && !generatedPins)
                problems << BatchProblem{
                    r.line, QStringLiteral("pin%1").arg(tu.number),
                    BatchFile::tr("missing: user %1 (%2) needs a PIN of 4 to 12 digits").arg(tu.number).arg(tu.name)};
        }
        QList<int> numbers = users.keys();
        std::sort(numbers.begin(), numbers.end());
        for (int n : numbers)
            row.holder.users << users.value(n);
        rows << row;
    }
    return rows;
}

QList<BatchHolder> parseJson(QByteArray& data, bool generatedPins, bool& hasPins, QList<BatchProblem>& problems) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    wipe(data);
    if (doc.isNull()) {
        problems << BatchProblem{
            0, {}, BatchFile::tr("not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset)};
        return {};
    }
    const QJsonValue list = doc.object().value(QLatin1String("holders"));
    if (!doc.isObject() || !list.isArray()) {
        problems << BatchProblem{0, QStringLiteral("holders"),
                                 BatchFile::tr("a batch file in JSON is an object with a list \"holders\"")};
        return {};
    }
    QList<BatchHolder> rows;
    const QJsonArray holders = list.toArray();
    for (int i = 0; i < holders.size(); ++i) {
        BatchHolder row;
        row.line = i + 1;
        const QJsonObject o = holders.at(i).toObject();
        if (!holders.at(i).isObject()) {
            problems << BatchProblem{row.line, {}, BatchFile::tr("a holder is a JSON object")};
            continue;
        }
        for (const auto& u : o.value(QLatin1String("users")).toArray())
            if (u.toObject().contains(QLatin1String("pin"))) {
                hasPins = true;
                if (generatedPins)
                    problems << BatchProblem{row.line, QStringLiteral("users.pin"),
                                             BatchFile::tr("the PINs are generated for this batch: the file must "
                                                           "not carry PINs")};
            }
        for (const auto& line : o.value(QLatin1String("address")).toArray())
            row.address << line.toString();
        row.postcode = o.value(QLatin1String("postcode")).toString();
        QJsonObject withUsers = o;
        if (generatedPins && !withUsers.contains(QLatin1String("users")))
            withUsers[QStringLiteral("users")] = QJsonArray(); // generated PINs: the template's users by default
        QByteArray one = QJsonDocument(withUsers).toJson(QJsonDocument::Compact);
        try {
            row.holder = HolderFile::fromJson(one);
        } catch (const HolderFileError& e) {
            for (const QString& p : e.errors)
                problems << BatchProblem{row.line, {}, p};
            continue;
        }
        rows << row;
    }
    return rows;
}

} // namespace

QString BatchProblem::text() const {
    QString where;
    if (line > 0)
        where = BatchFile::tr("line %1").arg(line);
    if (!field.isEmpty())
        where += (where.isEmpty() ? QString() : QStringLiteral(", ")) + field;
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

static std::string joinProblems(const QList<BatchProblem>& list) {
    QStringList lines;
    for (const auto& p : list)
        lines << p.text();
    return lines.join(QLatin1Char('\n')).toStdString();
}

BatchFileError::BatchFileError(const QList<BatchProblem>& list)
    : std::runtime_error(joinProblems(list)), problems(list) {}

QString BatchFileError::text() const {
    return QString::fromStdString(what());
}

QJsonObject BatchHolder::toJson() const {
    QJsonArray users;
    for (const auto& u : holder.users) {
        QJsonObject o{{QStringLiteral("number"), u.number}};
        if (!u.name.isEmpty())
            o[QStringLiteral("name")] = u.name;
        if (u.permissions)
            o[QStringLiteral("permissions")] = *u.permissions;
        if (u.maxRetries)
            o[QStringLiteral("maxRetries")] = *u.maxRetries;
        users.append(o);
    }
    QJsonObject h{{QStringLiteral("userNumber"), holder.userNumber},
                  {QStringLiteral("account"), holder.account},
                  {QStringLiteral("name"), holder.name}};
    if (!holder.language.isEmpty())
        h[QStringLiteral("language")] = holder.language;
    QJsonObject o{{QStringLiteral("line"), line}, {QStringLiteral("holder"), h}, {QStringLiteral("users"), users}};
    if (!holder.cardNumber.isEmpty())
        o[QStringLiteral("cardNumber")] = holder.cardNumber;
    if (!address.isEmpty())
        o[QStringLiteral("address")] = QJsonArray::fromStringList(address);
    if (!postcode.isEmpty())
        o[QStringLiteral("postcode")] = postcode;
    return o;
}

BatchHolder BatchHolder::fromJson(const QJsonObject& o) {
    BatchHolder row;
    row.line = o.value(QLatin1String("line")).toInt();
    const QJsonObject h = o.value(QLatin1String("holder")).toObject();
    row.holder.userNumber = h.value(QLatin1String("userNumber")).toString();
    row.holder.account = h.value(QLatin1String("account")).toString();
    row.holder.name = h.value(QLatin1String("name")).toString();
    row.holder.language = h.value(QLatin1String("language")).toString();
    row.holder.cardNumber = o.value(QLatin1String("cardNumber")).toString();
    for (const auto& v : o.value(QLatin1String("users")).toArray()) {
        const QJsonObject u = v.toObject();
        HolderUser user;
        user.number = static_cast<quint8>(u.value(QLatin1String("number")).toInt());
        user.name = u.value(QLatin1String("name")).toString();
        if (u.contains(QLatin1String("permissions")))
            user.permissions = u.value(QLatin1String("permissions")).toString();
        if (u.contains(QLatin1String("maxRetries")))
            user.maxRetries = static_cast<quint8>(u.value(QLatin1String("maxRetries")).toInt());
        row.holder.users << user;
    }
    for (const auto& line : o.value(QLatin1String("address")).toArray())
        row.address << line.toString();
    row.postcode = o.value(QLatin1String("postcode")).toString();
    return row;
}

QStringList BatchFile::csvColumns() {
    QStringList out;
    for (const auto& [english, chinese] : columnTable())
        out << english + QStringLiteral(" / ") + chinese;
    return out;
}

BatchFile::Format BatchFile::formatOf(const QString& path, const QByteArray& data) {
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return Format::Json;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return Format::Csv;
    return data.trimmed().startsWith('{') ? Format::Json : Format::Csv;
}

BatchFile BatchFile::load(const QString& path, const CardTemplate& tmpl, bool generatedPins) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw BatchFileError({BatchProblem{0, {}, tr("cannot read %1: %2").arg(path, f.errorString())}});
    if (f.size() > kMaxFileBytes)
        throw BatchFileError({BatchProblem{0, {}, tr("%1 is larger than 64 MiB: split the batch").arg(path)}});
    QByteArray data = f.readAll();
    return parse(data, formatOf(path, data), tmpl, generatedPins);
}

BatchFile BatchFile::parse(QByteArray& data, Format format, const CardTemplate& tmpl, bool generatedPins) {
    BatchFile file;
    file.sha256 = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    QList<BatchProblem> problems;
    for (const QString& p : tmpl.validate())
        problems << BatchProblem{0, {}, tr("template %1: %2").arg(tmpl.name, p)};
    if (!problems.isEmpty()) {
        wipe(data);
        throw BatchFileError(problems);
    }
    file.holders = format == Format::Csv ? parseCsv(data, tmpl, generatedPins, file.hasPins, problems)
                                         : parseJson(data, generatedPins, file.hasPins, problems);
    if (generatedPins) // every template user gets a generated PIN, listed in the file or not
        for (BatchHolder& row : file.holders)
            for (const auto& tu : tmpl.users)
                if (std::none_of(row.holder.users.cbegin(), row.holder.users.cend(),
                                 [&](const HolderUser& u) { return u.number == tu.number; })) {
                    HolderUser u;
                    u.number = tu.number;
                    row.holder.users << u;
                }
    if (file.holders.isEmpty() && problems.isEmpty())
        problems << BatchProblem{0, {}, tr("the file has no holder")};
    QHash<QString, int> numbers, subscribers;
    for (const BatchHolder& row : std::as_const(file.holders)) {
        checkAgainstTemplate(row, tmpl, generatedPins, problems);
        if (!row.holder.cardNumber.isEmpty()) {
            if (numbers.contains(row.holder.cardNumber))
                problems << BatchProblem{row.line, QStringLiteral("card_number"),
                                         tr("card number %1 is also on line %2")
                                             .arg(row.holder.cardNumber)
                                             .arg(numbers.value(row.holder.cardNumber))};
            numbers.insert(row.holder.cardNumber, row.line);
        }
        if (subscribers.contains(row.holder.userNumber))
            problems << BatchProblem{row.line, QStringLiteral("user_number"),
                                     tr("subscriber %1 is also on line %2: one card per holder in a batch")
                                         .arg(row.holder.userNumber)
                                         .arg(subscribers.value(row.holder.userNumber))};
        subscribers.insert(row.holder.userNumber, row.line);
    }
    if (!problems.isEmpty()) {
        std::stable_sort(problems.begin(), problems.end(),
                         [](const BatchProblem& a, const BatchProblem& b) { return a.line < b.line; });
        throw BatchFileError(problems);
    }
    return file;
}

} // namespace carddesk
