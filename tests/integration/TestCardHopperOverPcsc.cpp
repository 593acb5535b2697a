// The input hopper of carddesk-card over real PC/SC (issue 14): the host ejects a card with the FF E1 pseudo-APDU
// through SCardTransmit, pcscd sees it leave and the next blank card arrive; FF E2 counts the folders; a hopper
// killed with a card in the reader gives that same card back when it starts again.
#include "bench/PcscClient.h"
#include "support/CardProcess.h"

#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

namespace {

constexpr int kPort = 35964;

// With SCardGetStatusChange: until the card that was in `reader` has left it and a card that answers to reset is
// there. pcsc-lite's event counter (high word of the state) tells a new insertion even if both happened between
// two looks.
bool waitForNextCard(const std::string& reader, std::chrono::milliseconds timeout) {
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS)
        return false;
    SCARD_READERSTATE st{};
    st.szReader = reader.c_str();
    st.dwCurrentState = SCARD_STATE_UNAWARE;
    std::optional<DWORD> firstCounter;
    bool left = false, arrived = false;
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!arrived && std::chrono::steady_clock::now() < end) {
        const LONG rv = SCardGetStatusChange(ctx, 250, &st, 1);
        if (rv != SCARD_S_SUCCESS)
            continue;
        const DWORD ev = st.dwEventState, counter = ev >> 16;
        const bool present = (ev & SCARD_STATE_PRESENT) && !(ev & SCARD_STATE_MUTE);
        if (!firstCounter)
            firstCounter = counter;
        if (!(ev & SCARD_STATE_PRESENT) || counter != *firstCounter)
            left = true;
        arrived = left && present;
        st.dwCurrentState = ev & ~SCARD_STATE_CHANGED;
    }
    SCardReleaseContext(ctx);
    return arrived;
}

int filesIn(const QString& folder) {
    return int(QDir(folder).entryList(QDir::Files).size());
}

} // namespace

class TestCardHopperOverPcsc : public QObject {
    Q_OBJECT
    const std::string m_reader = cdtest::readerForPort(kPort).toStdString();

    cdos::Bytes chipSerial(cdbench::PcscClient& pcsc) {
        const auto r = pcsc.transmit(cdos::getData(cdos::tag::ChipSerial));
        if (r.sw != cdos::sw::Ok || r.data.size() != 8)
            return {};
        return r.data;
    }

private slots:
    void ejectRejectStatusAndRestart() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("hopper"));
        const QStringList threeBlanks{QStringLiteral("--hopper-blank"), QStringLiteral("3")};
        cdtest::CardProcess hopper;
        QVERIFY(hopper.startHopper(dir, kPort, threeBlanks));
        cdbench::PcscClient pcsc;
        pcsc.connectWhenReady(m_reader);
        const cdos::Bytes first = chipSerial(pcsc);
        QCOMPARE(first.size(), std::size_t(8));

        // Status: two blanks left in input, nothing finished yet.
        auto status = pcsc.transmit(cdos::hopperStatus());
        QCOMPARE(status.sw, cdos::sw::Ok);
        QCOMPARE(status.data, (cdos::Bytes{0x00, 0x02, 0x00, 0x00}));
        // Errors of the hopper's own commands; an FF command outside E0..EF is still the card OS's.
        QCOMPARE(pcsc.transmit(cdos::CommandApdu{0xFF, 0xE5, 0x00, 0x00, {}, -1}).sw, cdos::sw::InsNotSupported);
        QCOMPARE(pcsc.transmit(cdos::CommandApdu{0xFF, 0xE1, 0x02, 0x00, {}, -1}).sw, cdos::sw::WrongOffset);
        QCOMPARE(pcsc.transmit(cdos::CommandApdu{0xFF, 0xE1, 0x00, 0x01, {}, -1}).sw, cdos::sw::IncorrectP1P2);
        QCOMPARE(pcsc.transmit(cdos::CommandApdu{0xFF, 0xCA, 0x01, 0x0A, {}, 256}).sw, cdos::sw::ClaNotSupported);
        QCOMPARE(chipSerial(pcsc), first); // none of those took the card out

        // Card done: to the output stack, the next blank card comes in.
        QCOMPARE(pcsc.transmit(cdos::hopperEject(false)).sw, cdos::sw::Ok);
        QVERIFY(waitForNextCard(m_reader, std::chrono::seconds(10)));
        pcsc.connectWhenReady(m_reader);
        const cdos::Bytes second = chipSerial(pcsc);
        QCOMPARE(second.size(), std::size_t(8));
        QVERIFY(second != first);
        QCOMPARE(filesIn(dir + QStringLiteral("/output")), 1);

        // Reject: to the reject bin, the third card comes in.
        QCOMPARE(pcsc.transmit(cdos::hopperEject(true)).sw, cdos::sw::Ok);
        QVERIFY(waitForNextCard(m_reader, std::chrono::seconds(10)));
        pcsc.connectWhenReady(m_reader);
        const cdos::Bytes third = chipSerial(pcsc);
        QVERIFY(third.size() == 8 && third != first && third != second);
        status = pcsc.transmit(cdos::hopperStatus());
        QCOMPARE(status.sw, cdos::sw::Ok);
        QCOMPARE(status.data, (cdos::Bytes{0x00, 0x00, 0x01, 0x01}));
        QCOMPARE(filesIn(dir + QStringLiteral("/reject")), 1);

        // SIGKILL with the third card in the reader: started again (--hopper-blank makes nothing, a card is in the
        // reader), the same card comes back.
        pcsc.disconnect();
        hopper.kill();
        QCOMPARE(filesIn(dir + QStringLiteral("/reader")), 1);
        QCOMPARE(filesIn(dir + QStringLiteral("/input")), 0);
        QVERIFY(hopper.startHopper(dir, kPort, threeBlanks));
        pcsc.connectWhenReady(m_reader);
        QCOMPARE(chipSerial(pcsc), third);
        QCOMPARE(filesIn(dir + QStringLiteral("/input")), 0);

        // The last card done: the hopper is empty and the reader stays empty, until a card is put into input/.
        QCOMPARE(pcsc.transmit(cdos::hopperEject(false)).sw, cdos::sw::Ok);
        QVERIFY(pcsc.waitForNoCard(m_reader, std::chrono::seconds(10)));
        QVERIFY(!pcsc.waitForCard(m_reader, std::chrono::milliseconds(2500)));
        QVERIFY(QFile::rename(dir + QStringLiteral("/reject/blank-00002.img"),
                              dir + QStringLiteral("/input/blank-00002.img")));
        pcsc.connectWhenReady(m_reader);
        QCOMPARE(chipSerial(pcsc), second);
        pcsc.disconnect();
        hopper.stop(); // SIGTERM: the card stays in the reader folder
        QCOMPARE(hopper.process().exitCode(), 0);
        QCOMPARE(filesIn(dir + QStringLiteral("/reader")), 1);
        QCOMPARE(filesIn(dir + QStringLiteral("/output")), 2);
    }

    void imageAndHopperExcludeEachOther() {
        QProcess p;
        p.start(QStringLiteral(CARDDESK_CARD_BIN), {QStringLiteral("--image"), QStringLiteral("x.img"),
                                                    QStringLiteral("--hopper"), QStringLiteral("dir")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("--image and --hopper")));
    }
};

QTEST_GUILESS_MAIN(TestCardHopperOverPcsc)
#include "TestCardHopperOverPcsc.moc"
