#include "HeadendChild.h"

#include "HeadendClient.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/headendapi/Roles.h"
#include "support/TestProfiles.h"

#include <QJsonArray>

#include <QDir>

#include <cstdio>

namespace cdbench {

bool HeadendChild::start(const QString& headendBin, const QString& keystore, const QString& dataDir,
                         const QByteArray& adminToken, const QStringList& extra, const QString& log) {
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), QString::fromLatin1(cdtest::kDevPassphrase));
    env.insert(QStringLiteral("CARDDESK_HEADEND_ADMIN_TOKEN"), QString::fromLatin1(adminToken));
    m_process.setProcessEnvironment(env);
    if (!log.isEmpty())
        m_process.setStandardErrorFile(log);
    m_process.start(headendBin, QStringList{QStringLiteral("--keystore"), keystore, QStringLiteral("--port"),
                                            QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir} +
                                    extra);
    QByteArray line;
    for (int i = 0; i < 600 && !line.contains('\n'); ++i) {
        m_process.waitForReadyRead(100);
        line += m_process.readAllStandardOutput();
    }
    const qsizetype at = line.indexOf("https://");
    if (at < 0) {
        std::fprintf(stderr, "the headend did not start: %s\n", line.constData());
        return false;
    }
    m_base = QString::fromLatin1(line.mid(at, line.indexOf(' ', at) - at));
    m_certificate = QDir(dataDir).filePath(QStringLiteral("tls-cert.pem"));
    return true;
}

QByteArray HeadendChild::firstCredential(const QByteArray& adminToken) const {
    namespace api = carddesk::api;
    cdgw::HeadendClient net(m_base, m_certificate);
    net.setAdminToken(adminToken);
    const auto r =
        net.post(api::path::adminCredentialsIssue, {{api::key::operatorName, QStringLiteral("bench")},
                                                    {api::key::roles, QJsonArray::fromStringList(api::role::all())}});
    if (!r.ok())
        std::fprintf(stderr, "the first credential was refused: %d %s\n", r.status, qPrintable(r.code()));
    return r.json.value(api::key::token).toString().toLatin1();
}

void HeadendChild::stop() {
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        m_process.kill();
    m_process.waitForFinished(2000);
}

} // namespace cdbench
