#include "GatedServer.h"

#include <QTcpSocket>

namespace carddesk::headend {

GatedServer::~GatedServer() {
    // The sockets (children) outlive the count they would update.
    for (QTcpSocket* socket : findChildren<QTcpSocket*>())
        disconnect(socket, nullptr, this, nullptr);
}

QTcpSocket* GatedServer::nextPendingConnection() {
    while (QTcpSocket* socket = QSslServer::nextPendingConnection()) {
        const QHostAddress peer = socket->peerAddress();
        if (m_perClient.value(peer) >= m_maxPerClient) {
            qInfo("connection from %s refused: %d connections already open", qPrintable(peer.toString()),
                  m_maxPerClient);
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_perClient[peer];
        connect(socket, &QObject::destroyed, this, [this, peer] {
            if (--m_perClient[peer] <= 0)
                m_perClient.remove(peer);
        });
        new RequestGate(socket, m_limits); // before QHttpServer connects its own readyRead
        return socket;
    }
    return nullptr;
}

} // namespace carddesk::headend
