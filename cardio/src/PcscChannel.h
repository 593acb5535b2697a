#pragma once
// CardChannel over a pcsc-lite card handle; used only on the owner thread, inside a transaction.
#include "carddesk/cardio/CardChannel.h"
#include "carddesk/cardio/CardError.h"

#include <PCSC/winscard.h>

namespace carddesk {

class PcscChannel final : public CardChannel {
public:
    PcscChannel(QString readerName, QByteArray atr, TraceLog* trace, SCARDHANDLE handle, DWORD protocol);

protected:
    QByteArray exchange(const QByteArray& command) override;

private:
    CardError failure(long rv) const;
    SCARDHANDLE m_handle;
    DWORD m_protocol;
};

} // namespace carddesk
