#include "MenuEditStep.h"

#include "Messages.h"

#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <algorithm>

namespace cdgw {

namespace {

// The services of the template's permission bits, in bit order (PersonalStep.h, serviceOf).
constexpr Msg kServiceNames[] = {Msg::ServiceLiveTv, Msg::ServiceVod,  Msg::ServicePurse,
                                 Msg::ServiceTopUp,  Msg::ServiceApps, Msg::ServiceSettings};

QString swHex(std::uint16_t sw) {
    return QStringLiteral("%1").arg(sw, 4, 16, QLatin1Char('0')).toUpper();
}

QString rowText(const MenuEditStep::Row& r) {
    const Msg state = r.deleted ? Msg::MenuEditDeleted
                      : r.added ? Msg::MenuEditNew
                                : (r.entry.hidden ? Msg::MenuEditHidden : Msg::MenuEditShown);
    return QStringLiteral("%1 [%2]").arg(QString::fromStdString(r.entry.title), tr(state));
}

} // namespace

std::vector<cdos::ca::MenuEdit> MenuEditStep::operations(const std::vector<Row>& rows) {
    using cdos::ca::MenuOp;
    std::vector<cdos::ca::MenuEdit> ops;
    for (const Row& r : rows) // deletions first: an addition may reuse the freed record
        if (r.deleted && !r.added)
            ops.push_back({MenuOp::Delete, r.entry.id, 0, {}});
    for (const Row& r : rows)
        if (!r.deleted && !r.added && r.entry.hidden != r.hiddenOnCard)
            ops.push_back({r.entry.hidden ? MenuOp::Hide : MenuOp::Show, r.entry.id, 0, {}});
    for (const Row& r : rows)
        if (r.added && !r.deleted) {
            ops.push_back({MenuOp::Add, r.entry.id, r.entry.permission, r.entry.title});
            if (r.entry.hidden)
                ops.push_back({MenuOp::Hide, r.entry.id, 0, {}});
        }
    return ops;
}

void MenuEditStep::editRow(std::vector<Row>& rows, std::size_t i) {
    Row& r = rows[i];
    QStringList actions{r.entry.hidden ? tr(Msg::MenuEditShow) : tr(Msg::MenuEditHide),
                        r.deleted ? tr(Msg::MenuEditKeep) : tr(Msg::MenuEditDelete)};
    const auto pick = m_ui.choose(tr(Msg::MenuEditEntry).arg(QString::fromStdString(r.entry.title)), actions);
    if (!pick)
        return;
    if (*pick == 0)
        r.entry.hidden = !r.entry.hidden;
    else if (r.added && !r.deleted)
        rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(i)); // never written: simply dropped
    else
        r.deleted = !r.deleted;
}

void MenuEditStep::addRow(std::vector<Row>& rows, std::uint32_t permissions) {
    // Only services the user holds: the card refuses an entry that would grant more.
    QStringList names;
    std::vector<std::uint32_t> bits;
    for (std::size_t b = 0; b < std::size(kServiceNames); ++b)
        if (permissions & (1u << b)) {
            names << tr(kServiceNames[b]);
            bits.push_back(1u << b);
        }
    const auto service = m_ui.choose(tr(Msg::MenuEditService), names);
    if (!service)
        return;
    const auto title = m_ui.input(tr(Msg::MenuEditNewTitle), false);
    if (!title)
        return;
    const std::string text = title->trimmed().toStdString();
    constexpr std::size_t kMaxTitle = cdos::kMenuRecordLength - 7;
    if (text.empty() || text.size() > kMaxTitle) {
        m_ui.show(tr(Msg::MenuEditBadTitle).arg(kMaxTitle));
        return;
    }
    int id = 0;
    for (const Row& r : rows)
        id = std::max(id, int(r.entry.id));
    if (id >= 255) {
        m_ui.show(tr(Msg::MenuEditFull));
        return;
    }
    Row r;
    r.entry = cdos::MenuEntry{static_cast<std::uint8_t>(id + 1), bits[static_cast<std::size_t>(*service)], false, text};
    r.added = true;
    rows.push_back(r);
}

bool MenuEditStep::edit(const Login& who) {
    const auto users = cdos::decodeUsers(m_tx(cdos::getData(0x0107)).data);
    const auto menu = cdos::decodeMenu(m_tx(cdos::getData(0x0108)).data);
    if (!users || !menu) {
        m_ui.show(tr(Msg::CardError).arg(QStringLiteral("menu")));
        return false;
    }
    std::uint32_t permissions = 0;
    for (const auto& u : *users)
        if (u.profile.number == who.user)
            permissions = u.profile.permissions;
    // Entries the user's permissions do not show stay out of sight (and out of reach: the card refuses them), but
    // their ids are taken.
    std::vector<Row> rows, others;
    for (const auto& e : *menu)
        ((e.permission & permissions) == e.permission ? rows : others).push_back(Row{e, false, false, e.hidden});
    for (;;) {
        QStringList items;
        for (const Row& r : rows)
            items << rowText(r);
        const int add = static_cast<int>(items.size());
        items << tr(Msg::MenuEditAdd) << tr(Msg::MenuEditSave) << tr(Msg::MenuEditCancel);
        const auto pick = m_ui.choose(tr(Msg::MenuEditTitle), items);
        if (!pick || *pick == add + 2)
            return true; // nothing written
        if (*pick < add) {
            editRow(rows, static_cast<std::size_t>(*pick));
            continue;
        }
        if (*pick == add) {
            std::vector<Row> all = rows;
            all.insert(all.end(), others.begin(), others.end());
            addRow(all, permissions);
            if (all.size() > rows.size() + others.size())
                rows.push_back(all.back());
            continue;
        }
        const auto ops = operations(rows);
        if (ops.empty()) {
            m_ui.show(tr(Msg::MenuEditNothing));
            return true;
        }
        // MENU EDIT is a command of the CA application; the card applies the whole list in one NVM transaction.
        const auto sel = m_tx(cdos::selectAid(cdos::ca::kCaAid));
        const auto r = sel.ok() ? m_tx(cdos::ca::editMenu(ops)) : sel;
        if (!r.ok()) {
            m_ui.show(tr(Msg::MenuEditRefused).arg(swHex(r.sw)));
            return false;
        }
        m_ui.show(tr(Msg::MenuEditSaved).arg(ops.size()));
        return true;
    }
}

} // namespace cdgw
