#pragma once
// The HTTPS JSON API of headend/openapi.yaml on QHttpServer. Handlers run on the main thread one at a time, so the
// services need no locks; a handler's refusal is an ApiError turned into {"error", "message"} with its status.
#include "AuthService.h"
#include "LoadService.h"
#include "OperatorAccess.h"
#include "PaymentService.h"
#include "RequestGate.h"
#include "SandboxBank.h"
#include "TlsIdentity.h"

#include <QFuture>
#include <QHttpServer>
#include <QThreadPool>

#include <functional>

namespace carddesk::headend {

struct ServerOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8443;
    int workers = 8; // threads running the authentication and payment requests (each its own DB connection)
    bool serialiseDatabase = false; // SQLite: one request's database work at a time
    GateLimits gate;                // per connection, before QHttpServer reads a byte (RequestGate.h)
    int maxConnectionsPerClient = 64;
};

class HeadendServer {
public:
    // sandbox: the sandbox bank's administration endpoints, or nullptr with a real bank connector. gate: the
    // operator routes' credentials, roles and audit (OperatorAccess.h).
    HeadendServer(AuthService& auth, PaymentService& payments, LoadService& loads, SandboxBank* sandbox,
                  OperatorGate& gate, const ServerOptions& options);
    // Returns the port listened on (useful with port 0); throws std::runtime_error.
    quint16 start(const TlsIdentity& tls);

    // For services that bring their own endpoints (registerRoutes(HeadendServer&)): the server to route on, the
    // JSON answer wrapper every handler goes through, the operator routes' wrapper and the card of a bearer session.
    QHttpServer& http() { return m_server; }
    static QHttpServerResponse answer(const QHttpServerRequest& request, const std::function<QJsonValue()>& handler);
    // The same on the worker pool: `prepare` runs here and takes from the request what the work needs (the request
    // lives only on the server's thread); the work it returns runs on a worker. Services it calls must be
    // thread-safe (each worker has its own database connection).
    using Work = std::function<QJsonValue()>;
    using Prepare = std::function<Work()>;
    QFuture<QHttpServerResponse> answerAsync(const QHttpServerRequest& request, const Prepare& prepare);
    // An operator route: the credential's role for `op` checked, the handler and its audit row in one transaction,
    // every refusal audited (OperatorGate::run).
    QHttpServerResponse answerAs(const QHttpServerRequest& request, Operation op, const OperatorGate::Handler& handler);
    QString sessionCard(const QHttpServerRequest& request);
    // The card's signed permission grant in the body's "grant" holds `needed` (AuthService::requireGrant).
    int requireGrant(const QHttpServerRequest& request, const QJsonObject& body, std::uint32_t needed);

private:
    void routes();
    AuthService& m_auth;
    PaymentService& m_payments;
    LoadService& m_loads;
    SandboxBank* m_sandbox;
    OperatorGate& m_gate;
    ServerOptions m_options;
    QThreadPool m_pool;
    QHttpServer m_server;
};

} // namespace carddesk::headend
