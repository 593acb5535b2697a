#pragma once
// A PostgreSQL server of the test's own (scripts/pg-env.sh in a temporary folder), for tests that restart or crash
// it: the shared `postgres` fixture's server serves other tests at the same time and must not be disturbed.
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace cdtest {

class PrivatePostgres {
public:
    ~PrivatePostgres() {
        if (!m_dir.isEmpty())
            run({QStringLiteral("stop"), m_dir});
    }
    bool start(const QString& dir) {
        m_dir = dir;
        if (!run({QStringLiteral("start"), m_dir}))
            return false;
        QFile f(m_dir + QStringLiteral("/url"));
        if (!f.open(QIODevice::ReadOnly))
            return false;
        m_url = QString::fromLatin1(f.readAll().trimmed());
        return !m_url.isEmpty();
    }
    // crash: an immediate shutdown (clients cut off, WAL replayed at the next start); down: seconds without a server.
    bool restart(bool crash, int down) {
        QStringList args{QStringLiteral("restart"), m_dir, QStringLiteral("--down"), QString::number(down)};
        if (crash)
            args << QStringLiteral("--crash");
        return run(args);
    }
    QString url() const { return m_url; }
    QString log() const { return m_log; }

private:
    bool run(const QStringList& args) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(CARDDESK_SOURCE_DIR "/scripts/pg-env.sh"), args);
        const bool ok = p.waitForFinished(180000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        m_log += QString::fromUtf8(p.readAll());
        return ok;
    }
    QString m_dir, m_url, m_log;
};

} // namespace cdtest
