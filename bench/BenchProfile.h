#pragma once
// The benchmarks' card: one holder user (all rights, PIN 123456) on the standard keys, numbered by its last two
// digits so that two benches' cards never share a card number.
#include "carddesk/protocol/perso/Personaliser.h"

#include <string>

namespace cdbench {

inline cdos::CardProfile benchProfile(int number) {
    const std::string nn = (number < 10 ? "0" : "") + std::to_string(number % 100);
    cdos::CardProfile p;
    p.info = {*cdos::fromHex("860100000000000000" + nn), *cdos::fromHex("4344000000000001"),
              *cdos::fromHex("5456000000000001")};
    p.holder = {"U000000" + nn, "62220212345678" + nn, "Bench Holder"};
    cdos::UserSpec u;
    u.profile = {1, 0xFFFFFFFFu, 3, "holder"};
    u.pin = "123456";
    p.users.push_back(u);
    p.keys = cdos::CardProfile::standardKeys();
    return p;
}

} // namespace cdbench
