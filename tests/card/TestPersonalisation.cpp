// Personalisation in process through cdos::Personaliser (the host's exact APDU sequence), its read-back, the
// personalised card's refusals, and power cuts at every page write of an issuance.
#include "CardTestSupport.h"
#include "support/TestProfiles.h"

#include "carddesk/protocol/perso/Personaliser.h"

#include <QtTest>
#include <optional>

using namespace cdos::card;
using cardtest::Bytes;
using cardtest::CommandApdu;
using cardtest::ResponseApdu;

namespace {

cdos::Transmit transmitTo(CardOs& os) {
    return [&os](const CommandApdu& c) { return os.transmit(c); };
}

} // namespace

class TestPersonalisation : public QObject {
    Q_OBJECT
    QTemporaryDir m_keyDir;
    std::optional<cdos::KeyStore> m_keys;
    cdos::CardProfile m_profile = cdtest::sampleProfile();

    Bytes issuerKey() const { return m_keys->cardKey("ISSUER_SM", m_profile.info.asn())->reveal("test").bytes(); }

    void checkPersonalised(CardOs& os) {
        cdos::Personaliser perso(*m_keys, transmitTo(os));
        const auto diffs = perso.verify(m_profile);
        QVERIFY2(diffs.empty(), diffs.empty() ? "" : diffs.front().c_str());
        QCOMPARE(os.transmit(cdos::verifyPin(1, "1234")).sw, std::uint16_t(0x9000));
        QCOMPARE(os.transmit(cdos::verifyPin(3, "246810")).sw, std::uint16_t(0x9000));
    }

private slots:
    void initTestCase() { m_keys.emplace(cardtest::developmentKeyStore(m_keyDir.path().toStdString())); }

    void personaliseAndVerify() {
        cardtest::TempCard card;
        CardOs& os = *card.os;
        QCOMPARE(os.atr(), cdos::buildAtr(cdos::LifeCycle::Blank));
        std::map<std::string, std::pair<int, std::uint32_t>> costs; // command -> (count, page writes)
        const std::uint32_t start = os.nvm().pageWrites();
        cdos::Personaliser perso(*m_keys, [&](const CommandApdu& c) {
            const std::uint32_t before = os.nvm().pageWrites();
            const ResponseApdu r = os.transmit(c);
            auto& cost = costs[cdos::commandName(c.cla, c.ins)];
            cost.first++;
            cost.second += os.nvm().pageWrites() - before;
            return r;
        });
        perso.personalise(m_profile);
        const std::uint32_t total = os.nvm().pageWrites() - start;
        QCOMPARE(os.lifeCycle(), cdos::LifeCycle::Personalised);
        QCOMPARE(os.atr(), cdos::buildAtr(cdos::LifeCycle::Personalised));
        for (const auto& [name, cost] : costs)
            qInfo("%-20s x%-2d %3u page writes (%.1f each)", name.c_str(), cost.first, cost.second,
                  double(cost.second) / cost.first);
        qInfo("personalisation: %d APDUs, %u page writes", perso.apduCount(), total);
        // A one-record change costs its home page and one journal page; the first change of an issuance also
        // marks the card state ("personalisation begun"), and the first MAC after GET CHALLENGE spends its try of
        // key 00 in a commit of its own (2) before it is compared, given back with the command (1).
        QVERIFY(costs["WRITE KEY"].second <= 2u * costs["WRITE KEY"].first + 1 + 3);
        QCOMPARE(costs["PUT USER"].second, 2u * costs["PUT USER"].first);
        QVERIFY(total <= 60);
        checkPersonalised(os);
        card.reopen(); // and after a power cycle
        checkPersonalised(*card.os);
        // GET DATA never shows a PIN or a key value.
        const Bytes keys = card.os->transmit(cdos::getData(cdos::tag::Keys)).data;
        QCOMPARE(keys.size(), 1 + 6 * m_profile.keys.size());
        const auto users = cdos::decodeUsers(card.os->transmit(cdos::getData(cdos::tag::Users)).data);
        QVERIFY(users);
        QCOMPARE(users->size(), std::size_t(3));
        QCOMPARE(QString::fromStdString((*users)[0].profile.name), QStringLiteral("户主"));
        QVERIFY(cardtest::readFile(card.path()).size() == cardtest::image::kFileSize);
        const Bytes image = card.image();
        const Bytes pinBcd = cdos::pinToBcd("246810");
        QVERIFY(std::search(image.begin(), image.end(), pinBcd.begin(), pinBcd.end()) == image.end());
    }

    void personalisedCardRefusesPersonalisation() {
        cardtest::TempCard card;
        CardOs& os = *card.os;
        cdos::Personaliser(*m_keys, transmitTo(os)).personalise(m_profile);
        try {
            cdos::Personaliser(*m_keys, transmitTo(os)).personalise(m_profile);
            QFAIL("a personalised card was personalised again");
        } catch (const cdos::PersonalisationError& e) {
            QCOMPARE(e.sw, cdos::sw::ConditionsNotSatisfied);
        }
        cardtest::Issuer issuer(os, issuerKey());
        issuer.start();
        using cardtest::transparentEf;
        QCOMPARE(issuer.send(cardtest::createFile(transparentEf(0x0010, 8, 0, 0, 0))).sw, std::uint16_t(0x6985));
        CommandApdu putUser{0x80, 0xDA, 0x00, 0x04, {}, -1};
        cdos::UserProfile u{4, 1, 3, "guest"};
        putUser.data = cdos::encodePutUser(u, issuer.encrypt(cdos::pinBlock("1111")));
        QCOMPARE(issuer.send(putUser).sw, std::uint16_t(0x6985));
        QCOMPARE(issuer.send(CommandApdu{0x80, 0xF0, 0, 0, {}, -1}).sw, std::uint16_t(0x6985));
        auto writeKey = [&](std::uint8_t id, cdos::KeyUsage usage) {
            CommandApdu c{0x80, 0xD4, 0x00, id, {0x01, static_cast<std::uint8_t>(usage), 0x01, 0x0F}, -1};
            cdos::append(c.data, issuer.encrypt(cardtest::hex("5566778899AABBCCCCBBAA9988776655")));
            return issuer.send(c).sw;
        };
        QCOMPARE(writeKey(0x03, cdos::KeyUsage::Purchase), std::uint16_t(0x6985));
        QCOMPARE(writeKey(0x00, cdos::KeyUsage::IssuerMaintenance), std::uint16_t(0x6985));
        QCOMPARE(writeKey(0x18, cdos::KeyUsage::CaService), std::uint16_t(0x6985)); // not a CA slot
        QCOMPARE(writeKey(0x10, cdos::KeyUsage::CaService), std::uint16_t(0x9000)); // CA service keys may come later
        const auto keys = cdos::decodeKeys(os.transmit(cdos::getData(cdos::tag::Keys)).data);
        QVERIFY(keys && keys->size() == m_profile.keys.size() + 1);
        QCOMPARE(keys->back().id, std::uint8_t(0x10));
        checkPersonalised(os);
    }

    // An issuance that stops half-way (host crash, card pulled) is undone at the next reset: the card is blank
    // again, with the batch key, and a new issuance succeeds.
    void interruptedPersonalisationIsUndone() {
        cardtest::TempCard card;
        CardOs& os = *card.os;
        int budget = 20;
        struct Stop {};
        cdos::Personaliser perso(*m_keys, [&](const CommandApdu& c) {
            if (--budget == 0)
                throw Stop{};
            return os.transmit(c);
        });
        QVERIFY_THROWS_EXCEPTION(Stop, perso.personalise(m_profile));
        QVERIFY(os.state().personalisationStarted());
        QVERIFY(os.transmit(cdos::getData(tag_users())).data.size() > 1);
        const std::uint32_t before = os.nvm().pageWrites();
        os.reset();
        qInfo("undoing a half-done issuance at reset: %u page writes", os.nvm().pageWrites() - before);
        QVERIFY(os.nvm().pageWrites() - before <= 12);
        QCOMPARE(os.lifeCycle(), cdos::LifeCycle::Blank);
        QVERIFY(!os.state().personalisationStarted());
        QCOMPARE(os.transmit(cdos::getData(cdos::tag::CardNumber)).sw, std::uint16_t(0x6A88));
        QCOMPARE(os.transmit(cdos::getData(cdos::tag::Users)).data, (Bytes{0}));
        const auto keys = cdos::decodeKeys(os.transmit(cdos::getData(cdos::tag::Keys)).data);
        QVERIFY(keys && keys->size() == 1 && keys->front().id == 0 && keys->front().version == 1);
        QCOMPARE(os.transmit(cdos::selectFid(0x0003)).sw, std::uint16_t(0x6A82));
        cdos::Personaliser(*m_keys, transmitTo(os)).personalise(m_profile);
        checkPersonalised(os);
    }

    void tearingAtEveryPageWrite_data() {
        QTest::addColumn<int>("tear");
        QTest::newRow("half page torn") << -1;
        QTest::newRow("nothing written") << 0;
    }
    // Cut the power at page write N of an issuance, for N = 1, 2, ... until the issuance completes. After each cut
    // the card, powered again, is either blank (and then issues fully) or fully personalised and usable.
    void tearingAtEveryPageWrite() {
        QFETCH(int, tear);
        int blank = 0, personalised = 0;
        for (std::uint32_t n = 1;; ++n) {
            cardtest::TempCard card;
            card.os->nvm().setPowerCutAt(n, tear);
            bool cut = false;
            try {
                cdos::Personaliser(*m_keys, transmitTo(*card.os)).personalise(m_profile);
            } catch (const PowerCut&) {
                cut = true;
            }
            if (!cut) {
                QVERIFY(n > 50);
                qInfo("issuance torn at each of its %u page writes: %d times blank, %d times personalised", n - 1,
                      blank, personalised);
                break;
            }
            card.reopen();
            CardOs& os = *card.os;
            const ResponseApdu lc = os.transmit(cdos::getData(cdos::tag::LifeCycleTag));
            QCOMPARE(lc.sw, std::uint16_t(0x9000));
            if (lc.data == Bytes{0x00}) {
                ++blank;
                QCOMPARE(os.transmit(cdos::getData(cdos::tag::Users)).data, (Bytes{0}));
                cdos::Personaliser(*m_keys, transmitTo(os)).personalise(m_profile);
            } else {
                QCOMPARE(lc.data, (Bytes{0x01}));
                ++personalised;
            }
            checkPersonalised(os);
            card.reopen();
            checkPersonalised(*card.os);
        }
        QVERIFY(blank > 0 && personalised > 0);
    }

private:
    static std::uint16_t tag_users() { return cdos::tag::Users; }
};

QTEST_GUILESS_MAIN(TestPersonalisation)
#include "TestPersonalisation.moc"
