// Hostile clients against the real carddesk-headend process (issue 17, finding 7): a body larger than allowed is
// refused from its Content-Length before it is read (a 300 MB POST took the process to 1.2 GB), a body without a
// length and an endless head are refused, and one client address can neither hold every authentication attempt
// (100 000 auth/init in 60 s made every card's authentication answer 503) nor every connection.
#include "HeadendProcess.h"

#include <QFile>
#include <QSslSocket>

using hdtest::Reply;

class TestHeadendHostile : public QObject {
    Q_OBJECT
    hdtest::HeadendProcess m_hd;

    // A raw TLS connection to the headend, from `from` (any loopback address) when given.
    std::unique_ptr<QSslSocket> connectRaw(const QHostAddress& from = {}) {
        auto s = std::make_unique<QSslSocket>();
        s->setSslConfiguration(m_hd.tls);
        if (!from.isNull() && !s->bind(from))
            return nullptr;
        const QUrl url(m_hd.base);
        s->connectToHostEncrypted(url.host(), static_cast<quint16>(url.port()));
        if (!s->waitForEncrypted(10000))
            return nullptr;
        s->flush(); // the client's last handshake message: until the headend has it, the connection is not its
        return s;
    }

    // Reads until the peer closes or `ms` pass; returns what came.
    static QByteArray readAll(QSslSocket& s, int ms = 10000) {
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < ms) {
            s.waitForReadyRead(100);
            got += s.readAll();
        }
        return got + s.readAll();
    }

    qint64 residentKb() const {
        QFile f(QStringLiteral("/proc/%1/status").arg(m_hd.process->processId()));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        return -1;
    }

    Reply authInit() { return m_hd.post(QStringLiteral("/v1/auth/init"), {}); }
    // POST /v1/auth/init on a raw connection from `from`; the answer as it came (empty when none).
    QByteArray rawAuthInit(const QHostAddress& from) {
        auto s = connectRaw(from);
        if (!s)
            return {};
        s->write("POST /v1/auth/init HTTP/1.1\r\nHost: headend\r\nContent-Type: application/json\r\n"
                 "Content-Length: 2\r\n\r\n{}");
        QByteArray got;
        for (int i = 0; i < 100 && !got.contains("authId"); ++i) {
            s->waitForReadyRead(100);
            got += s->readAll();
        }
        return got;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_hd.usePostgresIfAsked(), "PostgreSQL fixture not usable (scripts/pg-env.sh start)");
        // A long handshake timeout: a listener that stopped accepting would hold the honest terminal for a minute.
        m_hd.serveArgs = {QStringLiteral("--max-per-client"), QStringLiteral("16"),
                          QStringLiteral("--handshake-seconds"), QStringLiteral("60")};
        QVERIFY2(m_hd.start(), qPrintable(m_hd.error));
        QCOMPARE(authInit().status, 200);
    }

    void cleanupTestCase() {
        const QByteArray log = m_hd.stop();
        if (qEnvironmentVariableIsSet("SHOW_LOG"))
            qInfo("%s", log.constData());
    }

    // Issue 11: a route asked with the wrong method is 405 naming the method it takes, not 404; no route is 404.
    void wrongMethodIs405() {
        const Reply get = m_hd.send("GET", QStringLiteral("/v1/auth/init"), QByteArray());
        QCOMPARE(get.status, 405);
        QCOMPARE(get.code(), QStringLiteral("method_not_allowed"));
        QVERIFY2(get.json.value(QStringLiteral("message")).toString().contains(QStringLiteral("POST")), get.body);
        const Reply post = m_hd.send("POST", QStringLiteral("/v1/cards/86010000000000000001/transactions"), "{}");
        QCOMPARE(post.status, 405);
        QVERIFY(post.json.value(QStringLiteral("message")).toString().contains(QStringLiteral("GET")));
        QCOMPARE(m_hd.send("DELETE", QStringLiteral("/v1/purchases/7/completion"), QByteArray()).status, 405);
        QCOMPARE(m_hd.send("GET", QStringLiteral("/v1/nothing"), QByteArray()).status, 404);
        QCOMPARE(m_hd.send("GET", QStringLiteral("/v1/purchases/7/completion/x"), QByteArray()).status, 404);
    }

    void hugeBodyRefusedFromItsLength() {
        const qint64 before = residentKb();
        QVERIFY(before > 0);
        auto s = connectRaw();
        QVERIFY(s);
        s->write("POST /v1/auth/card HTTP/1.1\r\nHost: headend\r\nContent-Type: application/json\r\n"
                 "Content-Length: 314572800\r\n\r\n");
        // The client goes on sending (64 MB of the announced 300 MB) whatever the headend answers.
        const QByteArray chunk(1024 * 1024, 'A');
        QByteArray answer;
        for (int i = 0; i < 64 && s->state() == QAbstractSocket::ConnectedState; ++i) {
            s->write(chunk);
            while (s->bytesToWrite() > 0 && s->state() == QAbstractSocket::ConnectedState)
                s->waitForBytesWritten(1000);
            answer += s->readAll();
        }
        answer += readAll(*s);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("\"error\":\"request_too_large\""));
        const qint64 after = residentKb();
        // Bounded: a few socket buffers, not the body (the unguarded server held it twice over, ≥ 128 MB here).
        QVERIFY2(after - before < 16 * 1024, qPrintable(QStringLiteral("RSS %1 kB -> %2 kB").arg(before).arg(after)));
        // The headend serves on.
        QCOMPARE(authInit().status, 200);
    }

    void bodyWithoutLengthAndEndlessHeadRefused() {
        auto s = connectRaw();
        QVERIFY(s);
        s->write("POST /v1/auth/card HTTP/1.1\r\nHost: headend\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        QVERIFY(readAll(*s).startsWith("HTTP/1.1 411"));

        auto t = connectRaw();
        QVERIFY(t);
        t->write("POST /v1/auth/card HTTP/1.1\r\nHost: headend\r\n");
        for (int i = 0; i < 100 && t->state() == QAbstractSocket::ConnectedState; ++i) {
            t->write("X-Filler: " + QByteArray(1000, 'x') + "\r\n");
            t->waitForBytesWritten(1000);
        }
        const QByteArray answer = readAll(*t);
        QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(200).constData());

        auto u = connectRaw();
        QVERIFY(u);
        u->write("POST /v1/auth/card HTTP/1.1\r\nHost: headend\r\nContent-Length: 12\r\nContent-Length: 13\r\n\r\n");
        QVERIFY(readAll(*u).startsWith("HTTP/1.1 400"));
        QCOMPARE(authInit().status, 200);
    }

    // Keep-alive requests one after another on one connection still pass the gate (it follows their boundaries).
    void keptAliveRequestsPass() {
        auto s = connectRaw();
        QVERIFY(s);
        const QByteArray req = "POST /v1/auth/init HTTP/1.1\r\nHost: headend\r\nContent-Type: application/json\r\n"
                               "Content-Length: 2\r\n\r\n{}";
        s->write(req + req + req);
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (got.count("HTTP/1.1 200") < 3 && t.elapsed() < 10000) {
            s->waitForReadyRead(100);
            got += s->readAll();
        }
        QCOMPARE(got.count("HTTP/1.1 200"), 3);
    }

    void oneClientCannotHoldEveryAttempt() {
        // This headend allows 16 attempts in progress per address: 127.0.0.1 fills its share...
        int refusedAt = -1;
        for (int i = 0; i < 40 && refusedAt < 0; ++i) {
            const Reply r = authInit();
            if (r.status != 200) {
                QCOMPARE(r.status, 429);
                QCOMPARE(r.code(), QStringLiteral("too_many_attempts"));
                refusedAt = i;
            }
        }
        QVERIFY2(refusedAt >= 0 && refusedAt <= 16, qPrintable(QString::number(refusedAt)));
        // ...and a card behind another address still authenticates.
        const QByteArray got = rawAuthInit(QHostAddress(QStringLiteral("127.0.0.2")));
        QVERIFY2(got.startsWith("HTTP/1.1 200"), got.left(200).constData());
    }

    void oneClientCannotHoldEveryConnection() {
        const QHostAddress from(QStringLiteral("127.0.0.3"));
        std::vector<std::unique_ptr<QSslSocket>> held;
        for (int i = 0; i < 16; ++i) {
            held.push_back(connectRaw(from));
            QVERIFY(held.back());
        }
        QTest::qWait(300);
        // The 17th from the same address is closed at once; another address is served.
        auto extra = connectRaw(from);
        if (extra) {
            extra->waitForDisconnected(5000);
            QCOMPARE(extra->state(), QAbstractSocket::UnconnectedState);
        }
        QVERIFY(rawAuthInit(QHostAddress(QStringLiteral("127.0.0.4"))).startsWith("HTTP/1.1 200"));
        // Closing them gives the address its share back.
        held.clear();
        QTest::qWait(300);
        auto again = connectRaw(from);
        QVERIFY(again);
        QVERIFY(!again->waitForDisconnected(500));
    }

    // Issue 11: 50 idle TCP connections delayed an honest request by 2.4 s. Qt's TLS listener stopped accepting at
    // 30 connections in their handshake; connections that never say hello now wait beside honest ones, each
    // address within its share, until the handshake timeout closes them.
    void idleConnectionsDoNotHoldTheListener() {
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int a = 10; a < 14; ++a) {
            const QHostAddress from(QStringLiteral("127.0.0.%1").arg(a));
            for (int i = 0; i < 15; ++i) {
                auto s = std::make_unique<QTcpSocket>();
                QVERIFY(s->bind(from));
                s->connectToHost(QUrl(m_hd.base).host(), static_cast<quint16>(QUrl(m_hd.base).port()));
                QVERIFY(s->waitForConnected(5000));
                idle.push_back(std::move(s));
            }
        }
        QTest::qWait(300);
        // 60 never-finished handshakes: an honest terminal from another address is served (before: not for 60 s).
        const QByteArray got = rawAuthInit(QHostAddress(QStringLiteral("127.0.0.14")));
        QVERIFY2(got.startsWith("HTTP/1.1 200"), got.left(200).constData());
        // An address past its share with handshakes alone is closed at once, before any TLS work.
        for (int i = 0; i < 2; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            QVERIFY(s->bind(QHostAddress(QStringLiteral("127.0.0.10"))));
            s->connectToHost(QUrl(m_hd.base).host(), static_cast<quint16>(QUrl(m_hd.base).port()));
            QVERIFY(s->waitForConnected(5000));
            idle.push_back(std::move(s));
        }
        QVERIFY(idle.back()->waitForDisconnected(5000));
        QVERIFY(idle.front()->state() == QAbstractSocket::ConnectedState);
    }

    // Issue 16: 10 000 idle connections held ~750 MB. At --max-connections a new connection closes the one quiet
    // longest (an idle kept-alive connection first, else the oldest TLS handshake), so an honest terminal is always
    // let in and the headend holds no more than the cap.
    void connectionCapShedsTheQuietest() {
        hdtest::HeadendProcess hd;
        QVERIFY(hd.usePostgresIfAsked());
        hd.serveArgs = {QStringLiteral("--max-connections"),   QStringLiteral("24"),
                        QStringLiteral("--max-per-client"),    QStringLiteral("8"),
                        QStringLiteral("--handshake-seconds"), QStringLiteral("60")};
        QVERIFY2(hd.start(), qPrintable(hd.error));
        const QUrl url(hd.base);
        const auto tlsFrom = [&](const QHostAddress& from) {
            auto s = std::make_unique<QSslSocket>();
            s->setSslConfiguration(hd.tls);
            if (!s->bind(from))
                return std::unique_ptr<QSslSocket>();
            s->connectToHostEncrypted(url.host(), static_cast<quint16>(url.port()));
            if (!s->waitForEncrypted(10000))
                return std::unique_ptr<QSslSocket>();
            s->flush();
            return s;
        };
        const auto tcpFrom = [&](const QHostAddress& from) {
            auto s = std::make_unique<QTcpSocket>();
            if (!s->bind(from))
                return std::unique_ptr<QTcpSocket>();
            s->connectToHost(url.host(), static_cast<quint16>(url.port()));
            return s->waitForConnected(5000) ? std::move(s) : std::unique_ptr<QTcpSocket>();
        };
        const auto honest = [&](const QString& address) {
            auto s = tlsFrom(QHostAddress(address));
            if (!s)
                return QByteArray();
            s->write("POST /v1/auth/init HTTP/1.1\r\nHost: headend\r\nContent-Type: application/json\r\n"
                     "Content-Length: 2\r\n\r\n{}");
            QByteArray got;
            for (int i = 0; i < 100 && !got.contains("authId"); ++i) {
                s->waitForReadyRead(100);
                got += s->readAll();
            }
            return got;
        };
        const auto stillOpen = [](const auto& sockets) {
            QTest::qWait(500); // the headend's closes arrive
            return std::count_if(sockets.begin(), sockets.end(), [](const auto& s) {
                s->waitForReadyRead(1); // an end of stream is noticed on a read
                return s->state() == QAbstractSocket::ConnectedState;
            });
        };
        // 20 idle kept-alive TLS connections, then 20 that never say hello: 40 asked, 24 allowed.
        std::vector<std::unique_ptr<QSslSocket>> idle;
        for (int i = 0; i < 20; ++i) {
            idle.push_back(tlsFrom(QHostAddress(QStringLiteral("127.5.0.%1").arg(1 + i / 4))));
            QVERIFY(idle.back());
        }
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 20; ++i) {
            silent.push_back(tcpFrom(QHostAddress(QStringLiteral("127.6.0.%1").arg(1 + i / 4))));
            QVERIFY(silent.back());
        }
        QTest::qWait(300);
        QVERIFY2(honest(QStringLiteral("127.7.0.1")).startsWith("HTTP/1.1 200"), "an honest terminal was kept out");
        // The idle ones went first, the oldest first; every silent one still waits in its handshake.
        QCOMPARE(stillOpen(idle), 3);
        QCOMPARE(idle.front()->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(idle.back()->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(stillOpen(silent), 20);
        // With no idle connection left to close, the oldest handshakes go.
        idle.clear();
        QTest::qWait(300);
        for (int i = 0; i < 8; ++i) {
            silent.push_back(tcpFrom(QHostAddress(QStringLiteral("127.8.0.%1").arg(1 + i / 4))));
            QVERIFY(silent.back());
        }
        QVERIFY2(honest(QStringLiteral("127.7.0.2")).startsWith("HTTP/1.1 200"), "an honest terminal was kept out");
        QVERIFY(stillOpen(silent) <= 23);
        QCOMPARE(silent.front()->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(silent.back()->state(), QAbstractSocket::ConnectedState);
        const QByteArray log = hd.stop();
        QVERIFY2(log.contains("this one quiet longest"), log.right(2000).constData());
    }
};

QTEST_GUILESS_MAIN(TestHeadendHostile)
#include "TestHeadendHostile.moc"
