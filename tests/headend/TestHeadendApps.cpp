// The headend's application-download endpoints over HTTPS (AppCatalogueService): a real carddesk-headend process,
// first without producer keys (503), then with --app-keys; publishing and its refusals (malformed aid, oversized
// body, sizes no card gives, bytecode), the card's application identity, the install message and delete
// certificate for the session's card (checked by decoding them: the key transport units open with the private half
// of the registered card key, the CA signature verifies), and the card's history. Also on PostgreSQL.
#include "HeadendProcess.h"

#include "carddesk/protocol/appdl/AppProducer.h"
#include "carddesk/protocol/proactive/Proactive.h"

#include <QJsonArray>
#include <QtTest>

namespace ad = cdos::appdl;

class TestHeadendApps : public QObject {
    Q_OBJECT
    std::unique_ptr<cdos::KeyStore> m_keys = hdtest::openDevKeys();
    hdtest::HeadendProcess m_headend;
    hdtest::IssuedCard m_card{*m_keys, "86010000000000000051"};
    const QString m_number = QStringLiteral("86010000000000000051");
    const QString m_keyDir = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/app-keys");
    ad::AppKey m_cardKey = ad::AppKey::generateRsa2048(); // stands in for the card's own pair
    QString m_token;

    hdtest::Reply get(const QString& path, const QString& token) { return m_headend.send("GET", path, {}, token); }
    // The card's grant of the app-download entry (user 1, entry 5, bit 4), as the gateway forwards it.
    QJsonObject granted(QJsonObject body = {}) const {
        body.insert(QStringLiteral("grant"), m_headend.grant(1, 5, cdos::proactive::kAppDownloadPermission));
        return body;
    }
    hdtest::Reply install(const QString& aid, const QJsonObject& body) {
        return m_headend.post(QStringLiteral("/v1/apps/%1/install").arg(aid), body, m_token);
    }
    hdtest::Reply admin(const QString& path, const QJsonObject& body) { return m_headend.post(path, body, {}, true); }
    static QJsonObject billPackage() {
        QFile code(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/apps/bill-payment/app.lua"));
        code.open(QIODevice::ReadOnly);
        return {{QStringLiteral("aid"), QStringLiteral("D15600000101")},
                {QStringLiteral("name"), QStringLiteral("Utility-bill payment record")},
                {QStringLiteral("version"), 256},
                {QStringLiteral("nvmSize"), 1024},
                {QStringLiteral("ramSize"), 65536},
                {QStringLiteral("code"), QString::fromUtf8(code.readAll())},
                {QStringLiteral("config"), QStringLiteral("20\n")}};
    }
    QJsonObject identity() const {
        return {{QStringLiteral("issuerSerial"), hdtest::hexq(m_card.profile.info.issuerSerial)},
                {QStringLiteral("productSerial"), hdtest::hexq(m_card.profile.info.productSerial)},
                {QStringLiteral("cardPublicKey"), hdtest::hexq(m_cardKey.publicDer())}};
    }

private slots:
    void initTestCase() {
        qunsetenv("CARDDESK_APP_KEYS");
        QVERIFY(m_headend.usePostgresIfAsked());
        QVERIFY2(m_headend.start(900), qPrintable(m_headend.error));
        m_token = m_headend.enrolAndAuthenticate(m_card);
        QVERIFY(!m_token.isEmpty());
    }
    void cleanupTestCase() { m_headend.stop(); }

    void withoutKeysNotConfigured() {
        const auto list = get(QStringLiteral("/v1/apps"), m_token);
        QCOMPARE(list.status, 503);
        QCOMPARE(list.code(), QStringLiteral("not_configured"));
        QVERIFY(list.json.value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("application download not configured")));
        QCOMPARE(m_headend.post(QStringLiteral("/v1/apps/D15600000101/install"), {}, m_token).status, 503);
        // The catalogue itself needs no producer keys.
        QCOMPARE(admin(QStringLiteral("/v1/admin/apps"), billPackage()).status, 200);

        m_headend.stop();
        m_headend.serveArgs = {QStringLiteral("--app-keys"), m_keyDir};
        QVERIFY2(m_headend.start(900), qPrintable(m_headend.error));
        m_token = m_headend.enrolAndAuthenticate(m_card);
        QVERIFY(!m_token.isEmpty());
    }

    void sessionNeeded() {
        QCOMPARE(get(QStringLiteral("/v1/apps"), {}).code(), QStringLiteral("no_session"));
        QCOMPARE(m_headend.post(QStringLiteral("/v1/apps/D15600000101/install"), {}, QStringLiteral("00")).status, 401);
    }

    void publishRefusals() {
        auto refused = [&](QJsonObject o, const char* code) {
            const auto r = admin(QStringLiteral("/v1/admin/apps"), o);
            return r.code() == QLatin1String(code) ? QString() : QString::fromUtf8(r.body);
        };
        QJsonObject p = billPackage();
        p[QStringLiteral("aid")] = QStringLiteral("D1560000010"); // odd digits
        QCOMPARE(refused(p, "bad_field"), QString());
        p[QStringLiteral("aid")] = QStringLiteral("D1560001"); // 4 bytes: below 5
        QCOMPARE(refused(p, "bad_field"), QString());
        p = billPackage();
        p.remove(QStringLiteral("name"));
        QCOMPARE(refused(p, "bad_field"), QString());
        p = billPackage();
        p[QStringLiteral("name")] = QStringLiteral("Bills\nInstalled: everything");
        QCOMPARE(refused(p, "bad_field"), QString());
        p = billPackage();
        p[QStringLiteral("ramSize")] = 0;
        QCOMPARE(refused(p, "bad_field"), QString());
        p = billPackage();
        p[QStringLiteral("code")] = QStringLiteral("\x1bLua bytecode");
        QCOMPARE(refused(p, "bad_field"), QString());
        p = billPackage();
        p[QStringLiteral("nvmSize")] = 65000; // with the code, more than any card's 65280 bytes
        QCOMPARE(refused(p, "too_large"), QString());
        p = billPackage();
        p[QStringLiteral("code")] = QString(20000, QLatin1Char('-')); // a body over 16 KiB
        QCOMPARE(refused(p, "request_too_large"), QString());
        QCOMPARE(m_headend.post(QStringLiteral("/v1/admin/apps"), billPackage()).code(),
                 QStringLiteral("no_credential"));
        QCOMPARE(m_headend.send("POST", QStringLiteral("/v1/admin/apps"), "{", {}, "application/json", true).code(),
                 QStringLiteral("malformed_json"));
    }

    void unregisteredCard() {
        const auto list = get(QStringLiteral("/v1/apps"), m_token);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json.value(QStringLiteral("cardRegistered")).toBool(), false);
        const QJsonObject bill = list.json.value(QStringLiteral("applications")).toArray().at(0).toObject();
        QCOMPARE(bill.value(QStringLiteral("aid")).toString(), QStringLiteral("D15600000101"));
        QCOMPARE(bill.value(QStringLiteral("installable")).toBool(), false);
        QCOMPARE(bill.value(QStringLiteral("reason")).toString(), QStringLiteral("card_not_registered"));
        QVERIFY(!bill.contains(QStringLiteral("code"))); // the catalogue never hands out code
        const auto refused = install(QStringLiteral("D15600000101"), granted());
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.code(), QStringLiteral("card_not_registered"));
    }

    void identityRefusals() {
        QCOMPARE(admin(QStringLiteral("/v1/admin/cards/86010000000000000099/app-identity"), identity()).code(),
                 QStringLiteral("unknown_card"));
        QCOMPARE(admin(QStringLiteral("/v1/admin/cards/8601/app-identity"), identity()).code(),
                 QStringLiteral("bad_field"));
        QJsonObject ec = identity();
        ec[QStringLiteral("cardPublicKey")] = hdtest::hexq(ad::AppKey::generateP256().publicDer());
        QCOMPARE(admin(QStringLiteral("/v1/admin/cards/%1/app-identity").arg(m_number), ec).code(),
                 QStringLiteral("bad_field"));
        QJsonObject shortSerial = identity();
        shortSerial[QStringLiteral("issuerSerial")] = QStringLiteral("4344");
        QCOMPARE(admin(QStringLiteral("/v1/admin/cards/%1/app-identity").arg(m_number), shortSerial).code(),
                 QStringLiteral("bad_field"));
        QCOMPARE(admin(QStringLiteral("/v1/admin/cards/%1/app-identity").arg(m_number), identity()).status, 200);
    }

    void installMessageForTheCard() {
        QCOMPARE(install(QStringLiteral("ZZ"), granted()).code(), QStringLiteral("bad_field"));
        QCOMPARE(install(QStringLiteral("D15600009999"), granted()).code(), QStringLiteral("unknown_app"));
        QCOMPARE(m_headend.send("POST", QStringLiteral("/v1/apps/D15600000101/install"), "[", m_token).code(),
                 QStringLiteral("malformed_json"));
        const auto r = install(QStringLiteral("D15600000101"), granted());
        QCOMPARE(r.status, 200);
        const cdos::Bytes message = hdtest::bytesq(r.json.value(QStringLiteral("message")));
        QCOMPARE(qint64(message.size()), r.json.value(QStringLiteral("bytes")).toInteger());
        const auto parts = ad::AppTlv::parse(message, {ad::tag::InstallCertificate, ad::tag::InstallUnit});
        const auto cert = ad::InstallCertificate::decode(parts.at(ad::tag::InstallCertificate));
        const auto unit = ad::InstallUnit::decode(parts.at(ad::tag::InstallUnit));
        const auto ca = ad::AppAuthorities::development(m_keyDir.toStdString(), "ec").ca;
        QVERIFY(ad::AppCrypto::verify(ca, cert.signatureAlg, cert.body(), cert.signature));
        QCOMPARE(cert.cardNumber, m_card.profile.info.cardNumber);
        QCOMPARE(unit.issuerSerial, m_card.profile.info.issuerSerial);
        QCOMPARE(unit.version, std::uint16_t(256));
        // Made for this card's key: its private half opens the provider's process key, and the code decrypts.
        const auto key = ad::AppCrypto::unwrapKey(m_cardKey, unit.providerKtu);
        QVERIFY(key.has_value());
        const auto code = ad::AppCrypto::decrypt(*key, unit.code);
        QVERIFY(code.has_value());
        QVERIFY(std::string(code->begin(), code->end()).find("Utility-bill payment record") != std::string::npos);
        QVERIFY(!ad::AppCrypto::unwrapKey(ad::AppKey::generateRsa2048(), unit.providerKtu));
    }

    void grantsTheHeadendChecks() {
        // Issue 17 (6): the headend handed install messages and delete certificates to any session; the app-download
        // permission was the gateway's word alone. Now the card's grant, signed with the session key, must hold it.
        const QString aid = QStringLiteral("D15600000101");
        const auto code = [&](const QJsonObject& body) { return install(aid, body).code(); };
        QCOMPARE(code({}), QStringLiteral("no_permission"));
        QCOMPARE(code({{QStringLiteral("grant"), m_headend.grant(1, 1, 0x01)}}), QStringLiteral("no_permission"));
        QJsonObject forged = m_headend.grant(1, 5, cdos::proactive::kAppDownloadPermission);
        forged[QStringLiteral("mac")] = QStringLiteral("00000000");
        QCOMPARE(code({{QStringLiteral("grant"), forged}}), QStringLiteral("no_permission"));
        // The MAC covers the user: a child's grant cannot be passed off as another user's.
        QJsonObject otherUser = m_headend.grant(2, 5, cdos::proactive::kAppDownloadPermission);
        otherUser[QStringLiteral("user")] = 1;
        QCOMPARE(code({{QStringLiteral("grant"), otherUser}}), QStringLiteral("no_permission"));
        // A grant of an earlier session opens nothing in a new one.
        const QJsonObject old = m_headend.grant(1, 5, cdos::proactive::kAppDownloadPermission);
        m_token = m_headend.enrolAndAuthenticate(m_card);
        QVERIFY(!m_token.isEmpty());
        QCOMPARE(code({{QStringLiteral("grant"), old}}), QStringLiteral("no_permission"));
        QCOMPARE(install(aid, granted()).status, 200);
        QCOMPARE(m_headend
                     .post(QStringLiteral("/v1/apps/%1/delete-certificate").arg(aid),
                           {{QStringLiteral("randomSeed"), QString(32, QLatin1Char('A'))}}, m_token)
                     .code(),
                 QStringLiteral("no_permission"));
    }

    void deleteCertificateForTheCard() {
        const QString path = QStringLiteral("/v1/apps/D15600000101/delete-certificate");
        QCOMPARE(m_headend.post(path, granted(), m_token).code(), QStringLiteral("bad_field"));
        QCOMPARE(
            m_headend.post(path, granted({{QStringLiteral("randomSeed"), QStringLiteral("0011")}}), m_token).code(),
            QStringLiteral("bad_field"));
        QCOMPARE(m_headend
                     .post(QStringLiteral("/v1/apps/D15600009999/delete-certificate"),
                           granted({{QStringLiteral("randomSeed"), QString(32, QLatin1Char('A'))}}), m_token)
                     .code(),
                 QStringLiteral("unknown_app"));
        const QString seed = QStringLiteral("00112233445566778899AABBCCDDEEFF");
        const auto r = m_headend.post(path, granted({{QStringLiteral("randomSeed"), seed}}), m_token);
        QCOMPARE(r.status, 200);
        const auto parts = ad::AppTlv::parse(hdtest::bytesq(r.json.value(QStringLiteral("certificate"))),
                                             {ad::tag::DeleteCertificate});
        const auto cert = ad::DeleteCertificate::decode(parts.at(ad::tag::DeleteCertificate));
        QCOMPARE(hdtest::hexq(cert.randomSeed), seed);
        QCOMPARE(hdtest::hexq(cert.aid), QStringLiteral("D15600000101"));
        QCOMPARE(cert.cardNumber, m_card.profile.info.cardNumber);
        const auto ca = ad::AppAuthorities::development(m_keyDir.toStdString(), "ec").ca;
        QVERIFY(ad::AppCrypto::verify(ca, cert.signatureAlg, cert.body(), cert.signature));
    }

    void resultsAndHistory() {
        const QString path = QStringLiteral("/v1/apps/D15600000101/result");
        QCOMPARE(m_headend
                     .post(path,
                           {{QStringLiteral("operation"), QStringLiteral("upgrade")},
                            {QStringLiteral("statusWord"), QStringLiteral("9000")}},
                           m_token)
                     .code(),
                 QStringLiteral("bad_field"));
        QCOMPARE(m_headend
                     .post(path,
                           {{QStringLiteral("operation"), QStringLiteral("install")},
                            {QStringLiteral("statusWord"), QStringLiteral("960A")}},
                           m_token)
                     .status,
                 200);
        const auto h = m_headend.getAdmin(QStringLiteral("/v1/admin/cards/%1/apps").arg(m_number));
        QCOMPARE(h.status, 200);
        QStringList seen;
        for (const auto& v : QJsonDocument::fromJson(h.body).array())
            seen << v.toObject().value(QStringLiteral("event")).toString() + QLatin1Char(':') +
                        v.toObject().value(QStringLiteral("statusWord")).toString();
        QCOMPARE(seen, (QStringList{QStringLiteral("install_issued:"), QStringLiteral("install_issued:"),
                                    QStringLiteral("delete_issued:"), QStringLiteral("install_refused:960A")}));
        // A card's session is no operator credential.
        QCOMPARE(m_headend.send("GET", QStringLiteral("/v1/admin/cards/%1/apps").arg(m_number), {}, m_token).code(),
                 QStringLiteral("no_credential"));
    }

    void registryRulesAtTheHeadend() {
        // Issue 17 (6): the headend signs for the state the card last reported, no other.
        const QString aid = QStringLiteral("D15600000101");
        const QString result = QStringLiteral("/v1/apps/%1/result").arg(aid);
        const QString deletePath = QStringLiteral("/v1/apps/%1/delete-certificate").arg(aid);
        const QString seed = QStringLiteral("0102030405060708090A0B0C0D0E0F10");
        QCOMPARE(m_headend
                     .post(result,
                           {{QStringLiteral("operation"), QStringLiteral("install")},
                            {QStringLiteral("statusWord"), QStringLiteral("9000")},
                            {QStringLiteral("randomSeed"), seed}},
                           m_token)
                     .status,
                 200);
        QCOMPARE(install(aid, granted()).code(), QStringLiteral("already_installed"));
        // A delete certificate for another installation's seed (an earlier one, say) is refused.
        QCOMPARE(
            m_headend
                .post(deletePath, granted({{QStringLiteral("randomSeed"), QString(32, QLatin1Char('B'))}}), m_token)
                .code(),
            QStringLiteral("seed_mismatch"));
        QCOMPARE(m_headend.post(deletePath, granted({{QStringLiteral("randomSeed"), seed}}), m_token).status, 200);
        QCOMPARE(m_headend
                     .post(result,
                           {{QStringLiteral("operation"), QStringLiteral("delete")},
                            {QStringLiteral("statusWord"), QStringLiteral("9000")}},
                           m_token)
                     .status,
                 200);
        QCOMPARE(m_headend.post(deletePath, granted({{QStringLiteral("randomSeed"), seed}}), m_token).code(),
                 QStringLiteral("not_installed"));
        // An application this headend never gave the card: no delete certificate either.
        QJsonObject other = billPackage();
        other[QStringLiteral("aid")] = QStringLiteral("D15600000177");
        QCOMPARE(admin(QStringLiteral("/v1/admin/apps"), other).status, 200);
        QCOMPARE(m_headend
                     .post(QStringLiteral("/v1/apps/D15600000177/delete-certificate"),
                           granted({{QStringLiteral("randomSeed"), seed}}), m_token)
                     .code(),
                 QStringLiteral("not_installed"));
        QCOMPARE(install(aid, granted()).status, 200); // deleted: it may come again
    }
};

QTEST_GUILESS_MAIN(TestHeadendApps)
#include "TestHeadendApps.moc"
