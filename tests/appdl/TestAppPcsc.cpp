// Through real pcscd + vpcd + carddesk-card: install a 16 KB application (the bill-payment example padded), use
// it, delete it; and the loyalty example. The card is issued in process, then run by carddesk-card.
#include "AppDlSupport.h"
#include "bench/PcscClient.h"
#include "support/CardProcess.h"

#include <chrono>

using namespace appdltest;

class TestAppPcsc : public QObject {
    Q_OBJECT

private slots:
    void install16KbThroughPcsc() {
        IssuedCard c;
        const auto bill = padded(billApp(), 16 * 1024);
        const Bytes message = c.message(bill);
        const Bytes loyaltyMessage = c.message(loyaltyApp());
        c.card.close();

        cdtest::CardProcess proc;
        QVERIFY(proc.start(QString::fromStdString(c.card.path()), 35964));
        cdbench::PcscClient pcsc;
        const std::string reader = "Virtual PCD 00 01";
        QVERIFY(pcsc.waitForCard(reader, std::chrono::seconds(10)));
        pcsc.connect(reader);

        const auto apdus = ad::AppCommands::install(message);
        const auto t0 = std::chrono::steady_clock::now();
        ResponseApdu r;
        for (const auto& a : apdus) {
            r = pcsc.transmit(a);
            QCOMPARE(r.sw, std::uint16_t(0x9000));
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        qInfo("16 KB install through pcscd: %zu APDUs, %zu bytes, %.1f ms", apdus.size(), message.size(), ms);
        const Bytes seed(r.data.begin(), r.data.begin() + 16);

        QCOMPARE(pcsc.transmit(cdos::selectAid(kBillAid)).sw, std::uint16_t(0x9000));
        const Bytes pay = cardtest::hex("02"
                                        "20261126"
                                        "00000BB8"
                                        "32303030303030303032"
                                        "5245463030303033");
        QCOMPARE(pcsc.transmit(CommandApdu{0x80, 0x30, 0, 0, pay, 256}).data, cardtest::hex("0001"
                                                                                            "00000BB8"));
        QCOMPARE(pcsc.transmit(CommandApdu{0x80, 0x32, 1, 0, {}, 256}).data, pay);

        for (const auto& a : ad::AppCommands::install(loyaltyMessage))
            r = pcsc.transmit(a);
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(pcsc.transmit(cdos::selectAid(kLoyaltyAid)).sw, std::uint16_t(0x9000));
        QCOMPARE(pcsc.transmit(CommandApdu{0x80, 0x40, 0, 0,
                                           cardtest::hex("000003E8"
                                                         "4F52444552303031"),
                                           256})
                     .data,
                 cardtest::hex("00000032"
                               "00000032"));

        const Bytes cert = c.producer.buildDeleteCertificate(kBillAid, seed, c.identity).encode();
        for (const auto& a : ad::AppCommands::remove(cert))
            r = pcsc.transmit(a);
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(pcsc.transmit(cdos::selectAid(kBillAid)).sw, std::uint16_t(0x6A82));
        QCOMPARE(pcsc.transmit(cdos::selectAid(kLoyaltyAid)).sw, std::uint16_t(0x9000));
        QCOMPARE(pcsc.transmit(CommandApdu{0x80, 0x44, 0, 0, {}, 256}).data, cardtest::hex("00000032"
                                                                                           "00000032"
                                                                                           "0001"));
        pcsc.disconnect();
        proc.stop();
    }
};

QTEST_GUILESS_MAIN(TestAppPcsc)
#include "TestAppPcsc.moc"
