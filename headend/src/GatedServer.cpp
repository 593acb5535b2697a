#include "GatedServer.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <memory>
#include <utility>

#include <sys/socket.h>
#include <unistd.h>

namespace carddesk::headend {

namespace {

QHostAddress peerOf(qintptr descriptor) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(static_cast<int>(descriptor), reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr*>(&address));
}

} // namespace

GatedServer::GatedServer(const GateLimits& limits, int maxConnectionsPerClient, QObject* parent)
    : QSslServer(parent), m_limits(limits), m_maxPerClient(maxConnectionsPerClient) {
    // Qt's own cap stays out of reach: this server sheds at maxHandshakes before Qt would stop accepting.
    setMaxPendingConnections(2 * limits.maxHandshakes + 64);
    setHandshakeTimeout(limits.handshakeTimeoutMs);
}

void GatedServer::incomingConnection(qintptr descriptor) {
    const QHostAddress peer = peerOf(descriptor);
    if (m_handshaking.value(peer) + m_perClient.value(peer) >= m_maxPerClient) {
        qInfo("connection from %s refused: %d connections already open", qPrintable(peer.toString()), m_maxPerClient);
        ::close(static_cast<int>(descriptor));
        return;
    }
    if (m_gates.size() + m_handshakingTotal >= m_limits.maxConnections && !makeRoom()) {
        qInfo("connection from %s refused: %d connections open, every one busy", qPrintable(peer.toString()),
              m_limits.maxConnections);
        ::close(static_cast<int>(descriptor));
        return;
    }
    if (m_handshakingTotal >= m_limits.maxHandshakes)
        shedOldestHandshake();
    QSslServer::incomingConnection(descriptor);
    // QSslServer made the socket as its newest child; a silent one never reaches startedEncryptionHandshake (that
    // waits for the first byte), so it is counted from here.
    const QObjectList& made = children();
    auto* socket = made.isEmpty() ? nullptr : qobject_cast<QSslSocket*>(made.last());
    if (socket && socket->socketDescriptor() == descriptor)
        countHandshake(socket, peer);
}

bool GatedServer::makeRoom() {
    // Idle kept-alive connections and clients still sending their request: an honest terminal loses nothing it
    // cannot have again (it reconnects), and one in the middle of a transaction is never chosen.
    RequestGate* quietest = nullptr;
    for (RequestGate* gate : std::as_const(m_gates))
        if (gate->sheddable() && (!quietest || gate->lastActivityMs() < quietest->lastActivityMs()))
            quietest = gate;
    if (quietest) {
        m_gates.remove(quietest);
        qInfo("connection from %s closed: %d connections open, this one quiet longest",
              qPrintable(quietest->socket()->peerAddress().toString()), m_limits.maxConnections);
        quietest->socket()->abort();
        return true;
    }
    if (m_handshakingTotal == 0)
        return false;
    shedOldestHandshake();
    return true;
}

void GatedServer::shedOldestHandshake() {
    while (!m_handshakeOrder.empty()) {
        QPointer<QSslSocket> oldest = m_handshakeOrder.front();
        m_handshakeOrder.pop_front();
        if (!oldest || oldest->isEncrypted())
            continue;
        qInfo("connection from %s closed: %d TLS handshakes in progress, this one the oldest",
              qPrintable(oldest->peerAddress().toString()), m_handshakingTotal);
        delete oldest.data(); // not from one of its own signals: safe, and its count is released now
        return;
    }
}

void GatedServer::countHandshake(QSslSocket* socket, const QHostAddress& peer) {
    ++m_handshaking[peer];
    ++m_handshakingTotal;
    while (!m_handshakeOrder.empty() && (!m_handshakeOrder.front() || m_handshakeOrder.front()->isEncrypted()))
        m_handshakeOrder.pop_front();
    m_handshakeOrder.emplace_back(socket);
    // Released once: when the handshake succeeds (the served count takes over) or the socket goes (failed, timed out).
    auto released = std::make_shared<bool>(false);
    const auto release = [this, peer, released] {
        if (std::exchange(*released, true))
            return;
        --m_handshakingTotal;
        if (--m_handshaking[peer] <= 0)
            m_handshaking.remove(peer);
    };
    // Not `this` as the receiver: QSslServer cuts every connection between the socket and itself once encrypted.
    connect(socket, &QSslSocket::encrypted, &m_watch, release);
    connect(socket, &QObject::destroyed, &m_watch, release);
}

GatedServer::~GatedServer() {
    // The sockets (children) outlive the count they would update.
    for (QTcpSocket* socket : findChildren<QTcpSocket*>()) {
        disconnect(socket, nullptr, this, nullptr);
        disconnect(socket, nullptr, &m_watch, nullptr);
    }
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
        auto* gate = new RequestGate(socket, m_limits); // before QHttpServer connects its own readyRead
        m_gates.insert(gate);
        connect(gate, &QObject::destroyed, this, [this, gate] { m_gates.remove(gate); });
        return socket;
    }
    return nullptr;
}

} // namespace carddesk::headend
