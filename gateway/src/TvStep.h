#pragma once
// The "live TV" service of a granted menu entry (claim step 3): picks a channel when several are configured,
// plays it through the card (TvPlayer) to the TV output and tells the person how it ended: end of programme,
// "not enough rights" (the card's 6985; the session then shows the menu again), a refused ECM, the player gone.
#include "TvPlayer.h"
#include "UserInterface.h"

#include <QStringList>

namespace cdgw {

// carddesk-gateway's TV options (--tv-input, --tv-output, --vod-dir, --udp-idle).
struct TvOptions {
    QStringList inputs; // channels: files or udp://HOST:PORT
    QString output;     // file, udp://HOST:PORT, or a /dev/fd path standing for the original stdout ("-")
    QString vodDir;     // VOD streams, one scrambled TS per title: <programme id>.ts
    int udpIdleSeconds = 5;
};

class TvStep {
public:
    TvStep(cdos::Transmit transmit, UserInterface& ui, const TvOptions& options)
        : m_tx(std::move(transmit)), m_ui(ui), m_options(options) {}
    // The live TV service; false when nothing could be watched (the reason shown).
    bool watchLive();
    // Plays one scrambled stream to the TV output; true when it played to its end.
    bool play(const QString& input, const QString& what);

private:
    cdos::Transmit m_tx;
    UserInterface& m_ui;
    const TvOptions& m_options;
};

} // namespace cdgw
