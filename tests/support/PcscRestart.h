#pragma once
// pcscd killed and restarted under a running program (issue 16): `scripts/pcsc-env.sh restart ENV --kill --down S`
// on the test pcscd (the `pcsc` fixture's, in its private namespaces), started without waiting so that the test can
// watch its program through the outage. The test needs CARDDESK_PCSC_ENV_DIR (tests/CMakeLists.txt).
#include <QProcess>
#include <QStringList>

namespace cdtest {

class PcscRestart {
public:
    PcscRestart() = default;
    ~PcscRestart() { finish(); }
    PcscRestart(const PcscRestart&) = delete;
    PcscRestart& operator=(const PcscRestart&) = delete;

    // SIGKILL to pcscd now (its clients get no goodbye, as in a crash), a new pcscd on the same socket and vpcd ports
    // after `downSeconds`.
    bool begin(int downSeconds) {
        m_proc.setProcessChannelMode(QProcess::ForwardedChannels);
        m_proc.start(QStringLiteral("bash"),
                     {QStringLiteral(CARDDESK_SOURCE_DIR "/scripts/pcsc-env.sh"), QStringLiteral("restart"),
                      QStringLiteral(CARDDESK_PCSC_ENV_DIR), QStringLiteral("--kill"), QStringLiteral("--down"),
                      QString::number(downSeconds)});
        return m_proc.waitForStarted(5000);
    }
    // Until the new pcscd runs (true) or the script failed.
    bool finish(int timeoutMs = 30000) {
        if (m_proc.state() == QProcess::NotRunning)
            return m_proc.exitStatus() == QProcess::NormalExit && m_proc.exitCode() == 0;
        return m_proc.waitForFinished(timeoutMs) && m_proc.exitStatus() == QProcess::NormalExit &&
               m_proc.exitCode() == 0;
    }

private:
    QProcess m_proc;
};

// The whole restart, waited for.
inline bool restartPcscd(int downSeconds) {
    PcscRestart r;
    return r.begin(downSeconds) && r.finish();
}

} // namespace cdtest
