#include "carddesk/protocol/Crypto.h"
#include "carddesk/protocol/KeyStore.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace cdos;

class TestKeyStore : public QObject {
    Q_OBJECT
    const std::string devStore = std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development.cdks";

private slots:
    void developmentStoreMatchesTheDocumentedKeys() {
        const auto ks = KeyStore::open(devStore, "carddesk-development");
        QCOMPARE(QString::fromStdString(ks.kcvHex("BLANK_CARD")), QStringLiteral("8BAF47"));
        QCOMPARE(QString::fromStdString(ks.kcvHex("ISSUER_SM")), QStringLiteral("D2B91C"));
        QCOMPARE(QString::fromStdString(ks.kcvHex("LOAD")), QStringLiteral("491510"));
        const Bytes asn = *fromHex("0000000000000001");
        QCOMPARE(ks.cardKey("ISSUER_SM", asn).bytes(),
                 crypto::diversify(*fromHex("11111111111111112222222222222222"), asn));
        QCOMPARE(ks.blankCardKey().bytes(), *fromHex("404142434445464748494A4B4C4D4E4F"));
    }

    void wrongPassphraseAndDamageAreClear() {
        try {
            KeyStore::open(devStore, "wrong");
            QFAIL("opened with a wrong passphrase");
        } catch (const KeyStoreError& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("wrong key store passphrase"));
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath("x.cdks").toStdString();
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, KeyStore::open(path, "x")); // missing
        std::ofstream(path) << "hello\n";
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, KeyStore::open(path, "x")); // not a key store
        // Flip one ciphertext byte of one key: the store refuses to open rather than hand out a wrong key.
        KeyStore::create(path, "pw", {{"A", {1, Bytes(16, 0x11)}}}, 1000);
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        const auto pos = all.rfind("key A 1 ") + 8 + 24 + 1 + 2;
        all[pos] = all[pos] == '0' ? '1' : '0';
        std::ofstream(path, std::ios::trunc) << all;
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, KeyStore::open(path, "pw"));
    }

    void storeFileHoldsNoClearKey() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("y.cdks").toStdString();
        KeyStore::create(path, "pw", {{"M", {2, *fromHex("0123456789ABCDEFFEDCBA9876543210")}}}, 1000);
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        QVERIFY(all.find("0123456789ABCDEF") == std::string::npos);
        const auto ks = KeyStore::open(path, "pw");
        QCOMPARE(int(ks.version("M")), 2);
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, ks.cardKey("NOPE", Bytes(8, 0)));
    }
};

QTEST_APPLESS_MAIN(TestKeyStore)
#include "TestKeyStore.moc"
