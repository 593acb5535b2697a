#pragma once
// A command refused with an ISO status word. Handlers throw it from any depth; the dispatcher rolls the command's
// NVM transaction back and answers the status word, so a refused command never changes the card.
#include <cstdint>
#include <exception>

namespace cdos::card {

struct StatusError : std::exception {
    explicit StatusError(std::uint16_t statusWord) : sw(statusWord) {}
    const char* what() const noexcept override { return "command refused with a status word"; }
    std::uint16_t sw;
};

} // namespace cdos::card
