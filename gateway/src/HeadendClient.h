#pragma once
// HTTPS JSON client of the headend (headend/openapi.yaml) for the gateway's worker thread: blocking calls (a local
// event loop per request), the headend's own certificate pinned from a file: only that certificate is trusted, the
// host name is checked against it, and the peer's certificate must be byte-for-byte the pinned one.
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Refusal.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <memory>
#include <optional>

namespace cdgw {

namespace api = carddesk::api; // the headend's routes, members and refusal codes (headend/api)

struct HeadendReply {
    enum class Kind { Ok, Refused, Unreachable, CertificateMismatch };
    Kind kind = Kind::Unreachable;
    int status = 0;
    QJsonObject json;
    QString detail; // transport error text, for Unreachable
    QString code() const { return json.value(api::key::error).toString(); }
    // The refusal, when the headend named one this gateway knows.
    std::optional<api::Refusal> refusal() const { return api::refusalFromCode(code()); }
    QString message() const { return json.value(api::key::message).toString(); }
    bool ok() const { return kind == Kind::Ok; }
};

class HeadendClient {
public:
    // base: "https://127.0.0.1:8443". Throws std::runtime_error when the certificate file has no certificate.
    HeadendClient(const QString& base, const QString& certificateFile, int timeoutMs = 10000);
    ~HeadendClient();

    void setSessionToken(const QString& token) { m_token = token; }
    // Operator endpoints (tests and benchmarks only; a gateway in the field has no operator credential): the shared
    // set-up token, which only issues the first admin credential, and an operator credential (X-Operator-Token).
    void setAdminToken(const QByteArray& token) { m_admin = token; }
    void setOperatorToken(const QByteArray& token) { m_operator = token; }
    HeadendReply post(const QString& path, const QJsonObject& body);
    HeadendReply get(const QString& path);

private:
    HeadendReply send(const QByteArray& verb, const QString& path, const QByteArray& body);
    QString m_base, m_token;
    QByteArray m_admin, m_operator;
    QSslCertificate m_pinned;
    QSslConfiguration m_tls;
    int m_timeoutMs;
    std::unique_ptr<QNetworkAccessManager> m_net;
};

} // namespace cdgw
