// cardio's Qt-free PC/SC core against the real pcscd + vpcd + carddesk-card: readers by name, waiting for a card
// to come and go, SELECT, the refused short command, and a card that stops mid-session reported as gone.
#include "carddesk/cardio/link/Connection.h"
#include "carddesk/cardio/link/Context.h"

#include "support/CardProcess.h"

#include <carddesk/protocol/perso/Personaliser.h>

#include <QTemporaryDir>
#include <QtTest>

#include <pcsclite.h>

#include <algorithm>
#include <thread>

using namespace carddesk::pcsc;

class TestPcscLink : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35966; // "CardDesk Reader B 00 01"
    const std::string m_reader = cdtest::readerForPort(kPort).toStdString();
    QTemporaryDir m_dir;

    // A card that has just appeared can lose its first command to pcscd's power-up of it: connect and SELECT MF
    // until it answers.
    static cdos::ResponseApdu selectMf(const Context& context, Connection& connection, const std::string& reader) {
        for (int attempt = 0;; ++attempt) {
            try {
                connection.connect(context, reader);
                return connection.transmit(cdos::selectFid(cdos::fid::Mf));
            } catch (const Error&) {
                if (attempt == 30)
                    throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

private slots:
    void classification() {
        QCOMPARE(classify(SCARD_W_REMOVED_CARD), Error::Kind::CardGone);
        QCOMPARE(classify(SCARD_E_NO_SMARTCARD), Error::Kind::NoCard);
        QCOMPARE(classify(SCARD_E_NO_SERVICE), Error::Kind::NoService);
        QCOMPARE(classify(SCARD_F_COMM_ERROR), Error::Kind::NoService); // a killed pcscd's stale socket (issue 16)
        QCOMPARE(classify(SCARD_E_UNKNOWN_READER), Error::Kind::UnknownReader);
        QCOMPARE(classify(SCARD_W_RESET_CARD), Error::Kind::Reset);
        QCOMPARE(classify(SCARD_E_SHARING_VIOLATION), Error::Kind::SharingViolation);
        QCOMPARE(classify(SCARD_W_UNRESPONSIVE_CARD), Error::Kind::Unresponsive);
        QCOMPARE(classify(SCARD_F_INTERNAL_ERROR), Error::Kind::Other);
        const Error e(SCARD_W_REMOVED_CARD, "transmit");
        QCOMPARE(e.kind(), Error::Kind::CardGone);
        QCOMPARE(e.code(), long(SCARD_W_REMOVED_CARD));
        QVERIFY(std::string(e.what()).starts_with("transmit: "));
    }

    void readersByName() {
        Context context;
        const auto names = context.readers();
        QVERIFY(std::find(names.begin(), names.end(), m_reader) != names.end());
        QVERIFY(std::find(names.begin(), names.end(), "Virtual PCD 00 00") != names.end());
        QCOMPARE(context.findReader("Reader B 00 01"), std::optional<std::string>(m_reader));
        QCOMPARE(context.findReader("no such reader"), std::optional<std::string>());
    }

    void cardComesAnswersAndGoes() {
        Context context;
        QVERIFY(context.waitForNoCard(m_reader, std::chrono::seconds(10)));
        QVERIFY(!context.waitForCard(m_reader, std::chrono::milliseconds(300)));   // empty: the wait times out
        QVERIFY(context.waitForNoCard("no such reader", std::chrono::seconds(2))); // a reader not there holds none

        cdtest::CardProcess card;
        QVERIFY(card.start(m_dir.filePath(QStringLiteral("link.img")), kPort));
        QVERIFY(context.waitForCard(m_reader, std::chrono::seconds(10)));

        Connection connection;
        QCOMPARE(selectMf(context, connection, m_reader).sw, std::uint16_t(0x9000));
        QVERIFY(connection.connected());
        QCOMPARE(connection.reader(), m_reader);
        QVERIFY(connection.cardPresent());
        const cdos::Bytes atr = connection.atr();
        QVERIFY(atr.size() >= 7);
        QCOMPARE(std::string(atr.begin() + 3, atr.begin() + 7), std::string("CDOS"));
        // The same through a cdos::Transmit, as the protocol classes use it.
        QCOMPARE(connection.transmitter()(cdos::getData(cdos::tag::LifeCycleTag)).sw, std::uint16_t(0x9000));

        // vpcd would read a 1-byte message as a control byte and hang pcscd: never sent.
        const std::uint8_t shortCommand[] = {0x00, 0xA4, 0x00};
        try {
            connection.transmit(shortCommand, sizeof shortCommand);
            QFAIL("a 3-byte command was sent");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), Error::Kind::Malformed);
        }
        QCOMPARE(connection.transmit(cdos::selectFid(cdos::fid::Mf)).sw, std::uint16_t(0x9000)); // still answers

        // The card stops mid-session: the next command reports it gone, not a status word.
        card.kill();
        try {
            const auto r = connection.transmit(cdos::getChallenge());
            QFAIL(qPrintable(QStringLiteral("a stopped card answered %1").arg(r.sw, 4, 16)));
        } catch (const Error& e) {
            QCOMPARE(e.kind(), Error::Kind::CardGone);
            QVERIFY2(std::string(e.what()).starts_with("transmit"), e.what());
        }
        QVERIFY(!connection.cardPresent());
        QVERIFY(context.waitForNoCard(m_reader, std::chrono::seconds(10)));
        connection.disconnect();
        QVERIFY(!connection.connected());
        try {
            connection.connect(context, m_reader);
            QFAIL("connected to an empty reader");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), Error::Kind::NoCard);
        }
    }

    // The console's watcher ends a long statusChange() from another thread.
    void cancelEndsAWait() {
        Context context;
        std::vector<SCARD_READERSTATE> states(1);
        states[0].szReader = m_reader.c_str();
        states[0].dwCurrentState = SCARD_STATE_UNAWARE;
        QCOMPARE(context.statusChange(states, 0), long(SCARD_S_SUCCESS));
        states[0].dwCurrentState = states[0].dwEventState & ~SCARD_STATE_CHANGED;
        std::thread canceller([&context] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            context.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        const long rv = context.statusChange(states, 10000);
        canceller.join();
        QCOMPARE(rv, long(SCARD_E_CANCELLED));
        QVERIFY(timer.elapsed() < 5000);
    }
};

QTEST_GUILESS_MAIN(TestPcscLink)
#include "TestPcscLink.moc"
