// The CA application on an in-process issued card: ECM → CWs for the entitled user (equal to the headend's),
// refusals with their own status words, the VOD purchase binding, menu edits and the diagnostics.
#include "CaTestSupport.h"

using namespace catest;
using cdos::ecm::Ecm;

class TestCaCard : public QObject {
    Q_OBJECT

    static Bytes ecmOf(const CaCard& c, std::uint32_t period, std::uint16_t package = kPackage, std::uint16_t vod = 0) {
        return Ecm::build(header(period, package, vod), cwsFor(period), c.serviceKey().bytes());
    }
    static Bytes expectedCws(std::uint32_t period) {
        const auto cw = cwsFor(period);
        Bytes b = cw.even.bytes();
        cdos::append(b, cw.odd.bytes());
        return b;
    }

private slots:
    void entitledUserGetsTheHeadendsCws() {
        CaCard c;
        c.selectCa();
        c.verify(1);
        for (std::uint32_t p = 5; p < 8; ++p) {
            const auto r = c.tx(processEcm(kToday, ecmOf(c, p)));
            QCOMPARE(r.sw, std::uint16_t{0x9000});
            QCOMPARE(r.data, expectedCws(p));
        }
        // The same ECM again (a repetition after a change of user) is still answered.
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 7))).sw, std::uint16_t{0x9000});
    }

    void refusals() {
        CaCard c;
        c.selectCa();
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 1))).sw, std::uint16_t{0x6982}); // nobody verified
        c.verify(2); // another user of the same card, without package 0x10
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 1))).sw, sw::NotEntitled);
        c.verify(3); // right expired at the end of 2025
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 1))).sw, sw::NotEntitled);
        c.verify(1);
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 1, 0x11))).sw, sw::NotEntitled); // other package
        QCOMPARE(c.tx(processEcm(20270105, ecmOf(c, 1))).sw, sw::NotEntitled);     // after the end date
        // A refused ECM does not move the card's clock, so today still works.
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 1))).sw, std::uint16_t{0x9000});
        Bytes bad = ecmOf(c, 2);
        bad[20] ^= 0x01;
        QCOMPARE(c.tx(processEcm(kToday, bad)).sw, sw::EcmBadMac);
        auto h = header(2);
        h.serviceKeyVersion = 2;
        QCOMPARE(c.tx(processEcm(kToday, Ecm::build(h, cwsFor(2), c.serviceKey().bytes()))).sw, sw::EcmUnknownKey);
        h = header(2);
        h.serviceKeyId = 3; // no CA_SERVICE_3 on the card
        QCOMPARE(c.tx(processEcm(kToday, Ecm::build(h, cwsFor(2), c.serviceKey().bytes()))).sw, sw::EcmUnknownKey);
        // A right key id with another key's value is a bad MAC, not a known key.
        QCOMPARE(c.tx(processEcm(kToday, Ecm::build(header(2), cwsFor(2), c.serviceKey(2).bytes()))).sw, sw::EcmBadMac);
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 9))).sw, std::uint16_t{0x9000});
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 8))).sw, sw::EcmReplay); // older than the last accepted
        c.reopen();                                                        // the floor survives a power cycle
        c.selectCa();
        c.verify(1);
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 8))).sw, sw::EcmReplay);
        QCOMPARE(c.tx(processEcm(kToday, ecmOf(c, 10))).sw, std::uint16_t{0x9000});
        QCOMPARE(c.tx(processEcm(20261340, ecmOf(c, 11))).sw, std::uint16_t{0x6A80});
    }

    // Issue 17, critical 2: the programme and the days came from the terminal; a 1-fen purchase opened a right to
    // any programme until 2206. The right now needs the headend's MAC over what it sold.
    void vodRightOnlyAsSold() {
        CaCard c;
        auto t = c.terminal();
        t.selectPurse();
        t.verifyPin(1, "1234");
        t.load(5000, eptest::kDate, eptest::kTime);
        t.purchase(1, 1, eptest::kDate, eptest::kTime); // 1 fen, sold as programme 0x0777 for 2 days
        c.selectCa();
        const std::uint8_t tries = [&] {
            for (const auto& k :
                 cdos::decodeKeys(c.tx(cdos::getData(cdos::tag::Keys)).data).value_or(std::vector<cdos::KeyInfo>{}))
                if (k.id == 0x03)
                    return k.errorCounter;
            return std::uint8_t{0};
        }();
        QVERIFY(tries > 1);
        const CommandApdu sold = c.vodRight(kVodProgramme, 1, 2);
        // The attack: another programme, 65535 days, with the MAC of what was sold or with one made up.
        CommandApdu forged = openVodRight(0x0999, 1, 65535, Bytes(sold.data.end() - 4, sold.data.end()));
        QCOMPARE(c.tx(forged).sw, std::uint16_t{0x6988});
        forged = openVodRight(kVodProgramme, 1, 65535, Bytes(sold.data.end() - 4, sold.data.end()));
        QCOMPARE(c.tx(forged).sw, std::uint16_t{0x6988});
        QCOMPARE(c.tx(openVodRight(0x0999, 1, 65535, Bytes(4, 0))).sw, std::uint16_t{0x6988});
        QCOMPARE(c.tx(c.vodRight(kVodProgramme, 1, 2, 7)).sw, std::uint16_t{0x6988}); // another purchase's MAC
        // Each wrong MAC spent a try of the PURCHASE key for good (no 2^32 search); the sold right still opens.
        c.reopen();
        c.selectCa();
        c.verify(1);
        const auto keys =
            cdos::decodeKeys(c.tx(cdos::getData(cdos::tag::Keys)).data).value_or(std::vector<cdos::KeyInfo>{});
        for (const auto& k : keys)
            if (k.id == 0x03)
                QCOMPARE(int(k.errorCounter), int(tries) - 4);
        // Issue 11: the right opens for a user holding the VOD right only.
        c.verify(3);
        QCOMPARE(c.tx(sold).sw, cdos::sw::NotPermitted);
        c.verify(1);
        QCOMPARE(c.tx(sold).sw, std::uint16_t{0x9000});
        const auto rights = decodeEntitlements(c.tx(getCaData(kTagEntitlements)).data);
        QVERIFY(std::find(rights.begin(), rights.end(),
                          Entitlement{1, RightKind::Vod, kVodProgramme, 20261126, 20261127}) != rights.end());
        for (const auto& e : rights)
            QVERIFY(e.id != 0x0999);
    }

    void vodPurchaseOpensTheRight() {
        CaCard c;
        auto t = c.terminal();
        t.selectPurse();
        t.verifyPin(1, "1234");
        t.load(5000, eptest::kDate, eptest::kTime);
        c.selectCa();
        const Bytes vodEcm = ecmOf(c, 3, 0, kVodProgramme);
        QCOMPARE(c.tx(processEcm(kToday, vodEcm)).sw, sw::NotEntitled);
        QCOMPARE(c.tx(c.vodRight(kVodProgramme, 800, 2)).sw, sw::NoPurchase); // the last transaction is a load
        t.selectPurse();
        t.purchase(800, 1, eptest::kDate, eptest::kTime);
        c.selectCa();
        QCOMPARE(c.tx(c.vodRight(kVodProgramme, 799, 2)).sw, sw::NoPurchase); // not the price paid
        QCOMPARE(c.tx(c.vodRight(kVodProgramme, 800, 2)).sw, std::uint16_t{0x9000});
        QCOMPARE(c.tx(c.vodRight(0x0778, 800, 2)).sw, sw::NoPurchase); // one purchase, one right
        const auto r = c.tx(processEcm(kToday, vodEcm));
        QCOMPARE(r.sw, std::uint16_t{0x9000});
        QCOMPARE(r.data, expectedCws(3));
        // Valid for 2 days from the purchase date (2026-11-26): the 27th yes, the 28th no.
        QCOMPARE(c.tx(processEcm(20261127, ecmOf(c, 4, 0, kVodProgramme))).sw, std::uint16_t{0x9000});
        QCOMPARE(c.tx(processEcm(20261128, ecmOf(c, 5, 0, kVodProgramme))).sw, sw::NotEntitled);
        const auto rights = decodeEntitlements(c.tx(getCaData(kTagEntitlements)).data);
        QVERIFY(std::find(rights.begin(), rights.end(),
                          Entitlement{1, RightKind::Vod, kVodProgramme, 20261126, 20261127}) != rights.end());
    }

    void diagnostics() {
        CaCard c;
        c.selectCa();
        const auto keys = c.tx(getCaData(kTagServiceKeys));
        QCOMPARE(keys.sw, std::uint16_t{0x9000});
        QCOMPARE(keys.data, (Bytes{1, 1, 2, 1})); // ids and versions, no values
        const auto rights = decodeEntitlements(c.tx(getCaData(kTagEntitlements)).data);
        QCOMPARE(rights.size(), std::size_t{3});
        QCOMPARE(rights[0], (Entitlement{1, RightKind::Package, kPackage, 20260101, 20261231}));
        // The state EF is not readable by file commands.
        QVERIFY(c.tx(cdos::selectFid(kCaStateFid)).sw != 0x9000 ||
                c.tx(CommandApdu{0, 0xB0, 0, 0, {}, 16}).sw != 0x9000);
        // A WRITE ENTITLEMENT without issuer SM is refused.
        QCOMPARE(c.tx(writeEntitlement({2, RightKind::Package, kPackage, 20260101, 20261231})).sw,
                 std::uint16_t{0x6982});
    }

    void menuEdits() {
        CaCard c;
        c.selectCa();
        QCOMPARE(c.tx(editMenu({{MenuOp::Hide, 1}})).sw, std::uint16_t{0x6982}); // nobody verified
        c.verify(3); // issue 11: no settings right, no menu edit
        QCOMPARE(c.tx(editMenu({{MenuOp::Hide, 1}})).sw, cdos::sw::NotPermitted);
        c.verify(2);                                                             // permissions 0x2F
        QCOMPARE(c.tx(editMenu({{MenuOp::Hide, 5}})).sw, std::uint16_t{0x6982}); // entry 5 needs 0x10
        QCOMPARE(c.tx(editMenu({{MenuOp::Hide, 1}, {MenuOp::Delete, 9}})).sw, std::uint16_t{0x6A88});
        QCOMPARE(c.tx(editMenu({{MenuOp::Hide, 1}, {MenuOp::Delete, 4}, {MenuOp::Add, 6, 0x2, "点播精选"}})).sw,
                 std::uint16_t{0x9000});
        const auto menu = cdos::decodeMenu(c.tx(cdos::getData(cdos::tag::Menu)).data);
        QVERIFY(menu);
        QCOMPARE(menu->size(), std::size_t{5});
        QVERIFY((*menu)[0].hidden);
        QVERIFY(std::none_of(menu->begin(), menu->end(), [](const auto& e) { return e.id == 4; }));
        QVERIFY(std::any_of(menu->begin(), menu->end(), [](const auto& e) { return e.id == 6 && !e.hidden; }));
        QCOMPARE(c.tx(editMenu({{MenuOp::Add, 7, 0x10, "x"}})).sw, std::uint16_t{0x6982}); // not the user's bit
        QCOMPARE(c.tx(editMenu({{MenuOp::Add, 6, 0x1, "x"}})).sw, std::uint16_t{0x6A89});  // id taken
    }
};

QTEST_GUILESS_MAIN(TestCaCard)
#include "TestCaCard.moc"
