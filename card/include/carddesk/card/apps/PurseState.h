#pragma once
// The e-purse's persistent state: the body of EF 0017 in the EP DF (docs/command-set.md, "E-purse application").
// Balance, both counters and the last-transaction record sit in one 40-byte body that never straddles an NVM page,
// so a purchase or a load changes one home page for the state (and one for the log) in a single transaction.
#include "carddesk/card/nvm/Nvm.h"
#include "carddesk/protocol/epurse/EPurse.h"

namespace cdos::card {

struct PurseState {
    static constexpr std::uint32_t kSize = 40;

    std::uint32_t balance = 0;
    std::uint16_t onlineCounter = 0;  // loads done
    std::uint16_t offlineCounter = 0; // purchases done
    ep::LastTransaction last;         // type 0 = none yet
    Bytes mac2, tac;                  // of the last transaction, 4 bytes each

    // An all-zero body (as CREATE FILE leaves it) is a new purse: balance 0, counters 0, no transaction.
    static PurseState read(const Nvm& nvm, std::uint32_t addr);
    void write(Nvm& nvm, std::uint32_t addr) const; // inside the caller's transaction
};

} // namespace cdos::card
