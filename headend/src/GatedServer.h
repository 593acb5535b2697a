#pragma once
// The headend's TLS listener: every accepted connection gets a RequestGate before QHttpServer sees it, and one
// client address may hold at most `maxConnectionsPerClient` connections at once (a flood from one address cannot
// take every socket). At most `maxHandshakes` connections are in their TLS handshake at once; a new one past that
// sheds the oldest, so the listener never stops accepting (issue 16: QSslServer stops at maxPendingConnections,
// and 1024 silent connections from many addresses kept every new terminal out until their handshakes timed out).
// At most `maxConnections` in all: past that a new connection closes the one quiet longest (see makeRoom).
#include "RequestGate.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSet>
#include <QSslServer>

#include <deque>

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
    void shedOldestHandshake();
    // At the connection cap: closes the served connection quiet longest (or else the oldest handshake); false when
    // every connection is busy with a request.
    bool makeRoom();

    GateLimits m_limits;
    int m_maxPerClient;
    QHash<QHostAddress, int> m_perClient;   // connections past the handshake, given to the HTTP server
    QHash<QHostAddress, int> m_handshaking; // connections still in their TLS handshake
    int m_handshakingTotal = 0;
    QSet<RequestGate*> m_gates;                        // the served connections' gates
    std::deque<QPointer<QSslSocket>> m_handshakeOrder; // oldest first; gone and encrypted ones are skipped
    QObject m_watch;                                   // receiver of the handshaking sockets' signals
};

} // namespace carddesk::headend
