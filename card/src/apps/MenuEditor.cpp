#include "carddesk/card/apps/MenuEditor.h"

#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/dispatch/StatusError.h"
#include "carddesk/protocol/ca/CaCommands.h"

#include <algorithm>

namespace cdos::card {

namespace {

struct Slot {
    std::uint8_t number = 0; // record number
    std::optional<MenuEntry> entry;
};

} // namespace

void MenuEditor::apply(CommandContext& ctx) {
    CardOs& os = ctx.os;
    const Bytes& d = ctx.apdu.data;
    const std::uint8_t userNo = os.session().verifiedUser;
    if (userNo == 0)
        throw StatusError(sw::SecurityNotSatisfied);
    const auto user = os.users().find(userNo);
    if (!user)
        throw StatusError(sw::SecurityNotSatisfied);
    const std::uint32_t perms = user->profile.permissions;
    os.requireUserRight(perm::Settings); // one's own menu is edited with the settings right
    const auto fileIndex = os.files().child(FileSystem::kMf, fid::Menu);
    if (!fileIndex)
        throw StatusError(sw::FileNotFound);
    const FileInfo f = os.files().file(*fileIndex);
    if (d.empty())
        throw StatusError(sw::WrongLength);

    // The menu as it is now, edited in RAM; only changed records are written back, all in this transaction.
    std::vector<Slot> slots;
    const std::uint8_t used = os.files().recordsUsed(f);
    for (std::uint8_t n = 1; n <= used; ++n) {
        const Bytes r = os.files().readRecord(f, n);
        Slot s{n, std::nullopt};
        if (!std::all_of(r.begin(), r.end(), [](std::uint8_t b) { return b == 0; }))
            s.entry = MenuEntry::decodeRecord(r.data(), r.size());
        slots.push_back(s);
    }
    std::vector<std::uint8_t> changed;
    auto find = [&](std::uint8_t id) -> Slot& {
        for (auto& s : slots)
            if (s.entry && s.entry->id == id) {
                // The user edits only entries their permissions show them.
                if ((s.entry->permission & perms) != s.entry->permission)
                    throw StatusError(sw::SecurityNotSatisfied);
                return s;
            }
        throw StatusError(sw::DataNotFound);
    };
    std::size_t at = 0;
    while (at < d.size()) {
        if (d.size() - at < 2)
            throw StatusError(sw::WrongLength);
        const auto op = static_cast<ca::MenuOp>(d[at]);
        const std::uint8_t id = d[at + 1];
        at += 2;
        switch (op) {
        case ca::MenuOp::Hide:
        case ca::MenuOp::Show: {
            Slot& s = find(id);
            s.entry->hidden = op == ca::MenuOp::Hide;
            changed.push_back(s.number);
            break;
        }
        case ca::MenuOp::Delete: {
            Slot& s = find(id);
            s.entry.reset();
            changed.push_back(s.number);
            break;
        }
        case ca::MenuOp::Add: {
            if (d.size() - at < 5)
                throw StatusError(sw::WrongLength);
            MenuEntry e;
            e.id = id;
            e.permission = getU32(d.data() + at);
            const std::size_t len = d[at + 4];
            at += 5;
            if (d.size() - at < len)
                throw StatusError(sw::WrongLength);
            e.title.assign(d.begin() + static_cast<std::ptrdiff_t>(at),
                           d.begin() + static_cast<std::ptrdiff_t>(at + len));
            at += len;
            if (id == 0 || e.title.empty() || e.title.size() > static_cast<std::size_t>(kMenuRecordLength - 7))
                throw StatusError(sw::IncorrectData);
            if ((e.permission & perms) != e.permission) // nobody grants themselves a permission
                throw StatusError(sw::SecurityNotSatisfied);
            if (std::any_of(slots.begin(), slots.end(), [&](const Slot& s) { return s.entry && s.entry->id == id; }))
                throw StatusError(sw::FileExists);
            auto free = std::find_if(slots.begin(), slots.end(), [](const Slot& s) { return !s.entry; });
            if (free == slots.end()) {
                if (slots.size() >= f.recordCount)
                    throw StatusError(sw::NotEnoughMemory);
                slots.push_back(Slot{static_cast<std::uint8_t>(slots.size() + 1), std::nullopt});
                free = slots.end() - 1;
            }
            free->entry = e;
            changed.push_back(free->number);
            break;
        }
        default:
            throw StatusError(sw::IncorrectData);
        }
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    for (const std::uint8_t n : changed) {
        const Slot& s = slots[n - 1u];
        const Bytes rec = s.entry ? s.entry->encodeRecord() : Bytes(f.recordLength, 0);
        if (n > os.files().recordsUsed(f))
            os.files().appendRecord(f, rec);
        else
            os.files().updateRecord(f, n, rec);
    }
}

} // namespace cdos::card
