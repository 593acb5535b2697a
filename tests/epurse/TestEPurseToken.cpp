// Issue 13: a card issued with the keys of a PKCS#11 token (SoftHSM2, made by scripts/dev-token.sh) holds the same
// keys as one issued from the development key file — the published terminal crypto, with keys derived on the host
// from the file's masters, loads and buys on it — and a terminal whose keys stay in the token works the purse too.
// Production mode refuses the development file and the development keys in a token.
#include "EPurseTestSupport.h"

#include "support/DevelopmentToken.h"

#include <carddesk/protocol/token/KeySource.h>

#include <QProcess>

#include <tuple>

using namespace eptest;

class TestEPurseToken : public QObject {
    Q_OBJECT
    cdtest::DevelopmentToken m_token;
    std::shared_ptr<const cdos::IssuerKeys> m_tokenKeys;

private slots:
    void initTestCase() {
        if (!cdtest::DevelopmentToken::available())
            QSKIP("SoftHSM2 is not installed (scripts/deps.sh installs softhsm2)");
        const QString problem = m_token.make();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_tokenKeys = cdos::openIssuerKeys(cdtest::DevelopmentToken::kUri, cdtest::DevelopmentToken::kPin);
        QVERIFY(m_tokenKeys->description().find("PKCS#11 token CardDesk development") != std::string::npos);
    }

    void tokenIssuedCardTakesThePublishedTerminalCrypto() {
        QTemporaryDir dir;
        const cdos::KeyStore file = cardtest::developmentKeyStore(dir.path().toStdString());
        cdos::CardProfile profile = cdtest::sampleProfile();
        cardtest::TempCard card;
        auto tx = [&](const cdos::CommandApdu& c) { return card.os->transmit(c); };
        cdos::Personaliser perso(*m_tokenKeys, tx);
        perso.personalise(profile);
        QVERIFY(perso.apduCount() > 10);

        // Keys from the file store's masters on the host: the card accepts their MAC2 and its MAC1/TAC verify.
        PurseTerminal host(tx, kTerminal, PurseKeys::fromIssuer(file, profile.info.asn()));
        host.selectPurse();
        host.verifyPin(1, "1234");
        const LoadResult load = host.load(5000, kDate, kTime);
        QVERIFY(load.tacVerified);
        const PurchaseResult bought = host.purchase(1200, 0xCAFE0001, kDate, kTime);
        QVERIFY(bought.mac2Verified);
        QVERIFY(bought.tacVerified);
        QCOMPARE(bought.balanceAfter, 3800u);

        // A terminal whose session keys are derived and whose MACs are computed inside the token.
        PurseTerminal inToken(tx, kTerminal, PurseKeys::fromIssuer(*m_tokenKeys, profile.info.asn()));
        inToken.selectPurse();
        const LoadResult load2 = inToken.load(700, kDate, kTime);
        QVERIFY(load2.tacVerified);
        const PurchaseResult bought2 = inToken.purchase(500, 0xCAFE0002, kDate, kTime);
        QVERIFY(bought2.mac2Verified);
        QVERIFY(bought2.tacVerified);
        QCOMPARE(bought2.balanceAfter, 4000u);

        // The card's keys are the file store's, key for key: the maintenance key opens secure messaging.
        cdos::IssuerSmSession sm(file.cardKey("ISSUER_SM", profile.info.asn()));
        sm.start(card.os->transmit(cdos::getChallenge()).data);
        QCOMPARE(card.os->transmit(sm.wrap(cdos::getData(cdos::tag::CardNumber))).sw, std::uint16_t(0x9000));
    }

    void productionModeRefusesDevelopmentKeys() {
        const std::vector<std::string> found = cdos::developmentKeysIn(*m_tokenKeys);
        QCOMPARE(found.size(), std::size_t(10));
        QVERIFY(found.front().find("the development") != std::string::npos);
        // A PIN inside the URI is refused: it would end up on a command line or in a settings file.
        QVERIFY_THROWS_EXCEPTION(cdos::KeyStoreError,
                                 cdos::parsePkcs11Uri("pkcs11:token=CardDesk%20development?pin-value=1234"));
        QVERIFY_THROWS_EXCEPTION(cdos::KeyStoreError, cdos::parsePkcs11Uri("pkcs11:object=x"));
        QCOMPARE(cdos::parsePkcs11Uri("pkcs11:token=Issuer%20CA;manufacturer=X?module-path=/opt/p11.so").label,
                 std::string("Issuer CA"));
    }

#ifdef CARDDESK_HEADEND_BIN
    // The headend's --production: a key file refused, the development token refused by its keys' check values.
    void headendProductionRefusesDevelopmentKeys() {
        auto serve = [](const QString& keystore) {
            QTemporaryDir dir;
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), QStringLiteral("carddesk-development"));
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(CARDDESK_HEADEND_BIN),
                    {QStringLiteral("serve"), QStringLiteral("--production"), QStringLiteral("--keystore"), keystore,
                     QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"), QStringLiteral("0")});
            p.waitForFinished(30000);
            return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
        };
        const auto [fileCode, fileSaid] =
            serve(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development.cdks"));
        QVERIFY(fileCode != 0);
        QVERIFY2(fileSaid.contains(QStringLiteral("PKCS#11 token only")), qPrintable(fileSaid));
        const auto [tokenCode, tokenSaid] = serve(QString::fromLatin1(cdtest::DevelopmentToken::kUri));
        QVERIFY(tokenCode != 0);
        QVERIFY2(tokenSaid.contains(QStringLiteral("published development keys")), qPrintable(tokenSaid));
    }
#endif

    // The key ceremony of carddesk-keystore: components typed by custodians (standard input here), their check values
    // and the key's shown, the key usable at once; the token's production mark then refuses clear-key files, a
    // development key brought in components, and opening a token that still holds development keys.
    void ceremonyAndProductionMark() {
        auto tool = [](const QStringList& args, const QByteArray& input = {}) {
            QProcess p;
            p.start(QStringLiteral(CARDDESK_KEYSTORE_BIN),
                    args + QStringList{QStringLiteral("--token"), QStringLiteral("CardDesk development")});
            p.write(input);
            p.closeWriteChannel();
            p.waitForFinished(30000);
            return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                                   QString::fromUtf8(p.readAllStandardError()));
        };
        // 0123.. XOR FEDC.. = FFFF..FF: check value of an all-ones key.
        auto [code, out, err] = tool({QStringLiteral("token-ceremony"), QStringLiteral("LOAD"), QStringLiteral("7")},
                                     "0123456789ABCDEF0123456789ABCDEF\nFEDCBA9876543210 FEDCBA9876543210\n");
        QVERIFY2(code == 0, qPrintable(err));
        const cdos::HostKey ones(*cdos::fromHex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"));
        QVERIFY(out.contains(QStringLiteral("component 1 check value ")));
        QVERIFY(out.contains(QStringLiteral("LOAD v7 check value ") +
                             QString::fromStdString(cdos::toHex(ones.checkValue()))));
        QVERIFY(!out.contains(QStringLiteral("0123456789ABCDEF")) && !err.contains(QStringLiteral("0123456789ABCDEF")));
        const auto reopened = cdos::openIssuerKeys(cdtest::DevelopmentToken::kUri, cdtest::DevelopmentToken::kPin);
        QCOMPARE(reopened->version("LOAD"), std::uint8_t(7));
        const cdos::Bytes asn = *cdos::fromHex("0102030405060708");
        QCOMPARE(reopened->cardKey("LOAD", asn)->encryptEcb(cdos::Bytes(8, 0)),
                 ones.diversify(asn)->encryptEcb(cdos::Bytes(8, 0)));

        QCOMPARE(std::get<0>(tool({QStringLiteral("token-production"), QStringLiteral("on")})), 0);
        auto [c2, o2, e2] = tool({QStringLiteral("token-import-clear"),
                                  QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt")});
        QCOMPARE(c2, 1);
        QVERIFY2(e2.contains(QStringLiteral("production mode")), qPrintable(e2));
        auto [c3, o3, e3] = tool({QStringLiteral("token-ceremony"), QStringLiteral("--components"), QStringLiteral("3"),
                                  QStringLiteral("TAC"), QStringLiteral("9")},
                                 "33445566778899AAAA99887766554433\n00000000000000000000000000000001\n"
                                 "00000000000000000000000000000001\n");
        QCOMPARE(c3, 1);
        QVERIFY2(e3.contains(QStringLiteral("are equal")), qPrintable(e3));
        auto [c4, o4, e4] = tool({QStringLiteral("token-ceremony"), QStringLiteral("TAC"), QStringLiteral("9")},
                                 "33445566778899AAAA99887766554400\n00000000000000000000000000000033\n");
        QCOMPARE(c4, 1);
        QVERIFY2(e4.contains(QStringLiteral("published development TAC key")), qPrintable(e4));
        try {
            (void)cdos::openIssuerKeys(cdtest::DevelopmentToken::kUri, cdtest::DevelopmentToken::kPin);
            QFAIL("a production token with development keys opened");
        } catch (const cdos::KeyStoreError& e) {
            QVERIFY2(std::string(e.what()).find("production mode") != std::string::npos, e.what());
        }
        QCOMPARE(std::get<0>(tool({QStringLiteral("token-production"), QStringLiteral("off")})), 0);
    }
};

QTEST_GUILESS_MAIN(TestEPurseToken)
#include "TestEPurseToken.moc"
