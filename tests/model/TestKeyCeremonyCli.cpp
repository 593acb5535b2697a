// Issue 13: the key ceremony and the clear-key import through carddesk-cli, under the desk's operators — refused
// without a second admin (audited), done with one (both names and the check values audited, never a component),
// the key at once in the token; in production mode the clear-key import is refused and the token gets the mark.
#include "support/DevelopmentToken.h"

#include <carddesk/protocol/crypto/DesKey.h>
#include <carddesk/protocol/token/KeySource.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestKeyCeremonyCli : public QObject {
    Q_OBJECT
    cdtest::DevelopmentToken m_token;
    QTemporaryDir m_dir;

    struct Run {
        int code = -1;
        QByteArray out, err;
    };
    Run cli(const QStringList& args, const QByteArray& input = {}, const QMap<QString, QString>& extra = {}) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CARDDESK_DATABASE"), m_dir.filePath(QStringLiteral("desk.sqlite")));
        env.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
        env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
        for (auto it = extra.begin(); it != extra.end(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CARDDESK_CLI_BIN), args);
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QByteArray auditCsv() {
        return cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                    QStringLiteral("csv")})
            .out;
    }

private slots:
    void initTestCase() {
        if (!cdtest::DevelopmentToken::available())
            QSKIP("SoftHSM2 is not installed (scripts/deps.sh installs softhsm2)");
        const QString problem = m_token.make();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Run init = cli({QStringLiteral("operator"), QStringLiteral("init-dev"), QStringLiteral("--create")});
        QVERIFY2(init.code == 0, init.err.constData());
        const Run bob = cli({QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("--name"),
                             QStringLiteral("bob"), QStringLiteral("--roles"), QStringLiteral("admin")},
                            {}, {{QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("bob-password-1")}});
        QVERIFY2(bob.code == 0, bob.err.constData());
    }

    void ceremonyNeedsASecondAdminAndIsAudited() {
        const QByteArray components = "A1A2A3A4A5A6A7A8A1A2A3A4A5A6A7A8\n0102030405060708090A0B0C0D0E0F10\n";
        const QStringList args{QStringLiteral("key"), QStringLiteral("ceremony"), QStringLiteral("LOAD"),
                               QStringLiteral("3"), QStringLiteral("2")};
        const Run alone = cli(args, components);
        QCOMPARE(alone.code, 6);
        QVERIFY2(alone.err.contains("second operator"), alone.err.constData());

        const QMap<QString, QString> bob{
            {QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), QStringLiteral("bob-password-1")}};
        const Run done =
            cli(args + QStringList{QStringLiteral("--second-operator"), QStringLiteral("bob")}, components, bob);
        QVERIFY2(done.code == 0, done.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(done.out).object();
        // A1.. XOR 01.. = A0A0A0A0A0A0A0A0A8A8A8A8A8A8A8B8
        const cdos::HostKey expected(*cdos::fromHex("A0A0A0A0A0A0A0A0A8A8A8A8A8A8A8B8"));
        QCOMPARE(o.value(QStringLiteral("checkValue")).toString(),
                 QString::fromStdString(cdos::toHex(expected.checkValue())));
        const auto keys = cdos::openIssuerKeys(cdtest::DevelopmentToken::kUri, cdtest::DevelopmentToken::kPin);
        QCOMPARE(keys->version("LOAD"), std::uint8_t(3));

        const QByteArray audit = auditCsv();
        QVERIFY(audit.contains("refused: needs a second operator"));
        QVERIFY(audit.contains("admin+bob,admin,key ceremony,,ok,\"LOAD v3 from 2 components, check value " +
                               o.value(QStringLiteral("checkValue")).toString().toLatin1()));
        QVERIFY(!audit.contains("A1A2A3A4") && !done.out.contains("A1A2A3A4") && !done.err.contains("A1A2A3A4"));
        QCOMPARE(cli({QStringLiteral("audit"), QStringLiteral("verify")}).code, 0);
    }

    void productionModeRefusesClearImportAndMarksTheToken() {
        const QMap<QString, QString> bob{
            {QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), QStringLiteral("bob-password-1")}};
        const QStringList second{QStringLiteral("--second-operator"), QStringLiteral("bob")};
        QCOMPARE(cli(QStringList{QStringLiteral("settings"), QStringLiteral("production-mode"), QStringLiteral("on")} +
                         second,
                     {}, bob)
                     .code,
                 0);
        const Run imp =
            cli(QStringList{QStringLiteral("key"), QStringLiteral("import-clear"),
                            QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development-keys.txt")} +
                    second,
                {}, bob);
        QCOMPARE(imp.code, 6);
        QVERIFY2(imp.err.contains("production mode"), imp.err.constData());
        // The desk's production mode marked the token: it no longer opens while it holds development keys.
        QVERIFY_THROWS_EXCEPTION(cdos::KeyStoreError,
                                 cdos::openIssuerKeys(cdtest::DevelopmentToken::kUri, cdtest::DevelopmentToken::kPin));
    }
};

QTEST_GUILESS_MAIN(TestKeyCeremonyCli)
#include "TestKeyCeremonyCli.moc"
