#include "TvStep.h"

#include "Messages.h"
#include "PcscCard.h"

#include "carddesk/protocol/ca/CaCommands.h"

#include <QFileInfo>

namespace cdgw {

namespace {
// The card's refusals of PROCESS ECM (docs/command-set.md), in words.
QString ecmRefusal(std::uint16_t sw) {
    namespace casw = cdos::ca::sw;
    const char* why = sw == casw::EcmReplay       ? "an older crypto period than the card has seen (a recording?)"
                      : sw == casw::EcmUnknownKey ? "the card holds no such service key"
                      : sw == casw::EcmBadMac     ? "the key message is not authentic"
                      : sw == 0x6982              ? "no user verified"
                                                  : "refused";
    return QStringLiteral("%1, %2").arg(sw, 4, 16, QLatin1Char('0')).toUpper().arg(QLatin1String(why));
}
} // namespace

bool TvStep::watchLive() {
    if (m_options.inputs.isEmpty() || m_options.output.isEmpty()) {
        m_ui.show(tr(Msg::TvNotConfigured));
        return false;
    }
    int channel = 0;
    if (m_options.inputs.size() > 1) {
        QStringList names;
        for (const QString& in : m_options.inputs)
            names << (in.startsWith(QLatin1String("udp://")) ? in : QFileInfo(in).fileName());
        const auto pick = m_ui.choose(tr(Msg::Channels), names);
        if (!pick)
            return true; // the person went back to the menu
        channel = *pick;
    }
    return play(m_options.inputs[channel], m_options.inputs[channel]);
}

bool TvStep::play(const QString& input, const QString& what) {
    m_ui.show(tr(Msg::Tuning).arg(what));
    TvResult r;
    try {
        TvPlayer player(m_tx);
        r = player.play(input.toStdString(), m_options.output.toStdString(),
                        TvPlayOptions{m_options.udpIdleSeconds, false});
    } catch (const cdos::ecm::EcmError& e) {
        m_ui.show(tr(Msg::TvError).arg(QString::fromLatin1(e.what())));
        return false;
    } catch (const PcscCardError&) {
        throw; // a lost card ends the session, as in the other services
    } catch (const std::runtime_error& e) {
        m_ui.show(tr(Msg::TvError).arg(QString::fromStdString(e.what())));
        return false;
    }
    const QString date = QString::number(r.date);
    switch (r.end) {
    case TvResult::End::NotEntitled:
        m_ui.show(tr(Msg::NotEntitled).arg(date));
        break;
    case TvResult::End::EcmRefused:
        m_ui.show(tr(Msg::EcmRefused).arg(ecmRefusal(r.sw)));
        break;
    case TvResult::End::OutputClosed:
        m_ui.show(tr(Msg::PlayerClosed));
        break;
    case TvResult::End::StreamEnded:
    case TvResult::End::StoppedAtFirstClear:
        break;
    }
    m_ui.show(tr(Msg::TvEnded).arg(r.stats.packetsOut).arg(r.stats.descrambled));
    return r.end == TvResult::End::StreamEnded || r.end == TvResult::End::OutputClosed;
}

} // namespace cdgw
