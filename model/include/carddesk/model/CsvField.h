#pragma once
// One CSV field (RFC 4180) for every export of the desk — audit trail, support report, purse log, the headend's
// audit: quoted when it holds a comma, a quote or a line break, quotes doubled. A text a spreadsheet would run as a
// formula (a subscriber named "=HYPERLINK(…)", "@SUM(…)") gets a leading apostrophe, so support staff opening an
// export never run what a subscriber typed; numbers ("-100") stay numbers.
#include <QString>

namespace carddesk {

inline QString csvField(const QString& field) {
    QString text = field;
    if (!text.isEmpty()) {
        const QChar c = text.front();
        const bool number = (c == QLatin1Char('-') || c == QLatin1Char('+')) && text.size() > 1 && text[1].isDigit();
        if (!number && (c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') ||
                        c == QLatin1Char('@') || c == QLatin1Char('\t') || c == QLatin1Char('\r')))
            text.prepend(QLatin1Char('\''));
    }
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
        !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace carddesk
