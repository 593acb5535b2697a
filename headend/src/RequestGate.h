#pragma once
// Guards one connection before QHttpServer reads it (issue 17): Qt HttpServer 6.4 buffers a whole body before any
// handler can look at its size, so a 300 MB POST cost the process 1.2 GB. The gate sees every byte first (its
// readyRead slot is connected before the server's), follows the request boundaries itself, and answers 413 from
// Content-Length, 411 for a body without one, 431 for endless headers, 408 for a client that stops half-way —
// then stops reading (TCP pushes back on the sender) and closes. Memory per connection stays bounded.
#include "carddesk/headendapi/Refusal.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace carddesk::headend {

struct GateLimits {
    qint64 maxBodyBytes = 16 * 1024;
    qsizetype maxHeaderBytes = 16 * 1024;
    int requestTimeoutMs = 30 * 1000; // from a request's first byte to its last
    int idleTimeoutMs = 120 * 1000;   // a kept-alive connection with no request
    // Before the gate: TLS handshakes in progress. Qt's QSslServer counts them towards maxPendingConnections (30 by
    // default) and stops accepting at that many, so 30 connections that never say hello held every honest terminal
    // until their handshake timed out (issue 11: 2.4 s). Now many may wait, each for a bounded time.
    int handshakeTimeoutMs = 10 * 1000;
    int maxHandshakes = 1024;
    // All connections at once (handshaking and served): at the cap a new one sheds the connection that has been
    // quiet longest and has no request in the works (issue 16: 10 000 idle connections held ~750 MB).
    int maxConnections = 4096;
};

class RequestGate : public QObject {
public:
    // Becomes a child of `socket`; must be made before anyone else connects to the socket's readyRead.
    RequestGate(QTcpSocket* socket, const GateLimits& limits);

    // A connection that may be closed to make room: no request received and not yet answered (an idle kept-alive
    // connection, or a client still sending its request). Since when it was last heard from or written to.
    bool sheddable() const { return m_received == m_answered || m_refused; }
    qint64 lastActivityMs() const { return m_lastActivityMs; }
    QTcpSocket* socket() const { return m_socket; }

private:
    void onReadyRead();
    // Consumes `data` (bytes not yet read by the server); false when the connection was refused.
    bool consume(const QByteArray& data);
    bool headersComplete();
    void refuse(int status, const char* reason, api::Refusal refusal, const QString& message);
    void armTimer(bool inRequest);
    void onBytesWritten();

    QTcpSocket* m_socket;
    GateLimits m_limits;
    QByteArray m_headers; // the current request's head, until its blank line
    qint64 m_bodyLeft = 0;
    bool m_inBody = false;
    bool m_refused = false;
    QTimer m_timer;
    qint64 m_received = 0, m_answered = 0; // whole requests taken in; answers written out to the last byte
    qint64 m_lastActivityMs = 0;
};

} // namespace carddesk::headend
