#include "HostileClients.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>

#include <utility>

namespace cdbench {

namespace {

const QByteArray kSlowHead = "GET /v1/vod HTTP/1.1\r\nHost: headend\r\nX-Slow: ";
// A TLS handshake record header and the start of a ClientHello; what follows is never enough to finish it.
const QByteArray kSlowHello = QByteArray::fromHex("160301020001000200fc0303");
const QByteArray kAuthInit = "POST /v1/auth/init HTTP/1.1\r\nHost: headend\r\nContent-Type: application/json\r\n"
                             "Content-Length: 2\r\n\r\n{}";

QByteArray hugeHead() {
    QByteArray head = "GET /v1/vod HTTP/1.1\r\nHost: headend\r\n";
    for (int i = 0; head.size() < 64 * 1024; ++i)
        head += "X-Pad-" + QByteArray::number(i) + ": " + QByteArray(100, 'a') + "\r\n";
    return head; // no blank line: the head never ends
}

QByteArray randomBytes(int n) {
    QByteArray b(n, '\0');
    for (char& c : b)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return b;
}

} // namespace

QString HostileClients::name(Kind kind) {
    switch (kind) {
    case Kind::SlowHeaders:
        return QStringLiteral("slow-headers");
    case Kind::SlowHandshake:
        return QStringLiteral("slow-handshake");
    case Kind::IdleTls:
        return QStringLiteral("idle-tls");
    case Kind::SilentTcp:
        return QStringLiteral("silent-tcp");
    case Kind::HugeHeaders:
        return QStringLiteral("huge-headers");
    case Kind::HugeBodies:
        return QStringLiteral("huge-bodies");
    case Kind::GarbageTls:
        return QStringLiteral("garbage-tls");
    case Kind::Flood:
        return QStringLiteral("flood");
    }
    return {};
}

bool HostileClients::kindFromName(const QString& text, Kind* kind) {
    for (Kind k : {Kind::SlowHeaders, Kind::SlowHandshake, Kind::IdleTls, Kind::SilentTcp, Kind::HugeHeaders,
                   Kind::HugeBodies, Kind::GarbageTls, Kind::Flood})
        if (name(k) == text) {
            *kind = k;
            return true;
        }
    return false;
}

HostileClients::HostileClients(Kind kind, int count, const QString& host, quint16 port, int addressBase, int perAddress)
    : m_kind(kind), m_count(count), m_host(host), m_port(port), m_addressBase(addressBase),
      m_perAddress(std::max(1, perAddress)) {
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setPeerVerifyMode(QSslSocket::VerifyNone); // an attacker checks nothing
    m_sockets.fill(nullptr, count);
    m_dripAt.fill(0, count);
    connect(&m_dripper, &QTimer::timeout, this, &HostileClients::drip);
}

HostileClients::~HostileClients() {
    stop();
}

bool HostileClients::repeats() const {
    return m_kind == Kind::HugeHeaders || m_kind == Kind::HugeBodies || m_kind == Kind::GarbageTls;
}

bool HostileClients::tls() const {
    return m_kind != Kind::SlowHandshake && m_kind != Kind::SilentTcp && m_kind != Kind::GarbageTls;
}

QHostAddress HostileClients::addressOf(int slot) const {
    if (m_kind == Kind::Flood)
        return QHostAddress(QStringLiteral("127.%1.0.1").arg(m_addressBase));
    const int index = slot / m_perAddress;
    return QHostAddress(QStringLiteral("127.%1.%2.%3").arg(m_addressBase).arg(index / 250).arg(index % 250 + 1));
}

void HostileClients::start(int burst) {
    int next = 0;
    connect(&m_opener, &QTimer::timeout, this, [this, burst, next]() mutable {
        for (int i = 0; i < burst && next < m_count; ++i)
            open(next++);
        if (next >= m_count)
            m_opener.stop();
    });
    m_opener.start(10);
    if (m_kind == Kind::SlowHeaders || m_kind == Kind::SlowHandshake)
        m_dripper.start(1000);
}

void HostileClients::open(int slot) {
    if (m_stopping)
        return;
    QTcpSocket* s = tls() ? new QSslSocket(this) : new QTcpSocket(this);
    m_sockets[slot] = s;
    m_dripAt[slot] = 0;
    if (!s->bind(addressOf(slot))) {
        ++m_failed;
        ++m_opened;
        m_sockets[slot] = nullptr;
        s->deleteLater();
        return;
    }
    connect(s, &QTcpSocket::readyRead, this, [this, s, slot] { onData(s, slot); });
    connect(s, &QTcpSocket::disconnected, this, [this, s, slot] { onGone(s, slot); });
    connect(s, &QTcpSocket::errorOccurred, this, [this, s, slot] { onGone(s, slot); });
    if (auto* ssl = qobject_cast<QSslSocket*>(s)) {
        ssl->setSslConfiguration(m_tls);
        connect(ssl, &QSslSocket::sslErrors, ssl, [ssl] { ssl->ignoreSslErrors(); });
        connect(ssl, &QSslSocket::encrypted, this, [this, s, slot] { onConnected(s, slot); });
        ssl->connectToHostEncrypted(m_host, m_port);
    } else {
        connect(s, &QTcpSocket::connected, this, [this, s, slot] { onConnected(s, slot); });
        s->connectToHost(m_host, m_port);
    }
}

void HostileClients::onConnected(QTcpSocket* s, int slot) {
    if (m_opened < m_count)
        ++m_opened;
    ++m_established;
    s->setProperty("up", true);
    switch (m_kind) {
    case Kind::HugeHeaders:
        s->write(hugeHead());
        break;
    case Kind::HugeBodies:
        s->write("POST /v1/auth/init HTTP/1.1\r\nHost: headend\r\nContent-Type: application/json\r\n"
                 "Content-Length: 300000000\r\n\r\n" +
                 QByteArray(1024 * 1024, 'a'));
        break;
    case Kind::GarbageTls:
        s->write(randomBytes(4096));
        break;
    case Kind::Flood:
        s->write(kAuthInit);
        break;
    default:
        break;
    }
    (void)slot;
}

void HostileClients::onData(QTcpSocket* s, int slot) {
    static const QRegularExpression status(QStringLiteral("HTTP/1\\.1 ([0-9]{3})"));
    const QString got = QString::fromLatin1(s->readAll());
    bool answered = false;
    for (auto it = status.globalMatch(got); it.hasNext();) {
        ++m_answers[it.next().captured(1).toInt()];
        answered = true;
        if (m_kind == Kind::Flood && !m_stopping)
            s->write(kAuthInit); // the next one as soon as one is answered
    }
    // The repeating kinds go again at once, on a new connection, as a determined attacker would.
    if (answered && repeats() && !m_stopping && m_sockets.value(slot) == s) {
        m_sockets[slot] = nullptr;
        s->disconnect(this);
        s->abort();
        s->deleteLater();
        QTimer::singleShot(0, this, [this, slot] { open(slot); });
    }
}

void HostileClients::onGone(QTcpSocket* s, int slot) {
    if (m_sockets.value(slot) != s)
        return; // already counted (disconnected and errorOccurred both come)
    m_sockets[slot] = nullptr;
    // Connected sockets that go were closed by the headend (the bench's own closing disconnects first).
    if (s->property("up").toBool())
        ++m_closedByPeer;
    else if (m_opened < m_count) { // it never got as far as its handshake
        ++m_opened;
        ++m_failed;
    }
    s->deleteLater();
    if (repeats() && !m_stopping)
        QTimer::singleShot(1, this, [this, slot] { open(slot); });
}

void HostileClients::drip() {
    const QByteArray& message = m_kind == Kind::SlowHeaders ? kSlowHead : kSlowHello;
    for (int slot = 0; slot < m_sockets.size(); ++slot) {
        QTcpSocket* s = m_sockets[slot];
        if (!s || s->state() != QAbstractSocket::ConnectedState)
            continue;
        if (auto* ssl = qobject_cast<QSslSocket*>(s); ssl && !ssl->isEncrypted())
            continue;
        const qsizetype at = m_dripAt[slot]++;
        s->write(at < message.size() ? message.mid(at, 1) : QByteArray(1, 'a'));
    }
}

void HostileClients::stop() {
    if (m_stopping)
        return;
    m_stopping = true;
    m_opener.stop();
    m_dripper.stop();
    for (QTcpSocket*& s : m_sockets)
        if (s) {
            QTcpSocket* gone = std::exchange(s, nullptr);
            gone->disconnect(this);
            gone->abort();
            gone->deleteLater();
        }
}

QString HostileClients::summary() const {
    QStringList answers;
    for (const auto& [code, n] : m_answers)
        answers << QStringLiteral("%1 x%2").arg(code).arg(n);
    return QStringLiteral("%1 connections at once: %2 established, %3 closed by the headend, %4 failed to connect%5")
        .arg(m_count)
        .arg(m_established)
        .arg(m_closedByPeer)
        .arg(m_failed)
        .arg(answers.isEmpty() ? QString() : QStringLiteral("; answers ") + answers.join(QStringLiteral(", ")));
}

} // namespace cdbench
