#pragma once
// The real carddesk-headend started for a benchmark: a port of its choosing, its own data directory, the
// development key store, the shared set-up token; the HTTPS base URL and the certificate to pin read back from it.
// firstCredential() then issues the benchmark's operator credential (every role) with the set-up token.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace cdbench {

class HeadendChild {
public:
    ~HeadendChild() { stop(); }
    // `headendBin --keystore KEYSTORE --port 0 --data-dir DATADIR EXTRA…`; stderr (a line per request) goes to
    // `log` when given. False (with the reason on stderr) when it did not start within a minute.
    bool start(const QString& headendBin, const QString& keystore, const QString& dataDir, const QByteArray& adminToken,
               const QStringList& extra = {}, const QString& log = {});
    void stop();
    // The first set-up: an operator credential with every role, issued with the set-up token; empty when refused.
    QByteArray firstCredential(const QByteArray& adminToken) const;
    QString base() const { return m_base; }              // https://127.0.0.1:PORT
    qint64 pid() const { return m_process.processId(); } // 0 when it is not running
    bool running() const { return m_process.state() == QProcess::Running; }
    QString certificate() const { return m_certificate; } // its tls-cert.pem, to pin

private:
    QProcess m_process;
    QString m_base, m_certificate;
};

} // namespace cdbench
