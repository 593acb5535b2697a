// headend/openapi.yaml against the API as code (headend/api), both ways: every path of the yaml is a route of
// Paths.h and every route is in the yaml; every property name of the yaml is a constant of Keys.h and every
// constant names a property; the Error enum is exactly the set of Refusal codes. No YAML library is available, so
// the yaml is read line by line, knowing the two ways it writes properties: a block (`properties:` and one member
// per deeper line) and inline (`properties: {user: {type: integer}, mac: {...}}`).
#include "carddesk/headendapi/Headers.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/Refusal.h"
#include "carddesk/headendapi/Roles.h"
#include "carddesk/headendapi/TransactionStatus.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

namespace api = carddesk::api;

namespace {

QStringList readLines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
}

qsizetype indentOf(const QString& line) {
    qsizetype n = 0;
    while (n < line.size() && line[n] == QLatin1Char(' '))
        ++n;
    return n;
}

bool blank(const QString& line) {
    const QString t = line.trimmed();
    return t.isEmpty() || t.startsWith(QLatin1Char('#'));
}

// The member names of an inline mapping that starts at text[0] == '{': the names at its first level only (the
// values' own braces and brackets are skipped, and so is anything in double quotes).
QStringList inlineNames(const QString& text) {
    QStringList names;
    QString current;
    int depth = 0;
    bool inQuotes = false, inValue = false;
    for (const QChar c : text) {
        if (inQuotes) {
            inQuotes = c != QLatin1Char('"');
            continue;
        }
        if (c == QLatin1Char('"')) {
            inQuotes = true;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            ++depth;
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            if (--depth == 0)
                break;
        } else if (depth == 1 && c == QLatin1Char(',')) {
            inValue = false;
            current.clear();
        } else if (depth == 1 && c == QLatin1Char(':') && !inValue) {
            names << current.trimmed();
            inValue = true;
        } else if (depth == 1 && !inValue) {
            current += c;
        }
    }
    return names;
}

// Where a `properties:` key starts in the line (a word of its own: not additionalProperties), or -1.
qsizetype propertiesAt(const QString& line) {
    static const QRegularExpression key(QStringLiteral("(^|[\\s{,])properties:"));
    const auto m = key.match(line);
    return m.hasMatch() ? m.capturedEnd() : -1;
}

} // namespace

class TestHeadendApiSpec : public QObject {
    Q_OBJECT
    QStringList m_yaml;

    QSet<QString> yamlPaths() const {
        // The keys right under the top-level `paths:`, with {parameter} written as QHttpServer's <arg>.
        static const QRegularExpression parameter(QStringLiteral("\\{[^}]*\\}"));
        QSet<QString> out;
        bool inPaths = false;
        for (const QString& line : m_yaml) {
            if (blank(line))
                continue;
            if (indentOf(line) == 0) {
                inPaths = line.startsWith(QLatin1String("paths:"));
                continue;
            }
            if (inPaths && indentOf(line) == 2 && line.trimmed().startsWith(QLatin1Char('/')))
                out << line.trimmed().chopped(1).replace(parameter, QStringLiteral("<arg>"));
        }
        return out;
    }

    QSet<QString> yamlProperties() const {
        QSet<QString> out;
        for (qsizetype i = 0; i < m_yaml.size(); ++i) {
            const QString& line = m_yaml[i];
            const qsizetype at = propertiesAt(line);
            if (at < 0)
                continue;
            const QString rest = line.mid(at).trimmed();
            if (rest.startsWith(QLatin1Char('{'))) {
                for (const QString& name : inlineNames(rest))
                    out << name;
                continue;
            }
            // Block style: the members are the lines one level deeper than `properties:`, up to the first line
            // that is not deeper.
            const qsizetype level = indentOf(line);
            qsizetype memberIndent = -1;
            for (qsizetype j = i + 1; j < m_yaml.size(); ++j) {
                const QString& member = m_yaml[j];
                if (blank(member))
                    continue;
                if (indentOf(member) <= level)
                    break;
                if (memberIndent < 0)
                    memberIndent = indentOf(member);
                if (indentOf(member) == memberIndent)
                    out << member.trimmed().section(QLatin1Char(':'), 0, 0);
            }
        }
        return out;
    }

    QSet<QString> yamlErrorCodes() const {
        // The enum of the Error schema's "error" member, which may run over several lines.
        const qsizetype schema = m_yaml.indexOf(QStringLiteral("    Error:"));
        if (schema < 0)
            return {};
        QString list;
        for (qsizetype i = schema + 1; i < m_yaml.size(); ++i) {
            const QString& line = m_yaml[i];
            if (list.isEmpty() && !line.contains(QLatin1String("enum: [")))
                continue;
            list += list.isEmpty() ? line.mid(line.indexOf(QLatin1Char('[')) + 1) : line;
            if (list.contains(QLatin1Char(']')))
                break;
        }
        QSet<QString> out;
        for (const QString& code : list.left(list.indexOf(QLatin1Char(']'))).split(QLatin1Char(',')))
            if (!code.trimmed().isEmpty())
                out << code.trimmed();
        return out;
    }

    // Both ways, naming what is missing on each side.
    static void compareSets(const QSet<QString>& yaml, const QSet<QString>& code, const char* what) {
        QStringList onlyYaml = (yaml - code).values(), onlyCode = (code - yaml).values();
        onlyYaml.sort();
        onlyCode.sort();
        if (!onlyYaml.isEmpty() || !onlyCode.isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1: in openapi.yaml only: [%2]; in headend/api only: [%3]")
                                 .arg(QLatin1String(what), onlyYaml.join(QStringLiteral(", ")),
                                      onlyCode.join(QStringLiteral(", ")))));
    }

private slots:
    void initTestCase() {
        m_yaml = readLines(QStringLiteral(CARDDESK_SOURCE_DIR "/headend/openapi.yaml"));
        QVERIFY2(m_yaml.size() > 100, "headend/openapi.yaml cannot be read");
    }

    void theReaderKnowsBothPropertyStyles() {
        // The line parse itself, on the yaml's own shapes, so that a mismatch below is the yaml's or the code's.
        QCOMPARE(inlineNames(QStringLiteral("{authId: {type: string}, random: {$ref: \"#/a\"}}")),
                 (QStringList{QStringLiteral("authId"), QStringLiteral("random")}));
        QCOMPARE(inlineNames(QStringLiteral("{id: {type: integer, description: \"fen, 1 .. 2\"}, t: {enum: [a, b]}}")),
                 (QStringList{QStringLiteral("id"), QStringLiteral("t")}));
        QVERIFY(propertiesAt(QStringLiteral("      additionalProperties: {type: integer}")) < 0);
        QVERIFY(propertiesAt(QStringLiteral("schema: {type: object, properties: {a: {}}}")) > 0);
    }

    void everyPathIsARouteAndBack() {
        const QSet<QString> yaml = yamlPaths();
        QVERIFY(yaml.size() > 20);
        const QStringList routes = api::allPaths();
        QCOMPARE(QSet<QString>(routes.begin(), routes.end()).size(), routes.size()); // no route twice
        compareSets(yaml, QSet<QString>(routes.begin(), routes.end()), "paths");
    }

    // Each route's one method (what the headend answers 405 with) is the yaml's.
    void everyRouteHasTheYamlsMethod() {
        static const QRegularExpression parameter(QStringLiteral("\\{[^}]*\\}"));
        QSet<QString> yaml;
        bool inPaths = false;
        QString path;
        for (const QString& line : m_yaml) {
            if (blank(line))
                continue;
            if (indentOf(line) == 0)
                inPaths = line.startsWith(QLatin1String("paths:"));
            else if (inPaths && indentOf(line) == 2)
                path = line.trimmed().chopped(1).replace(parameter, QStringLiteral("<arg>"));
            else if (inPaths && indentOf(line) == 4 && !path.isEmpty()) {
                const QString method = line.trimmed().section(QLatin1Char(':'), 0, 0);
                if (method == QLatin1String("get") || method == QLatin1String("post") ||
                    method == QLatin1String("put") || method == QLatin1String("delete"))
                    yaml << method.toUpper() + QLatin1Char(' ') + path;
            }
        }
        QSet<QString> code;
        for (const api::Route& r : api::allRoutes())
            code << r.method + QLatin1Char(' ') + r.pattern;
        compareSets(yaml, code, "methods");
        QCOMPARE(api::routeMethod(QStringLiteral("/v1/purchases/12/completion")), QStringLiteral("POST"));
        QCOMPARE(api::routeMethod(QStringLiteral("/v1/purchases//completion")), QString());
        QCOMPARE(api::routeMethod(QStringLiteral("/v1/nothing")), QString());
    }

    void pathFunctionsFillTheirPattern() {
        namespace path = api::path;
        QCOMPARE(path::purchaseCompletion(42), QStringLiteral("/v1/purchases/42/completion"));
        QCOMPARE(path::loadCompletion(7), QStringLiteral("/v1/loads/7/completion"));
        QCOMPARE(path::loadRefundChallenge(7), QStringLiteral("/v1/loads/7/refund-challenge"));
        QCOMPARE(path::loadRecovery(7), QStringLiteral("/v1/loads/7/recovery"));
        QCOMPARE(path::cardTransactions(QStringLiteral("86010000000000000001")),
                 QStringLiteral("/v1/cards/86010000000000000001/transactions"));
        QCOMPARE(path::appInstall(QStringLiteral("D1560001")), QStringLiteral("/v1/apps/D1560001/install"));
        QCOMPARE(path::appDeleteCertificate(QStringLiteral("D1")), QStringLiteral("/v1/apps/D1/delete-certificate"));
        QCOMPARE(path::appResult(QStringLiteral("D1")), QStringLiteral("/v1/apps/D1/result"));
        QCOMPARE(path::adminCardStatus(QStringLiteral("86")), QStringLiteral("/v1/admin/cards/86/status"));
        QCOMPARE(path::adminCardAppIdentity(QStringLiteral("86")), QStringLiteral("/v1/admin/cards/86/app-identity"));
        QCOMPARE(path::adminCardApps(QStringLiteral("86")), QStringLiteral("/v1/admin/cards/86/apps"));
        QCOMPARE(path::adminBankAccount(QStringLiteral("ACC1")), QStringLiteral("/v1/admin/bank/accounts/ACC1"));
        QCOMPARE(path::adminCredentialRevoke(5), QStringLiteral("/v1/admin/credentials/5/revoke"));
        // Text is one path segment whatever it holds.
        QCOMPARE(path::subscriberTransactions(QStringLiteral("a/b c?")),
                 QStringLiteral("/v1/subscribers/a%2Fb%20c%3F/transactions"));
    }

    void everyPropertyIsAKeyAndBack() {
        const QSet<QString> yaml = yamlProperties();
        QVERIFY(yaml.size() > 50);
        const QStringList keys = api::allKeys();
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), keys.size());
        compareSets(yaml, QSet<QString>(keys.begin(), keys.end()), "properties");
    }

    void allKeysListsEveryConstantOfKeysH() {
        // A constant added to Keys.h but not to allKeys() would escape the comparison above.
        static const QRegularExpression constant(QStringLiteral("QStringLiteral\\(\"([A-Za-z0-9]+)\"\\)"));
        QSet<QString> declared;
        const QStringList header =
            readLines(QStringLiteral(CARDDESK_SOURCE_DIR "/headend/api/include/carddesk/headendapi/Keys.h"));
        for (const QString& line : header)
            for (const auto& m : constant.globalMatch(line))
                declared << m.captured(1);
        QVERIFY(declared.size() > 50);
        const QStringList keys = api::allKeys();
        compareSets(declared, QSet<QString>(keys.begin(), keys.end()), "Keys.h constants");
    }

    // Issue 12: the statuses and header names were bare strings in headend, gateway and model.
    void statusesAndHeadersAreTheYamls() {
        const QString yaml = m_yaml.join(QLatin1Char('\n'));
        const QString loadEnum = QStringLiteral("status: {type: string, enum: [%1]}")
                                     .arg(api::loadStatus::ofLoad().join(QStringLiteral(", ")));
        QVERIFY2(yaml.contains(loadEnum), qPrintable(loadEnum));
        const QString history =
            QStringLiteral("purchase: %1; load: %2")
                .arg(api::purchaseStatus::all().join(QStringLiteral(", ")),
                     (api::loadStatus::ofLoad() << api::loadStatus::refused).join(QStringLiteral(", ")));
        QVERIFY2(yaml.contains(history), qPrintable(history));
        QVERIFY(yaml.contains(QStringLiteral("name: %1").arg(QLatin1String(api::header::adminToken))));
        QVERIFY(yaml.contains(QStringLiteral("scheme: bearer")));
        // Issue 13: operator credentials, their roles (the desk's names) and states.
        QVERIFY(yaml.contains(QStringLiteral("name: %1").arg(QLatin1String(api::header::operatorToken))));
        const QString roles = QStringLiteral("enum: [%1]").arg(api::role::all().join(QStringLiteral(", ")));
        QVERIFY2(yaml.contains(roles), qPrintable(roles));
        const QString states =
            QStringLiteral("status: {type: string, enum: [%1, %2, %3]}")
                .arg(api::credentialStatus::live, api::credentialStatus::expired, api::credentialStatus::revoked);
        QVERIFY2(yaml.contains(states), qPrintable(states));
        for (const QString& q : {api::query::after, api::query::limit})
            QVERIFY(yaml.contains(QStringLiteral("{name: %1, in: query").arg(q)));
        QCOMPARE(QByteArray(api::header::bearerPrefix), QByteArray("Bearer "));
    }

    void errorEnumIsTheRefusals() {
        const QSet<QString> yaml = yamlErrorCodes();
        QVERIFY(yaml.size() > 40);
        QSet<QString> codes;
        for (const api::Refusal r : api::allRefusals()) {
            QVERIFY(!api::code(r).isEmpty());
            QVERIFY(api::refusalFromCode(api::code(r)) == r);
            codes << api::code(r);
        }
        QCOMPARE(codes.size(), api::allRefusals().size());
        compareSets(yaml, codes, "Error enum");
        QVERIFY(!api::refusalFromCode(u"no_such_refusal"));
    }
};

QTEST_GUILESS_MAIN(TestHeadendApiSpec)
#include "TestHeadendApiSpec.moc"
