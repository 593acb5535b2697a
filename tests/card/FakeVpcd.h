#pragma once
// vpcd's side of the link (a QTcpServer speaking vpcd's 2-byte length framing), for the tests of carddesk-card and
// the vpcd link bench.
#include "carddesk/protocol/apdu/Apdu.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <cstdint>
#include <memory>
#include <optional>

class FakeVpcd {
public:
    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    quint16 port() const { return m_server.serverPort(); }
    bool waitForCard(int ms = 5000) {
        if (!m_server.waitForNewConnection(ms))
            return false;
        m_socket.reset(m_server.nextPendingConnection());
        return m_socket != nullptr;
    }
    // Stops listening first, so that the card's immediate reconnection attempt finds nobody (as when pcscd exits).
    void closeAll() {
        m_server.close();
        if (m_socket)
            m_socket->close();
        m_socket.reset();
    }
    void send(const cdos::Bytes& body) {
        QByteArray frame;
        frame.append(static_cast<char>(body.size() >> 8));
        frame.append(static_cast<char>(body.size() & 0xFF));
        frame.append(reinterpret_cast<const char*>(body.data()), static_cast<qsizetype>(body.size()));
        m_socket->write(frame);
        m_socket->flush();
    }
    // The next frame from the card, or nullopt when none comes (or the card went away).
    std::optional<cdos::Bytes> receive(int ms = 3000) {
        if (!readAtLeast(2, ms))
            return std::nullopt;
        const QByteArray head = m_socket->read(2);
        const int n = (static_cast<std::uint8_t>(head[0]) << 8) | static_cast<std::uint8_t>(head[1]);
        if (!readAtLeast(n, ms))
            return std::nullopt;
        const QByteArray body = m_socket->read(n);
        return cdos::Bytes(body.begin(), body.end());
    }
    cdos::ResponseApdu transmit(const cdos::Bytes& apdu) {
        send(apdu);
        const auto r = receive();
        return r ? cdos::ResponseApdu::fromRaw(*r) : cdos::ResponseApdu{};
    }
    cdos::ResponseApdu transmit(const cdos::CommandApdu& c) { return transmit(c.serialize()); }
    bool cardGone(int ms = 3000) {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return true;
        return m_socket->waitForDisconnected(ms) || m_socket->state() != QAbstractSocket::ConnectedState;
    }

private:
    bool readAtLeast(qint64 n, int ms) {
        QElapsedTimer t;
        t.start();
        while (m_socket->bytesAvailable() < n) {
            if (t.elapsed() > ms || m_socket->state() != QAbstractSocket::ConnectedState)
                return m_socket->bytesAvailable() >= n;
            m_socket->waitForReadyRead(50);
        }
        return true;
    }
    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_socket;
};
