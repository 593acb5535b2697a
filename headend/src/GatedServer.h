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
    GatedServer(const GateLimits& limits, int maxConnectionsPerClient, QObject* parent = nullptr)
        : QSslServer(parent), m_limits(limits), m_maxPerClient(maxConnectionsPerClient) {}
    ~GatedServer() override;
    QTcpSocket* nextPendingConnection() override;

private:
    GateLimits m_limits;
    int m_maxPerClient;
    QHash<QHostAddress, int> m_perClient;
};

} // namespace carddesk::headend
