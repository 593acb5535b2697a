#include "TextUi.h"

#include "Messages.h"

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace cdgw {

TextUi::TextUi(const QString& scriptPath) : m_out(stdout) {
    if (scriptPath.isEmpty()) {
        m_interactive = isatty(STDIN_FILENO);
        m_file.open(stdin, QIODevice::ReadOnly);
        m_in = std::make_unique<QTextStream>(&m_file);
    } else {
        m_file.setFileName(scriptPath);
        if (m_file.open(QIODevice::ReadOnly | QIODevice::Text))
            m_in = std::make_unique<QTextStream>(&m_file);
    }
}

void TextUi::show(const QString& text) {
    m_out << text << Qt::endl;
}

std::optional<int> TextUi::choose(const QString& title, const QStringList& items, const QString& leave) {
    m_out << title << Qt::endl;
    for (int i = 0; i < items.size(); ++i)
        m_out << "  " << (i + 1) << ". " << items[i] << Qt::endl;
    if (!leave.isEmpty())
        m_out << "  0. " << leave << Qt::endl;
    for (;;) {
        m_out << "> " << Qt::flush;
        const auto line = readLine(false);
        if (!line)
            return std::nullopt;
        bool isNumber = false;
        const int n = line->trimmed().toInt(&isNumber);
        if (isNumber && n >= 1 && n <= items.size())
            return n - 1;
        if (isNumber && n == 0 && !leave.isEmpty())
            return kLeave;
        // In words, with the range (issue 11: a bare "?" told the person nothing).
        m_out << tr(Msg::BadChoice) << (leave.isEmpty() ? " 1–" : " 0–") << items.size() << Qt::endl;
        if (!m_interactive)
            return std::nullopt; // a script that answers nonsense would loop forever
    }
}

std::optional<QString> TextUi::input(const QString& prompt, bool masked) {
    m_out << prompt << ": " << Qt::flush;
    return readLine(masked);
}

std::optional<QString> TextUi::readLine(bool masked) {
    if (!m_in)
        return std::nullopt;
    // On a terminal, a PIN is typed without echo; '*' per digit is printed instead afterwards.
    termios saved{};
    const bool hide = masked && m_interactive && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QString line;
    const bool got = m_in->readLineInto(&line);
    if (hide)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (!got) {
        m_out << Qt::endl; // end of input: close the prompt's line
        return std::nullopt;
    }
    line = line.trimmed();
    if (!m_interactive || hide)
        m_out << (masked ? QString(line.size(), QLatin1Char('*')) : line) << Qt::endl;
    return line;
}

} // namespace cdgw
