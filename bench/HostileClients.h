#pragma once
// The hostile side of the headend's hostile-client bench (issue 16): many connections from many loopback addresses
// (127.X.Y.Z, at most `perAddress` from one, under the headend's per-address limit unless the attack is about one
// address), each behaving as one kind of attacker. Runs on the thread that makes it (its event loop); bounded in
// count and time; loopback only.
#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>

#include <map>

class QTcpSocket;

namespace cdbench {

class HostileClients : public QObject {
public:
    enum class Kind {
        SlowHeaders,   // TLS, then a request head one byte a second (slowloris)
        SlowHandshake, // TCP, then a TLS ClientHello one byte a second
        IdleTls,       // TLS, then nothing (kept-alive connections that never ask)
        SilentTcp,     // TCP connect, then nothing (never says hello)
        HugeHeaders,   // TLS, a head of 64 KB without its end, again and again
        HugeBodies,    // TLS, a POST that declares 300 MB and sends it as fast as it may, again and again
        GarbageTls,    // TCP, 4 KB of random bytes instead of a ClientHello, again and again
        Flood,         // TLS from ONE address, authentication requests back to back on every connection
    };
    static QString name(Kind kind);
    static bool kindFromName(const QString& name, Kind* kind);

    // `count` connections at once (the repeating kinds reconnect as soon as one is done with).
    HostileClients(Kind kind, int count, const QString& host, quint16 port, int addressBase, int perAddress = 48);
    ~HostileClients() override;

    // Opens the connections, `burst` every 10 ms; ready() once all are open (or failed).
    void start(int burst = 100);
    bool ready() const { return m_opened >= m_count; }
    void stop();

    // What it achieved: connections made and established, closed by the headend, answers by HTTP status.
    QString summary() const;
    int established() const { return m_established; }

private:
    void open(int slot);
    void onConnected(QTcpSocket* s, int slot);
    void onData(QTcpSocket* s, int slot);
    void onGone(QTcpSocket* s, int slot);
    void drip();
    QHostAddress addressOf(int slot) const;
    bool repeats() const;
    bool tls() const;

    Kind m_kind;
    int m_count;
    QString m_host;
    quint16 m_port;
    int m_addressBase, m_perAddress;
    QSslConfiguration m_tls;
    QList<QTcpSocket*> m_sockets; // by slot; null while it is being reopened
    QList<qsizetype> m_dripAt;    // the slow kinds: bytes of their message sent so far
    QTimer m_opener, m_dripper;
    int m_opened = 0, m_established = 0, m_closedByPeer = 0, m_failed = 0;
    std::map<int, int> m_answers; // HTTP status -> count
    bool m_stopping = false;
};

} // namespace cdbench
