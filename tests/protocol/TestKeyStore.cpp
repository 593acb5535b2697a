#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/crypto/KeyStore.h"

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
        QCOMPARE(ks.cardKey("ISSUER_SM", asn)->reveal("test").bytes(),
                 crypto::diversify(*fromHex("11111111111111112222222222222222"), asn));
        QCOMPARE(ks.blankCardKey()->reveal("test").bytes(), *fromHex("404142434445464748494A4B4C4D4E4F"));
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
        KeyStore::create(path, "pw", {{"A", {1, Bytes(16, 0x11)}}}, KeyStore::kMinIterations);
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        const auto pos = all.rfind("key A 1 ") + 8 + 24 + 1 + 2;
        all[pos] = all[pos] == '0' ? '1' : '0';
        std::ofstream(path, std::ios::trunc) << all;
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, KeyStore::open(path, "pw"));
    }

    // Issue 17: a store sealed with 1000 PBKDF2 iterations opened, so its passphrase fell to a fast search. Below
    // KeyStore::kMinIterations it is refused with a reason, and none can be created.
    void fewIterationsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("weak.cdks").toStdString();
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, KeyStore::create(path, "pw", {{"A", {1, Bytes(16, 0x11)}}}, 1000));
        KeyStore::create(path, "pw", {{"A", {1, Bytes(16, 0x11)}}}, KeyStore::kMinIterations);
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        const std::string from = "pbkdf2-sha256 " + std::to_string(KeyStore::kMinIterations) + " ";
        const auto at = all.find(from);
        QVERIFY(at != std::string::npos);
        all.replace(at, from.size(), "pbkdf2-sha256 1000 ");
        std::ofstream(path, std::ios::trunc) << all;
        try {
            KeyStore::open(path, "pw");
            QFAIL("a store with 1000 iterations opened");
        } catch (const KeyStoreError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("1000 PBKDF2 iterations")), e.what());
        }
    }

    // Issue 16 (found while fuzzing the store's parser): 2 000 000 000 iterations kept the desk busy for hours
    // before the store could be refused; above KeyStore::kMaxIterations it is refused at once, with a reason.
    void endlessIterationsRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("slow.cdks").toStdString();
        QVERIFY_THROWS_EXCEPTION(
            KeyStoreError, KeyStore::create(path, "pw", {{"A", {1, Bytes(16, 0x11)}}}, KeyStore::kMaxIterations + 1));
        KeyStore::create(path, "pw", {{"A", {1, Bytes(16, 0x11)}}}, KeyStore::kMinIterations);
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        const std::string from = "pbkdf2-sha256 " + std::to_string(KeyStore::kMinIterations) + " ";
        const auto at = all.find(from);
        QVERIFY(at != std::string::npos);
        all.replace(at, from.size(), "pbkdf2-sha256 2000000000 ");
        std::ofstream(path, std::ios::trunc) << all;
        try {
            KeyStore::open(path, "pw");
            QFAIL("a store asking for 2 000 000 000 iterations was not refused");
        } catch (const KeyStoreError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("2000000000 PBKDF2 iterations")), e.what());
        }
    }

    void storeFileHoldsNoClearKey() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("y.cdks").toStdString();
        KeyStore::create(path, "pw", {{"M", {2, *fromHex("0123456789ABCDEFFEDCBA9876543210")}}},
                         KeyStore::kMinIterations);
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        QVERIFY(all.find("0123456789ABCDEF") == std::string::npos);
        const auto ks = KeyStore::open(path, "pw");
        QCOMPARE(int(ks.version("M")), 2);
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, ks.cardKey("NOPE", Bytes(8, 0)));
    }

    void sharedKeysAreMarkedAndBound() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.cdks").toStdString();
        const Bytes t = *fromHex("0123456789ABCDEFFEDCBA9876543210");
        KeyStore::create(path, "pw", {{"T", {1, t}}, {"M", {1, Bytes(16, 0x22)}}}, KeyStore::kMinIterations, {"T"});
        const auto ks = KeyStore::open(path, "pw");
        QVERIFY(ks.isShared("T"));
        QVERIFY(!ks.isShared("M"));
        QCOMPARE(ks.sharedKey("T")->reveal("test").bytes(), t);
        // A master not marked shared is never handed out as is.
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, ks.sharedKey("M"));
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, ks.sharedKey("NOPE"));
        // The mark is bound to the sealed key: adding it by editing the file makes the store refuse to open.
        std::ifstream in(path);
        std::string all((std::istreambuf_iterator<char>(in)), {});
        const auto eol = all.find('\n', all.find("key M 1 "));
        all.insert(eol, " shared");
        std::ofstream(path, std::ios::trunc) << all;
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, KeyStore::open(path, "pw"));
        // The development clear-key file marks TRANSPORT (and the CA service keys) shared.
        const auto clear = KeyStore::readClearKeys(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");
        QVERIFY(clear.shared.count("TRANSPORT"));
        QVERIFY(!clear.shared.count("ISSUER_SM"));
    }

    void developmentStoreMarksTransportShared() {
        const auto ks =
            KeyStore::open(CARDDESK_SOURCE_DIR "/resources/keystores/development.cdks", "carddesk-development");
        QVERIFY(ks.isShared("TRANSPORT"));
        QVERIFY(!ks.isShared("CARD_AUTH"));
    }
};

QTEST_APPLESS_MAIN(TestKeyStore)
#include "TestKeyStore.moc"
