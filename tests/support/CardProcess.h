#pragma once
// Starts the real carddesk-card program as a virtual card in a vpcd reader of the test pcscd, and stops it.
#include <QProcess>
#include <QStringList>

#include <chrono>
#include <thread>
#include <winscard.h>

namespace cdtest {

inline QString readerForPort(int port);

// vpcd notices a card process that went away only at its next poll (~0.4 s): until then pcscd still shows the old
// card. Starting the next card before that would let a test talk to a ghost, so starts and stops wait for it.
inline bool waitForEmptyReader(const QString& reader, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    SCARDCONTEXT ctx = 0;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS)
        return true; // no pcscd: nothing can show a stale card
    const QByteArray name = reader.toUtf8();
    SCARD_READERSTATE st{};
    st.szReader = name.constData();
    st.dwCurrentState = SCARD_STATE_UNAWARE;
    bool empty = false;
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!empty && std::chrono::steady_clock::now() < end) {
        const LONG rv = SCardGetStatusChange(ctx, 200, &st, 1);
        if (rv == SCARD_S_SUCCESS) {
            empty = !(st.dwEventState & SCARD_STATE_PRESENT);
            st.dwCurrentState = st.dwEventState & ~SCARD_STATE_CHANGED;
        } else if (rv != SCARD_E_TIMEOUT) {
            empty = rv == SCARD_E_UNKNOWN_READER; // reader gone: certainly no card in it
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    SCardReleaseContext(ctx);
    return empty;
}

class CardProcess {
public:
    CardProcess() = default;
    ~CardProcess() { stop(); }
    CardProcess(const CardProcess&) = delete;
    CardProcess& operator=(const CardProcess&) = delete;

    // Port 35963 is reader "Virtual PCD 00 00", 35964 "Virtual PCD 00 01", 35965 "CardDesk Reader B 00 00".
    bool start(const QString& image, int port = 35963, const QStringList& extra = {}) {
        m_reader = readerForPort(port);
        if (!waitForEmptyReader(m_reader))
            return false;
        m_proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_proc.start(QStringLiteral(CARDDESK_CARD_BIN),
                     QStringList{QStringLiteral("--image"), image, QStringLiteral("--port"), QString::number(port)} +
                         extra);
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
