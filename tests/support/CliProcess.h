#pragma once
// carddesk-cli run as a field script runs it, for the PC/SC tests: a clean environment (no key store, PIN,
// application keys or operator inherited from the developer's shell), English messages, JSON on stdout parsed. It
// logs in as the development admin (docs/operators.md), with the tests' second operator for dual control: a test
// makes both on its database first (initDesk) and names the database (--database, or CARDDESK_DATABASE in `env`).
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cdtest {

struct CliRun {
    int exitCode = -1;
    QJsonObject json;
    QString err;
    QByteArray out;
};

// `env` entries are added after the clean-up (for example CARDDESK_PIN); `stdinText` is written, then closed.
inline CliRun runCli(const QStringList& args, const QProcessEnvironment& env = {}, const QByteArray& stdinText = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const char* inherited :
         {"CARDDESK_PIN", "CARDDESK_KEYSTORE", "CARDDESK_KEYSTORE_PASSPHRASE", "CARDDESK_APP_CA_KEY",
          "CARDDESK_APP_KEYS", "CARDDESK_DATABASE", "CARDDESK_NEW_OPERATOR_PASSWORD"})
        e.remove(QLatin1String(inherited));
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    e.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("admin"));
    e.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), QStringLiteral("carddesk-admin-dev"));
    e.insert(QStringLiteral("CARDDESK_SECOND_OPERATOR_PASSWORD"), QStringLiteral("second-password"));
    e.insert(env);
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(CARDDESK_CLI_BIN), args);
    p.waitForStarted();
    if (!stdinText.isEmpty())
        p.write(stdinText);
    p.closeWriteChannel();
    CliRun r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.json = QJsonDocument::fromJson(r.out).object();
    return r;
}

// A desk database for the CLI tests at `database` (made): the development admin (every role) and operator
// "second" (technician, admin: the second operator of dual control, password "second-password"). True on success.
inline bool initDesk(const QString& database) {
    const CliRun dev = runCli({QStringLiteral("operator"), QStringLiteral("init-dev"), QStringLiteral("--database"),
                               database, QStringLiteral("--create")});
    if (dev.exitCode != 0)
        return false;
    QProcessEnvironment env;
    env.insert(QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("second-password"));
    return runCli({QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("--name"),
                   QStringLiteral("second"), QStringLiteral("--roles"), QStringLiteral("technician,admin"),
                   QStringLiteral("--database"), database},
                  env)
               .exitCode == 0;
}

} // namespace cdtest
