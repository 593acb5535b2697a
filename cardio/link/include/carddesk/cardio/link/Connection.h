#pragma once
// A connection to the card in one reader (shared mode) and the one rule for exchanging APDUs with it: what a failed
// or empty answer means (CardGone / Unresponsive), which commands are never sent, and that no host copy of a
// command or answer outlives the call (they can hold a PIN or control words). Blocking and Qt-free; one thread.
#include "carddesk/cardio/link/Context.h"
#include "carddesk/cardio/link/Error.h"

#include <carddesk/protocol/apdu/Apdu.h>

#include <string>
#include <winscard.h>

namespace carddesk::pcsc {

class Connection {
public:
    // What happens to the card when the connection (or a transaction) ends.
    enum class Disposition {
        Leave,   // as it is: the next holder keeps its selection and verified PINs
        Reset,   // warm reset: nothing verified survives
        Unpower, // cold reset
        Eject,
    };
    static constexpr unsigned long kAnyProtocol = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;

    Connection() = default;
    // Connects at once (see connect()).
    Connection(const Context& context, const std::string& reader, unsigned long protocols = kAnyProtocol);
    // Disconnects with disposition().
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Shared connection to the card in `reader`; another program's short exclusive hold (SCARD_E_SHARING_VIOLATION)
    // is waited for up to ~2 s. Drops a connection held before. Throws Error.
    void connect(const Context& context, const std::string& reader, unsigned long protocols = kAnyProtocol);
    bool connected() const { return m_handle != 0; }
    const std::string& reader() const { return m_reader; }
    // The protocol pcscd chose (SCARD_PROTOCOL_T0 or _T1).
    unsigned long protocol() const { return m_protocol; }
    SCARDHANDLE handle() const { return m_handle; }

    // What disconnect() and the destructor do to the card; Leave unless set.
    void setDisposition(Disposition d) { m_disposition = d; }
    Disposition disposition() const { return m_disposition; }
    // Ends the connection (nothing when there is none); never throws.
    void disconnect() { disconnect(m_disposition); }
    void disconnect(Disposition d);
    // After another program reset the card (Error kind Reset): the same handle, usable again. Throws Error.
    void reconnect(Disposition initialization = Disposition::Leave);

    // Throws Error (kind Reset when another program reset the card since this connection last used it).
    void beginTransaction();
    // Never throws: an ending that fails leaves nothing to do.
    void endTransaction(Disposition d = Disposition::Leave);

    // The card's answer to reset. Throws Error.
    cdos::Bytes atr() const;
    // Whether the reader still holds the card of this connection (false also when that cannot be asked).
    bool cardPresent() const;

    // Sends raw command bytes and returns the raw answer (data + SW, at least 2 bytes). Throws Error: Malformed for a
    // command shorter than 4 bytes, CardGone when the card went away, Reset, else Unresponsive. The answer's copy
    // in this layer is wiped; the caller wipes what it is given when it matters.
    cdos::Bytes transmit(const std::uint8_t* command, std::size_t size);
    // The same for an APDU: its serialized copy and the raw answer are wiped here.
    cdos::ResponseApdu transmit(const cdos::CommandApdu& command);
    // A cdos::Transmit bound to this connection (valid as long as it).
    cdos::Transmit transmitter() {
        return [this](const cdos::CommandApdu& c) { return transmit(c); };
    }

private:
    Error transmitFailure(long rv) const;

    SCARDHANDLE m_handle = 0;
    unsigned long m_protocol = 0;
    unsigned long m_protocols = kAnyProtocol;
    std::string m_reader;
    Disposition m_disposition = Disposition::Leave;
};

} // namespace carddesk::pcsc
