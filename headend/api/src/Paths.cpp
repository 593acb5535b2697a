#include "carddesk/headendapi/Paths.h"

#include <QUrl>

namespace carddesk::api {

namespace {

const QString kArg = QStringLiteral("<arg>");

QString withNumber(const QString& pattern, qint64 id) {
    return QString(pattern).replace(kArg, QString::number(id));
}

// Text goes in as one path segment: a '/' or '?' in a subscriber number must not change the route.
QString withText(const QString& pattern, const QString& text) {
    return QString(pattern).replace(kArg, QString::fromLatin1(QUrl::toPercentEncoding(text)));
}

} // namespace

namespace path {

QString purchaseCompletion(qint64 purchaseId) {
    return withNumber(purchaseCompletionPattern, purchaseId);
}
QString loadCompletion(qint64 loadId) {
    return withNumber(loadCompletionPattern, loadId);
}
QString loadRefundChallenge(qint64 loadId) {
    return withNumber(loadRefundChallengePattern, loadId);
}
QString loadRecovery(qint64 loadId) {
    return withNumber(loadRecoveryPattern, loadId);
}
QString cardTransactions(const QString& cardNumber) {
    return withText(cardTransactionsPattern, cardNumber);
}
QString subscriberTransactions(const QString& userNumber) {
    return withText(subscriberTransactionsPattern, userNumber);
}
QString appInstall(const QString& aid) {
    return withText(appInstallPattern, aid);
}
QString appDeleteCertificate(const QString& aid) {
    return withText(appDeleteCertificatePattern, aid);
}
QString appResult(const QString& aid) {
    return withText(appResultPattern, aid);
}
QString adminCardStatus(const QString& cardNumber) {
    return withText(adminCardStatusPattern, cardNumber);
}
QString adminCardAppIdentity(const QString& cardNumber) {
    return withText(adminCardAppIdentityPattern, cardNumber);
}
QString adminCardApps(const QString& cardNumber) {
    return withText(adminCardAppsPattern, cardNumber);
}
QString adminBankAccount(const QString& account) {
    return withText(adminBankAccountPattern, account);
}
QString adminCredentialRevoke(qint64 credentialId) {
    return withNumber(adminCredentialRevokePattern, credentialId);
}

} // namespace path

QList<Route> allRoutes() {
    using namespace path;
    const QString get = QStringLiteral("GET"), post = QStringLiteral("POST");
    return {{post, authInit},
            {post, authCard},
            {post, authVerify},
            {get, session},
            {post, purchases},
            {post, purchaseCompletionPattern},
            {post, loads},
            {get, loadsPending},
            {post, loadCompletionPattern},
            {post, loadRefundChallengePattern},
            {post, loadRecoveryPattern},
            {get, cardTransactionsPattern},
            {get, subscriberTransactionsPattern},
            {get, apps},
            {post, appInstallPattern},
            {post, appDeleteCertificatePattern},
            {post, appResultPattern},
            {get, vod},
            {post, vodPurchases},
            {post, adminCards},
            {post, adminCardStatusPattern},
            {post, adminCardAppIdentityPattern},
            {get, adminCardAppsPattern},
            {post, adminApps},
            {post, adminVod},
            {get, adminLedger},
            {post, adminBankAccounts},
            {get, adminBankAccountPattern},
            {get, adminCredentials},
            {post, adminCredentialsIssue},
            {post, adminCredentialRevokePattern},
            {get, adminAudit}};
}

QStringList allPaths() {
    QStringList out;
    for (const Route& r : allRoutes())
        out << r.pattern;
    return out;
}

QString routeMethod(const QString& path) {
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const Route& r : allRoutes()) {
        const QStringList want = r.pattern.split(QLatin1Char('/'));
        if (want.size() != parts.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; same && i < want.size(); ++i)
            same = want[i] == QLatin1String("<arg>") ? !parts[i].isEmpty() : want[i] == parts[i];
        if (same)
            return r.method;
    }
    return {};
}

} // namespace carddesk::api
