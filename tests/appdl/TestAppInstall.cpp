// Install, use and delete of the example applications on an in-process card; the negative matrix (every
// certificate and unit field altered or mismatched is refused with its status word and writes nothing); delete
// certificates bound to the installation's random seed.
#include "AppDlSupport.h"

#include <QProcess>
#include <functional>

using namespace appdltest;

namespace {
CommandApdu apdu(std::uint8_t ins, std::uint8_t p1, const Bytes& data, int le = 256) {
    return CommandApdu{0x80, ins, p1, 0, data, le};
}
} // namespace

class TestAppInstall : public QObject {
    Q_OBJECT

    // A mutation of a valid install: (name, change of certificate / unit, expected SW).
    struct Case {
        const char* name;
        std::function<Bytes(IssuedCard&)> message;
        std::uint16_t sw;
    };

    static Bytes build(IssuedCard& c, const std::function<void(ad::InstallCertificate&, bool&)>& certChange,
                       const std::function<void(ad::InstallUnit&)>& unitChange) {
        const auto app = billApp();
        auto cert = c.producer.buildInstallCertificate(app.aid, c.identity);
        auto unit = c.producer.buildUnit(app, c.identity);
        bool resign = false;
        if (certChange)
            certChange(cert, resign);
        if (resign)
            cert.signWith(c.producer.authorities().ca);
        if (unitChange)
            unitChange(unit);
        return ad::AppProducer::installMessage(cert, unit);
    }
    static std::function<Bytes(IssuedCard&)> cert(std::function<void(ad::InstallCertificate&, bool&)> f) {
        return [f](IssuedCard& c) { return build(c, f, nullptr); };
    }
    static std::function<Bytes(IssuedCard&)> unit(std::function<void(ad::InstallUnit&)> f) {
        return [f](IssuedCard& c) { return build(c, nullptr, f); };
    }

private slots:
    void installUseDeleteBill() {
        IssuedCard c;
        const ResponseApdu r = c.install(billApp());
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(r.data.size(), std::size_t(17)); // random seed + registry slot
        const Bytes seed(r.data.begin(), r.data.begin() + 16);
        QCOMPARE(c.registry().size(), std::size_t(1));
        QCOMPARE(consistency(*c.card.os), QString());

        QCOMPARE(c.select(kBillAid), std::uint16_t(0x9000));
        const Bytes pay = cardtest::hex("01"
                                        "20261126"
                                        "00002710"
                                        "31303030303030303031"
                                        "5245463030303031");
        ResponseApdu a = c.tx(apdu(0x30, 0, pay));
        QCOMPARE(a.sw, std::uint16_t(0x9000));
        QCOMPARE(a.data, cardtest::hex("0001"
                                       "00002710"));
        a = c.tx(apdu(0x30, 0,
                      cardtest::hex("01"
                                    "20261226"
                                    "00001388"
                                    "31303030303030303031"
                                    "5245463030303032")));
        QCOMPARE(a.data, cardtest::hex("0002"
                                       "00003A98"));
        QCOMPARE(c.tx(apdu(0x32, 2, {})).data, pay);
        QCOMPARE(c.tx(apdu(0x32, 3, {})).sw, std::uint16_t(0x6A83));
        QCOMPARE(c.tx(apdu(0x34, 0, {})).data, cardtest::hex("0002"
                                                             "00003A98"
                                                             "00000000"
                                                             "00000000"
                                                             "00000000"));
        QCOMPARE(c.tx(apdu(0x30, 0, cardtest::hex("09"))).sw, std::uint16_t(0x6700));
        // Power cycle: the data stays, the application comes back from the registry.
        c.card.reopen();
        QCOMPARE(c.select(kBillAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x34, 0, {})).data.size(), std::size_t(18));

        QCOMPARE(c.removeWithSeed(kBillAid, seed).sw, std::uint16_t(0x9000));
        QVERIFY(c.registry().empty());
        QCOMPARE(c.select(kBillAid), std::uint16_t(0x6A82));
        QCOMPARE(consistency(*c.card.os), QString());
    }

    void installUseDeleteLoyaltyWithRsa() {
        IssuedCard c("rsa");
        const ResponseApdu r = c.install(loyaltyApp());
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
        ResponseApdu a = c.tx(apdu(0x40, 0,
                                   cardtest::hex("00002710"
                                                 "4F52444552303031"))); // 100 yuan at rate 5
        QCOMPARE(a.data, cardtest::hex("000001F4"
                                       "000001F4"));
        QCOMPARE(c.tx(apdu(0x42, 0,
                           cardtest::hex("000001F5"
                                         "4F52444552303032")))
                     .sw,
                 std::uint16_t(0x6985));
        QCOMPARE(c.tx(apdu(0x42, 0,
                           cardtest::hex("000000C8"
                                         "4F52444552303032")))
                     .data,
                 cardtest::hex("0000012C"));
        QCOMPARE(c.tx(apdu(0x44, 0, {})).data, cardtest::hex("0000012C"
                                                             "000001F4"
                                                             "0002"));
        QCOMPARE(c.removeWithSeed(kLoyaltyAid, Bytes(r.data.begin(), r.data.begin() + 16)).sw, std::uint16_t(0x9000));
        QVERIFY(c.registry().empty());
    }

    void olderVersionNeverComesBack() {
        // Issue 17 (6): install version 2, delete it, then the validly signed version 1 (a known flaw, say) is
        // refused; version 2 again, or 3, is not. The floor survives the delete and power cycles.
        IssuedCard c;
        auto app = billApp();
        app.version = 2;
        ResponseApdu r = c.install(app);
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(c.removeWithSeed(kBillAid, Bytes(r.data.begin(), r.data.begin() + 16)).sw, std::uint16_t(0x9000));
        c.card.reopen();
        app.version = 1;
        const Bytes before = c.card.image();
        QCOMPARE(c.install(app).sw, ad::sw::OlderVersion);
        QVERIFY(c.card.image() == before);
        app.version = 2;
        r = c.install(app);
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(c.removeWithSeed(kBillAid, Bytes(r.data.begin(), r.data.begin() + 16)).sw, std::uint16_t(0x9000));
        app.version = 3;
        QCOMPARE(c.install(app).sw, std::uint16_t(0x9000));
        QCOMPARE(consistency(*c.card.os), QString());
        // The floors' EF is readable, never writable by a command.
        QCOMPARE(c.tx(cdos::selectFid(ad::fid::VersionFloors)).sw, std::uint16_t(0x9000));
        const ResponseApdu rec = c.tx(CommandApdu{0x00, 0xB2, 1, 0x04, {}, 256});
        QCOMPARE(rec.sw, std::uint16_t(0x9000));
        QCOMPARE(rec.data[0], std::uint8_t(kBillAid.size()));
        QCOMPARE(rec.data[18], std::uint8_t(3));
        QVERIFY(c.tx(CommandApdu{0x00, 0xDC, 1, 0x04, Bytes(20, 0), -1}).sw != 0x9000);
    }

    void registryIsReadableNotWritable() {
        IssuedCard c;
        QCOMPARE(c.install(billApp()).sw, std::uint16_t(0x9000));
        QCOMPARE(c.tx(cdos::selectFid(ad::fid::Registry)).sw, std::uint16_t(0x9000));
        const ResponseApdu rec = c.tx(CommandApdu{0x00, 0xB2, 1, 0x04, {}, 256});
        QCOMPARE(rec.sw, std::uint16_t(0x9000));
        QCOMPARE(rec.data.size(), std::size_t(cdos::card::AppRegistry::kRecordLength));
        QCOMPARE(Bytes(rec.data.begin() + 2, rec.data.begin() + 8), kBillAid);
        QVERIFY(c.tx(CommandApdu{0x00, 0xDC, 1, 0x04, Bytes(80, 0), -1}).sw != 0x9000);
    }

    void negativeMatrix() {
        const std::vector<Case> cases = {
            {"certificate signature", cert([](auto& x, bool&) { x.signature[10] ^= 1; }), ad::sw::CertSignature},
            {"certificate field without new signature", cert([](auto& x, bool&) { x.cardNumber[9] ^= 1; }),
             ad::sw::CertSignature},
            {"certificate signed by another key",
             [](IssuedCard& c) {
                 auto x = c.producer.buildInstallCertificate(kBillAid, c.identity);
                 x.signWith(c.producer.authorities().issuer);
                 return ad::AppProducer::installMessage(x, c.producer.buildUnit(billApp(), c.identity));
             },
             ad::sw::CertSignature},
            {"certificate for another application", cert([](auto& x, bool& s) { x.aid = kLoyaltyAid, s = true; }),
             ad::sw::AidMismatch},
            {"unit for another application", unit([](auto& u) { u.aid = kLoyaltyAid; }), ad::sw::AidMismatch},
            {"certificate for another card",
             cert([](auto& x, bool& s) { x.cardNumber = cardtest::hex("86010000000000000002"), s = true; }),
             ad::sw::CardNumberMismatch},
            {"unit for another card", unit([](auto& u) { u.cardNumber = cardtest::hex("86010000000000000002"); }),
             ad::sw::CardNumberMismatch},
            {"issuer serial outside the group", cert([](auto& x, bool& s) {
                 x.issuerGroup = {cardtest::hex("4344000000000002"), cardtest::hex("4344000000000003")}, s = true;
             }),
             ad::sw::IssuerNotInGroup},
            {"unit issuer serial", unit([](auto& u) { u.issuerSerial[7] ^= 1; }), ad::sw::IssuerNotInGroup},
            {"product serial outside the group",
             cert([](auto& x, bool& s) { x.productGroup = {cardtest::hex("5456000000000002")}, s = true; }),
             ad::sw::ProductNotInGroup},
            {"unit product serial", unit([](auto& u) { u.productSerial[0] ^= 1; }), ad::sw::ProductNotInGroup},
            {"unsupported certificate signature algorithm", cert([](auto& x, bool&) { x.signatureAlg = 0x7F; }),
             ad::sw::SignatureAlg},
            {"unit signature algorithm differs", unit([](auto& u) { u.signatureAlg = ad::alg::RsaPss; }),
             ad::sw::SignatureAlg},
            {"unsupported hash algorithm in certificate", cert([](auto& x, bool& s) { x.hashAlg = 0x02, s = true; }),
             ad::sw::HashAlg},
            {"unit hash algorithm", unit([](auto& u) { u.hashAlg = 0x02; }), ad::sw::HashAlg},
            {"unit cipher algorithm", unit([](auto& u) { u.cipherAlg = 0x02; }), ad::sw::CipherAlg},
            {"RAM requirement", unit([](auto& u) { u.ramSize = 1024 * 1024; }), ad::sw::RamTooSmall},
            {"NVM requirement", unit([](auto& u) { u.nvmSize = 70000; }), ad::sw::NvmTooSmall},
            {"NVM requirement beyond 16 bits", unit([](auto& u) { u.nvmSize = 0xFFFFFFF0u; }), ad::sw::NvmTooSmall},
            {"provider key transport unit", unit([](auto& u) { u.providerKtu[100] ^= 1; }), ad::sw::KeyTransport},
            {"issuer key transport unit", unit([](auto& u) { u.issuerKtu[0] ^= 1; }), ad::sw::KeyTransport},
            {"key transport units for another card", unit([](auto& u) {
                 const ad::AppKey other = ad::AppKey::generateRsa2048();
                 u.providerKtu = ad::AppCrypto::wrapKey(other, cdos::SecretBytes(Bytes(16, 1)));
             }),
             ad::sw::KeyTransport},
            {"code ciphertext (hash differs)", unit([](auto& u) { u.code[3] ^= 1; }), ad::sw::CodeSignature},
            {"code signature", unit([](auto& u) { u.codeSignature[12] ^= 1; }), ad::sw::CodeSignature},
            // Both signatures cover code and configuration together: the provider's is checked first.
            {"configuration ciphertext (hash differs)", unit([](auto& u) { u.config[0] ^= 1; }), ad::sw::CodeSignature},
            // Issue 17 (6): the header and the pairing are signed too.
            {"version changed after signing",
             unit([](auto& u) { u.version = static_cast<std::uint16_t>(u.version + 1); }), ad::sw::CodeSignature},
            {"RAM size changed after signing", unit([](auto& u) { u.ramSize += 8; }), ad::sw::CodeSignature},
            {"NVM size changed after signing", unit([](auto& u) { u.nvmSize += 8; }), ad::sw::CodeSignature},
            {"configuration of another application",
             [](IssuedCard& c) {
                 // Both parts validly signed by their authorities, for this card, but for two applications: the
                 // loyalty configuration (with its own process key) under the bill-payment certificate and code.
                 auto other = loyaltyApp();
                 other.aid = kBillAid;
                 const auto donor = c.producer.buildUnit(other, c.identity);
                 return build(c, nullptr, [&donor](ad::InstallUnit& u) {
                     u.config = donor.config;
                     u.configSignature = donor.configSignature;
                     u.issuerKtu = donor.issuerKtu;
                 });
             },
             ad::sw::CodeSignature},
            {"configuration signature", unit([](auto& u) { u.configSignature[20] ^= 1; }), ad::sw::ConfigSignature},
            {"issuer public key in the certificate is another key",
             cert([](auto& x, bool& s) { x.issuerPublicKey = ad::AppKey::generateP256().publicDer(), s = true; }),
             ad::sw::ConfigSignature},
            {"provider public key in the certificate is not a key",
             cert([](auto& x, bool& s) { x.providerPublicKey = Bytes(64, 0x30), s = true; }), ad::sw::CertKey},
            {"truncated TLV",
             [](IssuedCard& c) {
                 Bytes m = c.message(billApp());
                 m.resize(m.size() - 3);
                 return m;
             },
             ad::sw::Malformed},
            {"oversized length",
             [](IssuedCard& c) {
                 Bytes m = c.message(billApp());
                 m[3] = static_cast<std::uint8_t>(m[3] + 4); // E1's 82-form length claims more
                 return m;
             },
             ad::sw::Malformed},
            {"trailing bytes",
             [](IssuedCard& c) {
                 Bytes m = c.message(billApp());
                 m.push_back(0x00);
                 return m;
             },
             ad::sw::Malformed},
            {"unit missing",
             [](IssuedCard& c) { return c.producer.buildInstallCertificate(kBillAid, c.identity).encode(); },
             ad::sw::Malformed},
            {"oversized field (AID of 17 bytes)", unit([](auto& u) { u.aid = Bytes(17, 0xD1); }), ad::sw::Malformed},
        };
        IssuedCard c;
        QCOMPARE(c.install(loyaltyApp()).sw, std::uint16_t(0x9000)); // another application is present
        for (const auto& k : cases) {
            const Bytes msg = k.message(c);
            const Bytes before = c.card.image();
            const ResponseApdu r = c.install(msg);
            QVERIFY2(r.sw == k.sw, qPrintable(QStringLiteral("%1: %2 instead of %3")
                                                  .arg(QString::fromLatin1(k.name))
                                                  .arg(r.sw, 4, 16)
                                                  .arg(k.sw, 4, 16)));
            QVERIFY2(c.card.image() == before, k.name);
        }
        // Groups of several serials including the card's are accepted.
        const Bytes ok = build(
            c,
            [](auto& x, bool& s) {
                x.issuerGroup = {cardtest::hex("4344000000000002"), cardtest::hex("4344000000000001")};
                x.productGroup = {cardtest::hex("5456000000000009"), cardtest::hex("5456000000000001")};
                s = true;
            },
            nullptr);
        QCOMPARE(c.install(ok).sw, std::uint16_t(0x9000));
        const Bytes before = c.card.image();
        QCOMPARE(c.install(c.message(billApp())).sw, ad::sw::AlreadyInstalled);
        QVERIFY(c.card.image() == before);
    }

    void cardMemoryFull() {
        IssuedCard c;
        int installed = 0;
        for (std::uint8_t i = 0; i < 8; ++i) {
            auto app = billApp();
            app.aid.back() = static_cast<std::uint8_t>(0x10 + i);
            app.nvmSize = 0xC000;
            const Bytes before = c.card.image();
            const ResponseApdu r = c.install(app);
            if (r.sw == ad::sw::NvmTooSmall) {
                QVERIFY(c.card.image() == before);
                break;
            }
            QCOMPARE(r.sw, std::uint16_t(0x9000));
            ++installed;
        }
        QVERIFY(installed >= 1 && installed < 8);
        QCOMPARE(consistency(*c.card.os), QString());
    }

    // carddesk-appcert's package installs, and its delete certificate (with the seed the card answered) deletes.
    void toolPackageAndDeleteCertificate() {
        IssuedCard c;
        const QString dir = c.m_dir.path();
        cardtest::writeFile((dir + QStringLiteral("/card.der")).toStdString(), c.identity.cardPublicKey.publicDer());
        auto run = [](const QStringList& args) {
            QProcess p;
            p.start(QStringLiteral(CARDDESK_APPCERT_BIN), args);
            return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        };
        const QString src = QStringLiteral(CARDDESK_SOURCE_DIR);
        const QStringList card{QStringLiteral("--card-number"),    QStringLiteral("86010000000000000001"),
                               QStringLiteral("--issuer-serial"),  QStringLiteral("4344000000000001"),
                               QStringLiteral("--product-serial"), QStringLiteral("5456000000000001"),
                               QStringLiteral("--keys"),           src + QStringLiteral("/resources/app-keys")};
        QVERIFY(
            run(QStringList{QStringLiteral("package"), QStringLiteral("--card-key"), dir + QStringLiteral("/card.der"),
                            QStringLiteral("--aid"), QStringLiteral("D15600000102"), QStringLiteral("--code"),
                            src + QStringLiteral("/resources/apps/loyalty-points/app.lua"), QStringLiteral("--config"),
                            src + QStringLiteral("/resources/apps/loyalty-points/config.txt"), QStringLiteral("--out"),
                            dir + QStringLiteral("/loyalty.cdapp")} +
                card));
        const ResponseApdu r = c.install(cardtest::readFile((dir + QStringLiteral("/loyalty.cdapp")).toStdString()));
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(c.select(kLoyaltyAid), std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdu(0x44, 0, {})).sw, std::uint16_t(0x9000));
        const QString seed = QString::fromStdString(cdos::toHex(Bytes(r.data.begin(), r.data.begin() + 16)));
        QVERIFY(
            run(QStringList{QStringLiteral("delete-cert"), QStringLiteral("--aid"), QStringLiteral("D15600000102"),
                            QStringLiteral("--seed"), seed, QStringLiteral("--out"), dir + QStringLiteral("/l.cddel")} +
                card));
        QCOMPARE(c.remove(cardtest::readFile((dir + QStringLiteral("/l.cddel")).toStdString())).sw,
                 std::uint16_t(0x9000));
        QVERIFY(c.registry().empty());
    }

    void checkRoomBeforeDownload() {
        IssuedCard c;
        const Bytes before = c.card.image();
        QCOMPARE(c.tx(ad::AppCommands::checkRoom(kBillAid, 4096, 65536)).sw, std::uint16_t(0x9000));
        QCOMPARE(c.tx(ad::AppCommands::checkRoom(kBillAid, 4096, 1024 * 1024)).sw, ad::sw::RamTooSmall);
        QCOMPARE(c.tx(ad::AppCommands::checkRoom(kBillAid, 0xFE00, 65536)).sw, std::uint16_t(0x9000));
        QCOMPARE(c.tx(ad::AppCommands::checkRoom(kBillAid, 0x10000, 65536)).sw, ad::sw::NvmTooSmall);
        QCOMPARE(c.tx(CommandApdu{0x80, 0xE6, 0x01, 0, cardtest::hex("4F01D1"), -1}).sw, ad::sw::Malformed);
        QVERIFY(c.card.image() == before);
        QCOMPARE(c.install(billApp()).sw, std::uint16_t(0x9000));
        QCOMPARE(c.tx(ad::AppCommands::checkRoom(kBillAid, 4096, 65536)).sw, ad::sw::AlreadyInstalled);
    }

    void blocksOutOfSequence() {
        IssuedCard c;
        auto apdus = ad::AppCommands::install(c.message(billApp()));
        QCOMPARE(c.tx(apdus[0]).sw, std::uint16_t(0x9000));
        QCOMPARE(c.tx(apdus[2]).sw, ad::sw::BlockSequence);
        QCOMPARE(c.tx(apdus.back()).sw, ad::sw::BlockSequence);
        Bytes huge(ad::limits::kMaxMessage + 1, 0xE1);
        QCOMPARE(c.install(huge).sw, ad::sw::MessageTooLong);
        QCOMPARE(c.install(c.message(billApp())).sw, std::uint16_t(0x9000));
    }

    void cardWithoutKeys() {
        IssuedCard noCa("ec", true, false);
        QCOMPARE(noCa.install(billApp()).sw, ad::sw::NoCaKey);
        IssuedCard noKey("ec", false, true);
        QCOMPARE(noKey.install(billApp()).sw, ad::sw::NoCardKey);
        QCOMPARE(noKey.tx(ad::AppCommands::readCardKey()).sw, ad::sw::NoCardKey);
        // Generating the key pair needs issuer secure messaging.
        QCOMPARE(noKey.tx(ad::AppCommands::generateCardKey()).sw, std::uint16_t(0x6982));
        QCOMPARE(noKey.tx(ad::AppCommands::writeCaKey(Bytes(91, 0))).sw, std::uint16_t(0x6982));
    }

    void deleteChecksAndReplay() {
        IssuedCard c;
        const ResponseApdu first = c.install(billApp());
        const Bytes seed1(first.data.begin(), first.data.begin() + 16);
        const auto& p = c.producer;
        auto other = c.identity;
        other.cardNumber = cardtest::hex("86010000000000000002");
        struct D {
            const char* name;
            Bytes cert;
            std::uint16_t sw;
        };
        auto badSig = p.buildDeleteCertificate(kBillAid, seed1, c.identity);
        badSig.signature[5] ^= 1;
        auto wrongKey = p.buildDeleteCertificate(kBillAid, seed1, c.identity);
        wrongKey.signWith(p.authorities().provider);
        const Bytes badSigBytes = badSig.encode();
        const std::vector<D> cases = {
            {"signature", badSig.encode(), ad::sw::CertSignature},
            {"signed by another key", wrongKey.encode(), ad::sw::CertSignature},
            {"another card", p.buildDeleteCertificate(kBillAid, seed1, other).encode(), ad::sw::CardNumberMismatch},
            {"issuer group",
             p.buildDeleteCertificate(kBillAid, seed1, c.identity, {cardtest::hex("4344000000000002")}).encode(),
             ad::sw::IssuerNotInGroup},
            {"product group",
             p.buildDeleteCertificate(kBillAid, seed1, c.identity, {}, {cardtest::hex("5456000000000002")}).encode(),
             ad::sw::ProductNotInGroup},
            {"not installed", p.buildDeleteCertificate(kLoyaltyAid, seed1, c.identity).encode(), ad::sw::NotInstalled},
            {"wrong seed", p.buildDeleteCertificate(kBillAid, Bytes(16, 0), c.identity).encode(), ad::sw::SeedMismatch},
            {"truncated", Bytes(badSigBytes.begin(), badSigBytes.end() - 1), ad::sw::Malformed},
        };
        for (const auto& d : cases) {
            const Bytes before = c.card.image();
            QVERIFY2(c.remove(d.cert).sw == d.sw, d.name);
            QVERIFY2(c.card.image() == before, d.name);
        }
        const Bytes oldCert = p.buildDeleteCertificate(kBillAid, seed1, c.identity).encode();
        QCOMPARE(c.remove(oldCert).sw, std::uint16_t(0x9000));
        QCOMPARE(c.remove(oldCert).sw, ad::sw::NotInstalled);
        const ResponseApdu second = c.install(billApp());
        QCOMPARE(second.sw, std::uint16_t(0x9000));
        QVERIFY(Bytes(second.data.begin(), second.data.begin() + 16) != seed1);
        const Bytes before = c.card.image();
        QCOMPARE(c.remove(oldCert).sw, ad::sw::SeedMismatch); // the replay after a reinstall
        QVERIFY(c.card.image() == before);
        QCOMPARE(c.select(kBillAid), std::uint16_t(0x9000));
    }
};

QTEST_GUILESS_MAIN(TestAppInstall)
#include "TestAppInstall.moc"
