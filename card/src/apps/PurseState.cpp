#include "carddesk/card/apps/PurseState.h"

namespace cdos::card {

// Layout: balance(4) online(2) offline(2) last transaction(24, GET DATA 007A order) MAC2(4) TAC(4).
PurseState PurseState::read(const Nvm& nvm, std::uint32_t addr) {
    const Bytes b = nvm.read(addr, kSize);
    PurseState s;
    s.balance = getU32(b.data());
    s.onlineCounter = getU16(b.data() + 4);
    s.offlineCounter = getU16(b.data() + 6);
    s.last = *ep::LastTransaction::decode(Bytes(b.begin() + 8, b.begin() + 32));
    s.mac2.assign(b.begin() + 32, b.begin() + 36);
    s.tac.assign(b.begin() + 36, b.end());
    return s;
}

void PurseState::write(Nvm& nvm, std::uint32_t addr) const {
    Bytes b;
    putU32(b, balance);
    putU16(b, onlineCounter);
    putU16(b, offlineCounter);
    append(b, last.encode());
    append(b, mac2);
    append(b, tac);
    b.resize(kSize, 0);
    nvm.write(addr, b);
}

} // namespace cdos::card
