#pragma once
// The console's and carddesk-cli's HTTPS client of the headend's operator endpoints (headend/openapi.yaml): the
// histories support staff read, and the operator credentials and audit trail administrators manage
// (docs/headend-operators.md). The headend's own certificate is pinned from a file (the headend writes tls-cert.pem
// in its data directory). Requests carry the operator's own credential (X-Operator-Token), from
// CARDDESK_HEADEND_TOKEN or typed for this session only; the shared set-up token (CARDDESK_HEADEND_ADMIN_TOKEN) is
// sent by issueCredential() alone, and only when no operator credential is set: the first set-up. Both live in
// memory only — never in settings, the database, a log, an export or a command line — and are wiped when replaced.
// Every failure comes back as a kind and a sentence: unreachable, certificate mismatch, credential refused,
// missing role, unknown.
#include "carddesk/model/HeadendHistory.h"

#include <QFuture>
#include <QJsonValue>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <functional>

namespace carddesk {

class HeadendHistoryClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadendHistoryClient)
public:
    enum class Failure {
        None,
        Settings,            // no URL, not https, no token
        CertificateFile,     // the pinned certificate cannot be read
        Unreachable,         // connection refused, no route, timeout
        CertificateMismatch, // the server's certificate is not the pinned one (or does not name the host)
        CredentialRefused,   // 401 unknown, revoked or expired credential; the set-up token refused
        MissingRole,         // 403 missing_role: the credential lacks the role (named in the sentence)
        NotFound,            // unknown subscriber, or no transaction of the card
        BadAnswer,           // not the JSON the API promises
        Refused,             // any other refusal (the headend's own words)
    };
    struct Result {
        Failure failure = Failure::None;
        QString error; // translated; empty on success
        HeadendHistory history;
        QString next; // a page: the cursor of the following one (empty on the last)
        bool ok() const { return failure == Failure::None; }
    };

    explicit HeadendHistoryClient(QObject* parent = nullptr);
    ~HeadendHistoryClient() override;

    void setUrl(const QUrl& url) { m_url = url; }
    QUrl url() const { return m_url; }
    // The URL as exports show it: scheme, host, port and path, never user info or a query.
    QString displayUrl() const;
    void setCertificateFile(const QString& path) { m_certificateFile = path; }
    QString certificateFile() const { return m_certificateFile; }
    // Reads the pinned certificate (PEM); the reason in words when it cannot be used, else empty.
    QString loadCertificate(QSslCertificate* out) const;

    // The operator's credential for this session (an empty one clears it). Never stored anywhere but here.
    void setOperatorToken(const QString& token);
    bool hasOperatorToken() const { return !m_token.isEmpty(); }
    // CARDDESK_HEADEND_TOKEN, when set (taken out of the environment at start: SecretEnvironment).
    static QString operatorTokenFromEnvironment();
    static bool environmentHasOperatorToken();
    // The shared set-up token, for issueCredential() before any admin credential exists (empty clears it).
    void setSetupToken(const QString& token);
    // CARDDESK_HEADEND_ADMIN_TOKEN, when set.
    static QString setupTokenFromEnvironment();

    // Request timeout (default 15 s).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // One page of a history, newest first (issue 15: keyset paging): `after` the cursor of the previous page
    // (Result::next), empty for the first; at most `limit` records (1..kMaxPage).
    static constexpr int kPage = 100;
    static constexpr int kMaxPage = 1000;
    QFuture<Result> cardTransactionsPage(const QString& cardNumber, const QString& after, int limit = kPage);
    QFuture<Result> subscriberTransactionsPage(const QString& userNumber, const QString& after, int limit = kPage);
    // The whole history, page after page (carddesk-cli; the console's view fetches pages as it scrolls).
    QFuture<Result> cardTransactions(const QString& cardNumber);
    QFuture<Result> subscriberTransactions(const QString& userNumber);

    // The operator endpoints as JSON: the answer, or a failure as for the histories.
    struct Answer {
        Failure failure = Failure::None;
        QString error; // translated; empty on success
        QJsonValue value;
        QByteArray nextCursor; // the histories' X-Next-Cursor header
        bool ok() const { return failure == Failure::None; }
    };
    // Role admin (or, for the first admin credential, the set-up token): the answer holds the new token, once.
    QFuture<Answer> issueCredential(const QString& name, const QStringList& roles, int validDays);
    QFuture<Answer> listCredentials();
    QFuture<Answer> revokeCredential(qint64 id, const QString& reason);
    // One page of the audit trail ({rows, next, head}).
    QFuture<Answer> auditPage(qint64 after, int limit);

    static QString failureName(Failure f); // stable English id for exports ("certificate_mismatch")

private:
    QFuture<Result> get(const QString& path, const QString& what, bool emptyIsUnknown);
    // Follows the pages of a history until the last; `first` the first page's path with its query.
    QFuture<Result> allPages(const std::function<QFuture<Result>(const QString& after)>& page);
    // One request with the operator credential (or, setup: the set-up token when no credential is set).
    QFuture<Answer> send(const QByteArray& method, const QString& path, const QByteArray& body, const QString& what,
                         bool setup = false);
    void wipe(QByteArray& secret);

    QUrl m_url;
    QString m_certificateFile;
    QByteArray m_token;
    QByteArray m_setupToken;
    int m_timeoutMs = 15000;
};

} // namespace carddesk
