#include "TvPlayer.h"

#include "BroadcastClock.h"

#include "carddesk/descrambler/CardEcmHandler.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/tsio/TsInput.h"
#include "carddesk/tsio/TsOutput.h"

#include <memory>
#include <vector>

namespace cdgw {

namespace dsc = cdos::descrambler;
namespace ts = cdos::ts;

namespace {
struct OutputClosed {};
struct FirstClear {};
} // namespace

TvResult TvPlayer::play(const std::string& input, const std::string& output, const TvPlayOptions& options) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    TvResult result;
    BroadcastClock clock;
    dsc::CardEcmHandler card(m_tx);
    bool refused = false;
    auto handler = [&](const cdos::Bytes& section) -> std::optional<cdos::ecm::ControlWords> {
        // The broadcast's date when the stream carries a TDT, else the gateway's own UTC date.
        result.date = clock.date().value_or(dsc::todayYyyymmdd());
        std::optional<cdos::ecm::ControlWords> cws;
        const auto sent = Clock::now();
        try {
            cws = card.process(section, result.date);
        } catch (const cdos::ecm::EcmError&) {
            cws.reset(); // a malformed section on air: not the card's refusal, wait for the next ECM
            return cws;
        }
        if (cws && !result.firstKey) {
            const auto now = Clock::now();
            result.firstKey = std::chrono::duration_cast<std::chrono::microseconds>(now - start);
            result.firstKeyCard = std::chrono::duration_cast<std::chrono::microseconds>(now - sent);
        }
        if (!cws) {
            refused = true;
            result.sw = card.lastSw();
        }
        return cws;
    };

    ts::TsInput in(input, options.udpIdleSeconds);
    std::unique_ptr<ts::TsOutput> out;
    if (!options.stopAtFirstClear)
        out = std::make_unique<ts::TsOutput>(output);
    std::unique_ptr<dsc::Descrambler> d;
    d = std::make_unique<dsc::Descrambler>(
        dsc::DescramblerConfig{}, handler, [&](const std::uint8_t* p, std::size_t n) {
            if (!result.firstClear && d->stats().descrambled > 0)
                result.firstClear = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
            if (options.stopAtFirstClear) {
                if (result.firstClear)
                    throw FirstClear{};
                return;
            }
            try {
                out->write(p, n);
            } catch (const std::runtime_error&) {
                throw OutputClosed{}; // EPIPE: the player went away (SIGPIPE is ignored by the gateway)
            }
        });

    // Small reads (one UDP datagram's worth) keep the TDT date exact to the packet and the tuning time fine-grained.
    constexpr std::size_t kChunk = 7;
    std::vector<std::uint8_t> buf(kChunk * ts::kPacketSize);
    try {
        while (const std::size_t n = in.read(buf.data(), kChunk)) {
            std::size_t from = 0;
            for (std::size_t i = 0; i < n; ++i) {
                ts::TsPacket p(buf.data() + i * ts::kPacketSize);
                if (p.pid() != BroadcastClock::kTdtPid)
                    continue;
                // Everything before the TDT goes in with the old date, everything after with the new one.
                d->push(buf.data() + from * ts::kPacketSize, i + 1 - from);
                from = i + 1;
                clock.push(p);
            }
            if (from < n)
                d->push(buf.data() + from * ts::kPacketSize, n - from);
            if (refused)
                break;
        }
        if (refused)
            result.end =
                result.sw == cdos::ca::sw::NotEntitled ? TvResult::End::NotEntitled : TvResult::End::EcmRefused;
        // The packets read before the refusal still go out (the last batch of the period that was paid for).
        d->finish();
        if (out)
            out->flush();
    } catch (const OutputClosed&) {
        result.end = TvResult::End::OutputClosed;
    } catch (const FirstClear&) {
        result.end = TvResult::End::StoppedAtFirstClear;
    }
    result.stats = d->stats();
    return result;
}

} // namespace cdgw
