#pragma once
// The console's HTTPS client of the headend's history endpoints (headend/openapi.yaml), as support staff use it:
// the headend's own certificate pinned from a file (the headend writes tls-cert.pem in its data directory), the
// admin token (X-Admin-Token) from CARDDESK_HEADEND_ADMIN_TOKEN or typed for this session only. The token lives
// in memory only — never in settings, the database, a log or an export — and is wiped when replaced.
// Every failure comes back as a kind and a sentence: unreachable, certificate mismatch, wrong token, unknown.
#include "carddesk/model/HeadendHistory.h"

#include <QFuture>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

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
        WrongToken,          // 403 not_admin
        NotFound,            // unknown subscriber, or no transaction of the card
        BadAnswer,           // not the JSON the API promises
        Refused,             // any other refusal (the headend's own words)
    };
    struct Result {
        Failure failure = Failure::None;
        QString error; // translated; empty on success
        HeadendHistory history;
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

    // The admin token for this session (an empty one clears it). Never stored anywhere but here.
    void setAdminToken(const QString& token);
    bool hasAdminToken() const { return !m_token.isEmpty(); }
    // CARDDESK_HEADEND_ADMIN_TOKEN, when set.
    static QString adminTokenFromEnvironment();
    static bool environmentHasAdminToken();

    // Request timeout (default 15 s).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    QFuture<Result> cardTransactions(const QString& cardNumber);
    QFuture<Result> subscriberTransactions(const QString& userNumber);

    static QString failureName(Failure f); // stable English id for exports ("certificate_mismatch")

private:
    QFuture<Result> get(const QString& path, const QString& what, bool emptyIsUnknown);
    void wipeToken();

    QUrl m_url;
    QString m_certificateFile;
    QByteArray m_token;
    int m_timeoutMs = 15000;
};

} // namespace carddesk
