// Security: PIN retry counters per user, PIN UNBLOCK, issuer secure messaging (bad MAC changes nothing but the
// key's error counter, replay and reordering refused, lock-out), and the life cycle's command restrictions.
#include "CardTestSupport.h"
#include "support/TestProfiles.h"

#include "carddesk/protocol/perso/Personaliser.h"

#include <QtTest>
#include <optional>

using namespace cdos::card;
using cardtest::Bytes;
using cardtest::CommandApdu;
using cardtest::hex;
using cardtest::ResponseApdu;

class TestSecurity : public QObject {
    Q_OBJECT
    QTemporaryDir m_keyDir;
    std::optional<cdos::KeyStore> m_keys;
    cdos::CardProfile m_profile = cdtest::sampleProfile();
    std::unique_ptr<cardtest::TempCard> m_card;

    CardOs& os() { return *m_card->os; }
    std::uint16_t sw(const char* apdu) { return m_card->sw(apdu); }
    std::uint16_t verify(std::uint8_t user, const char* pin) { return os().transmit(cdos::verifyPin(user, pin)).sw; }
    Bytes issuerKey() const { return m_keys->cardKey("ISSUER_SM", m_profile.info.asn())->reveal("test").bytes(); }
    cdos::UserStatus user(std::uint8_t n) {
        const auto users = cdos::decodeUsers(m_card->inspect(cdos::tag::Users));
        for (const auto& u : users.value_or(std::vector<cdos::UserStatus>{}))
            if (u.profile.number == n)
                return u;
        return {};
    }
    cdos::KeyInfo key(std::uint8_t id) {
        const auto keys = cdos::decodeKeys(os().transmit(cdos::getData(cdos::tag::Keys)).data);
        for (const auto& k : keys.value_or(std::vector<cdos::KeyInfo>{}))
            if (k.id == id)
                return k;
        return {};
    }
    // Everything outside the journal and the given byte ranges.
    // The page check values after the pages follow the pages (open() verifies them) and are left out.
    static Bytes masked(Bytes img, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ranges) {
        img.resize(cardtest::image::kSize);
        std::fill(img.begin() + 256, img.begin() + 33 * 256, 0);
        for (const auto& [from, n] : ranges)
            std::fill(img.begin() + from, img.begin() + from + n, 0);
        return img;
    }
    CommandApdu updateHolder(std::uint8_t fill) { return CommandApdu{0x00, 0xD6, 0x83, 0x00, Bytes(4, fill), -1}; }

    // One wrong and one right PIN, each on a fresh card cut at its n-th page write (tear: bytes of that page
    // written, -1 half): when the terminal can tell them apart, the wrong guess has paid its try for good.
    void compareGuessesCutAt(std::uint32_t n, int tear) {
        std::optional<std::uint16_t> answer[2];
        std::uint8_t left[2] = {};
        const char* pins[2] = {"0000", "1234"};
        for (int i = 0; i < 2; ++i) {
            init(); // a fresh card in the same state
            os().nvm().setPowerCutAt(n, tear);
            try {
                answer[i] = verify(1, pins[i]);
            } catch (const PowerCut&) {
            }
            os().nvm().setPowerCutAt(0);
            m_card->reopen();
            left[i] = user(1).retriesLeft;
        }
        if (answer[0] != answer[1])
            QVERIFY2(left[0] == 2, qPrintable(QString("cut at %1 (tear %2): the wrong PIN told apart with %3 tries")
                                                  .arg(n)
                                                  .arg(tear)
                                                  .arg(left[0])));
        else
            QCOMPARE(left[0], left[1]);
    }

private slots:
    void initTestCase() { m_keys.emplace(cardtest::developmentKeyStore(m_keyDir.path().toStdString())); }
    void init() {
        m_card = std::make_unique<cardtest::TempCard>();
        cdos::Personaliser(*m_keys, [this](const CommandApdu& c) { return os().transmit(c); }).personalise(m_profile);
    }
    void cleanup() { m_card.reset(); }

    void wrongPinCountsDownAndBlocksThatUserOnly() {
        QCOMPARE(verify(2, "0000"), std::uint16_t(0x63C2));
        QCOMPARE(verify(2, "0000"), std::uint16_t(0x63C1));
        QCOMPARE(user(2).retriesLeft, std::uint8_t(1));
        QCOMPARE(verify(2, "9999"), std::uint16_t(0x63C0));
        QCOMPARE(verify(2, "5678"), std::uint16_t(0x6983)); // blocked: even the right PIN
        QCOMPARE(sw("0020000200"), std::uint16_t(0x6983));
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000)); // the others are not
        QCOMPARE(sw("0020000300"), std::uint16_t(0x63C3));
        m_card->reopen();
        QCOMPARE(verify(2, "5678"), std::uint16_t(0x6983));
        QCOMPARE(user(2).retriesLeft, std::uint8_t(0));
        QCOMPARE(user(1).retriesLeft, std::uint8_t(3));
    }

    void goodPinRestoresTriesAndIsVolatile() {
        QCOMPARE(verify(1, "1111"), std::uint16_t(0x63C2));
        const std::uint32_t before = os().nvm().pageWrites();
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000));
        QCOMPARE(os().nvm().pageWrites() - before, 4u); // a try spent (2), then all 3 given back (2)
        QCOMPARE(sw("0020000100"), std::uint16_t(0x9000));
        const std::uint32_t again = os().nvm().pageWrites();
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000));
        QCOMPARE(os().nvm().pageWrites() - again, 4u); // every guess spends a try first, a right one too
        QCOMPARE(user(1).retriesLeft, std::uint8_t(3));
        os().reset();
        QCOMPARE(sw("0020000100"), std::uint16_t(0x63C3)); // the verified state is gone
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000));
        QCOMPARE(verify(1, "12345"), std::uint16_t(0x63C2)); // a failure ends it too
        QCOMPARE(sw("0020000100"), std::uint16_t(0x63C2));
    }

    // The attack of issue 17: a terminal cuts the power at the first page write of VERIFY. Before, a wrong PIN died
    // there (its counter write) while the right one answered 9000 without writing: the PIN fell to torn guesses
    // with the counter never moving. Now every guess dies alike at that write and leaves the same counter.
    void tornGuessesTellNothing() {
        std::optional<std::uint8_t> leftAfterWrong;
        for (const char* pin : {"0000", "1111", "1234", "9999"}) {
            init(); // a fresh card in the same state for every guess
            os().nvm().setPowerCutAt(1, 0);
            bool cut = false;
            try {
                verify(1, pin);
            } catch (const PowerCut&) {
                cut = true;
            }
            os().nvm().setPowerCutAt(0);
            QVERIFY2(cut, pin); // the right PIN ("1234") is cut like every wrong one
            m_card->reopen();
            if (!leftAfterWrong)
                leftAfterWrong = user(1).retriesLeft;
            QVERIFY2(user(1).retriesLeft == *leftAfterWrong, pin); // and leaves the card as a wrong one does
        }
    }

    // For every cut point: whenever a terminal can tell the right PIN from a wrong one (one is cut and the other not,
    // or they answer differently), the wrong guess has already paid a try that survives the power cut.
    // (compareGuessesCutAt)
    void everyDistinguishableGuessCostsATry() {
        for (const int tear : {0, -1}) // the cut page not written at all, or half written
            for (std::uint32_t n = 1; n <= 8; ++n)
                compareGuessesCutAt(n, tear);
    }
    void verifyFormats() {
        QCOMPARE(sw("002000010112"), std::uint16_t(0x6700));             // 1 byte
        QCOMPARE(sw("00200001071234567890123F"), std::uint16_t(0x6700)); // 7 bytes
        QCOMPARE(sw("00200001021A34"), std::uint16_t(0x6A80));           // not BCD
        QCOMPARE(sw("0020000102123F"), std::uint16_t(0x6A80));           // 3 digits
        QCOMPARE(sw("00200001031F3456"), std::uint16_t(0x6A80));         // digit after padding
        QCOMPARE(sw("00200009021234"), std::uint16_t(0x6A88));           // no user 9
        QCOMPARE(sw("00200005021234"), std::uint16_t(0x6A88));           // user 5 not issued
        QCOMPARE(sw("00200101021234"), std::uint16_t(0x6A86));
        QCOMPARE(user(1).retriesLeft, std::uint8_t(3));       // format errors spend no try
        QCOMPARE(verify(3, "246810"), std::uint16_t(0x9000)); // 6 digits
    }

    void pinUnblock() {
        for (int i = 0; i < 3; ++i)
            verify(2, "0000");
        QCOMPARE(verify(2, "5678"), std::uint16_t(0x6983));
        QCOMPARE(sw("802C000200"), std::uint16_t(0x6982)); // only with the issuer's MAC
        cardtest::Issuer issuer(os(), issuerKey());
        issuer.start();
        QCOMPARE(issuer.send(CommandApdu{0x80, 0x2C, 0x00, 0x02, {}, -1}).sw, std::uint16_t(0x9000));
        QCOMPARE(user(2).retriesLeft, std::uint8_t(3));
        QCOMPARE(verify(2, "5678"), std::uint16_t(0x9000));
        CommandApdu withPin{0x80, 0x2C, 0x00, 0x02, issuer.encrypt(cdos::pinBlock("13579")), -1};
        QCOMPARE(issuer.send(withPin).sw, std::uint16_t(0x9000));
        QCOMPARE(verify(2, "5678"), std::uint16_t(0x63C2));
        QCOMPARE(verify(2, "13579"), std::uint16_t(0x9000));
        QCOMPARE(issuer.send(CommandApdu{0x80, 0x2C, 0x00, 0x06, {}, -1}).sw, std::uint16_t(0x6A88));
        CommandApdu badBlock{0x80, 0x2C, 0x00, 0x02, issuer.encrypt(hex("0212FFFFFFFFFFFF")), -1};
        QCOMPARE(issuer.send(badBlock).sw, std::uint16_t(0x6A80)); // a 2-digit PIN
    }

    // A bad MAC changes nothing but the maintenance key's error counter, and ends the session.
    void macErrorChangesNothing() {
        cardtest::Issuer issuer(os(), issuerKey());
        issuer.start();
        CommandApdu c = issuer.wrap(updateHolder(0xAA));
        c.data.back() ^= 0x01;
        const Bytes before = m_card->image();
        QCOMPARE(os().transmit(c).sw, std::uint16_t(0x6988));
        const Bytes after = m_card->image();
        const std::uint32_t keyRecord = *os().keys().recordAddress(0);
        QVERIFY(before != after);
        QCOMPARE(masked(after, {{keyRecord, 32}}), masked(before, {{keyRecord, 32}}));
        QCOMPARE(key(0).errorCounter, std::uint8_t(14));
        // The session is over: the next correctly chained command is refused without spending a try.
        QCOMPARE(issuer.send(updateHolder(0xBB)).sw, std::uint16_t(0x6988));
        QCOMPARE(key(0).errorCounter, std::uint8_t(14));
        // A new challenge, a good MAC: the command works and the key has all its tries again.
        issuer.start();
        QCOMPARE(issuer.send(updateHolder(0xCC)).sw, std::uint16_t(0x9000));
        QCOMPARE(key(0).errorCounter, std::uint8_t(15));
    }

    // Issue 17: GET CHALLENGE with Le 4 gave a 32-bit chaining value for issuer SM. It now starts no chain: a
    // correctly MAC'd command on it is refused (6988) without spending a try.
    void shortChallengeStartsNoSmChain() {
        cdos::IssuerSmSession sm{cdos::SecretBytes(issuerKey())};
        const ResponseApdu ch = os().transmit(CommandApdu{0x00, 0x84, 0, 0, {}, 4});
        QCOMPARE(ch.sw, std::uint16_t(0x9000));
        QCOMPARE(ch.data.size(), std::size_t(4));
        sm.start(ch.data);
        QCOMPARE(os().transmit(sm.wrap(updateHolder(0xAA))).sw, std::uint16_t(0x6988));
        QCOMPARE(key(0).errorCounter, std::uint8_t(15));
    }

    void replayAndReorderRefused() {
        cardtest::Issuer issuer(os(), issuerKey());
        issuer.start();
        const CommandApdu first = issuer.wrap(updateHolder(0x11));
        const CommandApdu second = issuer.wrap(updateHolder(0x22));
        QCOMPARE(os().transmit(second).sw, std::uint16_t(0x6988)); // out of order
        issuer.start();
        const CommandApdu a = issuer.wrap(updateHolder(0x33));
        QCOMPARE(os().transmit(a).sw, std::uint16_t(0x9000));
        const Bytes image = masked(m_card->image(), {{*os().keys().recordAddress(0), 32}});
        QCOMPARE(os().transmit(a).sw, std::uint16_t(0x6988)); // replayed in the same session
        issuer.start();
        QCOMPARE(os().transmit(a).sw, std::uint16_t(0x6988)); // replayed in a new session
        QCOMPARE(os().transmit(first).sw, std::uint16_t(0x6988));
        QCOMPARE(masked(m_card->image(), {{*os().keys().recordAddress(0), 32}}), image);
        os().reset();
        QCOMPARE(os().transmit(a).sw, std::uint16_t(0x6988)); // no session after a reset
    }

    void macLockout() {
        cardtest::Issuer issuer(os(), issuerKey());
        for (int i = 15; i > 0; --i) {
            issuer.start();
            CommandApdu c = issuer.wrap(updateHolder(0x44));
            c.data.back() ^= 0xFF;
            QCOMPARE(os().transmit(c).sw, std::uint16_t(0x6988));
            QCOMPARE(key(0).errorCounter, std::uint8_t(i - 1));
        }
        // Issue 17: tries spent, key 00 is not lost for good (any terminal could have spent them): one MAC check
        // per power-on. A hostile terminal gets one guess per power cycle; the issuer gets its card back.
        const auto badOnce = [&](cardtest::Issuer& i) {
            i.start();
            CommandApdu c = i.wrap(updateHolder(0x44));
            c.data.back() ^= 0xFF;
            return os().transmit(c).sw;
        };
        QCOMPARE(badOnce(issuer), std::uint16_t(0x6988)); // this power-on's check, spent on a bad MAC
        issuer.start();
        QCOMPARE(issuer.send(updateHolder(0x55)).sw, std::uint16_t(0x6983)); // even the right one, until power-off
        QCOMPARE(key(0).errorCounter, std::uint8_t(0));
        m_card->reopen();
        cardtest::Issuer again(os(), issuerKey());
        QCOMPARE(badOnce(again), std::uint16_t(0x6988));
        again.start();
        QCOMPARE(again.send(CommandApdu{0x80, 0x2C, 0x00, 0x01, {}, -1}).sw, std::uint16_t(0x6983));
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000)); // users are not affected
        m_card->reopen();
        cardtest::Issuer owner(os(), issuerKey());
        owner.start();
        QCOMPARE(owner.send(updateHolder(0x55)).sw, std::uint16_t(0x9000)); // the issuer's right MAC
        QCOMPARE(key(0).errorCounter, std::uint8_t(15));                    // gives the tries back
    }

    // Issue 17: who lives in the household (names, rights, PIN tries) and the personal menu are not for any
    // terminal that asks. On an issued card they go to a verified user, an authenticated session or the issuer.
    void householdOnlyToTheAuthenticated() {
        const auto plain = [this](std::uint16_t tag) { return os().transmit(cdos::getData(tag)); };
        QCOMPARE(plain(cdos::tag::Users).sw, std::uint16_t(0x6982));
        QCOMPARE(plain(cdos::tag::Menu).sw, std::uint16_t(0x6982));
        QVERIFY(plain(cdos::tag::Users).data.empty());
        QCOMPARE(plain(cdos::tag::CardNumber).sw, std::uint16_t(0x9000)); // what a terminal needs to start
        QCOMPARE(plain(cdos::tag::Keys).sw, std::uint16_t(0x9000));       // ids and counters, never a value
        QCOMPARE(verify(1, "0000"), std::uint16_t(0x63C2));               // a wrong PIN opens nothing
        QCOMPARE(plain(cdos::tag::Users).sw, std::uint16_t(0x6982));
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000));
        const auto users = cdos::decodeUsers(plain(cdos::tag::Users).data);
        QVERIFY(users && users->size() == m_profile.users.size());
        QVERIFY(cdos::decodeMenu(plain(cdos::tag::Menu).data));
        m_card->reopen(); // a power cycle ends the session
        QCOMPARE(plain(cdos::tag::Users).sw, std::uint16_t(0x6982));
        cardtest::Issuer issuer(os(), issuerKey());
        issuer.start();
        const ResponseApdu viaSm = issuer.send(cdos::getData(cdos::tag::Users));
        QCOMPARE(viaSm.sw, std::uint16_t(0x9000));
        QCOMPARE(cdos::decodeUsers(viaSm.data)->size(), m_profile.users.size());
        issuer.start();
        CommandApdu forged = issuer.wrap(cdos::getData(cdos::tag::Menu));
        forged.data.back() ^= 0x01;
        QCOMPARE(os().transmit(forged).sw, std::uint16_t(0x6988)); // a forged MAC reads nothing
        // A blank card has no household to hide: the desk reads it plainly before issuing.
        cardtest::TempCard blank;
        QCOMPARE(blank.tx(cdos::getData(cdos::tag::Users)).sw, std::uint16_t(0x9000));
    }

    void lifeCycleRestrictions() {
        cardtest::Issuer issuer(os(), issuerKey());
        issuer.start();
        QCOMPARE(issuer.send(CommandApdu{0x80, 0x16, 0, 0, {}, -1}).sw, std::uint16_t(0x9000));
        QCOMPARE(os().lifeCycle(), cdos::LifeCycle::Blocked);
        QCOMPARE(os().atr(), cdos::buildAtr(cdos::LifeCycle::Blocked));
        QCOMPARE(sw("00B0820010"), std::uint16_t(0x6A81));
        QCOMPARE(sw("00200001021234"), std::uint16_t(0x6A81));
        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(sw("80CA010400"), std::uint16_t(0x9000));
        QCOMPARE(issuer.send(CommandApdu{0x80, 0x16, 0, 0, {}, -1}).sw, std::uint16_t(0x6A81)); // BLOCK again
        m_card->reopen();                                                                       // blocked is persistent
        QCOMPARE(m_card->os->lifeCycle(), cdos::LifeCycle::Blocked);
        cardtest::Issuer issuer2(os(), issuerKey());
        issuer2.start(); // GET CHALLENGE works while blocked
        QCOMPARE(issuer2.send(CommandApdu{0x80, 0x18, 0, 0, {}, -1}).sw, std::uint16_t(0x9000));
        QCOMPARE(os().lifeCycle(), cdos::LifeCycle::Personalised);
        QCOMPARE(verify(1, "1234"), std::uint16_t(0x9000));
        QCOMPARE(issuer2.send(CommandApdu{0x80, 0xFE, 0, 0, {}, -1}).sw, std::uint16_t(0x9000));
        QCOMPARE(os().lifeCycle(), cdos::LifeCycle::Terminated);
        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x6A81));
        QCOMPARE(sw("0084000008"), std::uint16_t(0x6A81));
        QCOMPARE(sw("0020000100"), std::uint16_t(0x6A81));
        QCOMPARE(m_card->tx("80CA010400").data, (Bytes{0x03}));
        QCOMPARE(m_card->tx("80CA010100").data, m_profile.info.cardNumber);
        m_card->reopen();
        QCOMPARE(os().lifeCycle(), cdos::LifeCycle::Terminated);
        QCOMPARE(os().atr(), cdos::buildAtr(cdos::LifeCycle::Terminated));
    }

    void blankCardRestrictions() {
        cardtest::TempCard blank;
        QCOMPARE(blank.sw("00200001021234"), std::uint16_t(0x6985));
        cardtest::Issuer issuer(*blank.os, cardtest::blankKey());
        issuer.start();
        QCOMPARE(issuer.send(CommandApdu{0x80, 0x16, 0, 0, {}, -1}).sw, std::uint16_t(0x6985)); // BLOCK a blank card
        QCOMPARE(issuer.send(CommandApdu{0x80, 0xF0, 0, 0, {}, -1}).sw, std::uint16_t(0x6985)); // no card number
        QCOMPARE(issuer.send(CommandApdu{0x80, 0xDA, 0, 9, hex("00000001030141"), -1}).sw, std::uint16_t(0x6A86));
        QCOMPARE(issuer.send(CommandApdu{0x80, 0xDA, 0, 1, hex("00000001030141"), -1}).sw, std::uint16_t(0x6A80));
        CommandApdu key{0x80, 0xD4, 0, 0, {0x01, 0x03, 0x01, 0x0F}, -1}; // key 00 must be the maintenance key
        cdos::append(key.data, issuer.encrypt(Bytes(16, 0x11)));
        QCOMPARE(issuer.send(key).sw, std::uint16_t(0x6A80));
        CommandApdu shortKey{0x80, 0xD4, 0, 1, {0x01, 0x02, 0x01, 0x0F, 0x00}, -1};
        QCOMPARE(issuer.send(shortKey).sw, std::uint16_t(0x6700));
    }

    // Power cycles never give MAC tries back, not even by undoing a begun personalisation.
    void batchKeyTriesSurvivePowerCycles() {
        cardtest::TempCard blank;
        cardtest::Issuer issuer(*blank.os, cardtest::blankKey());
        for (int i = 0; i < 2; ++i) {
            issuer.start();
            CommandApdu c = issuer.wrap(CommandApdu{0x80, 0xF0, 0, 0, {}, -1});
            c.data[0] ^= 1;
            QCOMPARE(blank.os->transmit(c).sw, std::uint16_t(0x6988));
        }
        blank.reopen();
        auto counter = [&] { return cdos::decodeKeys(blank.tx("80CA010900").data)->front().errorCounter; };
        QCOMPARE(counter(), std::uint8_t(13));
        // Take the card over (key 00 replaced: its tries start afresh), spend one, then power-cycle.
        cardtest::Issuer owner(*blank.os, cardtest::blankKey());
        owner.start();
        const Bytes newKey = hex("00112233445566778899AABBCCDDEEFF");
        CommandApdu write{0x80, 0xD4, 0, 0, {0x01, 0x01, 0x02, 0x0F}, -1};
        cdos::append(write.data, owner.encrypt(newKey));
        QCOMPARE(owner.send(write).sw, std::uint16_t(0x9000));
        owner.replaceKey(newKey);
        CommandApdu bad = owner.wrap(CommandApdu{0x80, 0xF0, 0, 0, {}, -1});
        bad.data[1] ^= 1;
        QCOMPARE(blank.os->transmit(bad).sw, std::uint16_t(0x6988));
        QCOMPARE(counter(), std::uint8_t(14));
        blank.reopen(); // undoes the take-over: the batch key is back, with the counter as it was
        const auto k = cdos::decodeKeys(blank.tx("80CA010900").data)->front();
        QCOMPARE(k.version, std::uint8_t(1));
        QCOMPARE(k.errorCounter, std::uint8_t(14));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "TestSecurity.moc"
