// Issuance of the conditional-access part over real PC/SC with carddesk-cli only: `issue` with the standard
// template, `info` shows the service keys and every user's rights dated from today, an ECM for user 1 gives CWs
// right away (no test-side CA set-up), then `ca-key` loads a newer CA_SERVICE_1 version (never printing a value):
// again is a no-op, an older store is refused, and ECMs of the old version are refused by the card afterwards. The
// CLI logs in as the development admin; ca-key is under dual control (--second-operator).
#include "bench/PcscClient.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/ca/Ecm.h"
#include "support/CardProcess.h"
#include "support/CliProcess.h"
#include "support/TestProfiles.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

} // namespace

class TestCaIssueCliPcsc : public QObject {
    Q_OBJECT
    static constexpr int kPort = 35964; // "Virtual PCD 00 01"
    const QString m_reader = cdtest::readerForPort(kPort);
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;

    Run cli(const QStringList& args, const QString& passphrase = QString::fromLatin1(cdtest::kDevPassphrase)) {
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), passphrase);
        env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        env.insert(QStringLiteral("CARDDESK_DATABASE"), path("cards.sqlite"));
        env.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
        env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
        env.insert(QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), QStringLiteral("second-password"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CARDDESK_CLI_BIN), args + QStringList{QStringLiteral("--wait"), QStringLiteral("5")});
        if (!p.waitForFinished(60000))
            return {};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    // PROCESS ECM for user 1 (package 1) with CA_SERVICE_1 of `keyVersion` and value `key`.
    std::uint16_t ecm(const cdos::SecretBytes& key, std::uint8_t keyVersion, std::uint32_t period, cdos::Bytes* cws) {
        cdbench::PcscClient pcsc;
        pcsc.connectWhenReady(m_reader.toStdString());
        if (pcsc.transmit(cdos::selectAid(cdos::ca::kCaAid)).sw != 0x9000 ||
            pcsc.transmit(cdos::verifyPin(1, "314159")).sw != 0x9000)
            return 0;
        cdos::ecm::EcmHeader h;
        h.serviceKeyVersion = keyVersion;
        h.programmeId = 0x0101;
        h.packageId = 1;
        h.cryptoPeriod = period;
        const cdos::ecm::ControlWords words{cdos::SecretBytes(cdos::Bytes(8, 0x5A)),
                                            cdos::SecretBytes(cdos::Bytes(8, 0xA5))};
        const QDate d = QDateTime::currentDateTimeUtc().date();
        const auto date = static_cast<std::uint32_t>(d.year() * 10000 + d.month() * 100 + d.day());
        const auto r = pcsc.transmit(cdos::ca::processEcm(date, cdos::ecm::Ecm::build(h, words, key.bytes())));
        if (cws)
            *cws = r.data;
        pcsc.disconnect();
        return r.sw;
    }

private slots:
    void issueInfoEcmAndNewerServiceKey() {
        QVERIFY(cdtest::initDesk(path("cards.sqlite")));
        QVERIFY(m_card.start(path("card.img"), kPort));
        QFile holder(path("holder.json"));
        QVERIFY(holder.open(QIODevice::WriteOnly));
        holder.write(R"({"holder": {"userNumber": "U20260006", "account": "6222026666666666", "name": "赵敏"},
            "users": [{"number": 1, "pin": "314159"}, {"number": 2, "pin": "271828"}, {"number": 3, "pin": "161803"}]})");
        holder.close();
        const QString db = path("cards.sqlite");
        const Run issued = cli(
            {QStringLiteral("issue"), QStringLiteral("--reader"), m_reader, QStringLiteral("--template"),
             QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"), QStringLiteral("--holder"),
             path("holder.json"), QStringLiteral("--database"), db, QStringLiteral("--create"),
             QStringLiteral("--keystore"), QString::fromStdString(cdtest::devKeyStorePath())});
        QVERIFY2(issued.code == 0, issued.err.constData());
        QVERIFY(issued.err.contains("create the conditional-access application"));
        const int apdus = QJsonDocument::fromJson(issued.out).object().value(QStringLiteral("apduCount")).toInt();
        QVERIFY(apdus > 0);

        const Run info = cli({QStringLiteral("info"), QStringLiteral("--reader"), m_reader});
        QCOMPARE(info.code, 0);
        const QJsonObject ca = QJsonDocument::fromJson(info.out).object().value(QStringLiteral("ca")).toObject();
        QVERIFY(ca.value(QStringLiteral("present")).toBool());
        const QJsonArray serviceKeys = ca.value(QStringLiteral("serviceKeys")).toArray();
        QCOMPARE(serviceKeys.size(), 2);
        QCOMPARE(serviceKeys[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("CA_SERVICE_1"));
        QCOMPARE(serviceKeys[0].toObject().value(QStringLiteral("version")).toInt(), 1);
        const QJsonArray rights = ca.value(QStringLiteral("entitlements")).toArray();
        QCOMPARE(rights.size(), 5);
        const QDate today = QDateTime::currentDateTimeUtc().date();
        for (const auto& r : rights) {
            QCOMPARE(r.toObject().value(QStringLiteral("start")).toString(), today.toString(Qt::ISODate));
            QCOMPARE(r.toObject().value(QStringLiteral("state")).toString(), QStringLiteral("valid"));
        }
        QCOMPARE(rights[0].toObject().value(QStringLiteral("end")).toString(),
                 today.addDays(364).toString(Qt::ISODate));

        // CWs right after issuance.
        const auto keys = cdos::KeyStore::open(cdtest::devKeyStorePath(), cdtest::kDevPassphrase);
        cdos::Bytes cws;
        QCOMPARE(ecm(keys.sharedKey("CA_SERVICE_1")->reveal("test"), 1, 10, &cws), std::uint16_t{0x9000});
        QCOMPARE(cws, (cdos::Bytes{0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5,
                                   0xA5, 0xA5}));

        // A key store with CA_SERVICE_1 version 2 (a key change at the headend).
        auto clear = cdos::KeyStore::readClearKeys(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt");
        const cdos::Bytes v2Value(16, 0x3C);
        clear.keys["CA_SERVICE_1"] = {2, v2Value};
        const QString v2Path = path("v2.cdks");
        cdos::KeyStore::create(v2Path.toStdString(), "v2-passphrase", clear.keys, cdos::KeyStore::kMinIterations,
                               clear.shared);
        const QStringList caKey{QStringLiteral("ca-key"),
                                QStringLiteral("--reader"),
                                m_reader,
                                QStringLiteral("--key"),
                                QStringLiteral("CA_SERVICE_1"),
                                QStringLiteral("--database"),
                                db,
                                QStringLiteral("--trace"),
                                QStringLiteral("--second-operator"),
                                QStringLiteral("second")};
        const Run loaded =
            cli(caKey + QStringList{QStringLiteral("--keystore"), v2Path}, QStringLiteral("v2-passphrase"));
        QVERIFY2(loaded.code == 0, loaded.err.constData());
        const QJsonObject l = QJsonDocument::fromJson(loaded.out).object();
        QVERIFY(l.value(QStringLiteral("written")).toBool());
        QCOMPARE(l.value(QStringLiteral("previousVersion")).toInt(), 1);
        QCOMPARE(l.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(l.value(QStringLiteral("slot")).toString(), QStringLiteral("10"));
        QVERIFY(loaded.err.contains("WRITE KEY"));
        for (const QByteArray& text : {loaded.out, loaded.err}) {
            QVERIFY(!text.toUpper().contains("3C3C3C3C3C3C3C3C"));
            QVERIFY(!text.toUpper().contains("3C 3C 3C 3C 3C 3C 3C 3C"));
        }

        const Run again =
            cli(caKey + QStringList{QStringLiteral("--keystore"), v2Path}, QStringLiteral("v2-passphrase"));
        QCOMPARE(again.code, 0);
        QVERIFY(!QJsonDocument::fromJson(again.out).object().value(QStringLiteral("written")).toBool());
        const Run older =
            cli(caKey + QStringList{QStringLiteral("--keystore"), QString::fromStdString(cdtest::devKeyStorePath())});
        QCOMPARE(older.code, 1);
        QVERIFY2(older.err.contains("newer than the key store"), older.err.constData());
        const Run bad = cli({QStringLiteral("ca-key"), QStringLiteral("--reader"), m_reader, QStringLiteral("--key"),
                             QStringLiteral("ISSUER_SM")});
        QCOMPARE(bad.code, 2);

        QCOMPARE(ecm(keys.sharedKey("CA_SERVICE_1")->reveal("test"), 1, 11, nullptr), cdos::ca::sw::EcmUnknownKey);
        QCOMPARE(ecm(cdos::SecretBytes(v2Value), 2, 12, &cws), std::uint16_t{0x9000});
        m_card.stop();
    }
};

QTEST_GUILESS_MAIN(TestCaIssueCliPcsc)
#include "TestCaIssueCliPcsc.moc"
