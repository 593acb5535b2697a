// Issue 13: a card issued with the keys of a PKCS#11 token (SoftHSM2, made by scripts/dev-token.sh) holds the same
// keys as one issued from the development key file — the published terminal crypto, with keys derived on the host
// from the file's masters, loads and buys on it — and a terminal whose keys stay in the token works the purse too.
// Production mode refuses the development file and the development keys in a token.
#include "EPurseTestSupport.h"

#include "support/DevelopmentToken.h"

#include <carddesk/protocol/token/KeySource.h>

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
};

QTEST_GUILESS_MAIN(TestEPurseToken)
#include "TestEPurseToken.moc"
