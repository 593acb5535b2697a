// carddesk-cli's headend commands (docs/carddesk-cli.md "Headend", docs/headend-operators.md): a card's or a
// subscriber's history as support reads it, the operator credentials an administrator issues, lists and revokes, and
// the headend's audit trail exported with its chain values and checked. Every request carries the operator's own
// credential from CARDDESK_HEADEND_TOKEN (never an argument: other users read command lines); credential-issue alone
// falls back to the shared set-up token CARDDESK_HEADEND_ADMIN_TOKEN, for the first admin credential. The headend's
// URL and pinned certificate: --headend / --headend-cert, else the console's support settings.
#include "CliApp.h"

#include <carddesk/model/FutureWait.h>
#include <carddesk/model/HeadendAuditTrail.h>
#include <carddesk/model/HeadendHistoryClient.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

#include <cstdio>

namespace carddesk {

namespace {

// The console's support view keeps these (widgets/SupportView.cpp).
const QString kUrlKey = QStringLiteral("support/headendUrl");
const QString kCertKey = QStringLiteral("support/certificateFile");

} // namespace

void CliApp::addHeadendOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("headend"), tr("Headend URL (https://…; default: the console's support setting)."), tr("URL")},
        {QStringLiteral("headend-cert"),
         tr("The headend's certificate to pin, its tls-cert.pem (default: the console's support setting)."),
         tr("FILE")},
        {QStringLiteral("subscriber"), tr("Subscriber number (headend-history)."), tr("USER")},
        // --name and --roles are the operator options (addOperatorOptions): headend-credential-issue takes them too.
        {QStringLiteral("valid-days"), tr("Days the credential is valid (default 90, at most 366)."), tr("DAYS"),
         QStringLiteral("90")},
        {QStringLiteral("id"), tr("Credential id (headend-credential-revoke; see headend-credentials)."), tr("N")},
        {QStringLiteral("reason"), tr("Why the credential is revoked (recorded in the audit)."), tr("TEXT")},
    });
}

int CliApp::runHeadendCommand(const QCommandLineParser& parser) {
    HeadendHistoryClient client;
    const QSettings settings;
    const QString url = parser.isSet(QStringLiteral("headend")) ? parser.value(QStringLiteral("headend"))
                                                                : settings.value(kUrlKey).toString();
    const QString cert = parser.isSet(QStringLiteral("headend-cert")) ? parser.value(QStringLiteral("headend-cert"))
                                                                      : settings.value(kCertKey).toString();
    if (url.isEmpty() || cert.isEmpty())
        return fail(Usage, tr("%1 needs the headend's --headend URL and --headend-cert FILE (or the console's "
                              "support settings)")
                               .arg(m_command));
    client.setUrl(QUrl(url));
    client.setCertificateFile(cert);
    client.setOperatorToken(HeadendHistoryClient::operatorTokenFromEnvironment());
    if (m_command == QLatin1String("headend-credential-issue"))
        client.setSetupToken(HeadendHistoryClient::setupTokenFromEnvironment());
    if (!client.hasOperatorToken() && m_command != QLatin1String("headend-credential-issue"))
        return fail(Usage, tr("%1 needs your operator credential in CARDDESK_HEADEND_TOKEN (never on the command "
                              "line)")
                               .arg(m_command));

    const auto answered = [this](const HeadendHistoryClient::Answer& a) {
        if (!a.ok())
            return fail(a.failure == HeadendHistoryClient::Failure::Settings ? Usage : Failed, a.error);
        if (a.value.isArray())
            printJson(QJsonObject{{QStringLiteral("credentials"), a.value.toArray()}});
        else
            printJson(a.value.toObject());
        return int(Ok);
    };

    if (m_command == QLatin1String("headend-history")) {
        const QString card = parser.value(QStringLiteral("card"));
        const QString user = parser.value(QStringLiteral("subscriber"));
        if (card.isEmpty() == user.isEmpty())
            return fail(Usage, tr("headend-history needs --card NUMBER or --subscriber USER"));
        const HeadendHistoryClient::Result r =
            waitForFuture(card.isEmpty() ? client.subscriberTransactions(user) : client.cardTransactions(card));
        if (!r.ok() && r.failure != HeadendHistoryClient::Failure::NotFound)
            return fail(r.failure == HeadendHistoryClient::Failure::Settings ? Usage : Failed, r.error);
        QJsonArray records;
        for (const auto& record : r.history.records)
            records.append(record.toJson());
        QJsonObject out{{QStringLiteral("headend"), client.displayUrl()}, {QStringLiteral("records"), records}};
        out.insert(card.isEmpty() ? QStringLiteral("subscriber") : QStringLiteral("card"),
                   card.isEmpty() ? user : card.toUpper());
        printJson(out);
        return Ok;
    }
    if (m_command == QLatin1String("headend-credentials"))
        return answered(waitForFuture(client.listCredentials()));
    if (m_command == QLatin1String("headend-credential-issue")) {
        const QString name = parser.value(QStringLiteral("name"));
        QStringList roles = parser.value(QStringLiteral("roles")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (QString& r : roles)
            r = r.trimmed();
        bool ok = false;
        const int days = parser.value(QStringLiteral("valid-days")).toInt(&ok);
        if (name.isEmpty() || roles.isEmpty())
            return fail(Usage, tr("headend-credential-issue needs --name NAME and --roles LIST (%1)")
                                   .arg(HeadendAuditTrail::roleNames().join(QStringLiteral(", "))));
        if (!ok || days < 1)
            return fail(Usage, tr("--valid-days needs a number of days"));
        // The answer holds the token, shown this once: it goes to stdout only (redirect it to a private file).
        return answered(waitForFuture(client.issueCredential(name, roles, days)));
    }
    if (m_command == QLatin1String("headend-credential-revoke")) {
        bool ok = false;
        const qint64 id = parser.value(QStringLiteral("id")).toLongLong(&ok);
        if (!ok || id < 1)
            return fail(Usage, tr("headend-credential-revoke needs --id N (see headend-credentials)"));
        return answered(waitForFuture(client.revokeCredential(id, parser.value(QStringLiteral("reason")))));
    }
    // headend-audit: every page, the chain recomputed here too, written as CSV or JSON with the chain values.
    HeadendAuditTrail trail;
    std::optional<qint64> after = 0;
    while (after) {
        const HeadendHistoryClient::Answer a = waitForFuture(client.auditPage(*after, 5000));
        if (!a.ok())
            return fail(a.failure == HeadendHistoryClient::Failure::Settings ? Usage : Failed, a.error);
        after = trail.addPage(a.value.toObject());
    }
    const std::optional<QString> broken = trail.check();
    QJsonObject summary{{QStringLiteral("headend"), client.displayUrl()},
                        {QStringLiteral("rows"), trail.rows().size()},
                        {QStringLiteral("head"), trail.head()},
                        {QStringLiteral("verified"), !broken}};
    if (broken)
        summary.insert(QStringLiteral("broken"), *broken);
    const QString out = parser.value(QStringLiteral("out"));
    if (!out.isEmpty()) {
        QFile f(out);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(Failed, tr("cannot write %1: %2").arg(out, f.errorString()));
        if (out.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
            f.write(trail.csv());
        } else {
            QJsonObject all = summary;
            all.insert(QStringLiteral("auditRows"), trail.rows());
            f.write(QJsonDocument(all).toJson(QJsonDocument::Indented));
        }
        summary.insert(QStringLiteral("out"), out);
    } else {
        summary.insert(QStringLiteral("auditRows"), trail.rows());
    }
    printJson(summary);
    return broken ? Failed : Ok;
}

} // namespace carddesk
