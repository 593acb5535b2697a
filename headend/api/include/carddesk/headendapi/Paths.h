#pragma once
// The routes of the headend (headend/openapi.yaml "paths"). A fixed path is one constant, used by the clients and
// by the headend's route registration alike. A path with a parameter has a function for clients (the parameter
// filled in, percent-encoded when it is text) and, next to it, the QHttpServer pattern the headend registers
// (<arg> in place of the parameter). tests/headend/TestHeadendApiSpec.cpp checks allPaths() against the yaml.
#include <QString>
#include <QStringList>

namespace carddesk::api {

namespace path {

// Three-party authentication and the session.
inline const QString authInit = QStringLiteral("/v1/auth/init");
inline const QString authCard = QStringLiteral("/v1/auth/card");
inline const QString authVerify = QStringLiteral("/v1/auth/verify");
inline const QString session = QStringLiteral("/v1/session");

// Payment.
inline const QString purchases = QStringLiteral("/v1/purchases");
inline const QString purchaseCompletionPattern = QStringLiteral("/v1/purchases/<arg>/completion");
QString purchaseCompletion(qint64 purchaseId);

// Top-up.
inline const QString loads = QStringLiteral("/v1/loads");
inline const QString loadsPending = QStringLiteral("/v1/loads/pending");
inline const QString loadCompletionPattern = QStringLiteral("/v1/loads/<arg>/completion");
QString loadCompletion(qint64 loadId);
inline const QString loadRefundChallengePattern = QStringLiteral("/v1/loads/<arg>/refund-challenge");
QString loadRefundChallenge(qint64 loadId);
inline const QString loadRecoveryPattern = QStringLiteral("/v1/loads/<arg>/recovery");
QString loadRecovery(qint64 loadId);

// History.
inline const QString cardTransactionsPattern = QStringLiteral("/v1/cards/<arg>/transactions");
QString cardTransactions(const QString& cardNumber);
inline const QString subscriberTransactionsPattern = QStringLiteral("/v1/subscribers/<arg>/transactions");
QString subscriberTransactions(const QString& userNumber);

// Application download.
inline const QString apps = QStringLiteral("/v1/apps");
inline const QString appInstallPattern = QStringLiteral("/v1/apps/<arg>/install");
QString appInstall(const QString& aid);
inline const QString appDeleteCertificatePattern = QStringLiteral("/v1/apps/<arg>/delete-certificate");
QString appDeleteCertificate(const QString& aid);
inline const QString appResultPattern = QStringLiteral("/v1/apps/<arg>/result");
QString appResult(const QString& aid);

// Video on demand.
inline const QString vod = QStringLiteral("/v1/vod");
inline const QString vodPurchases = QStringLiteral("/v1/vod/purchases");

// Administration (X-Operator-Token: an operator credential with the route's role; docs/headend-operators.md).
inline const QString adminCards = QStringLiteral("/v1/admin/cards");
inline const QString adminCardStatusPattern = QStringLiteral("/v1/admin/cards/<arg>/status");
QString adminCardStatus(const QString& cardNumber);
inline const QString adminCardAppIdentityPattern = QStringLiteral("/v1/admin/cards/<arg>/app-identity");
QString adminCardAppIdentity(const QString& cardNumber);
inline const QString adminCardAppsPattern = QStringLiteral("/v1/admin/cards/<arg>/apps");
QString adminCardApps(const QString& cardNumber);
inline const QString adminApps = QStringLiteral("/v1/admin/apps");
inline const QString adminVod = QStringLiteral("/v1/admin/vod");
inline const QString adminLedger = QStringLiteral("/v1/admin/ledger");
inline const QString adminBankAccounts = QStringLiteral("/v1/admin/bank/accounts");
inline const QString adminBankAccountPattern = QStringLiteral("/v1/admin/bank/accounts/<arg>");
QString adminBankAccount(const QString& account);

// Operator credentials and the audit trail (docs/headend-operators.md).
inline const QString adminCredentials = QStringLiteral("/v1/admin/credentials");            // GET: the list
inline const QString adminCredentialsIssue = QStringLiteral("/v1/admin/credentials/issue"); // POST
inline const QString adminCredentialRevokePattern = QStringLiteral("/v1/admin/credentials/<arg>/revoke");
QString adminCredentialRevoke(qint64 credentialId);
inline const QString adminAudit = QStringLiteral("/v1/admin/audit"); // GET ?after=N&limit=M

} // namespace path

// Query parameters (openapi.yaml "parameters: in: query").
namespace query {
// GET /v1/admin/audit: rows after this sequence number; the histories: the X-Next-Cursor of the previous page.
inline const QString after = QStringLiteral("after");
inline const QString limit = QStringLiteral("limit"); // at most this many rows
} // namespace query

// Every route as the headend registers it (fixed paths and <arg> patterns), for the specification test.
QStringList allPaths();

// The one method of each route ("GET" or "POST"), as openapi.yaml gives it.
struct Route {
    QString method;
    QString pattern;
};
QList<Route> allRoutes();
// The method of the route `path` (a request path, parameters filled in) belongs to; empty when no route has that
// shape. The headend answers 405 with it for a request whose method is not the route's.
QString routeMethod(const QString& path);

} // namespace carddesk::api
