#include "PcscChannel.h"

#include <pcsclite.h>

namespace carddesk {

namespace {

// A card reset by another program since the last job is reconnected first. Throws CardError.
void beginTransaction(pcsc::Connection& connection, const QString& reader) {
    try {
        try {
            connection.beginTransaction();
        } catch (const pcsc::Error& e) {
            if (e.kind() != pcsc::Error::Kind::Reset)
                throw;
            connection.reconnect();
            connection.beginTransaction();
        }
    } catch (const pcsc::Error& e) {
        throw CardError::fromPcsc(e.code(), reader);
    }
}

// Empty when the reader cannot tell: the job then meets the card's state itself.
QByteArray atrOf(const pcsc::Connection& connection) {
    try {
        const cdos::Bytes atr = connection.atr();
        return QByteArray(reinterpret_cast<const char*>(atr.data()), static_cast<qsizetype>(atr.size()));
    } catch (const pcsc::Error&) {
        return {};
    }
}

} // namespace

PcscChannel::PcscChannel(QString readerName, QByteArray atr, TraceLog* trace, pcsc::Connection& connection)
    : CardChannel(std::move(readerName), std::move(atr), trace), m_connection(connection) {}

CardError PcscChannel::toCardError(const pcsc::Error& e, const QString& reader) {
    if (e.kind() == pcsc::Error::Kind::Malformed)
        return CardError(CardError::Kind::Protocol,
                         CardError::tr("refusing to send an APDU shorter than 4 bytes to reader \"%1\"").arg(reader));
    if (e.kind() == pcsc::Error::Kind::Unresponsive && e.code() == SCARD_E_NOT_TRANSACTED)
        return CardError(CardError::Kind::Unresponsive,
                         CardError::tr("the card in reader \"%1\" stopped answering; was it removed?").arg(reader),
                         e.code());
    return CardError::fromPcsc(e.code(), reader);
}

QByteArray PcscChannel::exchange(const QByteArray& command) {
    try {
        cdos::Bytes answer =
            m_connection.transmit(reinterpret_cast<const std::uint8_t*>(command.constData()), command.size());
        QByteArray out(reinterpret_cast<const char*>(answer.data()), static_cast<qsizetype>(answer.size()));
        cdos::secureZero(answer.data(), answer.size());
        return out;
    } catch (const pcsc::Error& e) {
        throw toCardError(e, readerName());
    }
}

QVariant PcscChannel::run(const pcsc::Context& context, const QString& reader, const CardReaderManager::Job& job,
                          TraceLog* trace) {
    // Ends leaving the card as it is (the connection's default): the next job may go on where this one stopped.
    pcsc::Connection connection;
    try {
        connection.connect(context, reader.toStdString());
    } catch (const pcsc::Error& e) {
        throw CardError::fromPcsc(e.code(), reader);
    }
    for (int attempt = 0;; ++attempt) {
        beginTransaction(connection, reader);
        PcscChannel channel(reader, atrOf(connection), trace, connection);
        try {
            QVariant result = job(channel);
            connection.endTransaction();
            return result;
        } catch (const CardError& e) {
            connection.endTransaction();
            // Another program reset the card: its state is gone, so reconnect and run the job again, once.
            if (e.kind() == CardError::Kind::Reset && attempt == 0) {
                try {
                    connection.reconnect();
                } catch (const pcsc::Error& failed) {
                    throw CardError::fromPcsc(failed.code(), reader);
                }
                continue;
            }
            throw;
        } catch (...) {
            connection.endTransaction();
            throw;
        }
    }
}

} // namespace carddesk
