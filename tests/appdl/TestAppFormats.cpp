// Formats and crypto of application download: TLV round trips, strict decoding, signatures of every algorithm,
// key transport and the process-key cipher.
#include "AppDlSupport.h"

using namespace appdltest;

class TestAppFormats : public QObject {
    Q_OBJECT

    ad::CardIdentity card() {
        ad::CardIdentity c;
        c.cardNumber = cardtest::hex("86010000000000000001");
        c.issuerSerial = cardtest::hex("4344000000000001");
        c.productSerial = cardtest::hex("5456000000000001");
        c.cardPublicKey = m_cardKey;
        return c;
    }
    ad::AppKey m_cardKey = ad::AppKey::generateRsa2048();

private slots:
    void roundTrips() {
        const ad::AppProducer producer(ad::AppAuthorities::development(sourcePath("resources/app-keys"), "ec"));
        const auto cert = producer.buildInstallCertificate(
            kBillAid, card(), {cardtest::hex("4344000000000009"), cardtest::hex("4344000000000001")});
        const Bytes e1 = cert.encode();
        const auto top = ad::AppTlv::parse(e1, {ad::tag::InstallCertificate});
        const auto back = ad::InstallCertificate::decode(top.at(ad::tag::InstallCertificate));
        QCOMPARE(back.encode(), e1);
        QCOMPARE(back.issuerGroup.size(), std::size_t(2));
        QVERIFY(ad::AppCrypto::verify(producer.authorities().ca, back.signatureAlg, back.body(), back.signature));

        const auto unit = producer.buildUnit(billApp(), card());
        const Bytes e2 = unit.encode();
        const auto u = ad::InstallUnit::decode(ad::AppTlv::parse(e2, {ad::tag::InstallUnit}).at(ad::tag::InstallUnit));
        QCOMPARE(u.encode(), e2);
        QCOMPARE(u.nvmSize, 1024u);

        const auto del = producer.buildDeleteCertificate(kBillAid, Bytes(16, 0xA5), card());
        const Bytes e3 = del.encode();
        QCOMPARE(ad::DeleteCertificate::decode(
                     ad::AppTlv::parse(e3, {ad::tag::DeleteCertificate}).at(ad::tag::DeleteCertificate))
                     .encode(),
                 e3);
    }

    void strictDecoding() {
        const ad::AppProducer producer(ad::AppAuthorities::development(sourcePath("resources/app-keys"), "ec"));
        const Bytes e1 = producer.buildInstallCertificate(kBillAid, card()).encode();
        auto decode = [](const Bytes& b) {
            ad::InstallCertificate::decode(
                ad::AppTlv::parse(b, {ad::tag::InstallCertificate}).at(ad::tag::InstallCertificate));
        };
        Bytes truncated(e1.begin(), e1.end() - 1);
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, decode(truncated));
        Bytes trailing = e1;
        trailing.push_back(0);
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, decode(trailing));
        Bytes longer = e1; // outer length claims more than there is
        longer[2] = static_cast<std::uint8_t>(longer[2] + 1);
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, decode(longer));
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, ad::AppTlv::parse(cardtest::hex("4F83000001"), {0x4F}));
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, ad::AppTlv::parse(cardtest::hex("4F01004F0100"), {0x4F}));
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, ad::AppTlv::parse(cardtest::hex("4F0100"), {0x4F, 0x5A}));
        ad::InstallCertificate bad = producer.buildInstallCertificate(kBillAid, card());
        bad.aid = Bytes(17, 1); // AIDs are 5..16 bytes
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, decode(bad.encode()));
        bad.aid = kBillAid;
        bad.cardNumber = Bytes(11, 1);
        QVERIFY_THROWS_EXCEPTION(ad::FormatError, decode(bad.encode()));
    }

    void signatureAlgorithms() {
        const Bytes msg = cardtest::hex("0102030405");
        const auto rsa = ad::AppAuthorities::development(sourcePath("resources/app-keys"), "rsa");
        const auto ec = ad::AppAuthorities::development(sourcePath("resources/app-keys"), "ec");
        for (std::uint8_t a : {ad::alg::RsaPkcs1, ad::alg::RsaPss}) {
            const Bytes sig = ad::AppCrypto::sign(rsa.ca, a, msg);
            QVERIFY(ad::AppCrypto::verify(ad::AppKey::fromPublicDer(rsa.ca.publicDer()), a, msg, sig));
            QVERIFY(!ad::AppCrypto::verify(rsa.issuer, a, msg, sig));
            QVERIFY(!ad::AppCrypto::verify(ec.ca, a, msg, sig));
        }
        const Bytes sig = ad::AppCrypto::sign(ec.ca, ad::alg::EcdsaP256, msg);
        QVERIFY(ad::AppCrypto::verify(ec.ca, ad::alg::EcdsaP256, msg, sig));
        QVERIFY(!ad::AppCrypto::verify(ec.ca, ad::alg::EcdsaP256, cardtest::hex("0102030406"), sig));
        QVERIFY(!ad::AppCrypto::verify(ec.ca, 0x7F, msg, sig));
        QVERIFY(!ad::AppCrypto::keyFits(ec.ca, ad::alg::RsaPss));
    }

    void keyTransportAndCipher() {
        const cdos::SecretBytes key(cdos::crypto::randomBytes(16));
        const Bytes ktu = ad::AppCrypto::wrapKey(ad::AppKey::fromPublicDer(m_cardKey.publicDer()), key);
        QCOMPARE(ktu.size(), std::size_t(256));
        QCOMPARE(ad::AppCrypto::unwrapKey(m_cardKey, ktu)->bytes(), key.bytes());
        QVERIFY(!ad::AppCrypto::unwrapKey(ad::AppKey::generateRsa2048(), ktu));
        const Bytes plain = cardtest::hex("00112233445566778899AABBCCDDEEFF00");
        const Bytes c = ad::AppCrypto::encrypt(key, plain);
        QCOMPARE(c.size(), std::size_t(16 + 32));
        QCOMPARE(*ad::AppCrypto::decrypt(key, c), plain);
        Bytes damaged = c;
        damaged.back() ^= 1;
        QVERIFY(!ad::AppCrypto::decrypt(key, damaged) || *ad::AppCrypto::decrypt(key, damaged) != plain);
        QVERIFY(!ad::AppCrypto::decrypt(key, Bytes(c.begin(), c.end() - 1)));
    }

    void statusWordsHaveWords() {
        QCOMPARE(QString::fromStdString(ad::statusText(ad::sw::CardNumberMismatch)),
                 QStringLiteral("the certificate is for another card"));
    }
};

QTEST_GUILESS_MAIN(TestAppFormats)
#include "TestAppFormats.moc"
