#pragma once
// The "settings" service (claim step 2 / [0018] 6, personal menu): the user's menu entries as the card holds them
// (GET DATA 0108, only those the user's permission bits show), hidden, shown, deleted or added here, then written
// back by the card in one MENU EDIT (80 3D) — all the changes or none. The card checks every operation itself
// (permission bits, no self-granted bits); the gateway only collects them.
#include "PersonalStep.h"
#include "UserInterface.h"

#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/ca/CaCommands.h"

#include <vector>

namespace cdgw {

class MenuEditStep {
public:
    MenuEditStep(cdos::Transmit transmit, UserInterface& ui) : m_tx(std::move(transmit)), m_ui(ui) {}
    // False when the card refused the edit or could not be read (the reason shown).
    bool edit(const Login& who);

    // One entry as edited: its state on the card and what the person made of it.
    struct Row {
        cdos::MenuEntry entry;
        bool added = false, deleted = false, hiddenOnCard = false;
    };
    // The MENU EDIT operations that turn the card's menu into `rows`: deletions, then hide/show, then additions.
    static std::vector<cdos::ca::MenuEdit> operations(const std::vector<Row>& rows);

private:
    void editRow(std::vector<Row>& rows, std::size_t i);
    void addRow(std::vector<Row>& rows, std::uint32_t permissions);
    cdos::Transmit m_tx;
    UserInterface& m_ui;
};

} // namespace cdgw
