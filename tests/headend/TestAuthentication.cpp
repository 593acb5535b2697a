// Three-party authentication without the headend process: the protocol functions of both roles, and the card's
// AUTH INIT / AUTHENTICATE / AUTH RESULT in process against the host side computed from the key store.
#include "HeadendTestSupport.h"

#include <algorithm>

using cdos::Bytes;
namespace auth = cdos::auth;

class TestAuthentication : public QObject {
    Q_OBJECT
    std::unique_ptr<cdos::KeyStore> m_keys;

    // The host's side of the whole exchange against an in-process card; returns the AUTH RESULT status word.
    std::uint16_t runHost(hdtest::IssuedCard& c, const cdos::HolderData& expected) {
        const Bytes r1 = cdos::crypto::randomBytes(8);
        const auto a1 = c.tx(auth::authInit(r1));
        if (!a1.ok())
            return a1.sw;
        const auto number = auth::decryptCardNumber(m_keys->cardKey("TRANSPORT", r1)->reveal("test").bytes(), a1.data);
        if (!number)
            return 0x0001;
        const Bytes r2 = cdos::crypto::randomBytes(8);
        const auto a2 = c.tx(auth::authenticate(r2));
        if (!a2.ok())
            return a2.sw;
        const cdos::SecretBytes cak =
            m_keys->cardKey("CARD_AUTH", Bytes(number->begin() + 2, number->end()))->reveal("test");
        const cdos::SecretBytes apk = auth::processKey(cak.bytes(), r2);
        const auto personal = auth::decryptPersonalData(apk.bytes(), a2.data);
        if (!personal || personal->holder.name != expected.name || personal->holder.account != expected.account ||
            personal->holder.userNumber != expected.userNumber)
            return 0x0002;
        return c.tx(auth::authResult(auth::encryptAuthResult(apk.bytes(), *number, personal->cardRandom))).sw;
    }

private slots:
    void initTestCase() { m_keys = hdtest::openDevKeys(); }

    void processKeyIsTheKeyStoresDiversification() {
        // The host never holds the transport master: its key store's diversification by R is the process key.
        const Bytes r = *cdos::fromHex("1122334455667788");
        QCOMPARE(auth::processKey(hdtest::transportMaster(), r).bytes(),
                 m_keys->cardKey("TRANSPORT", r)->reveal("test").bytes());
        const Bytes number = *cdos::fromHex("86010000000000000001");
        QCOMPARE(auth::cardAuthKeyFromMaster(hdtest::cardAuthMaster(), number).bytes(),
                 m_keys->cardKey("CARD_AUTH", *cdos::fromHex("0000000000000001"))->reveal("test").bytes());
    }

    void knownAnswer() {
        // Pinned values (docs/authentication.md, worked example) so that a change of padding or mode shows.
        const Bytes r = *cdos::fromHex("1122334455667788");
        const cdos::SecretBytes tpk = auth::processKey(hdtest::transportMaster(), r);
        const Bytes c = auth::encryptCardNumber(tpk.bytes(), *cdos::fromHex("86010000000000000001"));
        // Checked independently with the openssl command line (des-ede ECB for the key, des-ede-cbc zero IV).
        QCOMPARE(tpk.bytes(), *cdos::fromHex("3EB3B72576BBBE831355AB0EE3123AE8"));
        QCOMPARE(c, *cdos::fromHex("C654582E31440F07695CC943C6C38A7C"));
        QCOMPARE(*auth::decryptCardNumber(tpk.bytes(), c), *cdos::fromHex("86010000000000000001"));
    }

    void roundTripsAndRefusals() {
        const Bytes key = cdos::crypto::randomBytes(16), other = cdos::crypto::randomBytes(16);
        const cdos::HolderData h{"U1", "6222", "张伟"};
        const Bytes rc = *cdos::fromHex("0102030405060700"); // a random may end in zero bytes
        const Bytes sealed = auth::encryptPersonalData(key, h, rc);
        const auto back = auth::decryptPersonalData(key, sealed);
        QVERIFY(back);
        QCOMPARE(back->holder.name, h.name);
        QCOMPARE(back->cardRandom, rc);
        // Without the card's random (a host of the first protocol) the personal data is refused.
        QVERIFY(!auth::decryptPersonalData(key, auth::seal(key, h.encode())));
        QVERIFY(!auth::decryptPersonalData(other, sealed));
        Bytes flipped = sealed;
        flipped.back() ^= 0x01;
        QVERIFY(!auth::decryptPersonalData(key, flipped));
        QVERIFY(!auth::decryptCardNumber(key, Bytes(15, 0)));
        QVERIFY(!auth::open(key, {}));
    }

    void cardAuthenticates() {
        hdtest::IssuedCard c(*m_keys);
        QVERIFY(!c.card.os->session().authenticated);
        QCOMPARE(runHost(c, c.profile.holder), std::uint16_t(0x9000));
        QVERIFY(c.card.os->session().authenticated);
        c.card.os->reset();
        QVERIFY(!c.card.os->session().authenticated); // RAM only
    }

    void wrongCardNumberCryptogramRefused() {
        hdtest::IssuedCard c(*m_keys);
        QVERIFY(c.tx(auth::authInit(cdos::crypto::randomBytes(8))).ok());
        QVERIFY(c.tx(auth::authenticate(cdos::crypto::randomBytes(8))).ok());
        QCOMPARE(c.tx(auth::authResult(cdos::crypto::randomBytes(24))).sw, cdos::sw::SecurityNotSatisfied);
        QVERIFY(!c.card.os->session().authenticated);
        // One try per AUTHENTICATE: a second AUTH RESULT is out of sequence.
        QCOMPARE(c.tx(auth::authResult(cdos::crypto::randomBytes(24))).sw, cdos::sw::ConditionsNotSatisfied);
    }

    void outOfSequenceAndBadLengths() {
        hdtest::IssuedCard c(*m_keys);
        QCOMPARE(c.tx(auth::authenticate(cdos::crypto::randomBytes(8))).sw, cdos::sw::ConditionsNotSatisfied);
        QCOMPARE(c.tx(auth::authResult(cdos::crypto::randomBytes(24))).sw, cdos::sw::ConditionsNotSatisfied);
        QCOMPARE(c.tx(auth::authInit(cdos::crypto::randomBytes(7))).sw, cdos::sw::WrongLength);
        QVERIFY(c.tx(auth::authInit(cdos::crypto::randomBytes(8))).ok());
        QVERIFY(c.tx(auth::authenticate(cdos::crypto::randomBytes(8))).ok());
        QCOMPARE(c.tx(auth::authResult(cdos::crypto::randomBytes(16))).sw, cdos::sw::WrongLength);
    }

    void wrongCardKeysFailAtTheHost() {
        // A card whose keys are not the issuer's: the host cannot read its card number.
        hdtest::IssuedCard c(*m_keys);
        c.writeAuthKeys(cdos::crypto::randomBytes(16), cdos::crypto::randomBytes(16));
        QCOMPARE(runHost(c, c.profile.holder), std::uint16_t(0x0001));
        // Right transport key, wrong card authentication key: the personal data does not decrypt.
        c.writeAuthKeys(hdtest::transportMaster(), cdos::crypto::randomBytes(16));
        QCOMPARE(runHost(c, c.profile.holder), std::uint16_t(0x0002));
    }

    void issuanceAloneIsEnough() {
        // Nothing written after issuance: the personaliser's standard keys are the ones [0010] needs.
        hdtest::IssuedCard c(*m_keys, "86010000000000000002");
        QCOMPARE(runHost(c, c.profile.holder), std::uint16_t(0x9000));
        const auto keys = cdos::decodeKeys(c.tx(cdos::getData(cdos::tag::Keys)).data);
        QVERIFY(keys.has_value());
        int authKeys = 0;
        for (const auto& k : *keys)
            authKeys += (k.id == cdos::auth::kTransportKeyId || k.id == cdos::auth::kCardAuthKeyId) ? 1 : 0;
        QCOMPARE(authKeys, 2);
    }

    void noCardKeyOpensAnotherCard() {
        // Issue 17 (4): key 01 used to be the TRANSPORT master itself and key 02 = diversify(TRANSPORT, ASN), so the
        // key 01 read out of one card derived every other card's authentication key. No key of card A, diversified by
        // card B's ASN (the only derivation the system uses), may give a key of card B; as is, only the keys the
        // system shares by design (transport: conceals the number; CA service keys: broadcast) may be the same.
        hdtest::IssuedCard a(*m_keys, "86010000000000000011");
        hdtest::IssuedCard b(*m_keys, "86010000000000000012");
        const Bytes asnB = *cdos::fromHex("0000000000000012");
        const auto keysOf = [](hdtest::IssuedCard& c, bool sharedToo) {
            std::vector<Bytes> out;
            for (const auto& info : c.card.os->keys().list()) {
                const auto usage = static_cast<cdos::KeyUsage>(info.usage);
                if (sharedToo || (usage != cdos::KeyUsage::Transport && usage != cdos::KeyUsage::CaService))
                    out.push_back(c.card.os->keys().find(info.id)->value.bytes());
            }
            return out;
        };
        const std::vector<Bytes> onA = keysOf(a, true), ownOfB = keysOf(b, false), allOfB = keysOf(b, true);
        QVERIFY(ownOfB.size() >= 6);
        for (const Bytes& k : onA) {
            QVERIFY2(std::find(ownOfB.begin(), ownOfB.end(), k) == ownOfB.end(), "card A holds a key of card B");
            const Bytes derived = cdos::crypto::diversify(k, asnB);
            QVERIFY2(std::find(allOfB.begin(), allOfB.end(), derived) == allOfB.end(), "a key of A derives one of B");
        }

        // The whole attack: card A's keys pretend to be card B. Key 01 still conceals B's number (it is shared), but
        // the host's personal-data step needs B's CARD_AUTH diversification, which no card holds.
        const Bytes transportA = a.card.os->keys().find(auth::kTransportKeyId)->value.bytes();
        b.writeAuthKeys(transportA, cdos::crypto::diversify(transportA, asnB));
        QCOMPARE(runHost(b, b.profile.holder), std::uint16_t(0x0002));
    }

    void recordedStepSixIsNotReplayable() {
        // Issue 17 (low): the card added no challenge of its own, so a terminal that had recorded one exchange (R, R2
        // and the host's step-6 cryptogram) could replay it later, without the headend, and the card believed
        // itself authenticated. Now step 6 must carry the random the card chose at step 4.
        hdtest::IssuedCard c(*m_keys);
        const Bytes r1 = cdos::crypto::randomBytes(8), r2 = cdos::crypto::randomBytes(8);
        const auto a1 = c.tx(auth::authInit(r1));
        const auto number = auth::decryptCardNumber(m_keys->cardKey("TRANSPORT", r1)->reveal("test").bytes(), a1.data);
        QVERIFY(number);
        const auto a2 = c.tx(auth::authenticate(r2));
        const cdos::SecretBytes cak =
            m_keys->cardKey("CARD_AUTH", Bytes(number->begin() + 2, number->end()))->reveal("test");
        const cdos::SecretBytes apk = auth::processKey(cak.bytes(), r2);
        const auto personal = auth::decryptPersonalData(apk.bytes(), a2.data);
        QVERIFY(personal);
        const Bytes recorded = auth::encryptAuthResult(apk.bytes(), *number, personal->cardRandom);
        QCOMPARE(c.tx(auth::authResult(recorded)).sw, std::uint16_t(0x9000));
        c.card.os->reset();
        // The replay: the same R and R2 from the recording, then the recorded step 6.
        QVERIFY(c.tx(auth::authInit(r1)).ok());
        const auto again = c.tx(auth::authenticate(r2));
        QVERIFY(again.ok());
        QVERIFY(again.data != a2.data); // a fresh card random each time
        QCOMPARE(c.tx(auth::authResult(recorded)).sw, cdos::sw::SecurityNotSatisfied);
        QVERIFY(!c.card.os->session().authenticated);
    }

    void blockedCardRefuses() {
        hdtest::IssuedCard c(*m_keys);
        c.card.os->nvm().begin();
        c.card.os->state().setLifeCycle(cdos::LifeCycle::Blocked);
        c.card.os->nvm().commit();
        QCOMPARE(c.tx(auth::authInit(cdos::crypto::randomBytes(8))).sw, cdos::sw::FunctionNotSupported);
    }
};

QTEST_GUILESS_MAIN(TestAuthentication)
#include "TestAuthentication.moc"
