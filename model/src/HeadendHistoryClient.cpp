#include "carddesk/model/HeadendHistoryClient.h"
#include "carddesk/headendapi/Headers.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/Refusal.h"
#include "carddesk/headendapi/TransactionStatus.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QRegularExpression>
#include <QSslConfiguration>

#include <algorithm>
#include <memory>

namespace carddesk {

namespace {

namespace api = carddesk::api;
using Result = HeadendHistoryClient::Result;
using Failure = HeadendHistoryClient::Failure;

Result failed(Failure f, const QString& why) {
    Result r;
    r.failure = f;
    r.error = why;
    return r;
}

QFuture<Result> ready(const Result& r) {
    return QtFuture::makeReadyFuture(r);
}

} // namespace

HeadendHistoryClient::HeadendHistoryClient(QObject* parent) : QObject(parent) {}

HeadendHistoryClient::~HeadendHistoryClient() {
    wipeToken();
}

void HeadendHistoryClient::wipeToken() {
    std::fill(m_token.begin(), m_token.end(), '\0');
    m_token.clear();
}

void HeadendHistoryClient::setAdminToken(const QString& token) {
    wipeToken();
    m_token = token.trimmed().toUtf8();
}

QString HeadendHistoryClient::adminTokenFromEnvironment() {
    return QString::fromStdString(
        cdos::SecretEnvironment::value("CARDDESK_HEADEND_ADMIN_TOKEN").value_or(std::string()));
}

bool HeadendHistoryClient::environmentHasAdminToken() {
    const auto token = cdos::SecretEnvironment::value("CARDDESK_HEADEND_ADMIN_TOKEN");
    return token && !token->empty();
}

QString HeadendHistoryClient::displayUrl() const {
    return m_url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QString HeadendHistoryClient::failureName(Failure f) {
    switch (f) {
    case Failure::None:
        return QStringLiteral("none");
    case Failure::Settings:
        return QStringLiteral("settings");
    case Failure::CertificateFile:
        return QStringLiteral("certificate_file");
    case Failure::Unreachable:
        return QStringLiteral("unreachable");
    case Failure::CertificateMismatch:
        return QStringLiteral("certificate_mismatch");
    case Failure::WrongToken:
        return QStringLiteral("wrong_admin_token");
    case Failure::NotFound:
        return QStringLiteral("not_found");
    case Failure::BadAnswer:
        return QStringLiteral("bad_answer");
    case Failure::Refused:
        return api::loadStatus::refused;
    }
    return {};
}

QString HeadendHistoryClient::loadCertificate(QSslCertificate* out) const {
    if (m_certificateFile.isEmpty())
        return tr("no headend certificate file is set (the headend writes tls-cert.pem in its data directory)");
    QFile f(m_certificateFile);
    if (!f.open(QIODevice::ReadOnly))
        return tr("the headend certificate %1 cannot be read: %2").arg(m_certificateFile, f.errorString());
    if (f.size() > 64 * 1024)
        return tr("%1 is not a certificate file (too large)").arg(m_certificateFile);
    const QList<QSslCertificate> certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
    if (certs.size() != 1 || certs.first().isNull())
        return tr("%1 does not hold exactly one PEM certificate").arg(m_certificateFile);
    *out = certs.first();
    return {};
}

QFuture<Result> HeadendHistoryClient::cardTransactions(const QString& cardNumber) {
    static const QRegularExpression card(QStringLiteral("^[0-9A-Fa-f]{20}$"));
    if (!card.match(cardNumber).hasMatch())
        return ready(failed(Failure::Settings, tr("a card number has 20 hexadecimal digits")));
    return get(api::path::cardTransactions(cardNumber.toUpper()), tr("card %1").arg(cardNumber.toUpper()), true);
}

QFuture<Result> HeadendHistoryClient::subscriberTransactions(const QString& userNumber) {
    const QString user = userNumber.trimmed();
    if (user.isEmpty() || user.size() > 64 || user.contains(QRegularExpression(QStringLiteral("[\\x00-\\x1F]"))))
        return ready(failed(Failure::Settings, tr("a subscriber number has 1 to 64 characters")));
    return get(api::path::subscriberTransactions(user), tr("subscriber %1").arg(user), false);
}

QFuture<Result> HeadendHistoryClient::get(const QString& path, const QString& what, bool emptyIsUnknown) {
    if (!m_url.isValid() || m_url.host().isEmpty())
        return ready(failed(Failure::Settings, tr("no headend URL is set (for example https://127.0.0.1:8443)")));
    if (m_url.scheme() != QLatin1String("https"))
        return ready(failed(Failure::Settings, tr("the headend URL must start with https://")));
    if (m_token.isEmpty())
        return ready(failed(Failure::Settings,
                            tr("no admin token: type it, or start the console with CARDDESK_HEADEND_ADMIN_TOKEN set")));
    QSslCertificate pinned;
    if (const QString e = loadCertificate(&pinned); !e.isEmpty())
        return ready(failed(Failure::CertificateFile, e));

    QUrl url = m_url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode);
    const QString shown = displayUrl();

    QNetworkRequest request(url);
    // Only the pinned certificate is trusted, and it must name the host of the URL.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({pinned});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(tls);
    request.setRawHeader(api::header::adminToken, m_token);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    // A redirect would carry the token to another server: never followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    // A manager per request: it forgets failed handshakes and never reuses a connection of other settings.
    auto* net = new QNetworkAccessManager(this);
    QNetworkReply* reply = net->get(request);
    auto sslErrors = std::make_shared<QStringList>();
    auto notPinned = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::sslErrors, reply, [sslErrors](const QList<QSslError>& errors) {
        for (const QSslError& e : errors)
            sslErrors->append(e.errorString());
    });
    connect(reply, &QNetworkReply::encrypted, reply, [reply, pinned, notPinned] {
        // Belt and braces: the very certificate of the file, not merely one it signed.
        if (reply->sslConfiguration().peerCertificate() != pinned) {
            *notPinned = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [=, this] {
        Result r;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (*notPinned || reply->error() == QNetworkReply::SslHandshakeFailedError) {
            const QString detail = sslErrors->isEmpty() ? reply->errorString() : sslErrors->join(QStringLiteral("; "));
            r = failed(Failure::CertificateMismatch,
                       tr("the server at %1 did not show the pinned headend certificate (%2): it is another server, or "
                          "the headend's certificate changed — pin its current tls-cert.pem")
                           .arg(shown, detail));
        } else if (status == 200) {
            QString why;
            if (auto h = HeadendHistory::parse(body, &why)) {
                r.history = *h;
                if (emptyIsUnknown && r.history.records.isEmpty()) {
                    r.failure = Failure::NotFound;
                    r.error = tr("the headend has no transaction of %1: it is not enrolled there, or has never paid "
                                 "or topped up through it")
                                  .arg(what);
                }
            } else {
                r = failed(Failure::BadAnswer, why);
            }
        } else if (status > 0) {
            const QJsonObject e = QJsonDocument::fromJson(body).object();
            const QString code = e.value(api::key::error).toString();
            const QString message = e.value(api::key::message).toString().left(300);
            const auto refusal = api::refusalFromCode(code);
            if (refusal == api::Refusal::NotAdmin)
                r = failed(Failure::WrongToken,
                           tr("the headend refused the admin token: it is wrong, or the headend was started without "
                              "one"));
            else if (status == 404 && refusal == api::Refusal::UnknownSubscriber)
                r = failed(Failure::NotFound, tr("the headend does not know %1").arg(what));
            else
                r = failed(Failure::Refused, tr("the headend refused the request for %1: HTTP %2 %3 (%4)")
                                                 .arg(what)
                                                 .arg(status)
                                                 .arg(code.isEmpty() ? QStringLiteral("-") : code, message));
        } else {
            r = failed(Failure::Unreachable,
                       tr("the headend at %1 cannot be reached: %2").arg(shown, reply->errorString()));
        }
        reply->deleteLater();
        net->deleteLater();
        promise->addResult(r);
        promise->finish();
    });
    return future;
}

} // namespace carddesk
