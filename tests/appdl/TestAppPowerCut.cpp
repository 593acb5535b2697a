// A power cut at every page write of an install (a 16 KB application: staged DF body, then the visible commit)
// and of a delete leaves the registry and the DFs consistent: the application is either fully there and works,
// or not there at all with its space erased and free, and the other application is untouched.
#include "AppDlSupport.h"

using namespace appdltest;

class TestAppPowerCut : public QObject {
    Q_OBJECT

    // Runs `op` on the image `start` with the n-th page write cut; false when op finished without a cut.
    static bool cutAt(IssuedCard& c, const Bytes& start, std::uint32_t n, const std::function<void()>& op) {
        c.card.close();
        cardtest::writeFile(c.card.path(), start);
        c.card.reopen();
        c.card.os->nvm().setPowerCutAt(n);
        bool cut = false;
        try {
            op();
        } catch (const cdos::card::PowerCut&) {
            cut = true;
        }
        c.card.reopen();
        return cut;
    }

    static Bytes balance(IssuedCard& c) {
        if (c.select(kLoyaltyAid) != 0x9000)
            return {};
        return c.tx(CommandApdu{0x80, 0x44, 0, 0, {}, 256}).data;
    }

private slots:
    void installCutAtEveryPageWrite() {
        IssuedCard c;
        QCOMPARE(c.install(loyaltyApp()).sw, std::uint16_t(0x9000));
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(CommandApdu{0x80, 0x40, 0, 0,
                                  cardtest::hex("00002710"
                                                "4F52444552303031"),
                                  256})
                     .sw,
                 std::uint16_t(0x9000));
        const Bytes loyalty = balance(c);
        const auto app = padded(billApp(), 16 * 1024);
        const Bytes message = c.message(app);
        const auto apdus = ad::AppCommands::install(message);
        const Bytes start = c.card.image();

        const std::uint32_t w0 = c.card.os->nvm().pageWrites();
        QCOMPARE(c.install(message).sw, std::uint16_t(0x9000));
        const std::uint32_t writes = c.card.os->nvm().pageWrites() - w0;
        qInfo("16 KB install: %zu APDUs, %u page writes", apdus.size(), writes);
        QVERIFY(writes > 60);

        int installed = 0, absent = 0;
        for (std::uint32_t n = 1; n <= writes; ++n) {
            QVERIFY(cutAt(c, start, n, [&] { c.sendAll(apdus); }));
            const QString problem = consistency(*c.card.os);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(problem)));
            QCOMPARE(balance(c), loyalty);
            if (c.select(kBillAid) == 0x9000) {
                ++installed;
                QCOMPARE(c.tx(CommandApdu{0x80, 0x34, 0, 0, {}, 256}).sw, std::uint16_t(0x9000));
            } else {
                ++absent;
                QCOMPARE(c.registry().size(), std::size_t(1));
                QCOMPARE(c.install(message).sw, std::uint16_t(0x9000)); // the space was given back
                QCOMPARE(c.select(kBillAid), std::uint16_t(0x9000));
            }
        }
        qInfo("cuts leaving the application installed: %d, absent: %d", installed, absent);
        QVERIFY(installed > 0 && absent > 0);
    }

    void deleteCutAtEveryPageWrite() {
        IssuedCard c;
        QCOMPARE(c.install(loyaltyApp()).sw, std::uint16_t(0x9000));
        const Bytes loyalty = balance(c);
        const ResponseApdu r = c.install(padded(billApp(), 8 * 1024));
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        const Bytes cert =
            c.producer.buildDeleteCertificate(kBillAid, Bytes(r.data.begin(), r.data.begin() + 16), c.identity)
                .encode();
        const Bytes start = c.card.image();
        const std::uint32_t w0 = c.card.os->nvm().pageWrites();
        QCOMPARE(c.remove(cert).sw, std::uint16_t(0x9000));
        const std::uint32_t writes = c.card.os->nvm().pageWrites() - w0;
        qInfo("delete of an 8 KB application: %u page writes", writes);
        int kept = 0, gone = 0;
        for (std::uint32_t n = 1; n <= writes; ++n) {
            QVERIFY(cutAt(c, start, n, [&] { c.remove(cert); }));
            const QString problem = consistency(*c.card.os);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(problem)));
            QCOMPARE(balance(c), loyalty);
            if (c.select(kBillAid) == 0x9000) {
                ++kept;
                QCOMPARE(c.tx(CommandApdu{0x80, 0x34, 0, 0, {}, 256}).sw, std::uint16_t(0x9000));
                QCOMPARE(c.remove(cert).sw, std::uint16_t(0x9000));
            } else {
                ++gone;
                QCOMPARE(c.registry().size(), std::size_t(1));
            }
        }
        qInfo("cuts leaving the application: %d, deleted: %d", kept, gone);
        QVERIFY(kept > 0 && gone > 0);
    }
};

QTEST_GUILESS_MAIN(TestAppPowerCut)
#include "TestAppPowerCut.moc"
