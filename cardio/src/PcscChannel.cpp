#include "PcscChannel.h"

#include "carddesk/cardio/CardError.h"

#include <PCSC/pcsclite.h>

#include <vector>

namespace carddesk {

PcscChannel::PcscChannel(QString readerName, QByteArray atr, TraceLog* trace, SCARDHANDLE handle, DWORD protocol)
    : CardChannel(std::move(readerName), std::move(atr), trace), m_handle(handle), m_protocol(protocol) {}

CardError PcscChannel::failure(long rv) const {
    if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD)
        return CardError::fromPcsc(rv, readerName());
    // vpcd reports a card that vanished mid-command as a failed transaction: ask the reader what happened.
    DWORD state = 0, protocol = 0, readerLength = 0, atrLength = 0;
    const LONG status = SCardStatus(m_handle, nullptr, &readerLength, &state, &protocol, nullptr, &atrLength);
    if (status == SCARD_W_REMOVED_CARD || status == SCARD_E_NO_SMARTCARD ||
        (status == SCARD_S_SUCCESS && !(state & SCARD_PRESENT)))
        return CardError::fromPcsc(SCARD_W_REMOVED_CARD, readerName());
    if (rv == SCARD_E_NOT_TRANSACTED)
        return CardError(CardError::Kind::Unresponsive,
                         CardError::tr("the card in reader \"%1\" stopped answering (%2); was it removed?")
                             .arg(readerName(), CardError::pcscCodeText(rv)),
                         rv);
    return CardError::fromPcsc(rv, readerName());
}

QByteArray PcscChannel::exchange(const QByteArray& command) {
    // vpcd reads a 1-byte message as a control byte and never answers it: pcscd would hang for every client.
    if (command.size() < 4)
        throw CardError(
            CardError::Kind::Protocol,
            CardError::tr("refusing to send an APDU shorter than 4 bytes to reader \"%1\"").arg(readerName()));
    std::vector<BYTE> answer(65536 + 2);
    DWORD length = static_cast<DWORD>(answer.size());
    const SCARD_IO_REQUEST* pci = m_protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const LONG rv = SCardTransmit(m_handle, pci, reinterpret_cast<const BYTE*>(command.constData()),
                                  static_cast<DWORD>(command.size()), nullptr, answer.data(), &length);
    if (rv != SCARD_S_SUCCESS)
        throw failure(rv);
    // vpcd answers nothing when the card's connection dropped during the command.
    if (length < 2)
        throw failure(SCARD_E_NOT_TRANSACTED);
    return QByteArray(reinterpret_cast<const char*>(answer.data()), static_cast<qsizetype>(length));
}

} // namespace carddesk
