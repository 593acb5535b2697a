#pragma once
// CardChannel over a connection of the PC/SC core (link/); used only on the owner thread, inside a transaction.
#include "carddesk/cardio/CardChannel.h"
#include "carddesk/cardio/CardError.h"
#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/link/Connection.h"

namespace carddesk {

class PcscChannel final : public CardChannel {
public:
    PcscChannel(QString readerName, QByteArray atr, TraceLog* trace, pcsc::Connection& connection);

    // Connects to `reader` and runs `job` inside a transaction; a card reset by another program during the job is
    // reconnected and the job run again, once. Throws CardError.
    static QVariant run(const pcsc::Context& context, const QString& reader, const CardReaderManager::Job& job,
                        TraceLog* trace);
    // The console's translated error for a failure of the PC/SC core on `reader`.
    static CardError toCardError(const pcsc::Error& e, const QString& reader);

protected:
    QByteArray exchange(const QByteArray& command) override;

private:
    pcsc::Connection& m_connection;
};

} // namespace carddesk
