#include "carddesk/card/dispatch/GetDataCommand.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"

#include <algorithm>

namespace cdos::card {

namespace {

std::optional<FileInfo> mfFile(CardOs& os, std::uint16_t f) {
    const auto index = os.files().child(FileSystem::kMf, f);
    if (!index)
        return std::nullopt;
    return os.files().file(*index);
}

std::optional<Bytes> cardInfoField(CardOs& os, std::size_t offset, std::size_t length) {
    const auto f = mfFile(os, fid::CardInfo);
    if (!f || f->type != FileType::Transparent || f->size < offset + length)
        return std::nullopt;
    return os.files().readBinary(*f, static_cast<std::uint32_t>(offset), length);
}

// The menu is EF 0005 as written by the issuer and the user: written records, an all-zero record being a free slot.
std::optional<Bytes> menu(CardOs& os) {
    const auto f = mfFile(os, fid::Menu);
    if (!f || f->type != FileType::LinearFixed)
        return std::nullopt;
    std::vector<MenuEntry> entries;
    const std::uint8_t used = os.files().recordsUsed(*f);
    for (std::uint8_t n = 1; n <= used; ++n) {
        const Bytes r = os.files().readRecord(*f, n);
        if (std::all_of(r.begin(), r.end(), [](std::uint8_t b) { return b == 0; }))
            continue;
        if (auto e = MenuEntry::decodeRecord(r.data(), r.size()))
            entries.push_back(*e);
    }
    return encodeMenu(entries);
}

} // namespace

void GetDataCommand::install(CardOs& os) {
    // Optional SM: the issuer's desk reads the users and the menu of an issued card under its MAC.
    os.registerCommand(cla::Proprietary, ins::GetData, CardOs::SmPolicy::Optional,
                       CardOs::inUse | CardOs::inBlocked | CardOs::inTerminated, getData);
}

std::optional<Bytes> GetDataCommand::object(CardOs& os, std::uint16_t t) {
    switch (t) {
    case tag::CardNumber:
        return cardInfoField(os, 0, 10);
    case tag::IssuerSerial:
        return cardInfoField(os, 10, 8);
    case tag::ProductSerial:
        return cardInfoField(os, 18, 8);
    case tag::LifeCycleTag:
        return Bytes{static_cast<std::uint8_t>(os.lifeCycle())};
    case tag::OsVersion: {
        const std::string v = std::string(kOsName) + " " + std::to_string(kOsMajor) + "." + std::to_string(kOsMinor);
        return Bytes(v.begin(), v.end());
    }
    case tag::Nvm:
        return encodeNvm(NvmInfo{os.nvm().size(), os.files().freeBytes(FileSystem::kMf), os.nvm().pageWrites(),
                                 os.nvm().pageSize()});
    case tag::Users:
        return encodeUsers(os.users().list());
    case tag::Menu:
        return menu(os);
    case tag::Keys:
        return encodeKeys(os.keys().list());
    case tag::ChipSerial:
        return os.nvm().chipSerial();
    default:
        return std::nullopt;
    }
}

ResponseApdu GetDataCommand::getData(CommandContext& ctx) {
    const CommandApdu& c = ctx.apdu;
    if (!c.data.empty() || c.le < 0)
        throw StatusError(sw::WrongLength);
    const auto t = static_cast<std::uint16_t>((c.p1 << 8) | c.p2);
    // Issue 17: who lives in the household and what each may do is not for any terminal. On an issued card the
    // users and the menu go to an authenticated session (three-party authentication or a verified user) or to
    // the issuer (secure messaging); a blank card has none to hide.
    if ((t == tag::Users || t == tag::Menu) && ctx.os.lifeCycle() != LifeCycle::Blank) {
        const CardSession& s = ctx.os.session();
        if (!s.authenticated && s.verifiedUser == 0 && !ctx.issuerSm)
            throw StatusError(sw::SecurityNotSatisfied);
    }
    auto data = object(ctx.os, t);
    if (!data)
        throw StatusError(sw::DataNotFound);
    return CardOs::respondObject(std::move(*data), c.le, true);
}

} // namespace cdos::card
