#include "HeadendClient.h"
#include "carddesk/headendapi/Headers.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

#include <stdexcept>

namespace cdgw {

HeadendClient::HeadendClient(const QString& base, const QString& certificateFile, int timeoutMs)
    : m_base(base), m_timeoutMs(timeoutMs), m_net(std::make_unique<QNetworkAccessManager>()) {
    QFile f(certificateFile);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read the headend certificate " + certificateFile.toStdString());
    const auto certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
    if (certs.isEmpty())
        throw std::runtime_error("no certificate in " + certificateFile.toStdString());
    m_pinned = certs.first();
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setCaCertificates({m_pinned}); // the system CAs are not trusted for the headend
    m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_net->setAutoDeleteReplies(false);
}

HeadendClient::~HeadendClient() = default;

HeadendReply HeadendClient::post(const QString& path, const QJsonObject& body) {
    return send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HeadendReply HeadendClient::get(const QString& path) {
    return send(QByteArrayLiteral("GET"), path, {});
}

HeadendReply HeadendClient::send(const QByteArray& verb, const QString& path, const QByteArray& body) {
    QNetworkRequest req(QUrl(m_base + path));
    req.setSslConfiguration(m_tls);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(m_timeoutMs);
    if (!m_token.isEmpty())
        req.setRawHeader(api::header::authorization, api::header::bearerPrefix + m_token.toLatin1());
    if (!m_admin.isEmpty())
        req.setRawHeader(api::header::adminToken, m_admin);
    if (!m_operator.isEmpty())
        req.setRawHeader(api::header::operatorToken, m_operator);
    std::unique_ptr<QNetworkReply> reply(verb == "GET" ? m_net->get(req) : m_net->sendCustomRequest(req, verb, body));

    bool pinMismatch = false, sslFailed = false;
    // A certificate the CA list accepts but that is not the pinned one (same key re-signed, say) is still refused.
    QObject::connect(reply.get(), &QNetworkReply::encrypted, reply.get(), [&] {
        if (reply->sslConfiguration().peerCertificate() != m_pinned) {
            pinMismatch = true;
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(), [&](const QList<QSslError>&) {
        sslFailed = true; // never ignored
    });
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HeadendReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen()) // an aborted or refused connection has no body to read
        out.json = QJsonDocument::fromJson(reply->readAll()).object();
    if (pinMismatch || sslFailed || reply->error() == QNetworkReply::SslHandshakeFailedError) {
        out.kind = HeadendReply::Kind::CertificateMismatch;
    } else if (out.status == 0) {
        out.kind = HeadendReply::Kind::Unreachable;
        out.detail = reply->errorString();
    } else {
        out.kind = out.status == 200 ? HeadendReply::Kind::Ok : HeadendReply::Kind::Refused;
    }
    return out;
}

} // namespace cdgw
