// Issue 14: carddesk-replay-card in a vpcd reader of the test pcscd. A plain PC/SC program (raw SCardTransmit
// through cardio's Qt-free link) gets the recorded answers, in recorded order, and 6F00 for a command the trace
// lacks.
#include "carddesk/cardio/link/Connection.h"
#include "carddesk/cardio/link/Context.h"

#include <carddesk/cardio/CardChannel.h>
#include <carddesk/cardio/TraceLog.h>

#include "support/CardProcess.h"

#include <carddesk/protocol/apdu/CommandSet.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QTemporaryDir>
#include <QtTest>

#include <thread>

using namespace carddesk;

namespace {

// The field's card: a chip serial, and a new challenge each time.
QByteArray fieldCard(const QByteArray& c) {
    static int challenge = 0;
    if (quint8(c[1]) == cdos::ins::GetChallenge)
        return QByteArray(8, char(0x40 + ++challenge)) + QByteArrayLiteral("\x90\x00");
    if (quint8(c[1]) == cdos::ins::GetData)
        return QByteArrayLiteral("\x01\x02\x03\x04\x05\x06\x07\x08\x90\x00");
    return QByteArrayLiteral("\x90\x00");
}

cdos::Bytes raw(const cdos::CommandApdu& c) {
    return c.serialize();
}

} // namespace

class TestReplayCardPcsc : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35966; // "CardDesk Reader B 00 01"
    const std::string m_reader = cdtest::readerForPort(kPort).toStdString();
    QTemporaryDir m_dir;

    static cdos::Bytes send(pcsc::Connection& connection, const cdos::Bytes& command) {
        return connection.transmit(command.data(), command.size());
    }

private slots:
    void rawTransmitGetsTheRecordedAnswer() {
        TraceLog log;
        FunctionCardChannel ch(QStringLiteral("Field reader"), {}, fieldCard, &log);
        ch.transmit(cdos::selectFid(cdos::fid::Mf));
        ch.transmit(cdos::getData(cdos::tag::ChipSerial));
        ch.transmit(cdos::getChallenge());
        ch.transmit(cdos::getChallenge());
        const QString path = m_dir.filePath(QStringLiteral("field.json"));
        QVERIFY(log.saveToFile(path, TraceLog::Format::Json));

        pcsc::Context context;
        QVERIFY(context.waitForNoCard(m_reader, std::chrono::seconds(10)));
        QProcess card;
        card.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        card.start(QStringLiteral(CARDDESK_REPLAY_CARD_BIN),
                   {QStringLiteral("--trace"), path, QStringLiteral("--port"), QString::number(kPort)});
        QVERIFY(card.waitForStarted(5000));
        QVERIFY(context.waitForCard(m_reader, std::chrono::seconds(10)));

        // A card that has just appeared can lose its first command to pcscd's power-up: retry the first one.
        pcsc::Connection connection;
        cdos::Bytes answer;
        for (int attempt = 0;; ++attempt) {
            try {
                connection.connect(context, m_reader);
                answer = send(connection, raw(cdos::selectFid(cdos::fid::Mf)));
                break;
            } catch (const pcsc::Error& e) {
                if (attempt == 30)
                    QFAIL(e.what());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        QCOMPARE(cdos::toHex(answer), std::string("9000"));
        const cdos::Bytes atr = connection.atr();
        QCOMPARE(std::string(atr.begin() + 3, atr.begin() + 7), std::string("CDOS"));
        QCOMPARE(cdos::toHex(send(connection, raw(cdos::getData(cdos::tag::ChipSerial)))),
                 std::string("01020304050607089000"));
        QCOMPARE(cdos::toHex(send(connection, raw(cdos::getChallenge()))), std::string("41414141414141419000"));
        QCOMPARE(cdos::toHex(send(connection, raw(cdos::getChallenge()))), std::string("42424242424242429000"));
        QCOMPARE(cdos::toHex(send(connection, raw(cdos::selectFid(0x3F01)))), std::string("6F00"));
        connection.disconnect();

        card.terminate();
        QVERIFY(card.waitForFinished(5000));
        QVERIFY(context.waitForNoCard(m_reader, std::chrono::seconds(10)));
    }

    void refusesANonTrace() {
        const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are not the exchanges you are looking for");
        f.close();
        QProcess card;
        card.start(QStringLiteral(CARDDESK_REPLAY_CARD_BIN), {QStringLiteral("--trace"), path});
        QVERIFY(card.waitForFinished(5000));
        QCOMPARE(card.exitCode(), 2);
        QVERIFY(card.readAllStandardError().contains("not a saved APDU trace"));
    }
};

QTEST_GUILESS_MAIN(TestReplayCardPcsc)
#include "TestReplayCardPcsc.moc"
