// Crypto of both roles: what one side makes, the other recomputes; every input byte of every MAC and TAC counts;
// the published example (spec page) as an EP load; the new record formats round-trip.
#include "EPurseTestSupport.h"

#include "carddesk/protocol/crypto/Crypto.h"

using namespace eptest;

class TestEPurseCrypto : public QObject {
    Q_OBJECT
    const Bytes loadKey = cardtest::hex("11223344556677888877665544332211");
    const Bytes purchaseKey = cardtest::hex("22334455667788999988776655443322");
    const Bytes tacSub = cardtest::hex("33445566778899AAAA99887766554433");

private slots:
    void publishedExampleAsEpLoad() {
        const Bytes random = cardtest::hex("11223344");
        const Bytes session = loadSessionKey(loadKey, random, 0);
        QCOMPARE(session, cardtest::hex("9B1D924E05595603"));
        const TerminalId t{0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
        // The published example is an ED load (type 01); the same numbers hold for it.
        QCOMPARE(loadMac1(session, 0, 0x1000, 0x01, t), cardtest::hex("2988AE5A"));
        QCOMPARE(loadMac2(session, 0x1000, 0x01, t, bcdDate(2011, 12, 21), bcdTime(21, 48, 22)),
                 cardtest::hex("3A845BF0"));
        // An EP load (type 02) computes the same way and gives another MAC.
        QVERIFY(loadMac1(session, 0, 0x1000, 0x02, t) != cardtest::hex("2988AE5A"));
    }

    // Each MAC is a single-DES CBC-MAC of exactly the documented fields: recompute it by hand.
    void macsAreTheDocumentedFields() {
        const Bytes s = cardtest::hex("0102030405060708");
        Bytes in;
        cdos::putU32(in, 500);
        cdos::putU32(in, 100);
        in.push_back(2);
        in.insert(in.end(), kTerminal.begin(), kTerminal.end());
        Bytes m = cdos::crypto::desCbcMac(s, in);
        m.resize(4);
        QCOMPARE(loadMac1(s, 500, 100, 2, kTerminal), m);

        Bytes p;
        cdos::putU32(p, 100);
        p.push_back(6);
        p.insert(p.end(), kTerminal.begin(), kTerminal.end());
        p.insert(p.end(), kDate.begin(), kDate.end());
        p.insert(p.end(), kTime.begin(), kTime.end());
        m = cdos::crypto::desCbcMac(s, p);
        m.resize(4);
        QCOMPARE(purchaseMac1(s, 100, 6, kTerminal, kDate, kTime), m);

        const Bytes tk = tacKey(tacSub);
        Bytes x(8);
        for (int i = 0; i < 8; ++i)
            x[i] = tacSub[i] ^ tacSub[i + 8];
        QCOMPARE(tk, x);
    }

    // Every input of every MAC/TAC changes the result.
    void everyInputCounts() {
        const Bytes s = loadSessionKey(loadKey, cardtest::hex("A1B2C3D4"), 7);
        const Bytes tk = tacKey(tacSub);
        TerminalId t2 = kTerminal;
        t2[5] ^= 1;
        const Bcd4 d2 = bcdDate(2026, 11, 27);
        const Bcd3 h2 = bcdTime(2, 30, 16);

        const Bytes l1 = loadMac1(s, 10, 20, 2, kTerminal);
        QVERIFY(l1 != loadMac1(s, 11, 20, 2, kTerminal));
        QVERIFY(l1 != loadMac1(s, 10, 21, 2, kTerminal));
        QVERIFY(l1 != loadMac1(s, 10, 20, 1, kTerminal));
        QVERIFY(l1 != loadMac1(s, 10, 20, 2, t2));
        const Bytes l2 = loadMac2(s, 20, 2, kTerminal, kDate, kTime);
        QVERIFY(l2 != loadMac2(s, 21, 2, kTerminal, kDate, kTime));
        QVERIFY(l2 != loadMac2(s, 20, 2, t2, kDate, kTime));
        QVERIFY(l2 != loadMac2(s, 20, 2, kTerminal, d2, kTime));
        QVERIFY(l2 != loadMac2(s, 20, 2, kTerminal, kDate, h2));
        const Bytes lt = loadTac(tk, 30, 7, 20, 2, kTerminal, kDate, kTime);
        QVERIFY(lt != loadTac(tk, 31, 7, 20, 2, kTerminal, kDate, kTime));
        QVERIFY(lt != loadTac(tk, 30, 8, 20, 2, kTerminal, kDate, kTime));
        QVERIFY(lt != loadTac(tk, 30, 7, 20, 2, kTerminal, d2, kTime));

        const Bytes ps = purchaseSessionKey(purchaseKey, cardtest::hex("A1B2C3D4"), 7, 0x12345678);
        QVERIFY(ps != purchaseSessionKey(purchaseKey, cardtest::hex("A1B2C3D4"), 8, 0x12345678));
        QVERIFY(ps != purchaseSessionKey(purchaseKey, cardtest::hex("A1B2C3D5"), 7, 0x12345678));
        QVERIFY(ps != purchaseSessionKey(purchaseKey, cardtest::hex("A1B2C3D4"), 7, 0x12345679));
        // Only the low two bytes of the terminal serial enter the session key.
        QCOMPARE(ps, purchaseSessionKey(purchaseKey, cardtest::hex("A1B2C3D4"), 7, 0x99995678));
        const Bytes p1 = purchaseMac1(ps, 20, 6, kTerminal, kDate, kTime);
        QVERIFY(p1 != purchaseMac1(ps, 21, 6, kTerminal, kDate, kTime));
        QVERIFY(p1 != purchaseMac1(ps, 20, 6, t2, kDate, kTime));
        QVERIFY(p1 != purchaseMac1(ps, 20, 6, kTerminal, kDate, h2));
        QVERIFY(purchaseMac2(ps, 20) != purchaseMac2(ps, 21));
        const Bytes pt = purchaseTac(tk, 20, 6, kTerminal, 0x12345678, kDate, kTime);
        QVERIFY(pt != purchaseTac(tk, 20, 6, kTerminal, 0x12345679, kDate, kTime));
        QVERIFY(pt != purchaseTac(tk, 21, 6, kTerminal, 0x12345678, kDate, kTime));
        QVERIFY(pt != purchaseTac(tk, 20, 6, t2, 0x12345678, kDate, kTime));

        const Bytes pinKey = cardtest::hex("445566778899AABBBBAA998877665544");
        const Bytes challenge = cardtest::hex("0102030405060708");
        const Bytes pin = reloadPinCryptogram(pinKey, "1234");
        QCOMPARE(pin.size(), std::size_t(8));
        QVERIFY(pin != cdos::pinBlock("1234")); // never in clear
        QCOMPARE(cdos::crypto::des3EcbDecrypt(pinKey, pin), cdos::pinBlock("1234"));
        const Bytes r = reloadPinMac(pinKey, challenge, 1, pin);
        QCOMPARE(r.size(), std::size_t(4));
        QVERIFY(r != reloadPinMac(pinKey, challenge, 2, pin));
        QVERIFY(r != reloadPinMac(pinKey, challenge, 1, reloadPinCryptogram(pinKey, "1235")));
        QVERIFY(r != reloadPinMac(pinKey, cardtest::hex("0102030405060709"), 1, pin)); // bound to the challenge
    }

    // Terminal and card sides against each other through a real issued card: the card checks the terminal's MAC1
    // (purchase) and MAC2 (load); the terminal checks the card's MAC1 (load), MAC2 (purchase) and both TACs.
    void bothRolesAgree() {
        IssuedCard c;
        auto t = c.terminal();
        t.selectPurse();
        t.verifyPin(1, "1234");
        const auto l = t.load(5000, kDate, kTime);
        QVERIFY(l.tacVerified);
        const auto p = t.purchase(1234, 0xCAFE0001, kDate, kTime);
        QVERIFY(p.mac2Verified);
        QVERIFY(p.tacVerified);
        QCOMPARE(p.balanceAfter, std::uint32_t(5000 - 1234));
        // The host side recomputes the purchase TAC with the TAC key diversified from the master.
        const auto keys = c.purseKeys();
        QCOMPARE(p.tac,
                 purchaseTac(tacKey(keys.tac->reveal("test").bytes()), 1234, 6, kTerminal, 0xCAFE0001, kDate, kTime));
        // A terminal with another card's keys: the load's MAC1 is refused before anything is credited.
        PurseTerminal other(c.transmitter(), kTerminal,
                            PurseKeys::fromIssuer(c.keys, cardtest::hex("0000000000000099")));
        other.selectPurse();
        try {
            other.load(100, kDate, kTime);
            QFAIL("a wrong load key must be noticed");
        } catch (const PurseError& e) {
            QCOMPARE(e.sw, std::uint16_t(0x9302));
        }
        QCOMPARE(t.balance(), std::uint32_t(5000 - 1234));
    }

    void recordsRoundTrip() {
        LastTransaction l{6, 0x1234, 0xDEADBEEF, kTerminal, kDate, kTime, 999};
        const Bytes b = l.encode();
        QCOMPARE(b.size(), LastTransaction::kSize);
        const auto d = LastTransaction::decode(b);
        QVERIFY(d);
        QCOMPARE(d->encode(), b);
        QCOMPARE(d->terminalSerial, 0xDEADBEEFu);
        QVERIFY(!LastTransaction::decode(Bytes(23)));
        cdos::PurseParams pp{5000, 300, true, true};
        const auto back = cdos::PurseParams::decode(pp.encode());
        QVERIFY(back && back->loadNeedsPin && back->proveCounterAfter && back->overdraftLimit == 300);
        QVERIFY(!cdos::PurseParams{}.encode()[7]);
    }
};

QTEST_GUILESS_MAIN(TestEPurseCrypto)
#include "TestEPurseCrypto.moc"
