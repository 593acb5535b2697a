#include "carddesk/cardio/CardChannel.h"

#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/CardError.h"
#include "carddesk/cardio/TraceLog.h"

#include <carddesk/protocol/apdu/CardRecords.h>

#include <QElapsedTimer>

namespace carddesk {

CardChannel::CardChannel(QString readerName, QByteArray atr, TraceLog* trace)
    : m_reader(std::move(readerName)), m_atr(std::move(atr)), m_trace(trace) {}

CardChannel::~CardChannel() = default;

std::function<cdos::ResponseApdu(const cdos::CommandApdu&)> CardChannel::transmitter() {
    return [this](const cdos::CommandApdu& c) { return transmit(c); };
}

cdos::ResponseApdu CardChannel::transmit(const cdos::CommandApdu& command, const QList<TraceRange>& extraCommandSecrets,
                                         const QList<TraceRange>& responseSecrets) {
    const cdos::Bytes raw = command.serialize();
    QByteArray wire(reinterpret_cast<const char*>(raw.data()), static_cast<qsizetype>(raw.size()));

    ApduTraceEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.reader = m_reader;
    entry.cla = command.cla;
    entry.ins = command.ins;
    entry.p1 = command.p1;
    entry.p2 = command.p2;
    entry.lc = command.data.empty() ? -1 : static_cast<int>(command.data.size());
    entry.le = command.le;
    entry.commandData =
        QByteArray(reinterpret_cast<const char*>(command.data.data()), static_cast<qsizetype>(command.data.size()));
    entry.commandName = ApduDecoder::commandName(command.cla, command.ins);
    for (const auto& r : cdos::secretRanges(command.cla, command.ins, command.data.size()))
        entry.commandSecrets.append({static_cast<int>(r.offset), static_cast<int>(r.length)});
    entry.commandSecrets += extraCommandSecrets;
    entry.responseSecrets = responseSecrets;

    ++m_count;
    QElapsedTimer timer;
    timer.start();
    QByteArray answer;
    try {
        answer = exchange(wire);
    } catch (const CardError& e) {
        entry.durationUs = timer.nsecsElapsed() / 1000;
        entry.transportError = e.message();
        entry.transportDetail = e.detail();
        if (m_trace)
            m_trace->append(std::move(entry));
        cdos::secureZero(wire.data(), static_cast<std::size_t>(wire.size()));
        throw;
    }
    entry.durationUs = timer.nsecsElapsed() / 1000;
    cdos::secureZero(wire.data(), static_cast<std::size_t>(wire.size()));

    if (answer.size() < 2) {
        entry.transportError = CardError::tr("the card in reader \"%1\" gave a malformed answer (%n bytes)", nullptr,
                                             static_cast<int>(answer.size()))
                                   .arg(m_reader);
        const QString message = entry.transportError;
        if (m_trace)
            m_trace->append(std::move(entry));
        throw CardError(CardError::Kind::Protocol, message);
    }
    cdos::ResponseApdu response;
    response.data.assign(answer.cbegin(), answer.cend() - 2);
    response.sw = static_cast<std::uint16_t>((static_cast<quint8>(answer[answer.size() - 2]) << 8) |
                                             static_cast<quint8>(answer[answer.size() - 1]));
    entry.responseData = answer.left(answer.size() - 2);
    for (const auto& r : cdos::responseSecretRanges(command.cla, command.ins, response.data.size()))
        entry.responseSecrets.append({static_cast<int>(r.offset), static_cast<int>(r.length)});
    entry.sw = response.sw;
    if (m_trace)
        m_trace->append(std::move(entry));
    return response;
}

FunctionCardChannel::FunctionCardChannel(QString readerName, QByteArray atr, Exchange exchange, TraceLog* trace)
    : CardChannel(std::move(readerName), std::move(atr), trace), m_exchange(std::move(exchange)) {}

QByteArray FunctionCardChannel::exchange(const QByteArray& command) {
    if (command.size() < 4)
        throw CardError(
            CardError::Kind::Protocol,
            CardError::tr("refusing to send an APDU shorter than 4 bytes to reader \"%1\"").arg(readerName()));
    return m_exchange(command);
}

} // namespace carddesk
