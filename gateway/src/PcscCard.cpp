#include "PcscCard.h"

#include <thread>
#include <utility>

namespace cdgw {

namespace {
void check(long rv, const char* what) {
    if (rv != SCARD_S_SUCCESS)
        throw PcscCardError(std::string(what) + ": " + pcsc_stringify_error(rv), rv);
}
} // namespace

PcscCard::PcscCard(std::string reader) : m_reader(std::move(reader)) {
    check(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &m_ctx), "PC/SC context");
}

PcscCard::~PcscCard() {
    disconnect();
    SCardReleaseContext(m_ctx);
}

bool PcscCard::waitAndConnect(std::chrono::milliseconds timeout) {
    if (m_card) // a card that went away: nothing to reset
        SCardDisconnect(std::exchange(m_card, 0), SCARD_LEAVE_CARD);
    const auto end = std::chrono::steady_clock::now() + timeout;
    SCARD_READERSTATE st{};
    st.szReader = m_reader.c_str();
    st.dwCurrentState = SCARD_STATE_UNAWARE;
    while (std::chrono::steady_clock::now() < end) {
        const long rv = SCardGetStatusChange(m_ctx, 200, &st, 1);
        if (rv == SCARD_S_SUCCESS && (st.dwEventState & SCARD_STATE_PRESENT) && !(st.dwEventState & SCARD_STATE_MUTE)) {
            DWORD proto = 0;
            if (SCardConnect(m_ctx, m_reader.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, &m_card, &proto) ==
                SCARD_S_SUCCESS)
                return true;
            m_card = 0;
        }
        if (rv == SCARD_S_SUCCESS)
            st.dwCurrentState = st.dwEventState & ~SCARD_STATE_CHANGED;
        else if (rv != SCARD_E_TIMEOUT)
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // reader not there (yet)
    }
    return false;
}

void PcscCard::disconnect() {
    if (m_card) {
        SCardDisconnect(m_card, SCARD_RESET_CARD); // the next holder must not inherit a verified PIN
        m_card = 0;
    }
}

cdos::ResponseApdu PcscCard::transmit(const cdos::CommandApdu& c) {
    if (!m_card)
        throw PcscCardError("no card connected", SCARD_E_NO_SMARTCARD);
    cdos::Bytes raw = c.serialize();
    cdos::Bytes buf(65538);
    DWORD len = static_cast<DWORD>(buf.size());
    const LONG rc =
        SCardTransmit(m_card, SCARD_PCI_T1, raw.data(), static_cast<DWORD>(raw.size()), nullptr, buf.data(), &len);
    // The copies made here may hold a PIN (VERIFY) or control words (PROCESS ECM): wiped, not just freed.
    cdos::secureZero(raw.data(), raw.size());
    check(rc, "transmit");
    // vpcd answers an empty buffer when the card went away mid-command: a lost answer, not a status word.
    if (len < 2)
        throw PcscCardError("transmit: no status word (card removed?)", SCARD_W_REMOVED_CARD);
    buf.resize(len); // shrinking keeps the allocation: the wipe below covers every byte the answer was written to
    cdos::ResponseApdu r = cdos::ResponseApdu::fromRaw(buf);
    cdos::secureZero(buf.data(), buf.size());
    return r;
}

} // namespace cdgw
