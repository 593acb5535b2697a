#pragma once
// A pcsc-lite context (SCARD_SCOPE_SYSTEM): the readers, and waits for a card to come or go. Blocking and Qt-free;
// one thread uses it, except cancel(), which pcsc-lite lets another thread call to end a statusChange() wait.
#include "carddesk/cardio/link/Error.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <winscard.h>

namespace carddesk::pcsc {

class Context {
public:
    // Throws Error (kind NoService when pcscd is not running).
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    SCARDCONTEXT handle() const { return m_handle; }

    // The readers' names; empty when there is none. Throws Error (pcscd gone).
    std::vector<std::string> readers() const;
    // The first reader whose name contains `part`. Throws Error (pcscd gone).
    std::optional<std::string> findReader(std::string_view part) const;

    // Until `reader` holds a card that answered its reset (true) or the timeout passes (false). A reader that is
    // not there (yet) is waited for too.
    bool waitForCard(const std::string& reader, std::chrono::milliseconds timeout) const;
    // Until `reader` shows no card (true) or the timeout passes (false); a reader that is gone holds no card. vpcd
    // notices a card process that went away only at its next poll, so pcscd shows it a little longer.
    bool waitForNoCard(const std::string& reader, std::chrono::milliseconds timeout) const;

    // SCardGetStatusChange over `states` as they are (the caller keeps dwCurrentState); the pcsc-lite return value.
    long statusChange(std::vector<SCARD_READERSTATE>& states, unsigned long timeoutMs) const;
    // Ends a statusChange() wait of this context in another thread (SCARD_E_CANCELLED there).
    void cancel() const { cancel(m_handle); }
    // The same for a context handle copied out under the caller's lock, where the Context itself may be going away.
    static void cancel(SCARDCONTEXT handle);

private:
    bool waitFor(const std::string& reader, bool card, std::chrono::milliseconds timeout) const;

    SCARDCONTEXT m_handle = 0;
};

} // namespace carddesk::pcsc
