// Crypto is pinned by published values (the PBOC load example, the GlobalPlatform test key's KCV) and by
// recomputing each construction from its definition with single-block primitives, so card and host cannot share
// a symmetric bug unnoticed.
#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <QtTest>

using namespace cdos;

namespace {
Bytes hex(const char* s) {
    return *fromHex(s);
}
Bytes xor8(Bytes a, const Bytes& b) {
    for (int i = 0; i < 8; ++i)
        a[i] ^= b[i];
    return a;
}
} // namespace

class TestCrypto : public QObject {
    Q_OBJECT
private slots:
    void publishedLoadExample() {
        // ../shared/spec/epurse-pboc.md: load sub-key, random 11223344, online counter 0000.
        const Bytes subKey = hex("11223344556677888877665544332211");
        const Bytes session = crypto::des3EcbEncrypt(subKey, hex("11223344 0000 8000"));
        QCOMPARE(QString::fromStdString(toHex(session)), QStringLiteral("9B1D924E05595603"));
        const Bytes mac1 = crypto::desCbcMac(session, hex("00000000 00001000 01 001122334455"));
        QCOMPARE(QString::fromStdString(toHex(Bytes(mac1.begin(), mac1.begin() + 4))), QStringLiteral("2988AE5A"));
        const Bytes mac2 = crypto::desCbcMac(session, hex("00001000 01 001122334455 20111221 214822"));
        QCOMPARE(QString::fromStdString(toHex(Bytes(mac2.begin(), mac2.begin() + 4))), QStringLiteral("3A845BF0"));
    }

    void keyCheckValueOfTheGlobalPlatformTestKey() {
        QCOMPARE(QString::fromStdString(toHex(crypto::keyCheckValue(hex("404142434445464748494A4B4C4D4E4F")))),
                 QStringLiteral("8BAF47"));
    }

    void singleDesIsThreeDesWithEqualHalves() {
        // Known single-DES vector (FIPS 81 / classic): key 0123456789ABCDEF, "Now is t" -> 3FA40E8A984D4815.
        QCOMPARE(QString::fromStdString(toHex(crypto::desEcbEncrypt(hex("0123456789ABCDEF"), hex("4E6F772069732074")))),
                 QStringLiteral("3FA40E8A984D4815"));
        QCOMPARE(crypto::desEcbDecrypt(hex("0123456789ABCDEF"), hex("3FA40E8A984D4815")), hex("4E6F772069732074"));
    }

    void padding() {
        QCOMPARE(crypto::pad80(hex("01")), hex("0180000000000000"));
        QCOMPARE(crypto::pad80(hex("0102030405060708")), hex("0102030405060708 8000000000000000"));
        QCOMPARE(crypto::pad80({}), hex("8000000000000000"));
    }

    void retailMacFromItsDefinition_data() {
        QTest::addColumn<QByteArray>("dataHex");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("one block") << QByteArray("01020304");
        QTest::newRow("aligned") << QByteArray("0102030405060708");
        QTest::newRow("three blocks") << QByteArray("00112233445566778899AABBCCDDEEFF0011");
    }
    void retailMacFromItsDefinition() {
        QFETCH(QByteArray, dataHex);
        const Bytes key = hex("0123456789ABCDEFFEDCBA9876543210");
        const Bytes left(key.begin(), key.begin() + 8), right(key.begin() + 8, key.end());
        const Bytes iv = hex("1122334455667788");
        const Bytes padded = crypto::pad80(*fromHex(dataHex.toStdString()));
        Bytes chain = iv;
        for (std::size_t i = 0; i < padded.size(); i += 8)
            chain = crypto::desEcbEncrypt(left, xor8(chain, Bytes(padded.begin() + i, padded.begin() + i + 8)));
        const Bytes expected = crypto::desEcbEncrypt(left, crypto::desEcbDecrypt(right, chain));
        QCOMPARE(crypto::retailMac(key, iv, *fromHex(dataHex.toStdString())), expected);
    }

    void desCbcMacFromItsDefinition() {
        const Bytes key = hex("9B1D924E05595603");
        const Bytes data = hex("00112233445566778899AABBCCDDEEFF01");
        const Bytes padded = crypto::pad80(data);
        Bytes chain(8, 0);
        for (std::size_t i = 0; i < padded.size(); i += 8)
            chain = crypto::desEcbEncrypt(key, xor8(chain, Bytes(padded.begin() + i, padded.begin() + i + 8)));
        QCOMPARE(crypto::desCbcMac(key, data), chain);
    }

    void diversificationFromItsDefinition() {
        const Bytes master = hex("11223344556677888877665544332211");
        const Bytes asn = hex("0102030405060708");
        const Bytes k = crypto::diversify(master, asn);
        QCOMPARE(k.size(), std::size_t(16));
        QCOMPARE(Bytes(k.begin(), k.begin() + 8), crypto::des3EcbEncrypt(master, asn));
        QCOMPARE(Bytes(k.begin() + 8, k.end()), crypto::des3EcbEncrypt(master, hex("FEFDFCFBFAF9F8F7")));
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, crypto::diversify(master, hex("0102")));
    }

    void smSessionChainsItsIcv() {
        const Bytes key = hex("11111111111111112222222222222222");
        IssuerSmSession host{SecretBytes(key)};
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, host.wrap(CommandApdu{0x80, 0xF0, 0, 0, {}, -1}));
        host.start(hex("0102030405060708"));
        const CommandApdu a = host.wrap(CommandApdu{0x80, 0xF0, 0, 0, {}, -1});
        QCOMPARE(a.cla, std::uint8_t(0x84));
        QCOMPARE(a.data.size(), std::size_t(4));
        const Bytes full = smMac(key, hex("0102030405060708"), smMacInput(0x84, 0xF0, 0, 0, {}));
        QCOMPARE(a.data, Bytes(full.begin(), full.begin() + 4));
        // The same command again is MAC'd under the chained ICV, so a replay of the first would not verify.
        const CommandApdu b = host.wrap(CommandApdu{0x80, 0xF0, 0, 0, {}, -1});
        QVERIFY(a.data != b.data);
        const Bytes second = smMac(key, full, smMacInput(0x84, 0xF0, 0, 0, {}));
        QCOMPARE(b.data, Bytes(second.begin(), second.begin() + 4));
    }

    void aesGcmRoundTripAndTamper() {
        const Bytes key(32, 7), nonce(12, 1), aad = hex("AA");
        const Bytes sealed = crypto::aesGcmEncrypt(key, nonce, aad, hex("00112233"));
        QCOMPARE(crypto::aesGcmDecrypt(key, nonce, aad, sealed), hex("00112233"));
        Bytes bad = sealed;
        bad[0] ^= 1;
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, crypto::aesGcmDecrypt(key, nonce, aad, bad));
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, crypto::aesGcmDecrypt(key, nonce, hex("AB"), sealed));
    }

    // The operators' password hashes (docs/operators.md): PBKDF2-HMAC-SHA256's published vector, and the compare
    // that gives nothing away by its time.
    void pbkdf2AndConstantTimeCompare() {
        const Bytes salt{'s', 'a', 'l', 't'};
        QCOMPARE(crypto::pbkdf2Sha256("password", salt, 1, 32),
                 hex("120FB6CFFCF8B32C43E7225256C4F837A86548C92CCC35480805987CB70BE17B"));
        QCOMPARE(crypto::pbkdf2Sha256("password", salt, 2, 32),
                 hex("AE4D0C95AF6B46D32D0ADFF928F06DD02A303F8EF3C251DFD6E2D85A95474C43"));
        QVERIFY(crypto::equalConstantTime(hex("0102"), hex("0102")));
        QVERIFY(!crypto::equalConstantTime(hex("0102"), hex("0103")));
        QVERIFY(!crypto::equalConstantTime(hex("0102"), hex("010203")));
        QVERIFY(crypto::equalConstantTime({}, {}));
    }

    void wrongKeyLengthsAreErrors() {
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, crypto::des3EcbEncrypt(hex("0102"), Bytes(8, 0)));
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError,
                                 crypto::des3EcbEncrypt(hex("11223344556677888877665544332211"), Bytes(7, 0)));
    }
};

QTEST_APPLESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
