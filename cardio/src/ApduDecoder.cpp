#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/HexText.h"

#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/ca/CaCommands.h>
#include <carddesk/protocol/epurse/EPurse.h>

#include <QCoreApplication>
#include <QDate>

#include <array>
#include <iterator>

namespace carddesk {

namespace {

DecodedField field(const QString& label, const QString& value) {
    return DecodedField{label, value, {}};
}

// Binary YYYYMMDD (CA rights) and BCD YYYYMMDD / hhmmss (e-purse) as ISO text; the raw hex when not a date.
QString binaryDate(quint32 d) {
    const QDate date(static_cast<int>(d / 10000), static_cast<int>((d / 100) % 100), static_cast<int>(d % 100));
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("%1").arg(d, 8, 16, QLatin1Char('0'));
}
template <std::size_t N> QString bcdDigits(const std::array<std::uint8_t, N>& b) {
    QString s;
    for (const auto x : b)
        s += QStringLiteral("%1").arg(x, 2, 16, QLatin1Char('0'));
    return s.toUpper();
}

} // namespace

QString ApduDecoder::statusWordMeaning(quint16 sw) {
    if ((sw & 0xFFF0) == 0x63C0)
        return tr("wrong PIN, %n tries left", nullptr, sw & 0x0F);
    if ((sw & 0xFF00) == 0x6C00)
        return tr("wrong Le, %1 bytes available").arg(sw & 0xFF);
    if ((sw & 0xFF00) == 0x6100)
        return tr("%1 more bytes available").arg(sw & 0xFF);
    if (const char* fixed = cdos::fixedStatusWordMeaning(sw))
        return QCoreApplication::translate(cdos::kStatusWordsContext, fixed);
    return QString::fromStdString(cdos::statusWordMeaning(sw));
}

QString ApduDecoder::commandName(quint8 cla, quint8 ins) {
    const std::string name = cdos::commandName(cla, ins);
    if (!name.empty())
        return QString::fromStdString(name);
    if (cla & 0x80) { // the conditional-access application (docs/command-set.md)
        switch (ins) {
        case cdos::ca::ins::ProcessEcm:
            return QStringLiteral("PROCESS ECM");
        case cdos::ca::ins::WriteEntitlement:
            return QStringLiteral("WRITE ENTITLEMENT");
        case cdos::ca::ins::OpenVodRight:
            return QStringLiteral("OPEN VOD RIGHT");
        case cdos::ca::ins::EditMenu:
            return QStringLiteral("MENU EDIT");
        default:
            break;
        }
    }
    return QStringLiteral("CLA %1 INS %2").arg(hexNumber(cla, 2), hexNumber(ins, 2));
}

QString ApduDecoder::lifeCycleName(cdos::LifeCycle lc) {
    switch (lc) {
    case cdos::LifeCycle::Blank:
        return tr("blank");
    case cdos::LifeCycle::Personalised:
        return tr("personalised");
    case cdos::LifeCycle::Blocked:
        return tr("blocked");
    case cdos::LifeCycle::Terminated:
        return tr("terminated");
    }
    return tr("unknown (%1)").arg(hexNumber(static_cast<quint8>(lc), 2));
}

QString ApduDecoder::keyUsageName(quint8 usage) {
    switch (static_cast<cdos::KeyUsage>(usage)) {
    case cdos::KeyUsage::IssuerMaintenance:
        return tr("issuer maintenance");
    case cdos::KeyUsage::Transport:
        return tr("transport");
    case cdos::KeyUsage::CardAuthentication:
        return tr("card authentication");
    case cdos::KeyUsage::Purchase:
        return tr("purchase");
    case cdos::KeyUsage::Load:
        return tr("load");
    case cdos::KeyUsage::Tac:
        return tr("TAC");
    case cdos::KeyUsage::CaService:
        return tr("CA service");
    case cdos::KeyUsage::PinUnblock:
        return tr("PIN unblock");
    }
    return tr("unknown (%1)").arg(hexNumber(usage, 2));
}

QString ApduDecoder::fileTypeName(cdos::FileType type) {
    switch (type) {
    case cdos::FileType::Df:
        return tr("dedicated file");
    case cdos::FileType::Transparent:
        return tr("transparent EF");
    case cdos::FileType::LinearFixed:
        return tr("linear fixed EF");
    case cdos::FileType::Cyclic:
        return tr("cyclic EF");
    }
    return tr("unknown (%1)").arg(hexNumber(static_cast<quint8>(type), 2));
}

QString ApduDecoder::rightName(const cdos::ca::Entitlement& e) {
    switch (e.kind) {
    case cdos::ca::RightKind::Package:
        return tr("package %1").arg(e.id);
    case cdos::ca::RightKind::Channel:
        return tr("channel %1").arg(e.id);
    case cdos::ca::RightKind::Vod:
        return tr("VOD programme %1").arg(e.id);
    }
    return tr("unknown kind %1, id %2").arg(hexNumber(static_cast<quint8>(e.kind), 2)).arg(e.id);
}

QString ApduDecoder::accessConditionName(quint8 ac) {
    switch (ac) {
    case cdos::ac::Always:
        return tr("always");
    case cdos::ac::UserPin:
        return tr("user PIN");
    case cdos::ac::IssuerSm:
        return tr("issuer secure messaging");
    case cdos::ac::Never:
        return tr("never");
    default:
        return tr("unknown (%1)").arg(hexNumber(ac, 2));
    }
}

std::optional<cdos::LifeCycle> ApduDecoder::lifeCycleFromAtr(const QByteArray& atr) {
    // 3B 8K 01 'C' 'D' 'O' 'S' major minor lifecycle 00 TCK (cdos::buildAtr).
    if (atr.size() < 11 || atr.mid(3, 4) != QByteArrayLiteral("CDOS"))
        return std::nullopt;
    const auto lc = static_cast<quint8>(atr[9]);
    if (lc > static_cast<quint8>(cdos::LifeCycle::Terminated))
        return std::nullopt;
    return static_cast<cdos::LifeCycle>(lc);
}

QString ApduDecoder::describeAtr(const QByteArray& atr) {
    if (atr.isEmpty())
        return tr("no ATR");
    if (const auto lc = lifeCycleFromAtr(atr))
        return tr("CDOS %1.%2, %3")
            .arg(static_cast<quint8>(atr[7]))
            .arg(static_cast<quint8>(atr[8]))
            .arg(lifeCycleName(*lc));
    return tr("unknown card (ATR %1)").arg(hexText(atr, true));
}

std::vector<DecodedField> ApduDecoder::decodeFcp(const QByteArray& data) {
    std::vector<DecodedField> out;
    const auto fcp = cdos::Fcp::decode(bytesOf(data));
    if (!fcp) {
        out.push_back(field(tr("FCP"), tr("malformed")));
        return out;
    }
    out.push_back(field(tr("file identifier"), hexNumber(fcp->fid, 4)));
    out.push_back(field(tr("file type"), fileTypeName(fcp->type)));
    if (fcp->type == cdos::FileType::LinearFixed || fcp->type == cdos::FileType::Cyclic)
        out.push_back(field(tr("records"), tr("%1 × %2 bytes").arg(fcp->recordCount).arg(fcp->recordLength)));
    else
        out.push_back(field(tr("size"), tr("%n bytes", nullptr, fcp->size)));
    if (fcp->sfi)
        out.push_back(field(tr("short file identifier"), QString::number(fcp->sfi)));
    if (!fcp->aid.empty())
        out.push_back(field(tr("DF name"), hexText(fcp->aid, true)));
    out.push_back(field(tr("read access"), accessConditionName(fcp->readAc)));
    out.push_back(field(tr("update access"), accessConditionName(fcp->updateAc)));
    return out;
}

std::vector<DecodedField> ApduDecoder::decodeGetData(quint16 tag, const QByteArray& data) {
    std::vector<DecodedField> out;
    const cdos::Bytes b = bytesOf(data);
    const QString malformed = tr("malformed (%1)").arg(hexText(data, true));
    switch (tag) {
    case cdos::tag::CardNumber:
        out.push_back(field(tr("card number"), QString::fromStdString(cdos::toHex(b))));
        break;
    case cdos::tag::IssuerSerial:
        out.push_back(field(tr("card-issuer serial"), QString::fromStdString(cdos::toHex(b))));
        break;
    case cdos::tag::ProductSerial:
        out.push_back(field(tr("issuer product serial"), QString::fromStdString(cdos::toHex(b))));
        break;
    case cdos::tag::ChipSerial:
        out.push_back(field(tr("chip serial"), QString::fromStdString(cdos::toHex(b))));
        break;
    case cdos::tag::OsVersion:
        out.push_back(field(tr("operating system"), QString::fromLatin1(data)));
        break;
    case cdos::tag::LifeCycleTag:
        out.push_back(
            field(tr("life cycle"), b.size() == 1 ? lifeCycleName(static_cast<cdos::LifeCycle>(b[0])) : malformed));
        break;
    case cdos::tag::Nvm: {
        const auto nvm = cdos::decodeNvm(b);
        if (!nvm) {
            out.push_back(field(tr("NVM"), malformed));
            break;
        }
        out.push_back(field(tr("NVM total"), tr("%n bytes", nullptr, static_cast<int>(nvm->total))));
        out.push_back(field(tr("NVM free"), tr("%n bytes", nullptr, static_cast<int>(nvm->free))));
        out.push_back(field(tr("page size"), tr("%n bytes", nullptr, nvm->pageSize)));
        out.push_back(field(tr("page writes"), QString::number(nvm->pageWrites)));
        break;
    }
    case cdos::tag::Users: {
        const auto users = cdos::decodeUsers(b);
        if (!users) {
            out.push_back(field(tr("users"), malformed));
            break;
        }
        DecodedField list = field(tr("users"), QString::number(users->size()));
        for (const auto& u : *users) {
            DecodedField f = field(tr("user %1").arg(u.profile.number), QString::fromStdString(u.profile.name));
            f.children.push_back(field(tr("permissions"), hexNumber(u.profile.permissions, 8)));
            f.children.push_back(
                field(tr("PIN tries left"), tr("%1 of %2").arg(u.retriesLeft).arg(u.profile.maxRetries)));
            list.children.push_back(std::move(f));
        }
        out.push_back(std::move(list));
        break;
    }
    case cdos::tag::Menu: {
        const auto menu = cdos::decodeMenu(b);
        if (!menu) {
            out.push_back(field(tr("menu"), malformed));
            break;
        }
        DecodedField list = field(tr("menu"), QString::number(menu->size()));
        for (const auto& e : *menu) {
            DecodedField f = field(tr("entry %1").arg(e.id), QString::fromStdString(e.title));
            f.children.push_back(field(tr("permission needed"), hexNumber(e.permission, 8)));
            if (e.hidden)
                f.children.push_back(field(tr("hidden"), tr("yes")));
            list.children.push_back(std::move(f));
        }
        out.push_back(std::move(list));
        break;
    }
    case cdos::tag::Keys: {
        const auto keys = cdos::decodeKeys(b);
        if (!keys) {
            out.push_back(field(tr("keys"), malformed));
            break;
        }
        DecodedField list = field(tr("keys"), QString::number(keys->size()));
        for (const auto& k : *keys) {
            DecodedField f = field(tr("key %1").arg(hexNumber(k.id, 2)), keyUsageName(k.usage));
            f.children.push_back(field(tr("version"), QString::number(k.version)));
            f.children.push_back(field(tr("error counter"), tr("%1 of %2").arg(k.errorCounter).arg(k.maxErrors)));
            list.children.push_back(std::move(f));
        }
        out.push_back(std::move(list));
        break;
    }
    case cdos::ep::kLastTransactionTag: {
        const auto t = cdos::ep::LastTransaction::decode(b);
        if (!t) {
            out.push_back(field(tr("last transaction"), malformed));
            break;
        }
        DecodedField f = field(tr("last transaction"), QString::fromLatin1(cdos::ep::txTypeName(t->type)));
        f.children.push_back(field(tr("type"), hexNumber(t->type, 2)));
        f.children.push_back(field(tr("counter before"), QString::number(t->counter)));
        f.children.push_back(field(tr("terminal transaction serial"), QString::number(t->terminalSerial)));
        f.children.push_back(field(tr("terminal"), bcdDigits(t->terminal)));
        f.children.push_back(field(tr("date and time"), tr("%1 %2").arg(bcdDigits(t->date), bcdDigits(t->time))));
        f.children.push_back(field(tr("amount"), tr("%1 fen").arg(t->amount)));
        out.push_back(std::move(f));
        break;
    }
    case cdos::ca::kTagServiceKeys: {
        const auto keys = cdos::ca::decodeServiceKeys(b);
        if (!keys) {
            out.push_back(field(tr("service keys"), malformed));
            break;
        }
        DecodedField list = field(tr("service keys"), QString::number(keys->size()));
        for (const auto& k : *keys) {
            DecodedField f =
                field(QString::fromStdString(cdos::ca::serviceKeyName(k.id)), tr("version %1").arg(k.version));
            f.children.push_back(field(tr("key"), hexNumber(cdos::ca::keySlotOf(k.id), 2)));
            list.children.push_back(std::move(f));
        }
        out.push_back(std::move(list));
        break;
    }
    case cdos::ca::kTagEntitlements: {
        if (b.size() % cdos::ca::Entitlement::kSize != 0) {
            out.push_back(field(tr("entitlements"), malformed));
            break;
        }
        const auto rights = cdos::ca::decodeEntitlements(b);
        DecodedField list = field(tr("entitlements"), QString::number(rights.size()));
        for (const auto& e : rights) {
            const QString what = rightName(e);
            DecodedField f = field(tr("user %1").arg(e.user), what);
            f.children.push_back(field(tr("valid from"), binaryDate(e.start)));
            f.children.push_back(field(tr("valid to"), binaryDate(e.end)));
            list.children.push_back(std::move(f));
        }
        out.push_back(std::move(list));
        break;
    }
    default:
        out.push_back(field(tr("tag %1").arg(hexNumber(tag, 4)), hexText(data, true)));
        break;
    }
    return out;
}

std::vector<DecodedField> ApduDecoder::decode(const ApduTraceEntry& e, bool reveal) {
    std::vector<DecodedField> out;
    DecodedField cmd = field(tr("command"), e.commandName.isEmpty() ? commandName(e.cla, e.ins) : e.commandName);
    cmd.children.push_back(field(tr("header"), e.header()));
    const bool sm = (e.cla & 0x0C) != 0;
    cmd.children.push_back(
        field(tr("class"), (e.cla & 0x80) ? (sm ? tr("proprietary, secure messaging") : tr("proprietary"))
                                          : (sm ? tr("inter-industry, secure messaging") : tr("inter-industry"))));
    if (e.lc >= 0)
        cmd.children.push_back(field(tr("Lc"), QString::number(e.lc)));
    if (e.le >= 0)
        cmd.children.push_back(field(tr("Le"), QString::number(e.le)));
    if (!e.commandData.isEmpty())
        cmd.children.push_back(field(tr("data"), e.commandDataHex(reveal)));

    const bool proprietary = (e.cla & 0x80) != 0;
    if (!proprietary && e.ins == cdos::ins::Select && e.commandData.size() == 2 && e.p1 == 0)
        cmd.children.push_back(field(tr("file"), hexText(e.commandData)));
    else if (!proprietary && e.ins == cdos::ins::Select && e.p1 == 4)
        cmd.children.push_back(field(tr("application"), hexText(e.commandData)));
    else if (proprietary && e.ins == cdos::ins::GetData)
        cmd.children.push_back(field(tr("tag"), hexNumber(static_cast<quint32>(e.p1 << 8 | e.p2), 4)));
    else if (!proprietary && e.ins == cdos::ins::Verify)
        cmd.children.push_back(field(tr("user"), QString::number(e.p2)));
    else if (proprietary && e.ins == cdos::ins::WriteKey && e.commandData.size() >= 4) {
        cmd.children.push_back(field(tr("key"), hexNumber(e.p2, 2)));
        cmd.children.push_back(field(tr("usage"), keyUsageName(static_cast<quint8>(e.commandData[1]))));
        cmd.children.push_back(field(tr("version"), QString::number(static_cast<quint8>(e.commandData[2]))));
    } else if (proprietary && e.ins == cdos::ins::PutUser && e.commandData.size() > 4) {
        // The MAC is the last 4 bytes; the PIN block cryptogram stays hidden (decodePutUser only reads it).
        if (const auto u = cdos::decodePutUser(bytesOf(e.commandData.left(e.commandData.size() - 4)))) {
            cmd.children.push_back(field(tr("user"), QString::number(e.p2)));
            cmd.children.push_back(field(tr("name"), QString::fromStdString(u->profile.name)));
            cmd.children.push_back(field(tr("permissions"), hexNumber(u->profile.permissions, 8)));
            cmd.children.push_back(field(tr("PIN tries"), QString::number(u->profile.maxRetries)));
        }
    } else if ((e.ins == cdos::ins::ReadBinary || e.ins == cdos::ins::UpdateBinary) && !proprietary && (e.p1 & 0x80)) {
        cmd.children.push_back(field(tr("short file identifier"), QString::number(e.p1 & 0x1F)));
        cmd.children.push_back(field(tr("offset"), QString::number(e.p2)));
    }
    out.push_back(std::move(cmd));

    DecodedField rsp = field(tr("response"), e.swText() + QLatin1Char(' ') + e.swMeaning());
    if (!e.transportDetail.isEmpty())
        rsp.children.push_back(field(tr("PC/SC"), e.transportDetail));
    if (!e.responseData.isEmpty()) {
        rsp.children.push_back(field(tr("data"), e.responseDataHex(reveal)));
        std::vector<DecodedField> decoded;
        const cdos::Bytes b = bytesOf(e.responseData);
        if (!proprietary && e.ins == cdos::ins::Select)
            decoded = decodeFcp(e.responseData);
        else if (proprietary && e.ins == cdos::ins::GetData)
            decoded = decodeGetData(static_cast<quint16>(e.p1 << 8 | e.p2), e.responseData);
        else if (!proprietary && e.ins == cdos::ins::ReadBinary && (e.p1 & 0x80)) {
            const int sfi = e.p1 & 0x1F;
            if (sfi == 2) {
                if (const auto info = cdos::CardInfo::decode(b)) {
                    decoded.push_back(field(tr("card number"), hexText(info->cardNumber)));
                    decoded.push_back(field(tr("card-issuer serial"), hexText(info->issuerSerial)));
                    decoded.push_back(field(tr("issuer product serial"), hexText(info->productSerial)));
                }
            } else if (sfi == 3) {
                if (const auto h = cdos::HolderData::decode(b)) {
                    decoded.push_back(field(tr("holder user number"), QString::fromStdString(h->userNumber)));
                    decoded.push_back(field(tr("holder account"), QString::fromStdString(h->account)));
                    decoded.push_back(field(tr("holder name"), QString::fromStdString(h->name)));
                }
            } else if (sfi == 6) {
                if (const auto p = cdos::PurseParams::decode(b)) {
                    decoded.push_back(field(tr("balance limit"), tr("%1 fen").arg(p->balanceLimit)));
                    decoded.push_back(field(tr("overdraft limit"), tr("%1 fen").arg(p->overdraftLimit)));
                }
            }
        } else if (!proprietary && e.ins == cdos::ins::ReadRecord) {
            if (const auto m = cdos::MenuEntry::decodeRecord(b.data(), b.size())) {
                decoded.push_back(field(tr("menu entry %1").arg(m->id), QString::fromStdString(m->title)));
            }
        } else if (!proprietary && e.ins == cdos::ins::GetChallenge) {
            decoded.push_back(field(tr("challenge"), hexText(e.responseData, true)));
        }
        for (auto& d : decoded)
            rsp.children.push_back(std::move(d));
    }
    out.push_back(std::move(rsp));
    out.push_back(field(tr("duration"), tr("%1 µs").arg(e.durationUs)));
    return out;
}

} // namespace carddesk
