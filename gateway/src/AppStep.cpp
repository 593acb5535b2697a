#include "AppStep.h"

#include "HeadendRefusal.h"

#include "Messages.h"
#include "carddesk/headendapi/Keys.h"
#include "carddesk/headendapi/Paths.h"
#include "carddesk/protocol/appdl/AppRegistryRecord.h"

#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/appdl/AppCommands.h"

#include <QJsonArray>

#include <algorithm>
#include <array>

namespace cdgw {

namespace ad = cdos::appdl;

namespace {

QString hex(const cdos::Bytes& b) {
    return QString::fromStdString(cdos::toHex(b));
}
QString swHex(std::uint16_t sw) {
    return QStringLiteral("%1").arg(sw, 4, 16, QLatin1Char('0')).toUpper();
}
QString versionText(int version) {
    return QStringLiteral("%1.%2").arg(version >> 8).arg(version & 0xFF);
}
QString kilobytes(qint64 bytes) {
    return QString::number(double(bytes) / 1024.0, 'f', 1);
}

// The Chinese of cdos::appdl::statusText (the console's translations of the same sentences).
struct SwText {
    std::uint16_t sw;
    const char* zh;
};
constexpr std::array kChinese{
    SwText{ad::sw::Malformed, "证书或安装单元格式错误"},
    SwText{ad::sw::BlockSequence, "数据块顺序错误"},
    SwText{ad::sw::MessageTooLong, "安装数据过长"},
    SwText{ad::sw::CertSignature, "证书的签名不是认证中心的签名"},
    SwText{ad::sw::AidMismatch, "安装单元与证书属于不同的应用"},
    SwText{ad::sw::CardNumberMismatch, "证书属于另一张卡"},
    SwText{ad::sw::IssuerNotInGroup, "卡的发卡方不在证书的发卡方组中"},
    SwText{ad::sw::ProductNotInGroup, "卡的产品不在证书的产品组中"},
    SwText{ad::sw::SignatureAlg, "签名算法不受支持，或安装单元与证书中的不一致"},
    SwText{ad::sw::HashAlg, "摘要算法不受支持，或安装单元与证书中的不一致"},
    SwText{ad::sw::CipherAlg, "不支持该过程密钥加密算法"},
    SwText{ad::sw::AlreadyInstalled, "应用已经安装"},
    SwText{ad::sw::NvmTooSmall, "卡存储器（NVM）空间不足，无法容纳该应用"},
    SwText{ad::sw::RamTooSmall, "应用所需 RAM 超出卡能提供的大小"},
    SwText{ad::sw::RegistryFull, "应用注册表已满"},
    SwText{ad::sw::KeyTransport, "本卡无法解密密钥传输单元或加密数据"},
    SwText{ad::sw::CertKey, "证书中的公钥不可用"},
    SwText{ad::sw::CodeSignature, "应用代码与应用提供方的签名不符"},
    SwText{ad::sw::ConfigSignature, "配置数据与发卡方的签名不符"},
    SwText{ad::sw::NoCardKey, "卡中尚无密钥对"},
    SwText{ad::sw::NoCaKey, "卡中尚无认证中心公钥"},
    SwText{ad::sw::NotInstalled, "应用未安装"},
    SwText{ad::sw::SeedMismatch, "删除证书属于该应用较早的一次安装"},
    SwText{ad::sw::OlderVersion, "本卡已装过该应用的更新版本"},
    SwText{ad::sw::VmError, "应用执行失败"},
    SwText{ad::sw::VmSteps, "应用运行时间过长"},
    SwText{ad::sw::VmMemory, "应用使用的内存过多"},
    SwText{ad::sw::VmFirewall, "应用访问了其自身文件以外的存储区"},
};

} // namespace

QString appStatusText(std::uint16_t sw) {
    if (Messages::chinese())
        for (const auto& t : kChinese)
            if (t.sw == sw)
                return QString::fromUtf8(t.zh);
    return QString::fromStdString(ad::statusText(sw));
}

bool AppStep::run() {
    bool allAccepted = true;
    for (;;) {
        const auto pick =
            m_ui.choose(tr(Msg::AppsMenu), {tr(Msg::AppsInstall), tr(Msg::AppsDelete), tr(Msg::AppsBack)});
        if (!pick || *pick == 2)
            return allAccepted;
        allAccepted = (*pick == 0 ? install() : remove()) && allAccepted;
    }
}

bool AppStep::accepted(const HeadendReply& r) {
    if (r.ok())
        return true;
    m_ui.show(refusalText(r, {{api::Refusal::NotConfigured, Msg::AppsNotConfigured},
                              {api::Refusal::UnknownApp, Msg::AppsUnknownApp},
                              {api::Refusal::CardNotRegistered, Msg::AppsCardNotRegistered},
                              {api::Refusal::NoPermission, Msg::AppsNoPermission},
                              {api::Refusal::AlreadyInstalled, Msg::AppsAlreadyInstalled},
                              {api::Refusal::NotInstalled, Msg::AppsNotInstalledHere},
                              {api::Refusal::SeedMismatch, Msg::AppsNotInstalledHere}}));
    return false;
}

std::optional<std::vector<AppStep::Offer>> AppStep::offers() {
    const HeadendReply r = m_headend.get(api::path::apps);
    if (!accepted(r))
        return std::nullopt;
    std::vector<Offer> out;
    for (const auto& v : r.json.value(api::key::applications).toArray()) {
        const QJsonObject o = v.toObject();
        out.push_back(Offer{o.value(api::key::aid).toString().toUpper(), o.value(api::key::name).toString(),
                            o.value(api::key::version).toInt(), o.value(api::key::dfBytes).toInteger(),
                            o.value(api::key::ramSize).toInteger(), o.value(api::key::installable).toBool()});
    }
    return out;
}

std::vector<AppStep::OnCard> AppStep::registry() {
    std::vector<OnCard> out;
    for (const auto& r : cdos::appdl::readRegistry(m_card.transmitter()))
        out.push_back(OnCard{r.aid, r.seed, r.version, qint64(r.dfEnd) - qint64(r.dfStart)});
    return out;
}

cdos::ResponseApdu AppStep::push(const std::vector<cdos::CommandApdu>& blocks, const QString& progressName) {
    cdos::ResponseApdu last;
    int shown = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        last = m_card.transmit(blocks[i]);
        if (last.sw != 0x9000)
            return last;
        // A line per fifth of the way, not per block: a 16 KB application is 73 blocks.
        const int percent = int((i + 1) * 100 / blocks.size());
        if (!progressName.isEmpty() && percent / 20 > shown) {
            shown = percent / 20;
            m_ui.show(tr(Msg::AppsInstalling).arg(progressName, QString::number(percent)));
        }
    }
    return last;
}

void AppStep::report(const QString& aid, const char* operation, std::uint16_t sw, const cdos::Bytes& seed) {
    // History only: the card's answer is what counts, so a failed report changes nothing for the person. The seed
    // of a new installation lets the headend sign a delete certificate for that installation only.
    QJsonObject body{{api::key::operation, QLatin1String(operation)}, {api::key::statusWord, swHex(sw)}};
    if (seed.size() == 16)
        body.insert(api::key::randomSeed, hex(seed));
    m_headend.post(api::path::appResult(aid), body);
}

bool AppStep::install() {
    const auto list = offers();
    if (!list)
        return false;
    if (list->empty()) {
        m_ui.show(tr(Msg::AppsNoneOffered));
        return true;
    }
    const std::vector<OnCard> present = registry();
    QStringList items;
    for (const Offer& o : *list) {
        const bool here =
            std::any_of(present.begin(), present.end(), [&](const OnCard& c) { return hex(c.aid) == o.aid; });
        // One arg() for all three: a name holding "%2" must stay as it is.
        items << tr(here ? Msg::AppsItemInstalled : Msg::AppsItem)
                     .arg(o.name, versionText(o.version), kilobytes(o.dfBytes));
    }
    const auto pick = m_ui.choose(tr(Msg::AppsOffered), items);
    if (!pick)
        return true;
    const Offer& chosen = (*list)[std::size_t(*pick)];
    if (!chosen.installable) {
        m_ui.show(tr(Msg::AppsCardNotRegistered));
        return false;
    }
    const auto aid = cdos::fromHex(chosen.aid.toStdString());
    if (!aid || aid->size() < 5 || aid->size() > 16) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad application id")));
        return false;
    }
    // Patent step C: will it fit? Asked of the card before anything is downloaded; it writes nothing.
    m_card.transmit(cdos::selectFid(cdos::fid::Mf));
    const auto room = m_card.transmit(
        ad::AppCommands::checkRoom(*aid, std::uint32_t(chosen.dfBytes), std::uint32_t(chosen.ramBytes)));
    if (room.sw != 0x9000) {
        m_ui.show(tr(Msg::AppsInstallRefused).arg(appStatusText(room.sw), swHex(room.sw)));
        return false;
    }
    const HeadendReply r = m_headend.post(api::path::appInstall(chosen.aid), {{api::key::grant, m_grant}});
    if (!accepted(r))
        return false;
    const auto message = cdos::fromHex(r.json.value(api::key::message).toString().toStdString());
    if (!message || message->empty()) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad install message")));
        return false;
    }
    const cdos::ResponseApdu last = push(ad::AppCommands::install(*message), chosen.name);
    // The card's answer to the last block: random seed (16) || registry record.
    report(chosen.aid, "install", last.sw,
           last.sw == 0x9000 && last.data.size() >= 16 ? cdos::Bytes(last.data.begin(), last.data.begin() + 16)
                                                       : cdos::Bytes{});
    if (last.sw != 0x9000) {
        m_ui.show(tr(Msg::AppsInstallRefused).arg(appStatusText(last.sw), swHex(last.sw)));
        return false;
    }
    m_ui.show(tr(Msg::AppsInstalled).arg(chosen.name));
    return true;
}

bool AppStep::remove() {
    const std::vector<OnCard> present = registry();
    if (present.empty()) {
        m_ui.show(tr(Msg::AppsNoneOnCard));
        return true;
    }
    const auto list = offers();
    if (!list)
        return false;
    // Deletable here: what the operator offers (its certification authority signs the delete certificate).
    std::vector<std::pair<OnCard, QString>> deletable;
    QStringList items;
    for (const OnCard& c : present)
        for (const Offer& o : *list)
            if (o.aid == hex(c.aid)) {
                deletable.emplace_back(c, o.name);
                items << tr(Msg::AppsItem).arg(o.name, versionText(c.version), kilobytes(c.bytes));
            }
    if (deletable.empty()) {
        m_ui.show(tr(Msg::AppsNoneOnCard));
        return true;
    }
    const auto pick = m_ui.choose(tr(Msg::AppsOnCard), items);
    if (!pick)
        return true;
    const auto& [app, name] = deletable[std::size_t(*pick)];
    const QString aid = hex(app.aid);
    const HeadendReply r = m_headend.post(api::path::appDeleteCertificate(aid),
                                          {{api::key::randomSeed, hex(app.seed)}, {api::key::grant, m_grant}});
    if (!accepted(r))
        return false;
    const auto cert = cdos::fromHex(r.json.value(api::key::certificate).toString().toStdString());
    if (!cert || cert->empty()) {
        m_ui.show(tr(Msg::HeadendError).arg(QStringLiteral("bad delete certificate")));
        return false;
    }
    m_ui.show(tr(Msg::AppsDeleting).arg(name));
    m_card.transmit(cdos::selectFid(cdos::fid::Mf));
    const cdos::ResponseApdu last = push(ad::AppCommands::remove(*cert), {});
    report(aid, "delete", last.sw);
    if (last.sw != 0x9000) {
        m_ui.show(tr(Msg::AppsDeleteRefused).arg(appStatusText(last.sw), swHex(last.sw)));
        return false;
    }
    m_ui.show(tr(Msg::AppsDeleted).arg(name));
    return true;
}

} // namespace cdgw
