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

} // namespace path

QStringList allPaths() {
    using namespace path;
    return {authInit,
            authCard,
            authVerify,
            session,
            purchases,
            purchaseCompletionPattern,
            loads,
            loadsPending,
            loadCompletionPattern,
            loadRefundChallengePattern,
            loadRecoveryPattern,
            cardTransactionsPattern,
            subscriberTransactionsPattern,
            apps,
            appInstallPattern,
            appDeleteCertificatePattern,
            appResultPattern,
            vod,
            vodPurchases,
            adminCards,
            adminCardStatusPattern,
            adminCardAppIdentityPattern,
            adminCardAppsPattern,
            adminApps,
            adminVod,
            adminLedger,
            adminBankAccounts,
            adminBankAccountPattern};
}

} // namespace carddesk::api
