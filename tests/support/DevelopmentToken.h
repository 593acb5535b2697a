#pragma once
// A real SoftHSM2 token for a test: scripts/dev-token.sh makes it in a temporary folder with its own
// SOFTHSM2_CONF (never the system's token directory) and imports the published development keys, as the README's
// main command does for a desk. Children started afterwards inherit SOFTHSM2_CONF, CARDDESK_KEYSTORE (the token's
// PKCS#11 URI) and CARDDESK_TOKEN_PIN.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace cdtest {

class DevelopmentToken {
public:
    static constexpr const char* kUri = "pkcs11:token=CardDesk%20development";
    static constexpr const char* kPin = "carddesk-dev-pin";

    static bool available() {
        return QFile::exists(QStringLiteral("/usr/lib/softhsm/libsofthsm2.so")) &&
               !QStandardPaths::findExecutable(QStringLiteral("softhsm2-util")).isEmpty();
    }
    // Empty on success, else what failed.
    QString make() {
#ifndef CARDDESK_KEYSTORE_BIN
        return QStringLiteral("this test target is built without CARDDESK_KEYSTORE_BIN (carddesk-keystore)");
#else
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CARDDESK_KEYSTORE_TOOL"), QStringLiteral(CARDDESK_KEYSTORE_BIN));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CARDDESK_SOURCE_DIR "/scripts/dev-token.sh"), {m_dir.path()});
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return QString::fromUtf8(p.readAllStandardError());
        const QString line = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        const QString prefix = QStringLiteral("export SOFTHSM2_CONF=");
        if (!line.startsWith(prefix))
            return QStringLiteral("dev-token.sh said: ") + line;
        m_conf = line.mid(prefix.size());
        qputenv("SOFTHSM2_CONF", m_conf.toUtf8());
        qputenv("CARDDESK_KEYSTORE", kUri);
        qputenv("CARDDESK_TOKEN_PIN", kPin);
        return {};
#endif
    }
    QString conf() const {
        return m_conf;
    }

private:
    QTemporaryDir m_dir;
    QString m_conf;
};

} // namespace cdtest
