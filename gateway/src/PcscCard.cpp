#include "PcscCard.h"

#include <thread>
#include <utility>

namespace cdgw {

using carddesk::pcsc::Connection;

PcscCard::PcscCard(std::string reader) : m_reader(std::move(reader)) {
    m_connection.setDisposition(Connection::Disposition::Reset);
}

bool PcscCard::waitAndConnect(std::chrono::milliseconds timeout) {
    m_connection.disconnect(Connection::Disposition::Leave); // a card that went away: nothing to reset
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !m_context.waitForCard(m_reader, left))
            return false;
        try {
            m_connection.connect(m_context, m_reader, SCARD_PROTOCOL_T1);
            return true;
        } catch (const PcscCardError&) {
            // Seen present but not connectable yet (pcscd still powering it up): ask again shortly.
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

} // namespace cdgw
