#pragma once
// Starts the real carddesk-card program as a virtual card in a vpcd reader of the test pcscd, and stops it.
#include "carddesk/cardio/link/Context.h"

#include <QProcess>
#include <QStringList>

#include <chrono>

namespace cdtest {

inline QString readerForPort(int port);

// vpcd notices a card process that went away only at its next poll (~0.4 s): until then pcscd still shows the old
// card. Starting the next card before that would let a test talk to a ghost, so starts and stops wait for it.
inline bool waitForEmptyReader(const QString& reader, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    try {
        return carddesk::pcsc::Context().waitForNoCard(reader.toStdString(), timeout);
    } catch (const carddesk::pcsc::Error&) {
        return true; // no pcscd: nothing can show a stale card
    }
}

class CardProcess {
public:
    CardProcess() = default;
    ~CardProcess() { stop(); }
    CardProcess(const CardProcess&) = delete;
    CardProcess& operator=(const CardProcess&) = delete;

    // Port 35963 is reader "Virtual PCD 00 00", 35964 "Virtual PCD 00 01", 35965 "CardDesk Reader B 00 00".
    bool start(const QString& image, int port = 35963, const QStringList& extra = {}) {
        return startWith(QStringList{QStringLiteral("--image"), image} + extra, port);
    }
    // An input hopper of cards (`carddesk-card --hopper DIR`) in the reader of `port`.
    bool startHopper(const QString& dir, int port = 35963, const QStringList& extra = {}) {
        return startWith(QStringList{QStringLiteral("--hopper"), dir} + extra, port);
    }
    bool startWith(const QStringList& args, int port) {
        m_reader = readerForPort(port);
        if (!waitForEmptyReader(m_reader))
            return false;
        m_proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_proc.start(QStringLiteral(CARDDESK_CARD_BIN),
                     args + QStringList{QStringLiteral("--port"), QString::number(port)});
        return m_proc.waitForStarted(5000);
    }
    // SIGTERM, then SIGKILL if it does not go: the card leaves the reader either way.
    void stop() {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.terminate();
            if (!m_proc.waitForFinished(3000)) {
                m_proc.kill();
                m_proc.waitForFinished(3000);
            }
        }
        if (!m_reader.isEmpty())
            waitForEmptyReader(m_reader);
        m_reader.clear();
    }
    void kill() {
        m_proc.kill();
        m_proc.waitForFinished(3000);
        waitForEmptyReader(m_reader);
    }
    QProcess& process() { return m_proc; }

private:
    QProcess m_proc;
    QString m_reader;
};

inline QString readerForPort(int port) {
    switch (port) {
    case 35963:
        return QStringLiteral("Virtual PCD 00 00");
    case 35964:
        return QStringLiteral("Virtual PCD 00 01");
    case 35965:
        return QStringLiteral("CardDesk Reader B 00 00");
    default:
        return QStringLiteral("CardDesk Reader B 00 01");
    }
}

} // namespace cdtest
