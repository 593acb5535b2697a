#pragma once
// A connection to the card in one reader, valid only inside a job that CardReaderManager runs on its PC/SC owner
// thread (inside SCardBeginTransaction/SCardEndTransaction). Every exchange is recorded in the TraceLog.
#include "carddesk/cardio/ApduTraceEntry.h"

#include <carddesk/protocol/apdu/Apdu.h>

#include <QByteArray>
#include <QString>

#include <functional>

namespace carddesk {

class TraceLog;

class CardChannel {
    Q_DISABLE_COPY_MOVE(CardChannel)
public:
    virtual ~CardChannel();

    QString readerName() const { return m_reader; }
    QByteArray atr() const { return m_atr; }

    // Sends one C-APDU and returns the R-APDU. Throws CardError (card removed, reader gone...). The command's
    // secret ranges (cdos::secretRanges) plus `extraCommandSecrets` are redacted in the trace, as are
    // `responseSecrets` of the answer (for example a session key a command returns).
    cdos::ResponseApdu transmit(const cdos::CommandApdu& command, const QList<TraceRange>& extraCommandSecrets = {},
                                const QList<TraceRange>& responseSecrets = {});
    // So that a channel can be passed where a cdos::Transmit is expected: `cdos::Personaliser p(keys, channel)`.
    cdos::ResponseApdu operator()(const cdos::CommandApdu& command) { return transmit(command); }
    // A cdos::Transmit bound to this channel (valid as long as the channel).
    std::function<cdos::ResponseApdu(const cdos::CommandApdu&)> transmitter();

    int apduCount() const { return m_count; }

protected:
    CardChannel(QString readerName, QByteArray atr, TraceLog* trace);
    // Exchanges raw bytes with the card; the command is at least 4 bytes. Throws CardError.
    virtual QByteArray exchange(const QByteArray& command) = 0;
    void setAtr(const QByteArray& atr) { m_atr = atr; }

private:
    QString m_reader;
    QByteArray m_atr;
    TraceLog* m_trace;
    int m_count = 0;
};

// A channel over a function: in-process cards (tests, benchmarks) and trace replay.
class FunctionCardChannel final : public CardChannel {
public:
    using Exchange = std::function<QByteArray(const QByteArray&)>;
    FunctionCardChannel(QString readerName, QByteArray atr, Exchange exchange, TraceLog* trace = nullptr);

protected:
    QByteArray exchange(const QByteArray& command) override;

private:
    Exchange m_exchange;
};

} // namespace carddesk
