// Application download through the real PC/SC stack with carddesk-cli only: a fresh carddesk-card in vpcd
// ("Virtual PCD 00 00"), `issue` (the card makes its key pair; its public key lands in the database),
// `app-package` for that card, `app-install`, `apps` (registry JSON), `app-delete-cert` with the seed from `apps`,
// `app-delete`, and the same delete certificate again refused with the check in words.
#include "support/CardProcess.h"
#include "support/CliProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using cdtest::CliRun;

class TestAppCliPcsc : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const QString m_reader = cdtest::readerForPort(35963);
    cdtest::CardProcess m_card;

    CliRun cli(const QStringList& args) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CARDDESK_DATABASE"), db()); // the login's, where no --database is given
        return cdtest::runCli(args, env);
    }
    QStringList onCard(const char* command) {
        return {QLatin1String(command), QStringLiteral("--reader"),   m_reader, QStringLiteral("--wait"),
                QStringLiteral("15"),   QStringLiteral("--database"), db(),     QStringLiteral("--create")};
    }
    QString db() { return m_dir.filePath(QStringLiteral("cards.sqlite")); }
    QString file(const char* name) { return m_dir.filePath(QLatin1String(name)); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(cdtest::initDesk(db()));
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img")), 35963));
    }
    void cleanupTestCase() { m_card.stop(); }

    void issuePackageInstallListDelete() {
        QFile holder(file("holder.json"));
        QVERIFY(holder.open(QIODevice::WriteOnly));
        holder.write(R"({"holder": {"userNumber": "U20240011", "account": "6222021111111111", "name": "王芳"},
            "users": [{"number": 1, "pin": "246801"}, {"number": 2, "pin": "135791"}, {"number": 3, "pin": "97531"}]})");
        holder.close();
        const CliRun issued = cli(
            onCard("issue") + QStringList{QStringLiteral("--template"),
                                          QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                                          QStringLiteral("--holder"), holder.fileName()});
        QVERIFY2(issued.exitCode == 0, qPrintable(issued.err));
        const QString cardNumber = issued.json.value(QStringLiteral("cardNumber")).toString();
        QCOMPARE(cardNumber.size(), 20);

        const QStringList app{
            QStringLiteral("--aid"),    QStringLiteral("D15600000101"),
            QStringLiteral("--code"),   QStringLiteral(CARDDESK_SOURCE_DIR "/resources/apps/bill-payment/app.lua"),
            QStringLiteral("--config"), QStringLiteral(CARDDESK_SOURCE_DIR "/resources/apps/bill-payment/config.txt")};
        const CliRun package =
            cli(QStringList{QStringLiteral("app-package"), QStringLiteral("--database"), db(), QStringLiteral("--card"),
                            cardNumber, QStringLiteral("--out"), file("bill.cdapp")} +
                app);
        QVERIFY2(package.exitCode == 0, qPrintable(package.err));
        QVERIFY(package.json.value(QStringLiteral("bytes")).toInt() > 2000);

        const CliRun install =
            cli(onCard("app-install") + QStringList{QStringLiteral("--package"), file("bill.cdapp")});
        QVERIFY2(install.exitCode == 0, qPrintable(install.err + QString::fromUtf8(install.out)));
        QVERIFY(install.json.value(QStringLiteral("blocks")).toInt() > 1);

        CliRun apps = cli(onCard("apps"));
        QVERIFY2(apps.exitCode == 0, qPrintable(apps.err));
        QCOMPARE(apps.json.value(QStringLiteral("cardNumber")).toString(), cardNumber);
        QJsonArray list = apps.json.value(QStringLiteral("applications")).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject entry = list[0].toObject();
        QCOMPARE(entry.value(QStringLiteral("aid")).toString(), QStringLiteral("D15600000101"));
        QCOMPARE(entry.value(QStringLiteral("seed")).toString(), install.json.value(QStringLiteral("seed")).toString());

        const CliRun cert = cli(
            QStringList{QStringLiteral("app-delete-cert"), QStringLiteral("--database"), db(), QStringLiteral("--card"),
                        cardNumber, QStringLiteral("--aid"), QStringLiteral("D15600000101"), QStringLiteral("--seed"),
                        entry.value(QStringLiteral("seed")).toString(), QStringLiteral("--out"), file("bill.cddel")});
        QVERIFY2(cert.exitCode == 0, qPrintable(cert.err));
        const CliRun removed = cli(onCard("app-delete") + QStringList{QStringLiteral("--cert"), file("bill.cddel")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err + QString::fromUtf8(removed.out)));

        // The same certificate again: the application is gone, and the refusal says so.
        const CliRun again = cli(onCard("app-delete") + QStringList{QStringLiteral("--cert"), file("bill.cddel")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("the application is not installed")), qPrintable(again.err));

        apps = cli(onCard("apps"));
        QVERIFY2(apps.exitCode == 0, qPrintable(apps.err));
        QVERIFY(apps.json.value(QStringLiteral("applications")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAppCliPcsc)
#include "TestAppCliPcsc.moc"
