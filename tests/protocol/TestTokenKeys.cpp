// The issuer's keys in a real SoftHSM2 token (docs/keys.md, "Keys in a PKCS#11 token"): a token made by the fixture
// in a temporary directory with its own SOFTHSM2_CONF, the development clear keys imported, and every operation of
// a token key compared with the same operation of the development file store's HostKey.
#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/token/Pkcs11Module.h"
#include "carddesk/protocol/token/TokenAdmin.h"
#include "carddesk/protocol/token/TokenKey.h"
#include "carddesk/protocol/token/TokenKeys.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

using namespace cdos;

namespace {

const char* const kLabel = "CardDesk test";
const char* const kSoPin = "carddesk-test-so-pin";
const char* const kPin = "carddesk-test-pin";

QString hex(const Bytes& b) {
    return QString::fromStdString(toHex(b));
}

Bytes twice(const Bytes& d8) {
    Bytes out = d8;
    out.insert(out.end(), d8.begin(), d8.end());
    return out;
}

// What a key of the holder can do besides ciphering.
struct Abilities {
    bool leftHalf = true; // a diversified key, or a token object with its companion
    bool reveal = true;   // extractable (wrapped)
};

} // namespace

class TestTokenKeys : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<Pkcs11Module> m_module;
    std::unique_ptr<TokenKeys> m_token;
    std::optional<KeyStore> m_store;
    std::vector<Bytes> m_asns;

    const std::string devKeys = std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development-keys.txt";
    const std::string devStore = std::string(CARDDESK_SOURCE_DIR) + "/resources/keystores/development.cdks";

    std::vector<std::string> masters() const {
        std::vector<std::string> out;
        for (const auto& name : m_store->names())
            if (!m_store->isShared(name) && name != KeyStore::kBlankCardKeyName)
                out.push_back(name);
        return out;
    }

    CK_OBJECT_HANDLE objectLabelled(const std::string& label) const {
        CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
        const auto found = m_module->findObjects(
            {{CKA_CLASS, &cls, sizeof cls}, {CKA_LABEL, const_cast<char*>(label.data()), label.size()}});
        if (found.size() != 1)
            throw std::runtime_error("expected one object labelled " + label);
        return found.front();
    }

    std::size_t sessionObjects() const {
        CK_BBOOL no = CK_FALSE;
        return m_module->findObjects({{CKA_TOKEN, &no, sizeof no}}).size();
    }

    // Every DesKey operation and the MACs over `token` equal the same over `host`.
    static void compareKeys(const DesKey& token, const DesKey& host, const QString& what, Abilities can) {
        const Bytes iv = crypto::randomBytes(8);
        for (std::size_t blocks : {1u, 2u, 5u}) {
            const Bytes data = crypto::randomBytes(8 * blocks);
            QVERIFY2(token.encryptEcb(data) == host.encryptEcb(data), qPrintable(what + " encryptEcb"));
            QVERIFY2(token.decryptEcb(data) == host.decryptEcb(data), qPrintable(what + " decryptEcb"));
            QVERIFY2(token.encryptCbc(iv, data) == host.encryptCbc(iv, data), qPrintable(what + " encryptCbc"));
            QVERIFY2(token.decryptCbc(iv, data) == host.decryptCbc(iv, data), qPrintable(what + " decryptCbc"));
        }
        QCOMPARE(hex(token.checkValue()), hex(host.checkValue()));
        const Bytes d8 = crypto::randomBytes(8), d16 = crypto::randomBytes(16), block = crypto::randomBytes(8);
        const auto tokDiv = token.diversify(d8), hostDiv = host.diversify(d8);
        QVERIFY2(tokDiv->encryptEcb(block) == hostDiv->encryptEcb(block), qPrintable(what + " diversify"));
        QCOMPARE(hex(tokDiv->reveal("test").bytes()), hex(hostDiv->reveal("test").bytes()));
        QVERIFY2(token.derive(d16)->encryptCbc(iv, block) == host.derive(d16)->encryptCbc(iv, block),
                 qPrintable(what + " derive"));
        // A PBOC session key: 8 bytes acting as single DES, made as E(K, d ‖ d).
        const auto tokSession = token.derive(twice(d8)), hostSession = host.derive(twice(d8));
        for (std::size_t n : {0u, 3u, 8u, 21u}) {
            const Bytes data = crypto::randomBytes(n);
            QVERIFY2(singleDesMac(*tokSession, data) == singleDesMac(*hostSession, data),
                     qPrintable(what + " singleDesMac"));
            QVERIFY2(retailMac(*tokDiv, iv, data) == retailMac(*hostDiv, iv, data),
                     qPrintable(what + " retailMac of a diversified key"));
            if (can.leftHalf)
                QVERIFY2(retailMac(token, iv, data) == retailMac(host, iv, data), qPrintable(what + " retailMac"));
        }
        if (can.leftHalf) {
            QVERIFY2(token.leftHalf()->encryptEcb(block) == host.leftHalf()->encryptEcb(block),
                     qPrintable(what + " leftHalf"));
            QVERIFY2(token.leftHalf()->leftHalf()->encryptEcb(block) == host.leftHalf()->encryptEcb(block),
                     qPrintable(what + " leftHalf of leftHalf"));
        } else {
            QVERIFY_THROWS_EXCEPTION(KeyStoreError, token.leftHalf());
        }
        if (can.reveal)
            QCOMPARE(hex(token.reveal("test").bytes()), hex(host.reveal("test").bytes()));
        else
            QVERIFY_THROWS_EXCEPTION(Pkcs11Error, token.reveal("test"));
    }

private slots:
    void initTestCase() {
        if (!QFile::exists(QString::fromUtf8(kSoftHsmModule)) ||
            QStandardPaths::findExecutable(QStringLiteral("softhsm2-util")).isEmpty())
            QSKIP("SoftHSM2 is not installed (scripts/deps.sh installs softhsm2)");
        QVERIFY(m_dir.isValid());
        const QString conf = m_dir.filePath(QStringLiteral("softhsm2.conf"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("tokens"))));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("directories.tokendir = %1\nobjectstore.backend = file\nlog.level = ERROR\n"
                               "slots.removable = false\n")
                    .arg(m_dir.filePath(QStringLiteral("tokens")))
                    .toUtf8());
        f.close();
        // Before the module is loaded: SoftHSM reads it in C_Initialize.
        qputenv("SOFTHSM2_CONF", conf.toUtf8());
        QProcess init;
        init.start(QStringLiteral("softhsm2-util"),
                   {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                    QString::fromUtf8(kLabel), QStringLiteral("--so-pin"), QString::fromUtf8(kSoPin),
                    QStringLiteral("--pin"), QString::fromUtf8(kPin)});
        QVERIFY(init.waitForFinished(30000));
        QVERIFY2(init.exitCode() == 0, init.readAllStandardError().constData());

        m_module = Pkcs11Module::open(kSoftHsmModule, kLabel, kPin);
        TokenAdmin admin(m_module);
        QCOMPARE(admin.importFromClearKeys(KeyStore::readClearKeys(devKeys)), std::size_t(10));
        m_token = std::make_unique<TokenKeys>(m_module);
        m_store.emplace(KeyStore::open(devStore, "carddesk-development"));
        m_asns = {*fromHex("0000000000000001"), *fromHex("8888000012345678"), *fromHex("FFFFFFFFFFFFFFFF")};
        for (int i = 0; i < 3; ++i)
            m_asns.push_back(crypto::randomBytes(8));
    }

    void holderMatchesTheFileStore() {
        QCOMPARE(m_token->names(), m_store->names());
        for (const auto& name : m_store->names()) {
            QCOMPARE(QString::fromStdString(m_token->kcvHex(name)), QString::fromStdString(m_store->kcvHex(name)));
            QCOMPARE(m_token->version(name), m_store->version(name));
            QCOMPARE(m_token->isShared(name), m_store->isShared(name));
        }
        QVERIFY(m_token->contains("BLANK_CARD"));
        QCOMPARE(QString::fromStdString(m_token->description()),
                 QStringLiteral("PKCS#11 token CardDesk test (SoftHSM project SoftHSM v2)"));
        QCOMPARE(m_module->tokenLabel(), std::string(kLabel));
    }

    void importIsIdempotentAndRefusesAnotherValue() {
        TokenAdmin admin(m_module);
        QCOMPARE(admin.importFromClearKeys(KeyStore::readClearKeys(devKeys)), std::size_t(0));
        const SecretBytes v1(crypto::randomBytes(16)), v2(crypto::randomBytes(16));
        QVERIFY(admin.importKey("SPARE", 1, v1, false) == TokenAdmin::Imported::Created);
        QVERIFY(admin.importKey("SPARE", 1, v1, false) == TokenAdmin::Imported::AlreadyThere);
        try {
            admin.importKey("SPARE", 1, v2, false);
            QFAIL("overwrote a key");
        } catch (const KeyStoreError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("already holds carddesk:SPARE version 1")),
                     e.what());
        }
        QVERIFY(admin.importKey("SPARE", 1, v2, false, true) == TokenAdmin::Imported::Replaced);
        QVERIFY(admin.importKey("SPARE", 2, v1, false) == TokenAdmin::Imported::Created);
        const TokenKeys reread(m_module);
        QCOMPARE(int(reread.version("SPARE")), 2); // the highest version is the one in use
        QCOMPARE(QString::fromStdString(reread.kcvHex("SPARE")), QString::fromStdString(TokenAdmin::kcvHex(v1)));
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, admin.importKey("bad:name", 1, v1, false));
        QCOMPARE(admin.deleteKey("SPARE"), std::size_t(2));
        QVERIFY(!TokenKeys(m_module).contains("SPARE"));
    }

    void everyOperationEqualsTheHostKey() {
        for (const auto& name : masters())
            for (const Bytes& asn : m_asns) {
                const QString what = QString::fromStdString(name) + " " + hex(asn);
                compareKeys(*m_token->cardKey(name, asn), *m_store->cardKey(name, asn), what, {});
                if (QTest::currentTestFailed())
                    return;
            }
        // BLANK_CARD is used as it is: its left half is the companion object.
        compareKeys(*m_token->blankCardKey(), *m_store->blankCardKey(), QStringLiteral("BLANK_CARD"), {true, false});
        for (const auto& name : m_store->names())
            if (m_store->isShared(name))
                compareKeys(*m_token->sharedKey(name), *m_store->sharedKey(name), QString::fromStdString(name),
                            {false, true});
    }

    void wrappedUnderTheCardSecureMessagingKeyEqualsTheHost() {
        for (const Bytes& asn : m_asns) {
            const auto tokSm = m_token->cardKey("ISSUER_SM", asn);
            const auto hostSm = m_store->cardKey("ISSUER_SM", asn);
            for (const auto& name : masters())
                QCOMPARE(hex(m_token->cardKey(name, asn)->wrappedUnder(*tokSm)),
                         hex(m_store->cardKey(name, asn)->wrappedUnder(*hostSm)));
            for (const auto& name : m_store->names())
                if (m_store->isShared(name))
                    QCOMPARE(hex(m_token->sharedKey(name)->wrappedUnder(*tokSm)),
                             hex(m_store->sharedKey(name)->wrappedUnder(*hostSm)));
            // The take-over: the card's maintenance key under the blank card's batch key.
            QCOMPARE(hex(tokSm->wrappedUnder(*m_token->blankCardKey())),
                     hex(hostSm->wrappedUnder(*m_store->blankCardKey())));
            // A host key's value under a token key: the token encrypts it.
            QCOMPARE(hex(hostSm->wrappedUnder(*tokSm)), hex(hostSm->wrappedUnder(*hostSm)));
            // A token key never leaves under a key the host holds.
            QVERIFY_THROWS_EXCEPTION(KeyStoreError, tokSm->wrappedUnder(*hostSm));
        }
    }

    void revealEqualsTheHostValue() {
        const ClearKeys clear = KeyStore::readClearKeys(devKeys);
        for (const auto& name : masters()) {
            const Bytes asn = crypto::randomBytes(8);
            const SecretBytes value = m_token->cardKey(name, asn)->reveal("TAC key");
            QCOMPARE(hex(value.bytes()), hex(m_store->cardKey(name, asn)->reveal("TAC key").bytes()));
            QCOMPARE(hex(value.bytes()), hex(crypto::diversify(clear.keys.at(name).second, asn)));
        }
        const Bytes d8 = crypto::randomBytes(8);
        QCOMPARE(hex(m_token->cardKey("PURCHASE", m_asns[0])->derive(twice(d8))->reveal("session key").bytes()),
                 hex(m_store->cardKey("PURCHASE", m_asns[0])->derive(twice(d8))->reveal("session key").bytes()));
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, m_token->cardKey("TAC", m_asns[0])->reveal(""));
    }

    void masterValueNeverLeavesTheToken() {
        for (const auto& name : masters()) {
            const CK_OBJECT_HANDLE master = objectLabelled("carddesk:" + name);
            try {
                m_module->attributeOrThrow(master, CKA_VALUE);
                QFAIL("a master's value was read");
            } catch (const Pkcs11Error& e) {
                QCOMPARE(e.rv(), CKR_ATTRIBUTE_SENSITIVE);
                QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("CKR_ATTRIBUTE_SENSITIVE: ")), e.what());
            }
            QVERIFY(!m_module->attribute(master, CKA_VALUE));
            const auto key = TokenKey::tokenObject(m_module, master);
            try {
                key->reveal("test");
                QFAIL("a master was revealed");
            } catch (const Pkcs11Error& e) {
                QCOMPARE(e.rv(), CKR_KEY_UNEXTRACTABLE);
            }
            // A master only derives: it does not even encrypt.
            QVERIFY_THROWS_EXCEPTION(Pkcs11Error, key->encryptEcb(Bytes(8, 0)));
        }
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, m_token->sharedKey("CARD_AUTH"));
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, m_token->cardKey("NO_SUCH_KEY", m_asns[0]));
        QVERIFY_THROWS_EXCEPTION(crypto::CryptoError, m_token->cardKey("LOAD", Bytes(7, 0)));
    }

    void sessionObjectsDieWithTheirKeys() {
        const std::size_t before = sessionObjects();
        {
            const auto card = m_token->cardKey("LOAD", m_asns[1]);
            const auto session = card->derive(crypto::randomBytes(16));
            const auto left = session->leftHalf();
            QCOMPARE(sessionObjects(), before + 3);
        }
        QCOMPARE(sessionObjects(), before);
        // A key made from a parent keeps it: the parent's object lives while the child needs it for its left half.
        std::unique_ptr<DesKey> child;
        {
            const auto card = m_token->cardKey("LOAD", m_asns[1]);
            child = card->diversify(m_asns[2]);
        }
        QCOMPARE(sessionObjects(), before + 2);
        QCOMPARE(hex(child->leftHalf()->encryptEcb(Bytes(8, 1))),
                 hex(m_store->cardKey("LOAD", m_asns[1])->diversify(m_asns[2])->leftHalf()->encryptEcb(Bytes(8, 1))));
        child.reset();
        QCOMPARE(sessionObjects(), before);
    }

    void listShowsTheLayout() {
        const auto objects = TokenAdmin(m_module).listObjects();
        for (const auto& name : m_store->names()) {
            const auto it = std::find_if(objects.begin(), objects.end(), [&](const TokenAdmin::ObjectInfo& o) {
                return o.label == "carddesk:" + name;
            });
            QVERIFY2(it != objects.end(), name.c_str());
            QCOMPARE(it->objectClass, std::string("secret key"));
            QCOMPARE(it->keyType, std::string("DES2"));
            QCOMPARE(it->version, std::optional<int>(1));
            QCOMPARE(it->shared, m_store->isShared(name));
            QCOMPARE(it->sensitive, std::optional<bool>(true));
            QCOMPARE(it->extractable, std::optional<bool>(m_store->isShared(name)));
            // Never extractable and always sensitive as the token keeps them: masters are derived in the token from a
            // key generated there (TokenAdmin::importKey).
            QCOMPARE(it->neverExtractable, std::optional<bool>(!m_store->isShared(name)));
            QCOMPARE(it->alwaysSensitive, std::optional<bool>(!m_store->isShared(name)));
            QCOMPARE(QString::fromStdString(it->kcvHex), QString::fromStdString(m_store->kcvHex(name)));
        }
        const auto companion = std::find_if(objects.begin(), objects.end(), [](const TokenAdmin::ObjectInfo& o) {
            return o.label == "carddesk:BLANK_CARD:L";
        });
        QVERIFY(companion != objects.end());
        QCOMPARE(companion->extractable, std::optional<bool>(false));
        // K1 ‖ K1 of 404142434445464748494A4B4C4D4E4F
        QCOMPARE(QString::fromStdString(companion->kcvHex),
                 hex(Bytes(crypto::keyCheckValue(*fromHex("40414243444546474041424344454647")))));
    }

    // OpenSC's pkcs11-tool, a tool of its own, sees the masters as sensitive and never extractable.
    void pkcs11ToolSeesMastersSensitiveAndNeverExtractable() {
        if (QStandardPaths::findExecutable(QStringLiteral("pkcs11-tool")).isEmpty())
            QSKIP("OpenSC's pkcs11-tool is not installed (scripts/deps.sh installs opensc)");
        QProcess tool;
        tool.start(QStringLiteral("pkcs11-tool"),
                   {QStringLiteral("--module"), QString::fromUtf8(kSoftHsmModule), QStringLiteral("--token-label"),
                    QString::fromUtf8(kLabel), QStringLiteral("--login"), QStringLiteral("--pin"),
                    QString::fromUtf8(kPin), QStringLiteral("--list-objects"), QStringLiteral("--type"),
                    QStringLiteral("secrkey")});
        QVERIFY(tool.waitForFinished(30000));
        QVERIFY2(tool.exitCode() == 0, tool.readAllStandardError().constData());
        // Blocks: "Secret Key Object; …" then indented "label:", "ID:", "Usage:", "Access:" lines.
        QMap<QString, QString> access;
        QString label;
        for (const QString& line : QString::fromUtf8(tool.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            if (line.startsWith(QStringLiteral("Secret Key Object")))
                label.clear();
            const QString t = line.trimmed();
            if (t.startsWith(QStringLiteral("label:")))
                label = t.mid(6).trimmed();
            else if (t.startsWith(QStringLiteral("Access:")) && !label.isEmpty())
                access[label] = t.mid(7).trimmed();
        }
        for (const auto& name : m_store->names()) {
            const QString l = QStringLiteral("carddesk:") + QString::fromStdString(name);
            QVERIFY2(access.contains(l), qPrintable(l + " not listed"));
            const QStringList flags = access[l].split(QStringLiteral(", "));
            QVERIFY2(flags.contains(QStringLiteral("sensitive")), qPrintable(l + ": " + access[l]));
            if (!m_store->isShared(name)) {
                QVERIFY2(flags.contains(QStringLiteral("never extractable")), qPrintable(l + ": " + access[l]));
                QVERIFY2(!flags.contains(QStringLiteral("extractable")), qPrintable(l + ": " + access[l]));
            }
        }
    }

    void ceremonyCombinesComponents() {
        TokenAdmin admin(m_module);
        const std::vector<SecretBytes> components{SecretBytes(crypto::randomBytes(16)),
                                                  SecretBytes(crypto::randomBytes(16)),
                                                  SecretBytes(crypto::randomBytes(16))};
        Bytes combined(16, 0);
        for (const auto& c : components)
            for (int i = 0; i < 16; ++i)
                combined[i] ^= c.bytes()[i];
        const auto result = admin.combineComponents("CEREMONY", 3, components, false);
        QCOMPARE(result.componentKcvs.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QCOMPARE(QString::fromStdString(result.componentKcvs[i]),
                     hex(crypto::keyCheckValue(components[i].bytes())));
        QCOMPARE(QString::fromStdString(result.resultKcv), hex(crypto::keyCheckValue(combined)));
        const TokenKeys keys(m_module);
        QCOMPARE(QString::fromStdString(keys.kcvHex("CEREMONY")), QString::fromStdString(result.resultKcv));
        QCOMPARE(int(keys.version("CEREMONY")), 3);
        QCOMPARE(hex(keys.cardKey("CEREMONY", m_asns[1])->encryptEcb(Bytes(8, 7))),
                 hex(HostKey(combined).diversify(m_asns[1])->encryptEcb(Bytes(8, 7))));
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, admin.combineComponents("CEREMONY2", 1, {components[0]}, false));
        QVERIFY_THROWS_EXCEPTION(KeyStoreError,
                                 admin.combineComponents("CEREMONY2", 1, {components[0], components[0]}, false));
        QCOMPARE(admin.deleteKey("CEREMONY"), std::size_t(1));
    }

    void unknownTokenListsTheLabelsPresent() {
        try {
            TokenKeys::open(kSoftHsmModule, "No such token", kPin);
            QFAIL("opened a token that is not there");
        } catch (const KeyStoreError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QStringLiteral("no token labelled \"No such token\"")), e.what());
            QVERIFY2(what.contains(QStringLiteral("tokens present: \"CardDesk test\"")), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(KeyStoreError, TokenKeys::open("/nonexistent/libpkcs11.so", kLabel, kPin));
    }

    void fourThreadsAtOnce() {
        const std::vector<std::string> names = masters();
        std::atomic<int> wrong{0}, failed{0};
        std::mutex firstMutex;
        std::string first;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 2000; ++i) {
                    try {
                        Bytes asn = {std::uint8_t(t), std::uint8_t(i >> 8), std::uint8_t(i), 0x5A};
                        putU32(asn, std::uint32_t(i) * 2654435761u);
                        const std::string& name = names[(t + i) % names.size()];
                        const Bytes block = {std::uint8_t(i), std::uint8_t(t), 1, 2, 3, 4, 5, 6};
                        if (m_token->cardKey(name, asn)->encryptEcb(block) !=
                            m_store->cardKey(name, asn)->encryptEcb(block))
                            ++wrong;
                    } catch (const std::exception& e) {
                        if (failed++ == 0) {
                            std::lock_guard lock(firstMutex);
                            first = e.what();
                        }
                    }
                }
            });
        for (auto& th : threads)
            th.join();
        QVERIFY2(failed == 0, first.c_str());
        QCOMPARE(wrong.load(), 0);
        QVERIFY(m_module->openSessions() <= 8);
    }

    // Last: closes the fixture's token to see the module's own C_Login refuse the PIN, then opens it again.
    void wrongPinNamesCkrPinIncorrect() {
        // The token is open in this process: the PIN is compared with the one that logged in.
        try {
            TokenKeys::open(kSoftHsmModule, kLabel, "wrong-pin");
            QFAIL("opened with a wrong PIN");
        } catch (const Pkcs11Error& e) {
            QCOMPARE(e.rv(), CKR_PIN_INCORRECT);
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("CKR_PIN_INCORRECT: wrong token PIN")),
                     e.what());
        }
        // Nothing open: the module's C_Login says it.
        m_token.reset();
        m_module.reset();
        try {
            TokenKeys::open(kSoftHsmModule, kLabel, "wrong-pin");
            QFAIL("opened with a wrong PIN");
        } catch (const Pkcs11Error& e) {
            QCOMPARE(e.rv(), CKR_PIN_INCORRECT);
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("CKR_PIN_INCORRECT: wrong token PIN (logging in to token \"CardDesk test\")"));
        }
        const TokenKeys again = TokenKeys::open(kSoftHsmModule, kLabel, kPin);
        QCOMPARE(QString::fromStdString(again.kcvHex("TAC")), QString::fromStdString(m_store->kcvHex("TAC")));
    }
};

QTEST_APPLESS_MAIN(TestTokenKeys)
#include "TestTokenKeys.moc"
