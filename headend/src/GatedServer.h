#pragma once
// The headend's TLS listener: every accepted connection gets a RequestGate before QHttpServer sees it, and one
// client address may hold at most `maxConnectionsPerClient` connections at once (a flood from one address cannot
// take every socket).
#include "RequestGate.h"

#include <QHash>
#include <QHostAddress>
#include <QSslServer>

namespace carddesk::headend {

class GatedServer : public QSslServer {
public:
    GatedServer(const GateLimits& limits, int maxConnectionsPerClient, QObject* parent = nullptr);
    ~GatedServer() override;
    QTcpSocket* nextPendingConnection() override;

protected:
    // A client address already holding its share (handshaking or served) is closed before any TLS work.
    void incomingConnection(qintptr descriptor) override;

private:
    void countHandshake(QSslSocket* socket, const QHostAddress& peer);

    GateLimits m_limits;
    int m_maxPerClient;
    QHash<QHostAddress, int> m_perClient;   // connections past the handshake, given to the HTTP server
    QHash<QHostAddress, int> m_handshaking; // connections still in their TLS handshake
    QObject m_watch;                        // receiver of the handshaking sockets' signals
};

} // namespace carddesk::headend
