#pragma once
// What the gateway asks of a person: show a line, pick one of several items, type an input (masked for a PIN).
// The text UI on a terminal and the script runner for tests both implement it; the proactive commands of the card
// (DISPLAY TEXT, SELECT ITEM, GET INPUT, SET UP MENU) map onto these three calls.
#include <QString>
#include <QStringList>

#include <optional>

namespace cdgw {

class UserInterface {
public:
    virtual ~UserInterface() = default;
    virtual void show(const QString& text) = 0;
    // Index into items, or nullopt when the person gives up (end of script, end of input). A non-empty leave item is
    // listed last as "0" (a set-top box's way out: it stays at the bottom, whatever the card adds above it) and
    // chosen as kLeave.
    static constexpr int kLeave = -1;
    virtual std::optional<int> choose(const QString& title, const QStringList& items, const QString& leave = {}) = 0;
    // The typed text, or nullopt at the end of input. Masked: never echoed, never logged.
    virtual std::optional<QString> input(const QString& prompt, bool masked) = 0;
};

} // namespace cdgw
