#include "RequestGate.h"

#include "carddesk/headendapi/Keys.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <algorithm>
#include <optional>

namespace carddesk::headend {

namespace {
constexpr qint64 kReadBufferWhenRefused = 16 * 1024;

qint64 nowMs() {
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}
} // namespace

RequestGate::RequestGate(QTcpSocket* socket, const GateLimits& limits)
    : QObject(socket), m_socket(socket), m_limits(limits) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_refused)
            m_socket->abort();
        else if (m_inBody || !m_headers.isEmpty())
            refuse(408, "Request Timeout", api::Refusal::RequestTimeout,
                   QStringLiteral("the request did not arrive in time"));
        else
            m_socket->disconnectFromHost(); // an idle kept-alive connection
    });
    connect(socket, &QTcpSocket::readyRead, this, &RequestGate::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &RequestGate::onBytesWritten);
    m_lastActivityMs = nowMs();
    armTimer(false);
}

void RequestGate::onBytesWritten() {
    m_lastActivityMs = nowMs();
    // The server writes each answer whole: written out to the last byte, the oldest request is answered.
    if (m_socket->bytesToWrite() == 0 && m_answered < m_received)
        ++m_answered;
}

void RequestGate::armTimer(bool inRequest) {
    m_timer.start(inRequest ? m_limits.requestTimeoutMs : m_limits.idleTimeoutMs);
}

void RequestGate::onReadyRead() {
    m_lastActivityMs = nowMs();
    if (m_refused)
        return;
    // Only what the server has not read yet: it reads everything available right after this slot.
    consume(m_socket->peek(m_socket->bytesAvailable()));
}

bool RequestGate::consume(const QByteArray& data) {
    qsizetype at = 0;
    while (at < data.size()) {
        if (m_inBody) {
            const qint64 n = std::min<qint64>(m_bodyLeft, data.size() - at);
            m_bodyLeft -= n;
            at += n;
            if (m_bodyLeft == 0) {
                m_inBody = false;
                ++m_received;
                armTimer(false);
            }
            continue;
        }
        if (m_headers.isEmpty())
            armTimer(true);
        // Append up to the end of the head (a blank line) or the limit, whichever comes first.
        const qsizetype room = m_limits.maxHeaderBytes + 4 - m_headers.size();
        const QByteArray chunk = data.mid(at, room);
        const qsizetype before = m_headers.size();
        m_headers += chunk;
        const qsizetype end = m_headers.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
        if (end < 0) {
            if (m_headers.size() > m_limits.maxHeaderBytes) {
                refuse(431, "Request Header Fields Too Large", api::Refusal::HeadersTooLarge,
                       QStringLiteral("the request head is larger than %1 bytes").arg(m_limits.maxHeaderBytes));
                return false;
            }
            at += chunk.size();
            continue;
        }
        at += end + 4 - before;
        m_headers.truncate(end + 4);
        if (!headersComplete())
            return false;
        m_headers.clear();
        m_inBody = m_bodyLeft > 0;
        if (!m_inBody) {
            ++m_received;
            armTimer(false);
        }
    }
    return true;
}

// The head of one request is complete: how long is its body, and may it come?
bool RequestGate::headersComplete() {
    std::optional<qint64> length;
    const QList<QByteArray> lines = m_headers.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "transfer-encoding") {
            refuse(411, "Length Required", api::Refusal::LengthRequired,
                   QStringLiteral("send the body with a Content-Length (no transfer encoding)"));
            return false;
        }
        if (name != "content-length")
            continue;
        bool ok =
            !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        const qint64 n = ok && value.size() <= 18 ? value.toLongLong(&ok) : -1;
        if (!ok || n < 0 || (length && *length != n)) {
            refuse(400, "Bad Request", api::Refusal::BadRequest, QStringLiteral("the Content-Length is malformed"));
            return false;
        }
        length = n;
    }
    if (length && *length > m_limits.maxBodyBytes) {
        refuse(413, "Payload Too Large", api::Refusal::RequestTooLarge,
               QStringLiteral("the request body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
        return false;
    }
    m_bodyLeft = length.value_or(0);
    return true;
}

void RequestGate::refuse(int status, const char* reason, api::Refusal refusal, const QString& message) {
    m_refused = true;
    m_headers.clear();
    // The server's slot is cut off before it sees more bytes (an open read transaction of its own is closed, so
    // nothing is kept for a rollback). The answer goes out; what the client still sends is read and thrown away —
    // closing with unread bytes would reset the connection and could destroy the answer before the client reads
    // it — until the client closes, or 5 s have passed.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->setReadBufferSize(kReadBufferWhenRefused);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { m_socket->skip(m_socket->bytesAvailable()); });
    m_socket->skip(m_socket->bytesAvailable());
    const QByteArray body =
        QJsonDocument(QJsonObject{{api::key::error, api::code(refusal)}, {api::key::message, message}})
            .toJson(QJsonDocument::Compact);
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                        "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body;
    m_socket->write(answer);
    qInfo("connection from %s refused: %d %s", qPrintable(m_socket->peerAddress().toString()), status,
          qPrintable(api::code(refusal)));
    m_timer.start(5000);
}

} // namespace carddesk::headend
