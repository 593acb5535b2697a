#include "carddesk/cardio/link/Context.h"

#include <pcsclite.h>

#include <cstring>
#include <thread>

namespace carddesk::pcsc {

namespace {
// One wait's slice: short enough that the timeout is kept to within it.
constexpr DWORD kSliceMs = 200;
} // namespace

Context::Context() {
    check(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &m_handle), "PC/SC context");
}

Context::~Context() {
    SCardReleaseContext(m_handle);
}

std::vector<std::string> Context::readers() const {
    DWORD size = 0;
    const LONG rv = SCardListReaders(m_handle, nullptr, nullptr, &size);
    if (rv == SCARD_E_NO_READERS_AVAILABLE)
        return {};
    check(rv, "list readers");
    std::string buf(size, '\0');
    const LONG again = SCardListReaders(m_handle, nullptr, buf.data(), &size);
    if (again == SCARD_E_NO_READERS_AVAILABLE) // the last reader left between the two calls
        return {};
    check(again, "list readers");
    std::vector<std::string> out;
    for (const char* p = buf.c_str(); *p; p += std::strlen(p) + 1)
        out.emplace_back(p);
    return out;
}

std::optional<std::string> Context::findReader(std::string_view part) const {
    for (auto& name : readers())
        if (name.find(part) != std::string::npos)
            return name;
    return std::nullopt;
}

bool Context::waitForCard(const std::string& reader, std::chrono::milliseconds timeout) const {
    return waitFor(reader, true, timeout);
}

bool Context::waitForNoCard(const std::string& reader, std::chrono::milliseconds timeout) const {
    return waitFor(reader, false, timeout);
}

bool Context::waitFor(const std::string& reader, bool card, std::chrono::milliseconds timeout) const {
    const auto end = std::chrono::steady_clock::now() + timeout;
    SCARD_READERSTATE st{};
    st.szReader = reader.c_str();
    st.dwCurrentState = SCARD_STATE_UNAWARE;
    while (std::chrono::steady_clock::now() < end) {
        const LONG rv = SCardGetStatusChange(m_handle, kSliceMs, &st, 1);
        if (rv == SCARD_S_SUCCESS) {
            // A mute card (no answer to reset) cannot be used: for waitForCard it is no card yet.
            const bool present = (st.dwEventState & SCARD_STATE_PRESENT) && !(st.dwEventState & SCARD_STATE_MUTE);
            if (card ? present : !(st.dwEventState & SCARD_STATE_PRESENT))
                return true;
            st.dwCurrentState = st.dwEventState & ~SCARD_STATE_CHANGED;
        } else if (rv != SCARD_E_TIMEOUT) {
            if (!card && rv == SCARD_E_UNKNOWN_READER)
                return true; // reader gone: certainly no card in it
            // pcscd stopped or killed: this context is dead for good, even once a new pcscd runs (issue 16). The
            // caller makes a new one; waiting here would only run out the clock.
            if (rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED || rv == SCARD_F_COMM_ERROR ||
                rv == SCARD_E_INVALID_HANDLE)
                throw Error(Error::Kind::NoService, rv, "wait for a card in \"" + reader + "\": " + codeText(rv));
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // reader not there (yet)
        }
    }
    return false;
}

long Context::statusChange(std::vector<SCARD_READERSTATE>& states, unsigned long timeoutMs) const {
    return SCardGetStatusChange(m_handle, static_cast<DWORD>(timeoutMs), states.data(),
                                static_cast<DWORD>(states.size()));
}

void Context::cancel(SCARDCONTEXT handle) {
    SCardCancel(handle);
}

} // namespace carddesk::pcsc
