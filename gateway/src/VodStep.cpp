#include "VodStep.h"

#include "GatewaySession.h"
#include "HeadendRefusal.h"
#include "Messages.h"

#include "carddesk/descrambler/CardEcmHandler.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/protocol/ca/CaCommands.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace cdgw {

namespace {
QString swHex(std::uint16_t sw) {
    return QStringLiteral("%1").arg(sw, 4, 16, QLatin1Char('0')).toUpper();
}
} // namespace

std::optional<std::uint32_t> VodStep::heldRight(std::uint8_t user, std::uint16_t programme, std::uint32_t today) {
    if (!m_tx(cdos::selectAid(cdos::ca::kCaAid)).ok())
        return std::nullopt;
    const auto r = m_tx(cdos::ca::getCaData(cdos::ca::kTagEntitlements));
    if (!r.ok())
        return std::nullopt;
    for (const auto& e : cdos::ca::decodeEntitlements(r.data))
        if (e.user == user && e.kind == cdos::ca::RightKind::Vod && e.id == programme && e.covers(today))
            return e.end;
    return std::nullopt;
}

bool VodStep::openRight(Login& who, std::uint16_t programme, std::uint32_t price, std::uint16_t days,
                        const cdos::Bytes& headendMac) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!m_tx(cdos::selectAid(cdos::ca::kCaAid)).ok()) {
            m_ui.show(tr(Msg::VodRightRefused).arg(QStringLiteral("no conditional-access application")));
            return false;
        }
        const auto r = m_tx(cdos::ca::openVodRight(programme, price, days, headendMac));
        if (r.ok())
            return true;
        // 6982: the card was reset while the payment recovered and forgot the verified user; the purchase is
        // still the newest one, so the right opens once the user is verified again.
        if (r.sw != 0x6982 || attempt > 0 || !m_verify(who)) {
            m_ui.show(tr(Msg::VodRightRefused).arg(swHex(r.sw)));
            return false;
        }
    }
    return false;
}

bool VodStep::playTitle(const QJsonObject& t) {
    const QString path =
        QDir(m_options.vodDir).filePath(QStringLiteral("%1.ts").arg(t.value(api::key::programmeId).toInt()));
    if (m_options.vodDir.isEmpty() || m_options.output.isEmpty() || !QFileInfo(path).isFile()) {
        m_ui.show(tr(Msg::VodNoStream).arg(path));
        return false;
    }
    return m_tv.play(path, t.value(api::key::title).toString());
}

bool VodStep::run(Login& who) {
    const HeadendReply c = m_headend.get(api::path::vod);
    if (!c.ok()) {
        m_ui.show(refusalText(c));
        return false;
    }
    const QJsonArray titles = c.json.value(api::key::titles).toArray();
    if (titles.isEmpty()) {
        m_ui.show(tr(Msg::VodEmpty));
        return false;
    }
    QStringList items;
    for (const auto& v : titles) {
        const QJsonObject t = v.toObject();
        items << tr(Msg::VodItem)
                     .arg(t.value(api::key::title).toString(), formatYuan(t.value(api::key::price).toInteger()))
                     .arg(t.value(api::key::validDays).toInt());
    }
    const auto pick = m_ui.choose(tr(Msg::VodCatalogue), items);
    if (!pick)
        return true; // back to the menu
    const QJsonObject t = titles[*pick].toObject();
    const auto programme = static_cast<std::uint16_t>(t.value(api::key::programmeId).toInt());
    const auto price = static_cast<std::uint32_t>(t.value(api::key::price).toInteger());
    const QString name = t.value(api::key::title).toString();

    if (const auto until = heldRight(who.user, programme, cdos::descrambler::todayYyyymmdd())) {
        m_ui.show(tr(Msg::VodAlreadyOwned).arg(name).arg(*until));
        return playTitle(t);
    }
    // The price goes to the card twice: in INITIALIZE FOR PURCHASE (the amount debited, MACed by the headend from
    // its own catalogue) and in OPEN VOD RIGHT, which the card matches against that purchase.
    const auto paid = m_purchase(who, price, t.value(api::key::id).toInteger());
    if (!paid)
        return false;
    // What the headend sold (its own row) is what the card is asked to open, with the headend's MAC over it
    // (programme, price, days, this purchase): the card opens nothing else.
    if (!openRight(who, static_cast<std::uint16_t>(paid->programmeId), price,
                   static_cast<std::uint16_t>(paid->validDays), paid->rightMac))
        return false;
    const auto until = heldRight(who.user, programme, cdos::descrambler::todayYyyymmdd());
    m_ui.show(tr(Msg::VodRightOpened).arg(name, until ? QString::number(*until) : QStringLiteral("?")));
    return playTitle(t);
}

} // namespace cdgw
