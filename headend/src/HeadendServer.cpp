#include "HeadendServer.h"
#include "carddesk/headendapi/Headers.h"

#include "DatabaseFaultText.h"
#include "GatedServer.h"
#include "JsonApi.h"
#include "carddesk/headendapi/CardStatus.h"
#include "carddesk/headendapi/Paths.h"

#include <QJsonDocument>
#include <QSslConfiguration>
#include <QTextStream>
#include <QtConcurrent>

#include <atomic>
#include <mutex>

namespace carddesk::headend {

static_assert(GateLimits{}.maxBodyBytes == kMaxBodyBytes, "the gate and the JSON reader agree on the largest body");

using Status = QHttpServerResponse::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

struct Outcome {
    Status status = Status::Ok;
    QHttpServerResponse response{Status::Ok};
};

// Runs a handler and turns every refusal into a JSON answer.
Outcome run(const std::function<QJsonValue()>& handler) {
    Outcome o;
    try {
        const QJsonValue v = handler();
        o.response = v.isArray() ? QHttpServerResponse(v.toArray()) : QHttpServerResponse(v.toObject());
    } catch (const ApiError& e) {
        o.status = e.status;
        o.response = errorResponse(e.status, e.refusal, QString::fromStdString(e.what()), e.roles);
    } catch (const DatabaseError& e) {
        o.status = Status::ServiceUnavailable;
        const QString text = databaseFaultText(e.what());
        qWarning("database: %s (%s)", e.what(), qPrintable(text));
        o.response = errorResponse(o.status, Refusal::Database, text);
    } catch (const std::exception& e) {
        o.status = Status::InternalServerError;
        qWarning("internal error: %s", e.what());
        o.response = errorResponse(o.status, Refusal::Internal, QStringLiteral("internal error"));
    }
    return o;
}

// The log line names the request and the outcome only (never a body: bodies carry cryptograms and tokens).
QString requestLine(const QHttpServerRequest& request) {
    return QStringLiteral("%1 %2").arg(request.method() == Method::Get ? QLatin1String("GET") : QLatin1String("POST"),
                                       request.url().path());
}

// SQLite: one request's database work at a time. Its connections would otherwise refuse a write outright
// ("database is locked", not waited for) when a read snapshot of the same connection predates another's commit;
// SQLite has one writer anyway. PostgreSQL runs the workers in parallel.
std::mutex g_sqliteMutex;
std::atomic<bool> g_serialise{false};

Outcome runExclusive(const std::function<QJsonValue()>& handler) {
    std::unique_lock lock(g_sqliteMutex, std::defer_lock);
    if (g_serialise)
        lock.lock();
    return run(handler);
}

void logOutcome(const QString& line, Status status) {
    qInfo("%s -> %d", qPrintable(line), static_cast<int>(status));
}

} // namespace

QHttpServerResponse HeadendServer::answer(const QHttpServerRequest& request,
                                          const std::function<QJsonValue()>& handler) {
    Outcome o = runExclusive(handler);
    logOutcome(requestLine(request), o.status);
    return std::move(o.response);
}

QFuture<QHttpServerResponse> HeadendServer::answerAsync(const QHttpServerRequest& request, const Prepare& prepare) {
    const QString line = requestLine(request);
    Work work;
    Outcome parsed = run([&] {
        work = prepare();
        return QJsonValue();
    });
    if (!work) {
        logOutcome(line, parsed.status);
        return QtFuture::makeReadyFuture(std::move(parsed.response));
    }
    return QtConcurrent::run(&m_pool, [line, work] {
        Outcome o = runExclusive(work);
        logOutcome(line, o.status);
        return std::move(o.response);
    });
}

QString HeadendServer::sessionCard(const QHttpServerRequest& request) {
    return m_auth.sessionCard(bearerToken(request));
}

int HeadendServer::requireGrant(const QHttpServerRequest& request, const QJsonObject& body, std::uint32_t needed) {
    return m_auth.requireGrant(bearerToken(request), body.value(api::key::grant), needed);
}

HeadendServer::HeadendServer(AuthService& auth, PaymentService& payments, LoadService& loads, SandboxBank* sandbox,
                             OperatorGate& gate, const ServerOptions& options)
    : m_auth(auth), m_payments(payments), m_loads(loads), m_sandbox(sandbox), m_gate(gate), m_options(options) {
    m_pool.setMaxThreadCount(std::max(1, options.workers));
    g_serialise = options.serialiseDatabase;
    m_pool.setExpiryTimeout(-1); // a worker keeps its database connection for the server's life
    routes();
}

QHttpServerResponse HeadendServer::answerAs(const QHttpServerRequest& request, Operation op,
                                            const OperatorGate::Handler& handler) {
    return answer(request, [&] { return m_gate.run(request, op, handler); });
}

void HeadendServer::routes() {
    // The payment paths run on the worker pool: what they need of the request is taken here, on the server's
    // thread (the request lives only there), the work itself (keys, database) on a worker with its own connection.
    m_server.route(api::path::authInit, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            if (!r.body().isEmpty())
                jsonBody(r);
            return [this, client = r.remoteAddress().toString()] { return m_auth.init(client).toJson(); };
        });
    });
    m_server.route(api::path::authCard, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, body = jsonBody(r)] { return m_auth.card(parseBody<api::AuthCardRequest>(body)).toJson(); };
        });
    });
    m_server.route(api::path::authVerify, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return
                [this, body = jsonBody(r)] { return m_auth.verify(parseBody<api::AuthVerifyRequest>(body)).toJson(); };
        });
    });
    m_server.route(api::path::session, Method::Get, [this](const QHttpServerRequest& r) {
        return answer(r, [&] { return QJsonObject{{api::key::cardNumber, m_auth.sessionCard(bearerToken(r))}}; });
    });
    // The session is checked before the body's members, as it always was (a body is read only for a live session).
    m_server.route(api::path::purchases, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, token = bearerToken(r), body = jsonBody(r)] {
                const QString card = m_auth.sessionCard(token);
                return m_payments.beginPurchase(card, parseBody<api::PurchaseRequest>(body)).toJson();
            };
        });
    });
    m_server.route(api::path::purchaseCompletionPattern, Method::Post, [this](qint64 id, const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, id, token = bearerToken(r), body = jsonBody(r)] {
                const QString card = m_auth.sessionCard(token);
                return m_payments.completePurchase(card, id, parseBody<api::PurchaseCompletion>(body)).toJson();
            };
        });
    });
    m_server.route(api::path::loads, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, token = bearerToken(r), body = jsonBody(r)] {
                const QString card = m_auth.sessionCard(token);
                return m_loads.beginLoad(card, parseBody<api::LoadRequest>(body)).toJson();
            };
        });
    });
    m_server.route(api::path::loadsPending, Method::Get, [this](const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, token = bearerToken(r)] { return m_loads.pendingLoad(m_auth.sessionCard(token)).toJson(); };
        });
    });
    m_server.route(api::path::loadCompletionPattern, Method::Post, [this](qint64 id, const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, id, token = bearerToken(r), body = jsonBody(r)] {
                const QString card = m_auth.sessionCard(token);
                return m_loads.completeLoad(card, id, parseBody<api::LoadCompletion>(body)).toJson();
            };
        });
    });
    m_server.route(api::path::loadRefundChallengePattern, Method::Post, [this](qint64 id, const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, id, token = bearerToken(r)] {
                return m_loads.refundChallenge(m_auth.sessionCard(token), id).toJson();
            };
        });
    });
    m_server.route(api::path::loadRecoveryPattern, Method::Post, [this](qint64 id, const QHttpServerRequest& r) {
        return answerAsync(r, [&]() -> Work {
            return [this, id, token = bearerToken(r), body = jsonBody(r)] {
                const QString card = m_auth.sessionCard(token);
                return m_loads.recoverLoad(card, id, parseBody<api::LoadRecovery>(body)).toJson();
            };
        });
    });
    m_server.route(api::path::adminBankAccounts, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAs(r, Operation::SetBankAccount, [&](const Caller&, AuditNote& note) {
            if (!m_sandbox)
                throw ApiError(Status::NotFound, Refusal::NotSandbox, QStringLiteral("the headend uses a real bank"));
            const QJsonObject o = jsonBody(r);
            const QString account = stringField(o, api::key::account, 64);
            const qint64 balance = intField(o, api::key::balance, qint64(1) << 50);
            note.detail = QStringLiteral("account %1 balance %2").arg(account).arg(balance);
            m_sandbox->setAccount(account, balance);
            return QJsonObject{{api::key::account, account}, {api::key::balance, m_sandbox->balance(account)}};
        });
    });
    m_server.route(api::path::adminBankAccountPattern, Method::Get,
                   [this](const QString& account, const QHttpServerRequest& r) {
                       return answerAs(r, Operation::ReadBankAccount, [&](const Caller&, AuditNote& note) {
                           note.detail = QStringLiteral("account %1").arg(account);
                           const qint64 b = m_sandbox ? m_sandbox->balance(account) : -1;
                           if (b < 0)
                               throw ApiError(Status::NotFound, Refusal::UnknownAccount,
                                              QStringLiteral("no sandbox account %1").arg(account));
                           return QJsonObject{{api::key::account, account}, {api::key::balance, b}};
                       });
                   });
    m_server.route(api::path::adminCards, Method::Post, [this](const QHttpServerRequest& r) {
        return answerAs(r, Operation::EnrolCard, [&](const Caller&, AuditNote& note) {
            const QJsonObject o = jsonBody(r);
            const cdos::Bytes number = hexField(o, api::key::cardNumber, 10);
            note.card = hex(number);
            const cdos::HolderData holder = AuthService::holderFromJson(o.value(api::key::holder).toObject());
            note.detail = QStringLiteral("subscriber %1").arg(QString::fromStdString(holder.userNumber));
            return QJsonObject{{api::key::result, m_auth.enrol(number, holder)}};
        });
    });
    m_server.route(api::path::adminCardStatusPattern, Method::Post,
                   [this](const QString& card, const QHttpServerRequest& r) {
                       return answerAs(r, Operation::SetCardStatus, [&](const Caller&, AuditNote& note) {
                           note.card = card.toUpper().left(40);
                           const QString status = stringField(jsonBody(r), api::key::status, 16);
                           note.detail = status;
                           if (status != api::cardStatus::active && status != api::cardStatus::blocked)
                               throw ApiError(Status::BadRequest, Refusal::BadField,
                                              QStringLiteral("status must be active or blocked"));
                           m_auth.setCardBlocked(card, status == api::cardStatus::blocked);
                           return QJsonObject{{api::key::cardNumber, card.toUpper()}, {api::key::status, status}};
                       });
                   });
    m_server.route(api::path::adminLedger, Method::Get, [this](const QHttpServerRequest& r) {
        return answerAs(r, Operation::ReadLedger,
                        [&](const Caller&, AuditNote&) { return m_payments.ledgerBalances(); });
    });
    m_server.setMissingHandler([](const QHttpServerRequest& r, QHttpServerResponder&& responder) {
        // A route that exists with another method is 405 with the method it takes (issue 11), else 404.
        const QString method = api::routeMethod(r.url().path());
        if (!method.isEmpty()) {
            qInfo("%s -> 405", qPrintable(r.url().path()));
            const QByteArray body =
                QJsonDocument(QJsonObject{{api::key::error, api::code(Refusal::MethodNotAllowed)},
                                          {api::key::message, QStringLiteral("this endpoint takes %1").arg(method)}})
                    .toJson(QJsonDocument::Compact);
            responder.write(body, {{"Content-Type", "application/json"}, {api::header::allow, method.toLatin1()}},
                            QHttpServerResponder::StatusCode::MethodNotAllowed);
            return;
        }
        qInfo("%s -> 404", qPrintable(r.url().path()));
        const QByteArray body = QJsonDocument(QJsonObject{{api::key::error, api::code(Refusal::NotFound)},
                                                          {api::key::message, QStringLiteral("no such endpoint")}})
                                    .toJson(QJsonDocument::Compact);
        responder.write(body, "application/json", QHttpServerResponder::StatusCode::NotFound);
    });
}

quint16 HeadendServer::start(const TlsIdentity& tls) {
    auto* listener = new GatedServer(m_options.gate, m_options.maxConnectionsPerClient);
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(tls.certificate);
    conf.setPrivateKey(tls.key);
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    listener->setSslConfiguration(conf);
    if (!listener->listen(m_options.address, m_options.port)) {
        delete listener;
        throw std::runtime_error("cannot listen on " + m_options.address.toString().toStdString() + ":" +
                                 std::to_string(m_options.port));
    }
    const quint16 port = listener->serverPort();
    m_server.bind(listener); // takes ownership
    return port;
}

} // namespace carddesk::headend
