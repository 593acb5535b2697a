#include "carddesk/model/HeadendHistoryClient.h"
#include "carddesk/headendapi/Headers.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/Refusal.h"
#include "carddesk/headendapi/TransactionStatus.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QUrlQuery>

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
    wipe(m_token);
    wipe(m_setupToken);
}

void HeadendHistoryClient::wipe(QByteArray& secret) {
    std::fill(secret.begin(), secret.end(), '\0');
    secret.clear();
}

void HeadendHistoryClient::setOperatorToken(const QString& token) {
    wipe(m_token);
    m_token = token.trimmed().toUtf8();
}

void HeadendHistoryClient::setSetupToken(const QString& token) {
    wipe(m_setupToken);
    m_setupToken = token.trimmed().toUtf8();
}

QString HeadendHistoryClient::operatorTokenFromEnvironment() {
    return QString::fromStdString(cdos::SecretEnvironment::value("CARDDESK_HEADEND_TOKEN").value_or(std::string()));
}

bool HeadendHistoryClient::environmentHasOperatorToken() {
    const auto token = cdos::SecretEnvironment::value("CARDDESK_HEADEND_TOKEN");
    return token && !token->empty();
}

QString HeadendHistoryClient::setupTokenFromEnvironment() {
    return QString::fromStdString(
        cdos::SecretEnvironment::value("CARDDESK_HEADEND_ADMIN_TOKEN").value_or(std::string()));
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
    case Failure::CredentialRefused:
        return QStringLiteral("credential_refused");
    case Failure::MissingRole:
        return QStringLiteral("missing_role");
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

namespace {

// The path of one page: ?limit=N and, after the first, &after=<cursor>.
QString paged(const QString& path, const QString& after, int limit) {
    QUrlQuery q;
    q.addQueryItem(api::query::limit, QString::number(std::clamp(limit, 1, HeadendHistoryClient::kMaxPage)));
    if (!after.isEmpty())
        q.addQueryItem(api::query::after, after);
    return path + QLatin1Char('?') + q.toString(QUrl::FullyEncoded);
}

} // namespace

QFuture<Result> HeadendHistoryClient::cardTransactionsPage(const QString& cardNumber, const QString& after, int limit) {
    static const QRegularExpression card(QStringLiteral("^[0-9A-Fa-f]{20}$"));
    if (!card.match(cardNumber).hasMatch())
        return ready(failed(Failure::Settings, tr("a card number has 20 hexadecimal digits")));
    return get(paged(api::path::cardTransactions(cardNumber.toUpper()), after, limit),
               tr("card %1").arg(cardNumber.toUpper()), after.isEmpty());
}

QFuture<Result> HeadendHistoryClient::subscriberTransactionsPage(const QString& userNumber, const QString& after,
                                                                 int limit) {
    const QString user = userNumber.trimmed();
    if (user.isEmpty() || user.size() > 64 || user.contains(QRegularExpression(QStringLiteral("[\\x00-\\x1F]"))))
        return ready(failed(Failure::Settings, tr("a subscriber number has 1 to 64 characters")));
    return get(paged(api::path::subscriberTransactions(user), after, limit), tr("subscriber %1").arg(user), false);
}

QFuture<Result> HeadendHistoryClient::cardTransactions(const QString& cardNumber) {
    return allPages(
        [this, cardNumber](const QString& after) { return cardTransactionsPage(cardNumber, after, kMaxPage); });
}

QFuture<Result> HeadendHistoryClient::subscriberTransactions(const QString& userNumber) {
    return allPages(
        [this, userNumber](const QString& after) { return subscriberTransactionsPage(userNumber, after, kMaxPage); });
}

QFuture<Result> HeadendHistoryClient::allPages(const std::function<QFuture<Result>(const QString& after)>& page) {
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    auto all = std::make_shared<Result>();
    // Each page's continuation asks for the next; the step is dropped when the last has come.
    auto step = std::make_shared<std::function<void(const QString&)>>();
    *step = [this, page, promise, all, step](const QString& after) {
        page(after).then(this, [promise, all, step](const Result& r) {
            if (r.ok()) {
                all->history.records += r.history.records;
                if (!r.next.isEmpty()) {
                    (*step)(r.next);
                    return;
                }
            }
            promise->addResult(r.ok() ? *all : r);
            promise->finish();
            *step = nullptr;
        });
    };
    (*step)(QString());
    return promise->future();
}

QFuture<Result> HeadendHistoryClient::get(const QString& path, const QString& what, bool emptyIsUnknown) {
    return send("GET", path, {}, what).then([this, what, emptyIsUnknown](const Answer& a) {
        Result r;
        if (!a.ok())
            return failed(a.failure, a.error);
        QString why;
        if (auto h = HeadendHistory::parse(QJsonDocument(a.value.toArray()).toJson(QJsonDocument::Compact), &why);
            h && a.value.isArray()) {
            r.history = *h;
            r.next = QString::fromLatin1(a.nextCursor);
            if (emptyIsUnknown && r.history.records.isEmpty()) {
                r.failure = Failure::NotFound;
                r.error = tr("the headend has no transaction of %1: it is not enrolled there, or has never paid "
                             "or topped up through it")
                              .arg(what);
            }
        } else {
            r = failed(Failure::BadAnswer, a.value.isArray() ? why : tr("the headend's answer is not a JSON array"));
        }
        return r;
    });
}

QFuture<HeadendHistoryClient::Answer> HeadendHistoryClient::issueCredential(const QString& name,
                                                                            const QStringList& roles, int validDays) {
    const QJsonObject body{{api::key::operatorName, name},
                           {api::key::roles, QJsonArray::fromStringList(roles)},
                           {api::key::validDays, validDays}};
    return send("POST", api::path::adminCredentialsIssue, QJsonDocument(body).toJson(QJsonDocument::Compact),
                tr("a credential for %1").arg(name), true);
}

QFuture<HeadendHistoryClient::Answer> HeadendHistoryClient::listCredentials() {
    return send("GET", api::path::adminCredentials, {}, tr("the operator credentials"));
}

QFuture<HeadendHistoryClient::Answer> HeadendHistoryClient::revokeCredential(qint64 id, const QString& reason) {
    QJsonObject body;
    if (!reason.isEmpty())
        body.insert(api::key::reason, reason);
    return send("POST", api::path::adminCredentialRevoke(id), QJsonDocument(body).toJson(QJsonDocument::Compact),
                tr("credential %1").arg(id));
}

QFuture<HeadendHistoryClient::Answer> HeadendHistoryClient::auditPage(qint64 after, int limit) {
    return send("GET",
                QStringLiteral("%1?%2=%3&%4=%5")
                    .arg(api::path::adminAudit, api::query::after)
                    .arg(after)
                    .arg(api::query::limit)
                    .arg(limit),
                {}, tr("the audit trail"));
}

QFuture<HeadendHistoryClient::Answer> HeadendHistoryClient::send(const QByteArray& method, const QString& path,
                                                                 const QByteArray& body, const QString& what,
                                                                 bool setup) {
    const auto refuse = [](Failure f, const QString& why) {
        Answer a;
        a.failure = f;
        a.error = why;
        return QtFuture::makeReadyFuture(a);
    };
    if (!m_url.isValid() || m_url.host().isEmpty())
        return refuse(Failure::Settings, tr("no headend URL is set (for example https://127.0.0.1:8443)"));
    if (m_url.scheme() != QLatin1String("https"))
        return refuse(Failure::Settings, tr("the headend URL must start with https://"));
    // The set-up token goes only where the headend takes it: issuing the first admin credential.
    const bool useSetup = setup && m_token.isEmpty() && !m_setupToken.isEmpty();
    if (m_token.isEmpty() && !useSetup)
        return refuse(Failure::Settings,
                      tr("no operator credential: type it, or start with CARDDESK_HEADEND_TOKEN set"));
    QSslCertificate pinned;
    if (const QString e = loadCertificate(&pinned); !e.isEmpty())
        return refuse(Failure::CertificateFile, e);

    QUrl url = m_url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    url.setPath(base + path.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    const QString shown = displayUrl();

    QNetworkRequest request(url);
    // Only the pinned certificate is trusted, and it must name the host of the URL.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({pinned});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(tls);
    if (useSetup)
        request.setRawHeader(api::header::adminToken, m_setupToken);
    else
        request.setRawHeader(api::header::operatorToken, m_token);
    request.setRawHeader("Accept", "application/json");
    if (method != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    // A redirect would carry the credential to another server: never followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);

    auto promise = std::make_shared<QPromise<Answer>>();
    QFuture<Answer> future = promise->future();
    promise->start();
    // A manager per request: it forgets failed handshakes and never reuses a connection of other settings.
    auto* net = new QNetworkAccessManager(this);
    QNetworkReply* reply = method == "GET" ? net->get(request) : net->sendCustomRequest(request, method, body);
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
        Answer a;
        const auto fail = [&a](Failure f, const QString& why) {
            a.failure = f;
            a.error = why;
        };
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->readAll();
        if (*notPinned || reply->error() == QNetworkReply::SslHandshakeFailedError) {
            const QString detail = sslErrors->isEmpty() ? reply->errorString() : sslErrors->join(QStringLiteral("; "));
            fail(Failure::CertificateMismatch,
                 tr("the server at %1 did not show the pinned headend certificate (%2): it is another server, or "
                    "the headend's certificate changed — pin its current tls-cert.pem")
                     .arg(shown, detail));
        } else if (status == 200) {
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
            if (error.error != QJsonParseError::NoError || doc.isNull())
                fail(Failure::BadAnswer, tr("the headend's answer is not JSON"));
            else
                a.value = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
            a.nextCursor = reply->rawHeader(api::header::nextCursor).left(200);
        } else if (status > 0) {
            const QJsonObject e = QJsonDocument::fromJson(data).object();
            const QString code = e.value(api::key::error).toString();
            const QString message = e.value(api::key::message).toString().left(300);
            const auto refusal = api::refusalFromCode(code);
            QStringList roles;
            for (const QJsonValue& v : e.value(api::key::roles).toArray())
                roles << v.toString().left(20);
            switch (refusal.value_or(api::Refusal::Internal)) {
            case api::Refusal::UnknownCredential:
                if (status == 401) {
                    fail(Failure::CredentialRefused,
                         tr("the headend does not know this operator credential: check it, or ask an administrator "
                            "for one"));
                    break;
                }
                fail(Failure::NotFound, tr("the headend has no %1").arg(what));
                break;
            case api::Refusal::RevokedCredential:
                fail(Failure::CredentialRefused, tr("the headend refused the operator credential: it was revoked"));
                break;
            case api::Refusal::ExpiredCredential:
                fail(Failure::CredentialRefused,
                     tr("the operator credential has expired: ask an administrator for a new one"));
                break;
            case api::Refusal::NoCredential:
                fail(Failure::CredentialRefused, tr("the headend asked for an operator credential"));
                break;
            case api::Refusal::NotAdmin:
                fail(Failure::CredentialRefused,
                     tr("the headend refused the shared set-up token: it is wrong, or the headend has none"));
                break;
            case api::Refusal::SetupOnly:
            case api::Refusal::SetupDone:
                fail(Failure::CredentialRefused,
                     tr("the shared set-up token only issues the first admin credential, and an admin credential "
                        "exists: use an operator credential"));
                break;
            case api::Refusal::MissingRole:
                fail(Failure::MissingRole, tr("the operator credential does not hold the role %1 needed for %2")
                                               .arg(roles.join(tr(" or ")), what));
                break;
            default:
                if (status == 404 && refusal == api::Refusal::UnknownSubscriber)
                    fail(Failure::NotFound, tr("the headend does not know %1").arg(what));
                else
                    fail(Failure::Refused, tr("the headend refused the request for %1: HTTP %2 %3 (%4)")
                                               .arg(what)
                                               .arg(status)
                                               .arg(code.isEmpty() ? QStringLiteral("-") : code, message));
            }
        } else {
            fail(Failure::Unreachable, tr("the headend at %1 cannot be reached: %2").arg(shown, reply->errorString()));
        }
        reply->deleteLater();
        net->deleteLater();
        promise->addResult(a);
        promise->finish();
    });
    return future;
}

} // namespace carddesk
