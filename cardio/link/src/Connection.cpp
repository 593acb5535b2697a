#include "carddesk/cardio/link/Connection.h"

#include <pcsclite.h>

#include <thread>
#include <utility>

namespace carddesk::pcsc {

namespace {

DWORD native(Connection::Disposition d) {
    switch (d) {
    case Connection::Disposition::Reset:
        return SCARD_RESET_CARD;
    case Connection::Disposition::Unpower:
        return SCARD_UNPOWER_CARD;
    case Connection::Disposition::Eject:
        return SCARD_EJECT_CARD;
    case Connection::Disposition::Leave:
        break;
    }
    return SCARD_LEAVE_CARD;
}

// Wipes the first `size` bytes of a buffer when the scope ends, however it ends.
struct Wipe {
    void* data;
    std::size_t size;
    ~Wipe() { cdos::secureZero(data, size); }
};

} // namespace

Connection::Connection(const Context& context, const std::string& reader, unsigned long protocols) {
    connect(context, reader, protocols);
}

Connection::~Connection() {
    disconnect();
}

void Connection::connect(const Context& context, const std::string& reader, unsigned long protocols) {
    disconnect();
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;
    LONG rv = SCARD_S_SUCCESS;
    // Another program's short transaction: wait for it a little before giving up.
    for (int attempt = 0; attempt < 20; ++attempt) {
        rv = SCardConnect(context.handle(), reader.c_str(), SCARD_SHARE_SHARED, static_cast<DWORD>(protocols), &handle,
                          &protocol);
        if (rv != SCARD_E_SHARING_VIOLATION)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    check(rv, "connect");
    m_handle = handle;
    m_protocol = protocol;
    m_protocols = protocols;
    m_reader = reader;
}

void Connection::disconnect(Disposition d) {
    if (m_handle)
        SCardDisconnect(std::exchange(m_handle, 0), native(d));
    m_protocol = 0;
}

void Connection::reconnect(Disposition initialization) {
    DWORD protocol = 0;
    check(SCardReconnect(m_handle, SCARD_SHARE_SHARED, static_cast<DWORD>(m_protocols), native(initialization),
                         &protocol),
          "reconnect");
    m_protocol = protocol;
}

void Connection::beginTransaction() {
    check(SCardBeginTransaction(m_handle), "begin transaction");
}

void Connection::endTransaction(Disposition d) {
    SCardEndTransaction(m_handle, native(d));
}

cdos::Bytes Connection::atr() const {
    BYTE atr[MAX_ATR_SIZE];
    DWORD atrLength = sizeof atr, state = 0, protocol = 0, readerLength = 0;
    check(SCardStatus(m_handle, nullptr, &readerLength, &state, &protocol, atr, &atrLength), "status");
    return cdos::Bytes(atr, atr + atrLength);
}

bool Connection::cardPresent() const {
    DWORD state = 0, protocol = 0, readerLength = 0, atrLength = 0;
    const LONG rv = SCardStatus(m_handle, nullptr, &readerLength, &state, &protocol, nullptr, &atrLength);
    return rv == SCARD_S_SUCCESS && (state & SCARD_PRESENT);
}

Error Connection::transmitFailure(long rv) const {
    if (rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD)
        return Error(Error::Kind::CardGone, rv, "transmit: " + codeText(rv));
    // vpcd reports a card that vanished mid-command as a failed transaction or an empty answer: ask the reader.
    DWORD state = 0, protocol = 0, readerLength = 0, atrLength = 0;
    const LONG status = SCardStatus(m_handle, nullptr, &readerLength, &state, &protocol, nullptr, &atrLength);
    if (status == SCARD_W_REMOVED_CARD || status == SCARD_E_NO_SMARTCARD ||
        (status == SCARD_S_SUCCESS && !(state & SCARD_PRESENT)))
        return Error(Error::Kind::CardGone, SCARD_W_REMOVED_CARD,
                     "transmit: the card was removed from reader \"" + m_reader + "\"");
    // Still there. A reset by another program is told apart: the caller can set the card up again.
    if (rv == SCARD_W_RESET_CARD)
        return Error(Error::Kind::Reset, rv, "transmit: " + codeText(rv));
    return Error(Error::Kind::Unresponsive, rv,
                 "transmit: the card in reader \"" + m_reader + "\" stopped answering (" + codeText(rv) + ")");
}

cdos::Bytes Connection::transmit(const std::uint8_t* command, std::size_t size) {
    // vpcd reads a 1-byte message as a control byte and never answers it: pcscd would hang for every client.
    if (size < 4)
        throw Error(Error::Kind::Malformed, 0,
                    "transmit: refusing to send an APDU shorter than 4 bytes to reader \"" + m_reader + "\"");
    if (!m_handle)
        throw Error(Error::Kind::NoCard, SCARD_E_NO_SMARTCARD, "transmit: no card connected");
    cdos::Bytes answer(65536 + 2);
    Wipe wipe{answer.data(), answer.size()};
    DWORD length = static_cast<DWORD>(answer.size());
    const SCARD_IO_REQUEST* pci = m_protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    const LONG rv = SCardTransmit(m_handle, pci, command, static_cast<DWORD>(size), nullptr, answer.data(), &length);
    if (rv == SCARD_S_SUCCESS && length <= answer.size())
        wipe.size = length; // pcsc-lite wrote no further: a short answer costs no 64 KB wipe
    if (rv != SCARD_S_SUCCESS)
        throw transmitFailure(rv);
    // vpcd answers nothing when the card's connection dropped during the command.
    if (length < 2)
        throw transmitFailure(SCARD_E_NOT_TRANSACTED);
    return cdos::Bytes(answer.begin(), answer.begin() + length);
}

cdos::ResponseApdu Connection::transmit(const cdos::CommandApdu& command) {
    cdos::Bytes raw = command.serialize();
    Wipe wipeCommand{raw.data(), raw.size()};
    cdos::Bytes answer = transmit(raw.data(), raw.size());
    Wipe wipeAnswer{answer.data(), answer.size()};
    return cdos::ResponseApdu::fromRaw(answer);
}

} // namespace carddesk::pcsc
