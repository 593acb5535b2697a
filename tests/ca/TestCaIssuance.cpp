// Issuance of the conditional-access part by the Personaliser (in process): CA DF, service keys and rights are on
// the card right after personalise(), an ECM gives CWs without any test-side set-up, verify() reads them back;
// a power cut at every page write of the extended personalisation leaves a blank or a complete card; repeated
// ECMs of one crypto period write nothing and an older period stays refused after a restart; the issuer path that
// loads a newer service-key version later.
#include "CaTestSupport.h"

using namespace catest;
using cdos::ecm::Ecm;

namespace {

cdos::CardProfile caProfile() {
    cdos::CardProfile p = cdtest::sampleProfile();
    p.ca.serviceKeys = {1, 2};
    p.ca.rights = {{1, RightKind::Package, kPackage, 20260101, 20261231},
                   {2, RightKind::Channel, kProgramme, 20261101, 20261130},
                   {3, RightKind::Package, kPackage, 20250101, 20251231}};
    return p;
}

cdos::Transmit transmitTo(cardtest::TempCard& card) {
    return [&card](const CommandApdu& c) { return card.os->transmit(c); };
}

// A key store whose CA_SERVICE_1 is version `version` with another value (a key change at the headend).
cdos::KeyStore storeWithServiceKey1(const std::string& dir, std::uint8_t version) {
    auto clear =
        cdos::KeyStore::readClearKeys(std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development-keys.txt");
    clear.keys["CA_SERVICE_1"] = {version, Bytes(16, static_cast<std::uint8_t>(0x50 + version))};
    const std::string path = dir + "/rekeyed-" + std::to_string(version) + ".cdks";
    cdos::KeyStore::create(path, "test-passphrase", clear.keys, cdos::KeyStore::kMinIterations, clear.shared);
    return cdos::KeyStore::open(path, "test-passphrase");
}

Bytes ecm(const cdos::SecretBytes& key, std::uint32_t period, std::uint8_t keyVersion = 1) {
    auto h = header(period);
    h.serviceKeyVersion = keyVersion;
    return Ecm::build(h, cwsFor(period), key.bytes());
}

} // namespace

class TestCaIssuance : public QObject {
    Q_OBJECT
    QTemporaryDir m_keyDir;
    std::optional<cdos::KeyStore> m_keys;

    void checkComplete(cardtest::TempCard& card, const cdos::CardProfile& p) {
        cdos::Personaliser perso(*m_keys, transmitTo(card));
        const auto diffs = perso.verify(p);
        QVERIFY2(diffs.empty(), diffs.empty() ? "" : diffs.front().c_str());
        QCOMPARE(card.tx(cdos::selectAid(kCaAid)).sw, std::uint16_t{0x9000});
        QCOMPARE(card.tx(cdos::verifyPin(1, "1234")).sw, std::uint16_t{0x9000});
        const auto r = card.tx(processEcm(kToday, ecm(m_keys->sharedKey("CA_SERVICE_1")->reveal("test"), 3)));
        QCOMPARE(r.sw, std::uint16_t{0x9000});
        QCOMPARE(r.data.size(), std::size_t{16});
    }

private slots:
    void initTestCase() { m_keys.emplace(cardtest::developmentKeyStore(m_keyDir.path().toStdString())); }

    void personaliserWritesTheCaPart() {
        cardtest::TempCard card;
        const auto p = caProfile();
        cdos::Personaliser perso(*m_keys, transmitTo(card));
        std::vector<std::string> steps;
        perso.progress = [&](int, int, const std::string& what) { steps.push_back(what); };
        perso.personalise(p);
        QCOMPARE(card.os->lifeCycle(), cdos::LifeCycle::Personalised);
        QVERIFY(std::find(steps.begin(), steps.end(), "create the conditional-access application") != steps.end());
        qInfo("personalisation with the CA part: %d APDUs", perso.apduCount());
        QVERIFY(perso.apduCount() <= 60);

        // Straight after issuance, without any further set-up: service keys (ids, versions), rights, CWs.
        QCOMPARE(card.tx(cdos::selectAid(kCaAid)).sw, std::uint16_t{0x9000});
        QCOMPARE(card.tx(getCaData(kTagServiceKeys)).data, (Bytes{1, 1, 2, 1}));
        const auto rights = decodeEntitlements(card.tx(getCaData(kTagEntitlements)).data);
        QCOMPARE(rights, p.ca.rights);
        const auto keys = cdos::decodeKeys(card.tx(cdos::getData(cdos::tag::Keys)).data);
        QVERIFY(keys);
        QVERIFY(std::any_of(keys->begin(), keys->end(), [](const cdos::KeyInfo& k) {
            return k.id == keySlotOf(2) && k.usage == static_cast<std::uint8_t>(cdos::KeyUsage::CaService);
        }));
        QCOMPARE(card.tx(cdos::verifyPin(1, "1234")).sw, std::uint16_t{0x9000});
        const auto r = card.tx(processEcm(kToday, ecm(m_keys->sharedKey("CA_SERVICE_1")->reveal("test"), 7)));
        QCOMPARE(r.sw, std::uint16_t{0x9000});
        const auto cws = cwsFor(7);
        QCOMPARE(Bytes(r.data.begin(), r.data.begin() + 8), cws.even.bytes());
        // User 2 holds the channel right (programme id) for November only; user 3's package right has expired.
        QCOMPARE(card.tx(cdos::verifyPin(2, "5678")).sw, std::uint16_t{0x9000});
        QCOMPARE(card.tx(processEcm(kToday, ecm(m_keys->sharedKey("CA_SERVICE_1")->reveal("test"), 8))).sw,
                 std::uint16_t{0x9000});
        QCOMPARE(card.tx(cdos::verifyPin(3, "246810")).sw, std::uint16_t{0x9000});
        QCOMPARE(card.tx(processEcm(kToday, ecm(m_keys->sharedKey("CA_SERVICE_1")->reveal("test"), 9))).sw,
                 sw::NotEntitled);

        const auto diffs = cdos::Personaliser(*m_keys, transmitTo(card)).verify(p);
        QVERIFY2(diffs.empty(), diffs.empty() ? "" : diffs.front().c_str());
        // verify() notices a right that is not there.
        auto other = p;
        other.ca.rights[0].end = 20271231;
        QVERIFY(!cdos::Personaliser(*m_keys, transmitTo(card)).verify(other).empty());
    }

    // Several rights in one WRITE ENTITLEMENT: written together, or none of them when the card runs out of room.
    void severalRightsAllOrNone() {
        CaCard c;
        c.selectCa();
        cdos::IssuerSmSession sm(c.keys.cardKey("ISSUER_SM", c.profile.info.asn()));
        sm.start(c.tx(cdos::getChallenge()).data);
        auto batch = [](std::uint16_t first) {
            std::vector<Entitlement> rights;
            for (std::uint16_t i = 0; i < kRightsPerCommand; ++i)
                rights.push_back({static_cast<std::uint8_t>(1 + i % 3), RightKind::Channel,
                                  static_cast<std::uint16_t>(first + i), 20260101, 20261231});
            return rights;
        };
        QCOMPARE(c.tx(sm.wrap(writeEntitlements(batch(0x100)))).sw, std::uint16_t{0x9000});
        QCOMPARE(decodeEntitlements(c.tx(getCaData(kTagEntitlements)).data).size(), std::size_t{23});
        const std::uint32_t writes = c.card.os->nvm().pageWrites();
        QCOMPARE(c.tx(sm.wrap(writeEntitlements(batch(0x200)))).sw, std::uint16_t{0x6A84}); // 43 > 40
        QCOMPARE(decodeEntitlements(c.tx(getCaData(kTagEntitlements)).data).size(), std::size_t{23});
        QCOMPARE(c.card.os->nvm().pageWrites(), writes);
        // One bad right refuses the whole command; a length that is not n × 12 is 6700.
        sm.start(c.tx(cdos::getChallenge()).data);
        auto mixed = batch(0x300);
        mixed[5].end = 20250101; // ends before it starts
        QCOMPARE(c.tx(sm.wrap(writeEntitlements(mixed))).sw, std::uint16_t{0x6A80});
        CommandApdu odd = writeEntitlements({mixed[0]});
        odd.data.push_back(0);
        QCOMPARE(c.tx(sm.wrap(odd)).sw, std::uint16_t{0x6700});
        QCOMPARE(decodeEntitlements(c.tx(getCaData(kTagEntitlements)).data).size(), std::size_t{23});
    }

    void invalidCaProfilesAreRefusedBeforeTheCard() {
        auto p = caProfile();
        p.ca.rights.push_back({7, RightKind::Package, 1, 20260101, 20261231}); // no user 7 on this card
        p.ca.rights.push_back({1, RightKind::Package, 2, 20261231, 20260101}); // ends before it starts
        p.ca.rights.push_back({1, RightKind::Package, 3, 20260230, 20261231}); // no 30 February
        p.ca.serviceKeys.push_back(9);
        const auto problems = cdos::validateProfile(p);
        QCOMPARE(problems.size(), std::size_t{4});
        cardtest::TempCard card;
        const std::uint32_t writes = card.os->nvm().pageWrites();
        cdos::Personaliser perso(*m_keys, transmitTo(card));
        QVERIFY_THROWS_EXCEPTION(cdos::PersonalisationError, perso.personalise(p));
        QCOMPARE(perso.apduCount(), 0);
        QCOMPARE(card.os->nvm().pageWrites(), writes);
    }

    void tearingAtEveryPageWrite_data() {
        QTest::addColumn<int>("tear");
        QTest::newRow("half page torn") << -1;
        QTest::newRow("nothing written") << 0;
    }
    // Power cut at page write N of the extended personalisation, N = 1, 2, ... until it completes: the card is then
    // blank (and issues fully) or personalised with every CA key and right.
    void tearingAtEveryPageWrite() {
        QFETCH(int, tear);
        const auto p = caProfile();
        int blank = 0, complete = 0;
        std::uint32_t caWritesFrom = 0;
        {
            // Where the CA part begins, in page writes: the cuts from there on must also be covered.
            cardtest::TempCard card;
            const std::uint32_t start = card.os->nvm().pageWrites();
            cdos::Personaliser perso(*m_keys, [&](const CommandApdu& c) {
                if (c.data.size() > 2 && c.ins == cdos::ins::CreateFile && caWritesFrom == 0 &&
                    cdos::Fcp::decode(Bytes(c.data.begin(), c.data.end() - 4))->fid == kCaDfFid)
                    caWritesFrom = card.os->nvm().pageWrites() - start + 1;
                return card.os->transmit(c);
            });
            perso.personalise(p);
        }
        QVERIFY(caWritesFrom > 1);
        std::uint32_t n = 1;
        for (;; ++n) {
            cardtest::TempCard card;
            card.os->nvm().setPowerCutAt(n, tear);
            bool cut = false;
            try {
                cdos::Personaliser(*m_keys, transmitTo(card)).personalise(p);
            } catch (const cdos::card::PowerCut&) {
                cut = true;
            }
            if (!cut)
                break;
            card.reopen();
            const auto lc = card.tx(cdos::getData(cdos::tag::LifeCycleTag));
            QCOMPARE(lc.sw, std::uint16_t{0x9000});
            if (lc.data == Bytes{0x00}) {
                ++blank;
                QCOMPARE(card.tx(cdos::selectAid(kCaAid)).sw, std::uint16_t{0x6A82}); // no CA DF left behind
                QCOMPARE(card.tx(cdos::getData(cdos::tag::Users)).data, (Bytes{0}));
                cdos::Personaliser(*m_keys, transmitTo(card)).personalise(p);
            } else {
                QCOMPARE(lc.data, (Bytes{0x01}));
                ++complete;
            }
            checkComplete(card, p);
        }
        qInfo("extended issuance torn at each of its %u page writes (CA part from write %u): %d times blank, %d "
              "times complete",
              n - 1, caWritesFrom, blank, complete);
        QVERIFY(n > caWritesFrom + 2);
        QVERIFY(blank > 0 && complete > 0);
    }

    // ECMs repeat ~every 100 ms within a 10 s crypto period: the repetitions change nothing in NVM (no page write,
    // same image bytes); the period change writes the floor, which survives a restart and refuses older periods.
    void repeatedEcmsWriteNothing() {
        CaCard c;
        c.selectCa();
        c.verify(1);
        const auto key = c.serviceKey();
        QCOMPARE(c.tx(processEcm(kToday, ecm(key, 40))).sw, std::uint16_t{0x9000});
        const std::uint32_t writes = c.card.os->nvm().pageWrites();
        const Bytes image = c.card.image();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(c.tx(processEcm(kToday, ecm(key, 40))).sw, std::uint16_t{0x9000});
        QCOMPARE(c.tx(processEcm(kToday, ecm(key, 39))).sw, sw::EcmReplay); // refused: writes nothing either
        QCOMPARE(c.card.os->nvm().pageWrites(), writes);
        QCOMPARE(c.card.image(), image);
        QCOMPARE(c.tx(processEcm(kToday, ecm(key, 41))).sw, std::uint16_t{0x9000}); // the period advances
        QVERIFY(c.card.os->nvm().pageWrites() > writes);
        c.reopen();
        c.selectCa();
        c.verify(1);
        QCOMPARE(c.tx(processEcm(kToday, ecm(key, 40))).sw, sw::EcmReplay);
        QCOMPARE(c.tx(processEcm(kToday, ecm(key, 41))).sw, std::uint16_t{0x9000});
    }

    // Power cut at every page write of a period-change ECM: after the restart the floor is the old or the new one,
    // and an ECM older than what the card answered is refused whenever the answer had left the card.
    void tearingThePeriodChange_data() {
        QTest::addColumn<int>("tear");
        QTest::newRow("half page torn") << -1;
        QTest::newRow("nothing written") << 0;
    }
    void tearingThePeriodChange() {
        QFETCH(int, tear);
        CaCard c;
        c.selectCa();
        c.verify(1);
        const auto key = c.serviceKey();
        QCOMPARE(c.tx(processEcm(kToday, ecm(key, 50))).sw, std::uint16_t{0x9000});
        const Bytes baseline = c.card.image();
        int oldFloor = 0, newFloor = 0;
        for (std::uint32_t n = 1;; ++n) {
            c.card.close();
            cardtest::writeFile(c.card.path(), baseline);
            c.reopen();
            c.selectCa();
            c.verify(1);
            c.card.os->nvm().setPowerCutAt(n, tear);
            bool cut = false;
            try {
                QCOMPARE(c.tx(processEcm(kToday, ecm(key, 52))).sw, std::uint16_t{0x9000});
                c.card.os->nvm().setPowerCutAt(0);
            } catch (const cdos::card::PowerCut&) {
                cut = true;
            }
            c.reopen();
            c.selectCa();
            c.verify(1);
            const auto sw51 = c.tx(processEcm(kToday, ecm(key, 51))).sw;
            if (!cut) {
                QCOMPARE(sw51, sw::EcmReplay); // answered, so committed
                break;
            }
            sw51 == 0x9000 ? ++oldFloor : ++newFloor;
            QVERIFY(sw51 == 0x9000 || sw51 == sw::EcmReplay);
        }
        // A half-torn journal page that already holds the whole small transaction is a complete commit.
        QVERIFY(newFloor > 0);
        QVERIFY(tear != 0 || oldFloor > 0);
    }

    // A newer service-key version later, under issuer SM: written into its slot; the same version writes nothing;
    // an older one is refused; the old version's ECMs are refused (6A88) and the new one's give CWs.
    void newerServiceKeyVersion() {
        CaCard c;
        const auto v2 = storeWithServiceKey1(c.keyDir.path().toStdString(), 2);
        const auto u = cdos::updateServiceKey(v2, c.transmitter(), 1);
        QVERIFY(u.written);
        QCOMPARE(u.previousVersion, std::uint8_t{1});
        QCOMPARE(u.version, std::uint8_t{2});
        c.selectCa();
        QCOMPARE(c.tx(getCaData(kTagServiceKeys)).data, (Bytes{1, 2, 2, 1}));
        c.verify(1);
        QCOMPARE(c.tx(processEcm(kToday, ecm(c.serviceKey(), 60))).sw, sw::EcmUnknownKey);
        const auto r = c.tx(processEcm(kToday, ecm(v2.sharedKey("CA_SERVICE_1")->reveal("test"), 61, 2)));
        QCOMPARE(r.sw, std::uint16_t{0x9000});

        const auto again = cdos::updateServiceKey(v2, c.transmitter(), 1);
        QVERIFY(!again.written);
        QCOMPARE(again.version, std::uint8_t{2});
        const std::uint32_t writes = c.card.os->nvm().pageWrites();
        try {
            cdos::updateServiceKey(c.keys, c.transmitter(), 1); // version 1 < 2 on the card
            QFAIL("an older service-key version was written");
        } catch (const cdos::PersonalisationError& e) {
            QVERIFY(std::string(e.what()).find("newer than the key store") != std::string::npos);
        }
        QCOMPARE(c.card.os->nvm().pageWrites(), writes);
        QVERIFY_THROWS_EXCEPTION(cdos::KeyStoreError, cdos::updateServiceKey(v2, c.transmitter(), 3));
        QVERIFY_THROWS_EXCEPTION(cdos::PersonalisationError, cdos::updateServiceKey(v2, c.transmitter(), 9));
        // Not for blank cards.
        cardtest::TempCard blank;
        QVERIFY_THROWS_EXCEPTION(cdos::PersonalisationError, cdos::updateServiceKey(v2, transmitTo(blank), 1));
    }
};

QTEST_GUILESS_MAIN(TestCaIssuance)
#include "TestCaIssuance.moc"
