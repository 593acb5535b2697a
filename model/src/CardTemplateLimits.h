#pragma once
// What a card template may ask for, shared by its reader (CardTemplate.cpp) and its validation.
#include <QString>

namespace carddesk::templatelimits {

inline constexpr int kMaxValidDays = 36500;  // a hundred years
inline constexpr int kMaxStartOffset = 3650; // ten years
inline constexpr int kMaxCardRights = 40;    // the card's CA state holds 40 rights

inline bool isHex(const QString& s) {
    for (QChar c : s)
        if (!c.isDigit() && !(c.toUpper() >= QLatin1Char('A') && c.toUpper() <= QLatin1Char('F')))
            return false;
    return true;
}

} // namespace carddesk::templatelimits
