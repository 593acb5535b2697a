// The real carddesk-headend process on a free port and a temporary data directory, over HTTPS with its own
// certificate pinned: three-party authentication with an in-process card relaying the APDUs, every refusal, hostile
// values and sessions (the payment host and top-up: TestHeadendPurse.cpp). Under the ctest fixture `postgres`
// (CARDDESK_TEST_PG_ENV_DIR) the same suite runs against PostgreSQL.
#include "HeadendProcess.h"
#include "carddesk/protocol/epurse/EPurse.h"

#include <QDir>
#include <QFileInfo>

using cdos::Bytes;
using hdtest::bytesq;
using hdtest::hexq;
using hdtest::Reply;
namespace auth = cdos::auth;

class TestHeadendServer : public QObject, public hdtest::HeadendSuite {
    Q_OBJECT

private slots:
    void initTestCase() {
        m_keys = hdtest::openDevKeys();
        QVERIFY2(m_hd.usePostgresIfAsked(), "PostgreSQL fixture not usable (scripts/pg-env.sh start)");
        QVERIFY2(m_hd.start(), qPrintable(m_hd.error));
    }

    // Issue 17: the TLS key was created world-readable and chmod'ed afterwards, headend.sqlite (personal data) stayed
    // 0644. Everything in the data directory is now the service user's alone from its creation.
    void dataFilesArePrivate() {
        const QDir dir(m_hd.dir.path());
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY(files.contains(QStringLiteral("tls-key.pem")));
        for (const QString& name : files) {
            const QFileDevice::Permissions p = QFileInfo(dir.filePath(name)).permissions();
            const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                    QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                    QFileDevice::WriteOther | QFileDevice::ExeOther;
            QVERIFY2(!(p & others), qPrintable(name + QStringLiteral(" is readable by others")));
        }
    }

    // Issue 17: qunsetenv left the key store passphrase and the admin token readable in /proc/<pid>/environ (the
    // environment block the process started with). They are now overwritten there once taken.
    void secretsLeaveTheEnvironment() {
        QFile environ(QStringLiteral("/proc/%1/environ").arg(m_hd.process->processId()));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        const QByteArray block = environ.readAll();
        QVERIFY(block.contains("PATH="));
        QVERIFY(!block.contains(cdtest::kDevPassphrase));
        QVERIFY(!block.contains(hdtest::kAdminToken));
    }

    void cleanupTestCase() {
        // Keys never appear in the headend's output.
        const QByteArray log = m_hd.stop();
        QVERIFY(!log.contains("0123456789ABCDEF"));
        QVERIFY(log.contains("POST /v1/auth/init -> 200"));
    }

    void untrustedCertificateRefused() {
        // Its own manager: QNetworkAccessManager remembers a host's failed handshake.
        QNetworkAccessManager net;
        QNetworkRequest req(QUrl(m_hd.base + QStringLiteral("/v1/auth/init")));
        req.setSslConfiguration(QSslConfiguration::defaultConfiguration());
        QNetworkReply* r = net.post(req, QByteArray("{}"));
        QSignalSpy done(r, &QNetworkReply::finished);
        QVERIFY(r->isFinished() || done.wait(20000));
        QCOMPARE(r->error(), QNetworkReply::SslHandshakeFailedError);
        r->deleteLater();
    }

    void fullAuthentication() {
        hdtest::IssuedCard card(*m_keys);
        const QString token = enrolAndAuthenticate(card);
        QVERIFY(!token.isEmpty());
        QVERIFY(card.card.os->session().authenticated);
        const Reply s = send("GET", QStringLiteral("/v1/session"), QByteArray(), token);
        QCOMPARE(s.status, 200);
        QCOMPARE(s.json.value(QStringLiteral("cardNumber")).toString(), hexq(card.profile.info.cardNumber));
    }

    void unknownCard() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000099");
        auto [reply, sw] = authenticate(card);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.code(), QStringLiteral("unknown_card"));
        QVERIFY(!card.card.os->session().authenticated);
    }

    void blockedCard() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000011");
        QVERIFY(!enrolAndAuthenticate(card).isEmpty());
        QCOMPARE(post(QStringLiteral("/v1/admin/cards/86010000000000000011/status"),
                      {{QStringLiteral("status"), QStringLiteral("blocked")}}, {}, true)
                     .status,
                 200);
        auto [reply, sw] = authenticate(card);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code(), QStringLiteral("blocked_card"));
        // Without an operator credential the status cannot be changed (issue 13: 401 no_credential).
        QCOMPARE(post(QStringLiteral("/v1/admin/cards/86010000000000000011/status"),
                      {{QStringLiteral("status"), QStringLiteral("active")}})
                     .status,
                 401);
    }

    void mismatchingData() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000012");
        QCOMPARE(post(QStringLiteral("/v1/admin/cards"),
                      {{QStringLiteral("cardNumber"), QStringLiteral("86010000000000000012")},
                       {QStringLiteral("holder"),
                        QJsonObject{{QStringLiteral("userNumber"), QStringLiteral("U777")},
                                    {QStringLiteral("account"), QStringLiteral("6222000000000001")},
                                    {QStringLiteral("name"), QStringLiteral("Someone Else")}}}},
                      {}, true)
                     .status,
                 200);
        auto [reply, sw] = authenticate(card);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.code(), QStringLiteral("mismatching_data"));
        QVERIFY(!card.card.os->session().authenticated);
    }

    // Issue 11: enrolment took a NUL in a name and an account "1"; a malformed card number's history was 200 [].
    void enrolmentAndHistoryRefuseMalformedValues() {
        const auto enrol = [&](const QString& account, const QString& name) {
            return post(QStringLiteral("/v1/admin/cards"),
                        {{QStringLiteral("cardNumber"), QStringLiteral("86010000000000000099")},
                         {QStringLiteral("holder"), QJsonObject{{QStringLiteral("userNumber"), QStringLiteral("U9")},
                                                                {QStringLiteral("account"), account},
                                                                {QStringLiteral("name"), name}}}},
                        {}, true);
        };
        QCOMPARE(enrol(QStringLiteral("1"), QStringLiteral("Li")).code(), QStringLiteral("bad_field"));
        QCOMPARE(
            enrol(QStringLiteral("6222000000000009"), QStringLiteral("Li") + QChar(0) + QStringLiteral("x")).code(),
            QStringLiteral("bad_field"));
        QCOMPARE(enrol(QStringLiteral("6222000000000009"), QStringLiteral("李")).status, 200);
        const Reply history = m_hd.send("GET", QStringLiteral("/v1/cards/8601/transactions"), {}, {}, {}, true);
        QCOMPARE(history.status, 400);
        QCOMPARE(history.code(), QStringLiteral("bad_field"));
    }

    void wrongKeys() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000013");
        QVERIFY(!enrolAndAuthenticate(card).isEmpty());
        card.writeAuthKeys(cdos::crypto::randomBytes(16), cdos::crypto::randomBytes(16));
        auto [r1, sw1] = authenticate(card);
        QCOMPARE(r1.status, 403);
        QCOMPARE(r1.code(), QStringLiteral("bad_cryptogram"));
        card.writeAuthKeys(hdtest::transportMaster(), cdos::crypto::randomBytes(16));
        auto [r2, sw2] = authenticate(card);
        QCOMPARE(r2.status, 403);
        QCOMPARE(r2.code(), QStringLiteral("bad_cryptogram"));
    }

    void forgedAndReplayedMessages() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000014");
        QVERIFY(!enrolAndAuthenticate(card).isEmpty());
        // Replay: the card step of a finished attempt.
        const Reply init = post(QStringLiteral("/v1/auth/init"), {});
        const QString id = init.json.value(QStringLiteral("authId")).toString();
        const auto a1 = card.tx(auth::authInit(bytesq(init.json.value(QStringLiteral("random")))));
        const QJsonObject step2{{QStringLiteral("authId"), id},
                                {QStringLiteral("cardNumberCryptogram"), hexq(a1.data)}};
        const Reply r2 = post(QStringLiteral("/v1/auth/card"), step2);
        QCOMPARE(r2.status, 200);
        QCOMPARE(post(QStringLiteral("/v1/auth/card"), step2).code(), QStringLiteral("unknown_attempt"));
        // A replayed step ends its attempt: the genuine last step is refused too.
        const Bytes pdA = card.tx(auth::authenticate(bytesq(r2.json.value(QStringLiteral("random"))))).data;
        QCOMPARE(post(QStringLiteral("/v1/auth/verify"),
                      {{QStringLiteral("authId"), id}, {QStringLiteral("personalDataCryptogram"), hexq(pdA)}})
                     .status,
                 409);
        // Forged personal data: one bit flipped.
        const Reply initB = post(QStringLiteral("/v1/auth/init"), {});
        const QString idB = initB.json.value(QStringLiteral("authId")).toString();
        const auto b1 = card.tx(auth::authInit(bytesq(initB.json.value(QStringLiteral("random")))));
        const Reply b2 =
            post(QStringLiteral("/v1/auth/card"),
                 {{QStringLiteral("authId"), idB}, {QStringLiteral("cardNumberCryptogram"), hexq(b1.data)}});
        QCOMPARE(b2.status, 200);
        Bytes pd = card.tx(auth::authenticate(bytesq(b2.json.value(QStringLiteral("random"))))).data;
        pd[3] ^= 0x10;
        const QJsonObject step3{{QStringLiteral("authId"), idB}, {QStringLiteral("personalDataCryptogram"), hexq(pd)}};
        QCOMPARE(post(QStringLiteral("/v1/auth/verify"), step3).code(), QStringLiteral("bad_cryptogram"));
        // ...and the attempt is gone: no second guess.
        QCOMPARE(post(QStringLiteral("/v1/auth/verify"), step3).status, 409);
        // A recorded card-number cryptogram does not fit a new random.
        const Reply init2 = post(QStringLiteral("/v1/auth/init"), {});
        const Reply r = post(QStringLiteral("/v1/auth/card"),
                             {{QStringLiteral("authId"), init2.json.value(QStringLiteral("authId"))},
                              {QStringLiteral("cardNumberCryptogram"), hexq(a1.data)}});
        QCOMPARE(r.status, 403);
        // A forged final answer to the card is refused by the card.
        QVERIFY(card.tx(auth::authInit(cdos::crypto::randomBytes(8))).ok());
        QVERIFY(card.tx(auth::authenticate(cdos::crypto::randomBytes(8))).ok());
        QCOMPARE(card.tx(auth::authResult(cdos::crypto::randomBytes(24))).sw, cdos::sw::SecurityNotSatisfied);
    }

    void malformedAndOversizedRequests() {
        QCOMPARE(send("POST", QStringLiteral("/v1/auth/card"), "{\"authId\": ").status, 400);
        QCOMPARE(send("POST", QStringLiteral("/v1/auth/card"), "{\"authId\": ").json.value("error").toString(),
                 QStringLiteral("malformed_json"));
        QCOMPARE(send("POST", QStringLiteral("/v1/auth/card"), "[1,2]").status, 400);
        QCOMPARE(send("POST", QStringLiteral("/v1/auth/card"), "a=b", {}, "application/x-www-form-urlencoded").status,
                 415);
        const QByteArray big = "{\"authId\":\"" + QByteArray(64 * 1024, 'A') + "\"}";
        const Reply r = send("POST", QStringLiteral("/v1/auth/card"), big);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.code(), QStringLiteral("request_too_large"));
        QCOMPARE(post(QStringLiteral("/v1/auth/card"), {{QStringLiteral("authId"), 5}}).code(),
                 QStringLiteral("bad_field"));
        QCOMPARE(send("GET", QStringLiteral("/v1/nothing"), QByteArray()).status, 404);
    }

    // Values reach the database as data whatever they hold (on PostgreSQL the driver writes them as quoted
    // literals): quotes, backslashes, a question mark and SQL in a value are stored and read back unchanged.
    void hostileValuesAreData() {
        const QString account = QStringLiteral("O'Brien\\'?); DROP TABLE cards; --");
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), account}, {QStringLiteral("balance"), 77}}, {}, true)
                     .status,
                 200);
        QCOMPARE(m_hd.bankBalance(QString::fromLatin1(QUrl::toPercentEncoding(account))), qint64(77));
        QCOMPARE(m_hd.bankBalance(QStringLiteral("CARDDESK-SERVICE")) >= 0, true);
        QCOMPARE(post(QStringLiteral("/v1/auth/card"), {{QStringLiteral("authId"), QStringLiteral("x'?\\")},
                                                        {QStringLiteral("cardNumberCryptogram"), QStringLiteral("00")}})
                         .status >= 400,
                 true);
    }

    void expiredSession() {
        hdtest::IssuedCard card(*m_keys, "86010000000000000031");
        const QString token = enrolAndAuthenticate(card);
        QVERIFY(!token.isEmpty());
        QCOMPARE(send("GET", QStringLiteral("/v1/session"), QByteArray(), token).status, 200);
        QTest::qWait(3500);
        const Reply r = send("GET", QStringLiteral("/v1/session"), QByteArray(), token);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.code(), QStringLiteral("expired_session"));
    }
};

QTEST_GUILESS_MAIN(TestHeadendServer)
#include "TestHeadendServer.moc"
