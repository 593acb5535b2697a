#include "bench/PcscClient.h"

#include <cstring>
#include <thread>

namespace cdbench {

namespace {
void check(long rv, const char* what) {
    if (rv != SCARD_S_SUCCESS)
        throw PcscError(std::string(what) + ": " + pcsc_stringify_error(rv), rv);
}
} // namespace

PcscError::PcscError(const std::string& what, long c) : std::runtime_error(what), code(c) {}

PcscClient::PcscClient() {
    check(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &m_ctx), "context");
}

PcscClient::~PcscClient() {
    disconnect();
    SCardReleaseContext(m_ctx);
}

std::vector<std::string> PcscClient::readers() const {
    DWORD size = 0;
    long rv = SCardListReaders(m_ctx, nullptr, nullptr, &size);
    if (rv == SCARD_E_NO_READERS_AVAILABLE)
        return {};
    check(rv, "list readers");
    std::string buf(size, '\0');
    check(SCardListReaders(m_ctx, nullptr, buf.data(), &size), "list readers");
    std::vector<std::string> out;
    for (const char* p = buf.c_str(); *p; p += std::strlen(p) + 1)
        out.emplace_back(p);
    return out;
}

bool PcscClient::waitForCard(const std::string& reader, std::chrono::milliseconds timeout) const {
    const auto end = std::chrono::steady_clock::now() + timeout;
    SCARD_READERSTATE st{};
    st.szReader = reader.c_str();
    st.dwCurrentState = SCARD_STATE_UNAWARE;
    while (std::chrono::steady_clock::now() < end) {
        const long rv = SCardGetStatusChange(m_ctx, 200, &st, 1);
        if (rv == SCARD_S_SUCCESS && (st.dwEventState & SCARD_STATE_PRESENT) && !(st.dwEventState & SCARD_STATE_MUTE))
            return true;
        if (rv == SCARD_S_SUCCESS)
            st.dwCurrentState = st.dwEventState;
        else if (rv != SCARD_E_TIMEOUT)
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // reader not there yet
    }
    return false;
}

bool PcscClient::waitForNoCard(const std::string& reader, std::chrono::milliseconds timeout) const {
    const auto end = std::chrono::steady_clock::now() + timeout;
    SCARD_READERSTATE st{};
    st.szReader = reader.c_str();
    st.dwCurrentState = SCARD_STATE_UNAWARE;
    while (std::chrono::steady_clock::now() < end) {
        const long rv = SCardGetStatusChange(m_ctx, 200, &st, 1);
        if (rv == SCARD_S_SUCCESS && !(st.dwEventState & SCARD_STATE_PRESENT))
            return true;
        if (rv == SCARD_S_SUCCESS)
            st.dwCurrentState = st.dwEventState;
        else if (rv != SCARD_E_TIMEOUT)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

void PcscClient::connectWhenReady(const std::string& reader, std::chrono::milliseconds timeout) {
    if (!waitForCard(reader, timeout))
        throw PcscError("no card appeared in " + reader, SCARD_E_TIMEOUT);
    for (int attempt = 0; attempt < 30; ++attempt) {
        try {
            connect(reader);
            if (transmit(cdos::getData(cdos::tag::LifeCycleTag)).sw == 0x9000)
                return;
        } catch (const PcscError&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw PcscError("the card in " + reader + " does not answer", SCARD_E_NOT_TRANSACTED);
}

void PcscClient::connect(const std::string& reader) {
    disconnect();
    DWORD proto = 0;
    check(SCardConnect(m_ctx, reader.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, &m_card, &proto), "connect");
}

void PcscClient::disconnect() {
    if (m_card) {
        SCardDisconnect(m_card, SCARD_LEAVE_CARD);
        m_card = 0;
    }
}

cdos::Bytes PcscClient::atr() const {
    unsigned char atr[MAX_ATR_SIZE];
    DWORD atrLen = sizeof atr, state = 0, proto = 0, nameLen = 0;
    check(SCardStatus(m_card, nullptr, &nameLen, &state, &proto, atr, &atrLen), "status");
    return cdos::Bytes(atr, atr + atrLen);
}

cdos::ResponseApdu PcscClient::transmit(const cdos::CommandApdu& c) {
    const cdos::Bytes raw = c.serialize();
    if (raw.size() < 4)
        throw PcscError("refusing an APDU shorter than 4 bytes", 0); // vpcd would read it as a control byte
    unsigned char resp[65538];
    DWORD respLen = sizeof resp;
    check(SCardTransmit(m_card, SCARD_PCI_T1, raw.data(), static_cast<DWORD>(raw.size()), nullptr, resp, &respLen),
          "transmit");
    // vpcd answers an empty buffer when the card's socket closed mid-command: treat it as a lost card.
    if (respLen < 2)
        throw PcscError("transmit: no status word (card removed?)", SCARD_W_REMOVED_CARD);
    return cdos::ResponseApdu::fromRaw(cdos::Bytes(resp, resp + respLen));
}

} // namespace cdbench
