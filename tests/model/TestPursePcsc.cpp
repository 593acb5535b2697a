// The e-purse through the real PC/SC stack and carddesk-cli only, as a field script would do it: a fresh
// carddesk-card in vpcd ("CardDesk Reader B 00 00"), `issue`, `info` (purse AID and ASN), `load`, `purchase` (PIN
// from $CARDDESK_PIN, then from stdin), `purse --prove` — and the refusals' exit codes.
#include "carddesk/protocol/crypto/KeyStore.h"
#include "support/CardProcess.h"
#include "support/CliProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using cdtest::CliRun;

class TestPursePcsc : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString m_reader = cdtest::readerForPort(35965);
    cdtest::CardProcess m_card;

    CliRun cli(const QStringList& args, const QByteArray& stdinText = {}, const QString& pinEnv = {}) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CARDDESK_DATABASE"), db()); // the login's, where no --database is given
        if (!pinEnv.isEmpty())
            env.insert(QStringLiteral("CARDDESK_PIN"), pinEnv);
        return cdtest::runCli(args, env, stdinText);
    }
    QStringList common(const char* command) {
        return {QLatin1String(command), QStringLiteral("--reader"), m_reader, QStringLiteral("--wait"),
                QStringLiteral("15")};
    }
    QString db() { return m_dir.filePath(QStringLiteral("cards.sqlite")); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(cdtest::initDesk(db()));
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img")), 35965));
    }
    void cleanupTestCase() { m_card.stop(); }

    void issueLoadPurchaseProve() {
        QFile holder(m_dir.filePath(QStringLiteral("holder.json")));
        QVERIFY(holder.open(QIODevice::WriteOnly));
        holder.write(R"({"holder": {"userNumber": "U20240009", "account": "6222029999999999", "name": "陈静"},
            "users": [{"number": 1, "pin": "246801"}, {"number": 2, "pin": "135791"}, {"number": 3, "pin": "97531"}]})");
        holder.close();
        const CliRun issued = cli(
            common("issue") + QStringList{QStringLiteral("--template"),
                                          QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                                          QStringLiteral("--holder"), holder.fileName(), QStringLiteral("--database"),
                                          db(), QStringLiteral("--create")});
        QVERIFY2(issued.exitCode == 0, qPrintable(issued.err));
        const QString cardNumber = issued.json.value(QStringLiteral("cardNumber")).toString();
        QCOMPARE(cardNumber.size(), 20);

        const CliRun info = cli(common("info") + QStringList{QStringLiteral("--json")});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        const QJsonObject purse = info.json.value(QStringLiteral("purse")).toObject();
        QCOMPARE(purse.value(QStringLiteral("aid")).toString(), QStringLiteral("F04344455001"));
        QCOMPARE(purse.value(QStringLiteral("present")).toBool(), true);
        QCOMPARE(purse.value(QStringLiteral("asn")).toString(), cardNumber.mid(4));

        const CliRun load = cli(common("load") + QStringList{QStringLiteral("--amount"), QStringLiteral("10000"),
                                                             QStringLiteral("--database"), db()});
        QVERIFY2(load.exitCode == 0, qPrintable(load.err + QString::fromUtf8(load.out)));
        QCOMPARE(load.json.value(QStringLiteral("balanceAfter")).toInt(), 10000);
        QCOMPARE(load.json.value(QStringLiteral("tacVerified")).toBool(), true);

        // The PIN from the environment...
        const CliRun buy = cli(common("purchase") + QStringList{QStringLiteral("--amount"), QStringLiteral("2345"),
                                                                QStringLiteral("--pin-user"), QStringLiteral("1"),
                                                                QStringLiteral("--database"), db()},
                               {}, QStringLiteral("246801"));
        QVERIFY2(buy.exitCode == 0, qPrintable(buy.err + QString::fromUtf8(buy.out)));
        QCOMPARE(buy.json.value(QStringLiteral("balanceAfter")).toInt(), 7655);
        QCOMPARE(buy.json.value(QStringLiteral("terminalSerial")).toInt(), 1);
        QVERIFY(!buy.out.contains("246801"));
        // ...or from stdin.
        const CliRun buy2 = cli(common("purchase") + QStringList{QStringLiteral("--amount"), QStringLiteral("55"),
                                                                 QStringLiteral("--pin-user"), QStringLiteral("1"),
                                                                 QStringLiteral("--database"), db()},
                                "246801\n");
        QVERIFY2(buy2.exitCode == 0, qPrintable(buy2.err));
        QCOMPARE(buy2.json.value(QStringLiteral("terminalSerial")).toInt(), 2);

        // Issue 11: usage errors touch nothing — a malformed PIN is not sent to the card (no terminal serial spent),
        // a malformed terminal id is not silently replaced.
        const QStringList buyOne = common("purchase") + QStringList{QStringLiteral("--amount"),   QStringLiteral("1"),
                                                                    QStringLiteral("--pin-user"), QStringLiteral("1"),
                                                                    QStringLiteral("--database"), db()};
        for (const char* badPin : {"123", "12345678901234567890", "12ab"}) {
            const CliRun bad = cli(buyOne, {}, QString::fromLatin1(badPin));
            QCOMPARE(bad.exitCode, 2);
            QVERIFY2(bad.err.contains(QStringLiteral("4 to 12 digits")), qPrintable(bad.err));
        }
        QProcessEnvironment wrongId;
        wrongId.insert(QStringLiteral("CARDDESK_TERMINAL_ID"), QStringLiteral("XYZ"));
        wrongId.insert(QStringLiteral("CARDDESK_PIN"), QStringLiteral("246801"));
        wrongId.insert(QStringLiteral("CARDDESK_DATABASE"), db());
        const CliRun badId = cdtest::runCli(buyOne, wrongId);
        QCOMPARE(badId.exitCode, 2);
        QVERIFY2(badId.err.contains(QStringLiteral("CARDDESK_TERMINAL_ID")), qPrintable(badId.err));
        // A load over the card's balance limit names the limit.
        const CliRun over = cli(common("load") + QStringList{QStringLiteral("--amount"), QStringLiteral("99999999"),
                                                             QStringLiteral("--database"), db()});
        QCOMPARE(over.exitCode, 1);
        QVERIFY2(over.err.contains(QStringLiteral("limit of")), qPrintable(over.err));

        const CliRun state = cli(common("purse") + QStringList{QStringLiteral("--prove")});
        QVERIFY2(state.exitCode == 0, qPrintable(state.err + QString::fromUtf8(state.out)));
        QCOMPARE(state.json.value(QStringLiteral("balance")).toInt(), 7600);
        QCOMPARE(state.json.value(QStringLiteral("balanceYuan")).toString(), QStringLiteral("76.00"));
        QCOMPARE(state.json.value(QStringLiteral("asn")).toString(), cardNumber.mid(4));
        const QJsonArray log = state.json.value(QStringLiteral("log")).toArray();
        QCOMPARE(log.size(), 3);
        QCOMPARE(log[0].toObject().value(QStringLiteral("type")).toInt(), 6);
        QCOMPARE(log[0].toObject().value(QStringLiteral("amount")).toInt(), 55);
        QCOMPARE(log[2].toObject().value(QStringLiteral("type")).toInt(), 2);
        QCOMPARE(log[2].toObject().value(QStringLiteral("balanceAfter")).toInt(), 10000);
        QVERIFY(state.json.contains(QStringLiteral("onlineCounter")));
        QVERIFY(state.json.contains(QStringLiteral("offlineCounter")));
        QCOMPARE(state.json.value(QStringLiteral("lastTransaction")).toObject().value(QStringLiteral("amount")).toInt(),
                 55);
        const QJsonObject proof = state.json.value(QStringLiteral("proof")).toObject();
        QCOMPARE(proof.value(QStringLiteral("available")).toBool(), true);
        QCOMPARE(proof.value(QStringLiteral("proved")).toBool(), true);
        QCOMPARE(proof.value(QStringLiteral("tac")).toString().size(), 8);

        // The failing side (issue 17): with another issuer's keys the card's TAC does not check — a forged card
        // looks the same — and the CLI says "not proved" with exit 1, so a script cannot miss it.
        const QString other = m_dir.filePath(QStringLiteral("other-issuer.cdks"));
        std::map<std::string, std::pair<std::uint8_t, cdos::Bytes>> keys;
        for (const char* name : {"TAC", "PURCHASE", "LOAD", "PIN_UNBLOCK"})
            keys[name] = {1, cdos::Bytes(16, 0x5A)};
        cdos::KeyStore::create(other.toStdString(), "other-issuer", keys, cdos::KeyStore::kMinIterations);
        QProcessEnvironment otherEnv;
        otherEnv.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), QStringLiteral("other-issuer"));
        otherEnv.insert(QStringLiteral("CARDDESK_DATABASE"), db());
        const CliRun forged = cdtest::runCli(
            common("purse") + QStringList{QStringLiteral("--prove"), QStringLiteral("--keystore"), other}, otherEnv);
        QCOMPARE(forged.exitCode, 1);
        const QJsonObject notProved = forged.json.value(QStringLiteral("proof")).toObject();
        QCOMPARE(notProved.value(QStringLiteral("available")).toBool(), true);
        QCOMPARE(notProved.value(QStringLiteral("proved")).toBool(), false);

        QFile dbFile(db());
        QVERIFY(dbFile.open(QIODevice::ReadOnly));
        QVERIFY(!dbFile.readAll().contains("246801"));
    }

    void refusals() {
        // Insufficient balance: the card refuses, exit 1, the reason in words.
        const CliRun tooMuch =
            cli(common("purchase") + QStringList{QStringLiteral("--amount"), QStringLiteral("999999"),
                                                 QStringLiteral("--pin-user"), QStringLiteral("1"),
                                                 QStringLiteral("--database"), db()},
                {}, QStringLiteral("246801"));
        QCOMPARE(tooMuch.exitCode, 1);
        QVERIFY2(tooMuch.err.contains(QStringLiteral("9401")), qPrintable(tooMuch.err));
        // Usage errors: no PIN user for a purchase, a PIN on the command line is not an option, no amount.
        QCOMPARE(cli(common("purchase") + QStringList{QStringLiteral("--amount"), QStringLiteral("1")}).exitCode, 2);
        QCOMPARE(cli(common("load") + QStringList{QStringLiteral("--pin"), QStringLiteral("246801")}).exitCode, 2);
        QCOMPARE(cli(common("load")).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("purse"), QStringLiteral("--reader"), QStringLiteral("No Such Reader")}).exitCode,
                 4);
        // Nothing changed.
        QCOMPARE(cli(common("purse")).json.value(QStringLiteral("balance")).toInt(), 7600);
    }
};

QTEST_MAIN(TestPursePcsc)
#include "TestPursePcsc.moc"
