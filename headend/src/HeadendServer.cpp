#include "HeadendServer.h"

#include "JsonApi.h"

#include <QJsonDocument>
#include <QSslConfiguration>
#include <QTextStream>

namespace carddesk::headend {

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

// Runs a handler and turns every refusal into a JSON answer; the log line names the request and the outcome only
// (never a body: bodies carry cryptograms and tokens).
QHttpServerResponse HeadendServer::answer(const QHttpServerRequest& request,
                                          const std::function<QJsonValue()>& handler) {
    Status status = Status::Ok;
    QHttpServerResponse response(Status::Ok);
    try {
        const QJsonValue v = handler();
        response = v.isArray() ? QHttpServerResponse(v.toArray()) : QHttpServerResponse(v.toObject());
    } catch (const ApiError& e) {
        status = e.status;
        response = errorResponse(e.status, e.code, QString::fromStdString(e.what()));
    } catch (const DatabaseError& e) {
        status = Status::ServiceUnavailable;
        qWarning("database: %s", e.what());
        response = errorResponse(status, "database", QStringLiteral("the headend database is unavailable"));
    } catch (const std::exception& e) {
        status = Status::InternalServerError;
        qWarning("internal error: %s", e.what());
        response = errorResponse(status, "internal", QStringLiteral("internal error"));
    }
    qInfo("%s %s -> %d", request.method() == Method::Get ? "GET" : "POST", qPrintable(request.url().path()),
          static_cast<int>(status));
    return response;
}

QString HeadendServer::sessionCard(const QHttpServerRequest& request) {
    return m_auth.sessionCard(bearerToken(request));
}

HeadendServer::HeadendServer(AuthService& auth, PaymentService& payments, LoadService& loads, SandboxBank* sandbox,
                             const ServerOptions& options)
    : m_auth(auth), m_payments(payments), m_loads(loads), m_sandbox(sandbox), m_options(options) {
    routes();
}

void HeadendServer::requireAdmin(const QHttpServerRequest& request) const {
    const QByteArray given = request.value("X-Admin-Token");
    const QByteArray expected = m_options.adminToken.toUtf8();
    if (expected.isEmpty() || given.size() != expected.size() ||
        !cdos::constantTimeEqual(reinterpret_cast<const std::uint8_t*>(given.data()),
                                 reinterpret_cast<const std::uint8_t*>(expected.data()),
                                 static_cast<std::size_t>(given.size())))
        throw ApiError(Status::Forbidden, "not_admin", QStringLiteral("this endpoint needs the admin token"));
}

QJsonArray HeadendServer::cardHistory(const QString& card) {
    QJsonArray all = m_payments.cardHistory(card);
    for (const auto& v : m_loads.cardHistory(card))
        all.append(v);
    return all;
}

void HeadendServer::routes() {
    m_server.route(QStringLiteral("/v1/auth/init"), Method::Post, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            if (!r.body().isEmpty())
                jsonBody(r);
            return m_auth.init();
        });
    });
    m_server.route(QStringLiteral("/v1/auth/card"), Method::Post,
                   [this](const QHttpServerRequest& r) { return answer(r, [&] { return m_auth.card(jsonBody(r)); }); });
    m_server.route(QStringLiteral("/v1/auth/verify"), Method::Post, [this](const QHttpServerRequest& r) {
        return answer(r, [&] { return m_auth.verify(jsonBody(r)); });
    });
    m_server.route(QStringLiteral("/v1/session"), Method::Get, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            return QJsonObject{{QStringLiteral("cardNumber"), m_auth.sessionCard(bearerToken(r))}};
        });
    });
    m_server.route(QStringLiteral("/v1/purchases"), Method::Post, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            const QString card = m_auth.sessionCard(bearerToken(r));
            return m_payments.beginPurchase(card, jsonBody(r));
        });
    });
    m_server.route(QStringLiteral("/v1/purchases/<arg>/completion"), Method::Post,
                   [this](qint64 id, const QHttpServerRequest& r) {
                       return answer(r, [&] {
                           const QString card = m_auth.sessionCard(bearerToken(r));
                           return m_payments.completePurchase(card, id, jsonBody(r));
                       });
                   });
    m_server.route(QStringLiteral("/v1/loads"), Method::Post, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            const QString card = m_auth.sessionCard(bearerToken(r));
            return m_loads.beginLoad(card, jsonBody(r));
        });
    });
    m_server.route(QStringLiteral("/v1/loads/<arg>/completion"), Method::Post,
                   [this](qint64 id, const QHttpServerRequest& r) {
                       return answer(r, [&] {
                           const QString card = m_auth.sessionCard(bearerToken(r));
                           return m_loads.completeLoad(card, id, jsonBody(r));
                       });
                   });
    m_server.route(QStringLiteral("/v1/loads/<arg>/recovery"), Method::Post,
                   [this](qint64 id, const QHttpServerRequest& r) {
                       return answer(r, [&] {
                           const QString card = m_auth.sessionCard(bearerToken(r));
                           return m_loads.recoverLoad(card, id, jsonBody(r));
                       });
                   });
    m_server.route(QStringLiteral("/v1/admin/bank/accounts"), Method::Post, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            requireAdmin(r);
            if (!m_sandbox)
                throw ApiError(Status::NotFound, "not_sandbox", QStringLiteral("the headend uses a real bank"));
            const QJsonObject o = jsonBody(r);
            const QString account = stringField(o, "account", 64);
            m_sandbox->setAccount(account, intField(o, "balance", qint64(1) << 50));
            return QJsonObject{{QStringLiteral("account"), account},
                               {QStringLiteral("balance"), m_sandbox->balance(account)}};
        });
    });
    m_server.route(QStringLiteral("/v1/admin/bank/accounts/<arg>"), Method::Get,
                   [this](const QString& account, const QHttpServerRequest& r) {
                       return answer(r, [&] {
                           requireAdmin(r);
                           const qint64 b = m_sandbox ? m_sandbox->balance(account) : -1;
                           if (b < 0)
                               throw ApiError(Status::NotFound, "unknown_account",
                                              QStringLiteral("no sandbox account %1").arg(account));
                           return QJsonObject{{QStringLiteral("account"), account}, {QStringLiteral("balance"), b}};
                       });
                   });
    m_server.route(QStringLiteral("/v1/cards/<arg>/transactions"), Method::Get,
                   [this](const QString& card, const QHttpServerRequest& r) {
                       return answer(r, [&] {
                           // The card's own session or the admin (the console's support view).
                           if (!r.value("X-Admin-Token").isEmpty())
                               requireAdmin(r);
                           else if (m_auth.sessionCard(bearerToken(r)) != card.toUpper())
                               throw ApiError(Status::Forbidden, "other_card",
                                              QStringLiteral("a session may only read its own card's history"));
                           return cardHistory(card.toUpper());
                       });
                   });
    m_server.route(QStringLiteral("/v1/subscribers/<arg>/transactions"), Method::Get,
                   [this](const QString& user, const QHttpServerRequest& r) {
                       return answer(r, [&] {
                           requireAdmin(r);
                           QJsonArray all;
                           for (const QString& card : m_payments.subscriberCards(user))
                               for (const auto& v : cardHistory(card))
                                   all.append(v);
                           return all;
                       });
                   });
    m_server.route(QStringLiteral("/v1/admin/cards"), Method::Post, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            requireAdmin(r);
            const QJsonObject o = jsonBody(r);
            const cdos::Bytes number = hexField(o, "cardNumber", 10);
            const QJsonObject h = o.value(QStringLiteral("holder")).toObject();
            const cdos::HolderData holder{stringField(h, "userNumber", 64).toStdString(),
                                          stringField(h, "account", 64).toStdString(),
                                          stringField(h, "name", 64).toStdString()};
            return QJsonObject{{QStringLiteral("result"), m_auth.enrol(number, holder)}};
        });
    });
    m_server.route(
        QStringLiteral("/v1/admin/cards/<arg>/status"), Method::Post,
        [this](const QString& card, const QHttpServerRequest& r) {
            return answer(r, [&] {
                requireAdmin(r);
                const QString status = stringField(jsonBody(r), "status", 16);
                if (status != QLatin1String("active") && status != QLatin1String("blocked"))
                    throw ApiError(Status::BadRequest, "bad_field", QStringLiteral("status must be active or blocked"));
                m_auth.setCardStatus(card, status);
                return QJsonObject{{QStringLiteral("cardNumber"), card.toUpper()}, {QStringLiteral("status"), status}};
            });
        });
    m_server.route(QStringLiteral("/v1/admin/ledger"), Method::Get, [this](const QHttpServerRequest& r) {
        return answer(r, [&] {
            requireAdmin(r);
            return m_payments.ledgerBalances();
        });
    });
    m_server.setMissingHandler([](const QHttpServerRequest& r, QHttpServerResponder&& responder) {
        qInfo("%s -> 404", qPrintable(r.url().path()));
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("error"), QStringLiteral("not_found")},
                                      {QStringLiteral("message"), QStringLiteral("no such endpoint or method")}})
                .toJson(QJsonDocument::Compact);
        responder.write(body, "application/json", QHttpServerResponder::StatusCode::NotFound);
    });
}

quint16 HeadendServer::start(const TlsIdentity& tls) {
    m_server.sslSetup(tls.certificate, tls.key, QSsl::TlsV1_2OrLater);
    const quint16 port = m_server.listen(m_options.address, m_options.port);
    if (port == 0)
        throw std::runtime_error("cannot listen on " + m_options.address.toString().toStdString() + ":" +
                                 std::to_string(m_options.port));
    return port;
}

} // namespace carddesk::headend
