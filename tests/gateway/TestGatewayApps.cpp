// Application download through the gateway (patent steps 7 and 8): the real carddesk-gateway from a script, the real
// carddesk-card in a vpcd reader (issued through PC/SC, key pair made in the card, development CA key written) and
// the real carddesk-headend with --app-keys. The card is checked afterwards over its own PC/SC connection: the
// installed application answers its commands, the deleted one is gone.
#include "bench/PcscClient.h"
#include "headend/HeadendProcess.h"
#include "support/CardProcess.h"

#include "carddesk/protocol/apdu/SecureMessaging.h"
#include "carddesk/protocol/appdl/AppCommands.h"
#include "carddesk/protocol/appdl/AppProducer.h"

#include <QJsonArray>
#include <QtTest>

namespace ad = cdos::appdl;

class TestGatewayApps : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35966; // "CardDesk Reader B 00 01"
    const QString m_reader = cdtest::readerForPort(kPort);
    const QString m_cardNumber = QStringLiteral("86010000000000000088");
    const QString m_keys = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/app-keys");
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;
    hdtest::HeadendProcess m_headend;
    cdos::CardProfile m_profile = cdtest::appDownloadProfile(m_cardNumber.toStdString());
    QString m_image = m_dir.filePath(QStringLiteral("card.img"));
    ad::CardIdentity m_identity;

    struct Run {
        int exitCode = -1;
        QString out;
    };

    Run gateway(const QString& script, const QStringList& extra = {}) {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("script-%1.txt").arg(++n));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(script.toUtf8());
        f.close();
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CARDDESK_GATEWAY_BIN),
                QStringList{QStringLiteral("--reader"), m_reader, QStringLiteral("--headend"), m_headend.base,
                            QStringLiteral("--headend-cert"), m_headend.dir.filePath(QStringLiteral("tls-cert.pem")),
                            QStringLiteral("--script"), path, QStringLiteral("--wait-seconds"), QStringLiteral("10")} +
                    extra);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        Run r{p.exitCode(), QString::fromUtf8(p.readAll())};
        qInfo().noquote() << r.out;
        return r;
    }

    // The card on a connection of the test's own, after the gateway has let it go.
    template <typename F> void onCard(F&& f) {
        cdbench::PcscClient pcsc;
        QVERIFY(pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10)));
        pcsc.connectWhenReady(m_reader.toStdString());
        f(pcsc);
        // The application stays selected, as another terminal would leave it (a card keeps its selection across
        // connections): the gateway's next session must still authenticate — bill-payment's RECORD PAYMENT has
        // the code of AUTH INIT (80 30), so the gateway selects the MF first.
        pcsc.disconnect();
    }

    QJsonArray events() {
        return QJsonDocument::fromJson(
                   m_headend.getAdmin(QStringLiteral("/v1/admin/cards/%1/apps").arg(m_cardNumber)).body)
            .array();
    }
    bool hasEvent(const char* event, const char* aid) {
        for (const auto& v : events())
            if (v.toObject().value(QStringLiteral("event")).toString() == QLatin1String(event) &&
                v.toObject().value(QStringLiteral("aid")).toString() == QLatin1String(aid))
                return true;
        return false;
    }

    // The publish body of resources/apps/<name>: its manifest with the code and configuration read in.
    static QJsonObject packageBody(const char* name) {
        const QString dir = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/apps/") + QLatin1String(name);
        auto read = [&](const QString& file) {
            QFile f(dir + QLatin1Char('/') + file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QJsonObject o = QJsonDocument::fromJson(read(QStringLiteral("manifest.json"))).object();
        o.insert(QStringLiteral("code"), QString::fromUtf8(read(o.take(QStringLiteral("codeFile")).toString())));
        o.insert(QStringLiteral("config"), QString::fromUtf8(read(o.take(QStringLiteral("configFile")).toString())));
        return o;
    }

    // `carddesk-headend enrol`, with the card's application identity when given.
    bool enrol(const QJsonObject& identity = {}) {
        const auto& h = m_profile.holder;
        const QJsonObject holder{{QStringLiteral("userNumber"), QString::fromStdString(h.userNumber)},
                                 {QStringLiteral("account"), QString::fromStdString(h.account)},
                                 {QStringLiteral("name"), QString::fromStdString(h.name)}};
        QStringList args{QStringLiteral("enrol"), QStringLiteral("--card-number"), m_cardNumber,
                         QStringLiteral("--holder-json"),
                         QString::fromUtf8(QJsonDocument(holder).toJson(QJsonDocument::Compact))};
        if (!identity.isEmpty())
            args << QStringLiteral("--app-identity-json")
                 << QString::fromUtf8(QJsonDocument(identity).toJson(QJsonDocument::Compact));
        return m_headend.runTool(args);
    }

    QString itemsOf(const QString& out, const QString& title) {
        const qsizetype at = out.indexOf(title);
        return at < 0 ? QString() : out.mid(at, out.indexOf(QStringLiteral("> "), at) - at);
    }

private slots:
    void initTestCase() {
        qunsetenv("CARDDESK_APP_KEYS"); // the headend's keys are exactly --app-keys here
        m_headend.serveArgs = {QStringLiteral("--app-keys"), m_keys};
        QVERIFY2(m_headend.start(900), qPrintable(m_headend.error));
        QVERIFY(m_card.start(m_image, kPort));
        cdbench::PcscClient pcsc;
        QVERIFY2(pcsc.waitForCard(m_reader.toStdString(), std::chrono::seconds(10)), "no card in the reader");
        pcsc.connect(m_reader.toStdString());
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        cdos::Personaliser perso(keys, pcsc.transmitter());
        perso.personalise(m_profile);
        QVERIFY(perso.verify(m_profile).empty());
        // As the issuer desk does after personalisation: the card makes its key pair, and gets the CA public key.
        cdos::IssuerSmSession sm(keys.cardKey("ISSUER_SM", m_profile.info.asn()));
        sm.start(pcsc.transmit(cdos::getChallenge()).data);
        const auto gen = pcsc.transmit(sm.wrap(ad::AppCommands::generateCardKey()));
        QCOMPARE(gen.sw, std::uint16_t(0x9000));
        const auto authorities = ad::AppAuthorities::development(m_keys.toStdString(), "ec");
        QCOMPARE(pcsc.transmit(sm.wrap(ad::AppCommands::writeCaKey(authorities.ca.publicDer()))).sw,
                 std::uint16_t(0x9000));
        pcsc.disconnect();
        m_identity = ad::CardIdentity{m_profile.info.cardNumber, m_profile.info.issuerSerial,
                                      m_profile.info.productSerial, ad::AppKey::fromPublicDer(gen.data)};

        // The catalogue: one package by the command line, one by the admin endpoint.
        QVERIFY(m_headend.runTool({QStringLiteral("app-publish"), QStringLiteral("--dir"),
                                   QStringLiteral(CARDDESK_SOURCE_DIR "/resources/apps/bill-payment")}));
        QCOMPARE(m_headend.post(QStringLiteral("/v1/admin/apps"), packageBody("loyalty-points"), {}, true).status, 200);
        // Enrolled without its application identity at first.
        QVERIFY(enrol());
    }
    void cleanupTestCase() {
        m_card.stop();
        m_headend.stop();
    }

    void userWithoutPermissionGetsNoEntry() {
        // User 2 (permissions 0x0F) is not offered the app-download entry: the card lists it only to users holding
        // its permission bit, and grants nothing else.
        const Run r = gateway(QStringLiteral("2\n5678\n9\n"));
        QVERIFY(r.out.contains(QStringLiteral("7. 在线充值")));
        QVERIFY(!r.out.contains(QStringLiteral("应用下载")));
        QVERIFY(!r.out.contains(QStringLiteral("Application download")));
        QVERIFY(r.out.contains(QStringLiteral("Goodbye")));
    }

    void cardNotRegisteredRefused() {
        const Run r = gateway(QStringLiteral("1\n1234\n8\n1\n1\n3\n0\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("8. 应用下载")));
        QVERIFY(r.out.contains(QStringLiteral("Applications offered")));
        QVERIFY(r.out.contains(QStringLiteral("1. Utility-bill payment record (version 1.0, 3.3 KB)")));
        QVERIFY(r.out.contains(QStringLiteral("2. Loyalty-points counter (version 1.0, 2.3 KB)")));
        QVERIFY(r.out.contains(QStringLiteral("This card is not registered for application download.")));
        onCard([](cdbench::PcscClient& c) {
            QCOMPARE(c.transmit(cdos::selectAid(*cdos::fromHex("D15600000101"))).sw, std::uint16_t(0x6A82));
        });
    }

    void recordIdentity() {
        const QString path = QStringLiteral("/v1/admin/cards/%1/app-identity").arg(m_cardNumber);
        QJsonObject identity{{QStringLiteral("issuerSerial"), hdtest::hexq(m_identity.issuerSerial)},
                             {QStringLiteral("productSerial"), hdtest::hexq(m_identity.productSerial)},
                             {QStringLiteral("cardPublicKey"), QStringLiteral("3059301306072A8648CE3D0201")}};
        const auto bad = m_headend.post(path, identity, {}, true);
        QCOMPARE(bad.status, 400); // not an RSA-2048 key
        QCOMPARE(bad.code(), QStringLiteral("bad_field"));
        QCOMPARE(m_headend.post(path, identity, {}, false).status, 401); // operators only
        QVERIFY(!enrol(identity));                                       // the command line refuses it too
        // Recorded at (re-)enrolment, from the issuer desk's record of the key the card answered at issuance.
        identity.insert(QStringLiteral("cardPublicKey"), hdtest::hexq(m_identity.cardPublicKey.publicDer()));
        QVERIFY(enrol(identity));
    }

    void installThroughGateway() {
        // The same session without the install, for the figure: what the install itself adds.
        QElapsedTimer t;
        t.start();
        QCOMPARE(gateway(QStringLiteral("1\n1234\n8\n3\n0\n")).exitCode, 0);
        const qint64 sessionMs = t.restart();
        const Run r = gateway(QStringLiteral("1\n1234\n8\n1\n1\n3\n0\n"));
        qInfo("gateway session with the bill-payment install: %lld ms; without: %lld ms", t.elapsed(), sessionMs);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Installing Utility-bill payment record... 40%")));
        QVERIFY(r.out.contains(QStringLiteral("Installing Utility-bill payment record... 100%")));
        QVERIFY(r.out.contains(QStringLiteral("Installed: Utility-bill payment record.")));
        onCard([](cdbench::PcscClient& c) {
            QCOMPARE(c.transmit(cdos::selectAid(*cdos::fromHex("D15600000101"))).sw, std::uint16_t(0x9000));
            // RECORD PAYMENT: water, 2026-11-26, 30.00 yuan -> count 1, water total 3000 fen.
            const auto pay = c.transmit(cdos::CommandApdu{0x80, 0x30, 0, 0,
                                                          *cdos::fromHex("02"
                                                                         "20261126"
                                                                         "00000BB8"
                                                                         "32303030303030303032"
                                                                         "5245463030303033"),
                                                          256});
            QCOMPARE(pay.sw, std::uint16_t(0x9000));
            QCOMPARE(pay.data, *cdos::fromHex("0001"
                                              "00000BB8"));
        });
        QVERIFY(hasEvent("install_issued", "D15600000101"));
        QVERIFY(hasEvent("installed", "D15600000101"));
    }

    void chineseInstallAndAlreadyInstalled() {
        // Loyalty points installed, then asked again: the card's CHECK ROOM says 9609 before anything is sent.
        const Run r = gateway(QStringLiteral("1\n1234\n8\n1\n2\n1\n2\n3\n0\n"),
                              {QStringLiteral("--lang"), QStringLiteral("zh_CN")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("正在安装 Loyalty-points counter……100%")));
        QVERIFY(r.out.contains(QStringLiteral("已安装：Loyalty-points counter。")));
        QVERIFY(r.out.contains(QStringLiteral("Utility-bill payment record（版本 1.0，3.3 KB，已安装）")));
        QVERIFY(r.out.contains(QStringLiteral("未安装：应用已经安装（状态字 9609）。")));
        onCard([](cdbench::PcscClient& c) {
            QCOMPARE(c.transmit(cdos::selectAid(*cdos::fromHex("D15600000102"))).sw, std::uint16_t(0x9000));
            QCOMPARE(c.transmit(cdos::CommandApdu{0x80, 0x44, 0, 0, {}, 256}).data, *cdos::fromHex("00000000"
                                                                                                   "00000000"
                                                                                                   "0000"));
        });
    }

    void deleteThroughGateway() {
        // An application the headend does not offer, put on the card by another issuer desk: not deletable here.
        onCard([this](cdbench::PcscClient& c) {
            const ad::AppProducer producer(ad::AppAuthorities::development(m_keys.toStdString(), "ec"));
            ad::AppPackage other;
            other.aid = *cdos::fromHex("D15600000199");
            other.version = 0x0100;
            other.nvmSize = 64;
            other.ramSize = 65536;
            other.code = "function process() return nil end\n";
            cdos::ResponseApdu last;
            for (const auto& a : ad::AppCommands::install(ad::AppProducer::installMessage(
                     producer.buildInstallCertificate(other.aid, m_identity), producer.buildUnit(other, m_identity))))
                last = c.transmit(a);
            QCOMPARE(last.sw, std::uint16_t(0x9000));
        });
        const Run r = gateway(QStringLiteral("1\n1234\n8\n2\n1\n3\n0\n"));
        QCOMPARE(r.exitCode, 0);
        const QString items = itemsOf(r.out, QStringLiteral("Applications on the card"));
        QVERIFY2(items.contains(QStringLiteral("1. Utility-bill payment record (version 1.0,")), qPrintable(items));
        QVERIFY2(items.contains(QStringLiteral("2. Loyalty-points counter")), qPrintable(items));
        QVERIFY2(!items.contains(QStringLiteral("  3. ")), qPrintable(items)); // D15600000199: unknown to the headend
        QVERIFY(r.out.contains(QStringLiteral("Deleting Utility-bill payment record...")));
        QVERIFY(r.out.contains(QStringLiteral("Deleted: Utility-bill payment record.")));
        onCard([](cdbench::PcscClient& c) {
            QCOMPARE(c.transmit(cdos::selectAid(*cdos::fromHex("D15600000101"))).sw, std::uint16_t(0x6A82));
            QCOMPARE(c.transmit(cdos::selectAid(*cdos::fromHex("D15600000102"))).sw, std::uint16_t(0x9000));
            QCOMPARE(c.transmit(cdos::selectAid(*cdos::fromHex("D15600000199"))).sw, std::uint16_t(0x9000));
        });
        QVERIFY(hasEvent("delete_issued", "D15600000101"));
        QVERIFY(hasEvent("deleted", "D15600000101"));
    }

    void onlyUnknownLeftIsNotDeletable() {
        const Run del = gateway(QStringLiteral("1\n1234\n8\n2\n1\n3\n0\n")); // loyalty points go too
        QVERIFY(del.out.contains(QStringLiteral("Deleted: Loyalty-points counter.")));
        const Run r = gateway(QStringLiteral("1\n1234\n8\n2\n3\n0\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("No application on this card can be deleted here.")));
    }

    // Last: the headend is restarted without producer keys.
    void headendWithoutAppKeys() {
        m_headend.stop();
        m_headend.serveArgs.clear();
        QVERIFY2(m_headend.start(900), qPrintable(m_headend.error));
        const Run r = gateway(QStringLiteral("1\n1234\n8\n1\n3\n0\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("Application download is not offered by the operator at the moment.")));
    }
};

QTEST_GUILESS_MAIN(TestGatewayApps)
#include "TestGatewayApps.moc"
