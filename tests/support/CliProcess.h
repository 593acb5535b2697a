#pragma once
// carddesk-cli run as a field script runs it, for the PC/SC tests: a clean environment (no key store, PIN or
// application keys inherited from the developer's shell), English messages, JSON on stdout parsed.
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
    for (const char* inherited : {"CARDDESK_PIN", "CARDDESK_KEYSTORE", "CARDDESK_KEYSTORE_PASSPHRASE",
                                  "CARDDESK_APP_CA_KEY", "CARDDESK_APP_KEYS"})
        e.remove(QLatin1String(inherited));
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    e.insert(QStringLiteral("CARDDESK_OPERATOR"), QStringLiteral("pcsc-test"));
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

} // namespace cdtest
