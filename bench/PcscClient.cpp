#include "bench/PcscClient.h"

#include "carddesk/protocol/perso/Personaliser.h"

#include <thread>

namespace cdbench {

void PcscClient::connectWhenReady(const std::string& reader, std::chrono::milliseconds timeout) {
    if (!waitForCard(reader, timeout))
        throw PcscError(PcscError::Kind::NoCard, SCARD_E_TIMEOUT, "no card appeared in " + reader);
    for (int attempt = 0; attempt < 30; ++attempt) {
        try {
            connect(reader);
            if (transmit(cdos::getData(cdos::tag::LifeCycleTag)).sw == 0x9000)
                return;
        } catch (const PcscError&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw PcscError(PcscError::Kind::Unresponsive, SCARD_E_NOT_TRANSACTED,
                    "the card in " + reader + " does not answer");
}

} // namespace cdbench
