// The real carddesk-card program against a fake vpcd (a QTcpServer speaking vpcd's 2-byte length framing): power
// on, ATR, APDUs, reset, reconnection after the reader side goes away, SIGTERM, a damaged image, a flipped bit in a
// page, and the power-cut hook.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/apdu/SecureMessaging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <memory>

using cdos::Bytes;

namespace {

const Bytes kDevBlankKey = *cdos::fromHex("404142434445464748494A4B4C4D4E4F");

// vpcd's side of the link.
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
    void send(const Bytes& body) {
        QByteArray frame;
        frame.append(static_cast<char>(body.size() >> 8));
        frame.append(static_cast<char>(body.size() & 0xFF));
        frame.append(reinterpret_cast<const char*>(body.data()), static_cast<qsizetype>(body.size()));
        m_socket->write(frame);
        m_socket->flush();
    }
    // The next frame from the card, or nullopt when none comes (or the card went away).
    std::optional<Bytes> receive(int ms = 3000) {
        if (!readAtLeast(2, ms))
            return std::nullopt;
        const QByteArray head = m_socket->read(2);
        const int n = (static_cast<std::uint8_t>(head[0]) << 8) | static_cast<std::uint8_t>(head[1]);
        if (!readAtLeast(n, ms))
            return std::nullopt;
        const QByteArray body = m_socket->read(n);
        return Bytes(body.begin(), body.end());
    }
    cdos::ResponseApdu transmit(const Bytes& apdu) {
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

Bytes hex(const char* h) {
    return *cdos::fromHex(h);
}

} // namespace

class TestVpcdLink : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static QStringList args(const QString& image, quint16 port, const QStringList& extra = {}) {
        return QStringList{QStringLiteral("--image"), image,
                           QStringLiteral("--port"),  QString::number(port),
                           QStringLiteral("--host"),  QStringLiteral("127.0.0.1")} +
               extra;
    }
    static void stop(QProcess& p) {
        if (p.state() == QProcess::NotRunning)
            return;
        p.terminate();
        if (!p.waitForFinished(3000)) {
            p.kill();
            p.waitForFinished(3000);
        }
    }

private slots:
    void insertedCardAnswers() {
        FakeVpcd vpcd;
        QVERIFY(vpcd.listen());
        QProcess card;
        card.start(QStringLiteral(CARDDESK_CARD_BIN), args(m_dir.filePath(QStringLiteral("a.img")), vpcd.port()));
        QVERIFY(card.waitForStarted());
        QVERIFY2(vpcd.waitForCard(), "the card did not connect");
        vpcd.send(Bytes{0x01}); // power on: no answer
        vpcd.send(Bytes{0x04}); // ATR
        const auto atr = vpcd.receive();
        QVERIFY(atr);
        QCOMPARE(*atr, cdos::buildAtr(cdos::LifeCycle::Blank));
        QCOMPARE((*atr)[0], std::uint8_t(0x3B));
        QVERIFY((*atr)[1] & 0x80);        // TD1 present
        QCOMPARE((*atr)[2] & 0x0F, 0x01); // T=1 offered
        const std::string historical(atr->begin() + 3, atr->end() - 1);
        QVERIFY(historical.find("CDOS") != std::string::npos);
        QCOMPARE(vpcd.transmit(hex("00A4000C023F00")).sw, std::uint16_t(0x9000));
        const auto fcp = vpcd.transmit(hex("00A4040000"));
        QCOMPARE(fcp.sw, std::uint16_t(0x9000));
        QVERIFY(cdos::Fcp::decode(fcp.data));
        QCOMPARE(vpcd.transmit(hex("0084")).sw, std::uint16_t(0x6700)); // too short, but answered
        QCOMPARE(vpcd.transmit(hex("80CA010500")).data, (Bytes{'C', 'D', 'O', 'S', ' ', '1', '.', '0'}));
        Bytes big = hex("00D6000000"); // extended-length APDU of 4 KB
        cdos::putU16(big, 4096);
        big.resize(big.size() + 4096, 0x5A);
        QCOMPARE(vpcd.transmit(big).sw, std::uint16_t(0x6A82)); // no current EF, but it was understood
        vpcd.send(Bytes{0x02});                                 // reset: no answer
        QCOMPARE(vpcd.transmit(hex("0084000008")).data.size(), std::size_t(8));
        // Round trips: many APDUs, each answered once.
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 500; ++i)
            QCOMPARE(vpcd.transmit(hex("80CA010400")).sw, std::uint16_t(0x9000));
        qInfo("500 APDUs over the vpcd link in %lld ms", static_cast<long long>(t.elapsed()));
        QVERIFY(t.elapsed() < 5000); // no 40 ms delayed-ACK stalls
        stop(card);
        QCOMPARE(card.exitStatus(), QProcess::NormalExit);
        QCOMPARE(card.exitCode(), 0);
        const QString log = QString::fromUtf8(card.readAllStandardError());
        QVERIFY2(log.contains(QStringLiteral("connected to vpcd")), qPrintable(log));
    }

    // pcscd goes away and comes back (restart): the card reconnects by itself, keeping its NVM.
    void reconnectsWhenTheReaderComesBack() {
        FakeVpcd vpcd;
        QVERIFY(vpcd.listen());
        const quint16 port = vpcd.port();
        QProcess card;
        card.start(QStringLiteral(CARDDESK_CARD_BIN), args(m_dir.filePath(QStringLiteral("b.img")), port));
        QVERIFY(card.waitForStarted());
        QVERIFY(vpcd.waitForCard());
        vpcd.send(Bytes{0x04});
        QVERIFY(vpcd.receive());
        const Bytes serial = vpcd.transmit(hex("80CA010A00")).data;
        QCOMPARE(serial.size(), std::size_t(8));
        vpcd.closeAll();
        QTest::qWait(1500);
        FakeVpcd again;
        QVERIFY(again.listen(port));
        QVERIFY2(again.waitForCard(5000), "the card did not come back");
        again.send(Bytes{0x01});
        again.send(Bytes{0x04});
        QCOMPARE(again.receive(), std::optional<Bytes>(cdos::buildAtr(cdos::LifeCycle::Blank)));
        QCOMPARE(again.transmit(hex("80CA010A00")).data, serial);
        stop(card);
        QCOMPARE(card.exitCode(), 0);
        const QString log = QString::fromUtf8(card.readAllStandardError());
        QCOMPARE(log.count(QStringLiteral("connected to vpcd")), 2);
        QCOMPARE(log.count(QStringLiteral("(card removed); reconnecting")), 1);
    }

    void waitsForTheReader() {
        FakeVpcd probe;
        QVERIFY(probe.listen());
        const quint16 port = probe.port();
        probe.closeAll(); // nobody listens there now
        QProcess card;
        card.start(QStringLiteral(CARDDESK_CARD_BIN), args(m_dir.filePath(QStringLiteral("c.img")), port));
        QVERIFY(card.waitForStarted());
        QTest::qWait(1200);
        QCOMPARE(card.state(), QProcess::Running);
        FakeVpcd vpcd;
        QVERIFY(vpcd.listen(port));
        QVERIFY(vpcd.waitForCard(5000));
        vpcd.send(Bytes{0x04});
        QVERIFY(vpcd.receive());
        stop(card);
        QCOMPARE(card.exitCode(), 0);
    }

    void damagedImageRefusesToStart() {
        const QString image = m_dir.filePath(QStringLiteral("damaged.img"));
        QFile f(image);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        QProcess card;
        card.start(QStringLiteral(CARDDESK_CARD_BIN), args(image, 1));
        QVERIFY(card.waitForFinished(5000));
        QCOMPARE(card.exitCode(), 2);
        const QString log = QString::fromUtf8(card.readAllStandardError());
        QVERIFY2(log.contains(QStringLiteral("not a CardDesk card image")), qPrintable(log));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(4096, 'x')); // left as it was
    }

    // One bit flipped in a user page (card/README.md "Page check values"): the card does not start, says which page,
    // and leaves the file alone.
    void flippedBitRefusesToStart() {
        const QString image = m_dir.filePath(QStringLiteral("flipped.img"));
        FakeVpcd vpcd;
        QVERIFY(vpcd.listen());
        QProcess card;
        card.start(QStringLiteral(CARDDESK_CARD_BIN), args(image, vpcd.port()));
        QVERIFY(card.waitForStarted());
        QVERIFY(vpcd.waitForCard()); // made and formatted
        stop(card);
        QCOMPARE(card.exitCode(), 0);
        QFile f(image);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray content = f.readAll();
        content[511 * 256 + 17] = static_cast<char>(content[511 * 256 + 17] ^ 0x04); // the MF's free space
        QVERIFY(f.seek(0));
        f.write(content);
        f.close();
        QProcess again;
        again.start(QStringLiteral(CARDDESK_CARD_BIN), args(image, vpcd.port()));
        QVERIFY(again.waitForFinished(5000));
        QCOMPARE(again.exitCode(), 2);
        const QString log = QString::fromUtf8(again.readAllStandardError());
        QVERIFY2(log.contains(QStringLiteral("page 511 (bytes 130816-131071) fails its check value")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("left as it is")), qPrintable(log));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    // --power-cut-at: the card dies in the middle of a page write, without answering; the image is fine after.
    void powerCutHook() {
        const QString image = m_dir.filePath(QStringLiteral("cut.img"));
        FakeVpcd vpcd;
        QVERIFY(vpcd.listen());
        QProcess card;
        card.start(QStringLiteral(CARDDESK_CARD_BIN),
                   args(image, vpcd.port(), {QStringLiteral("--power-cut-at"), QStringLiteral("2")}));
        QVERIFY(card.waitForStarted());
        QVERIFY(vpcd.waitForCard());
        vpcd.send(Bytes{0x01});
        cdos::IssuerSmSession sm{cdos::SecretBytes(kDevBlankKey)};
        sm.start(vpcd.transmit(hex("0084000008")).data);
        cdos::Fcp ef{0x0010, cdos::FileType::Transparent, 32, 0, 0, 1, {}, 0, 0, 0};
        vpcd.send(sm.wrap(cdos::CommandApdu{0x80, 0xE0, 0, 0, ef.encode(), -1}).serialize());
        QVERIFY(!vpcd.receive(3000)); // no answer: the card lost power
        QVERIFY(card.waitForFinished(5000));
        QCOMPARE(card.exitCode(), 3);
        QVERIFY(vpcd.cardGone());

        FakeVpcd again;
        QVERIFY(again.listen());
        QProcess back;
        back.start(QStringLiteral(CARDDESK_CARD_BIN), args(image, again.port()));
        QVERIFY(back.waitForStarted());
        QVERIFY(again.waitForCard());
        again.send(Bytes{0x04});
        QCOMPARE(again.receive(), std::optional<Bytes>(cdos::buildAtr(cdos::LifeCycle::Blank)));
        QCOMPARE(again.transmit(hex("00A4000C020010")).sw, std::uint16_t(0x6A82)); // the cut CREATE never happened
        stop(back);
        QCOMPARE(back.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestVpcdLink)
#include "TestVpcdLink.moc"
