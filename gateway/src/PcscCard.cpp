#include "PcscCard.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace cdgw {

using carddesk::pcsc::Connection;
using carddesk::pcsc::Context;

namespace {
// How often a missing pcscd is asked for again, and the longest single wait for a card, so that a pcscd restarted
// during a wait is noticed within it.
constexpr std::chrono::milliseconds kRetry{1000};
} // namespace

PcscCard::PcscCard(std::string reader, Notice notice) : m_reader(std::move(reader)), m_notice(std::move(notice)) {
    m_connection.setDisposition(Connection::Disposition::Reset);
    ensureContext();
}

bool PcscCard::ensureContext() {
    if (m_context)
        return true;
    try {
        m_context.emplace();
    } catch (const PcscCardError& e) {
        serviceLost(e);
        return false;
    }
    if (m_serviceLost && m_notice)
        m_notice("PC/SC service back: new PC/SC context, waiting for the card in \"" + m_reader + "\"");
    m_serviceLost = false;
    return true;
}

void PcscCard::serviceLost(const PcscCardError& e) {
    // The connection belongs to the dead context: drop it first (its handle means nothing to a new pcscd).
    m_connection.disconnect(Connection::Disposition::Leave);
    m_context.reset();
    if (!m_serviceLost && m_notice)
        m_notice(std::string("PC/SC service lost (") + e.what() + "): waiting for pcscd to come back");
    m_serviceLost = true;
}

std::vector<std::string> PcscCard::readers() {
    if (!ensureContext())
        throw PcscCardError(SCARD_E_NO_SERVICE, "list readers");
    try {
        return m_context->readers();
    } catch (const PcscCardError& e) {
        if (e.kind() == PcscCardError::Kind::NoService)
            serviceLost(e);
        throw;
    }
}

bool PcscCard::waitAndConnect(std::chrono::milliseconds timeout) {
    m_connection.disconnect(Connection::Disposition::Leave); // a card that went away: nothing to reset
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        if (!ensureContext()) {
            std::this_thread::sleep_for(std::min(left, kRetry));
            continue;
        }
        try {
            if (!m_context->waitForCard(m_reader, std::min(left, kRetry)))
                continue;
            m_connection.connect(*m_context, m_reader, SCARD_PROTOCOL_T1);
            return true;
        } catch (const PcscCardError& e) {
            if (e.kind() == PcscCardError::Kind::NoService) {
                serviceLost(e);
                continue;
            }
            // Seen present but not connectable yet (pcscd still powering it up): ask again shortly.
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

} // namespace cdgw
