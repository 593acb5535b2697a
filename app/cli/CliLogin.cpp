// carddesk-cli's login (docs/operators.md): every command that touches a card or the database logs an operator in
// through the session's OperatorSession, the same as the console; the roles table decides what follows.
#include "CliApp.h"
#include "carddesk/protocol/apdu/Bytes.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/OperatorSession.h>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <string>

#include <iostream>
#include <string>

namespace carddesk {

namespace {

void wipe(QString& s) {
    s.fill(QLatin1Char('\0'));
    s.clear();
}

// One line from the terminal with echo off; nothing when there is no terminal.
std::optional<QString> readTerminal(const QString& prompt) {
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    termios saved{};
    if (::tcgetattr(fd, &saved) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    const QByteArray p = prompt.toUtf8();
    (void)!::write(fd, p.constData(), std::size_t(p.size()));
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    ::tcsetattr(fd, TCSAFLUSH, &saved);
    (void)!::write(fd, "\n", 1);
    ::close(fd);
    QString out = QString::fromUtf8(line.data(), qsizetype(line.size()));
    cdos::secureZero(line.data(), line.size());
    return out;
}

} // namespace

std::optional<QString> CliApp::secretLine(const QString& prompt) {
    if (!::isatty(STDIN_FILENO)) {
        // A scripted ceremony (tests): one line of standard input, never echoed anywhere.
        std::string line;
        if (!std::getline(std::cin, line))
            return std::nullopt;
        QString out = QString::fromStdString(line).trimmed();
        cdos::secureZero(line.data(), line.size());
        return out;
    }
    return readTerminal(prompt);
}

std::optional<QString> CliApp::secret(const char* variable, const QString& prompt, bool twice) {
    if (const auto v = cdos::SecretEnvironment::value(variable))
        return QString::fromStdString(*v);
    auto first = readTerminal(prompt);
    if (!first || !twice)
        return first;
    auto again = readTerminal(tr("Again, to be sure: "));
    if (!again || *again != *first) {
        wipe(*first);
        if (again)
            wipe(*again);
        return QString(); // two different answers: an empty password, which no check accepts
    }
    wipe(*again);
    return first;
}

int CliApp::logIn(ConsoleSession& session) {
    const QString name = m_operator.isEmpty() ? qEnvironmentVariable("CARDDESK_OPERATOR") : m_operator;
    if (name.isEmpty())
        return fail(NotLoggedIn, tr("who is at the desk? Give --operator NAME or set CARDDESK_OPERATOR"));
    auto password = secret("CARDDESK_OPERATOR_PASSWORD", tr("Password of operator %1: ").arg(name));
    if (!password)
        return fail(NotLoggedIn, tr("no password for operator %1: set CARDDESK_OPERATOR_PASSWORD or run carddesk-cli "
                                    "on a terminal")
                                     .arg(name));
    const QString error = session.operators().login(name, *password);
    wipe(*password);
    if (!error.isEmpty())
        return fail(NotLoggedIn, tr("operator %1 is not logged in: %2").arg(name, error));
    if (m_trace) {
        try {
            session.operators().require(Operation::TraceView);
        } catch (const AccessDenied& e) {
            return fail(Refused, e.text);
        }
    }
    return Ok;
}

int CliApp::allow(ConsoleSession& session, Operation op) {
    OperatorSession& operators = session.operators();
    try {
        if (!Access::needsDualControl(op)) {
            operators.require(op);
            return Ok;
        }
        if (m_secondOperator.isEmpty()) {
            operators.require(op); // refused: a second operator is needed (audited)
            return Ok;
        }
        std::optional<QString> password;
        if (const int rc = secondOperatorPassword(password); rc != Ok)
            return rc;
        try {
            operators.approve(op, m_secondOperator, *password);
        } catch (...) {
            wipe(*password);
            throw;
        }
        wipe(*password);
    } catch (const AccessDenied& e) {
        return fail(Refused, e.text);
    }
    return Ok;
}

int CliApp::secondOperatorPassword(std::optional<QString>& out) {
    out = secret("CARDDESK_SECOND_OPERATOR_PASSWORD", tr("Password of the second operator %1: ").arg(m_secondOperator));
    if (!out)
        return fail(Refused, tr("no password for the second operator %1: set CARDDESK_SECOND_OPERATOR_PASSWORD or "
                                "run carddesk-cli on a terminal")
                                 .arg(m_secondOperator));
    return Ok;
}

int CliApp::begin(ConsoleSession& session, Operation op, bool keys) {
    if (const int rc = keys ? openDatabaseAndKeys(session) : openDatabase(session); rc != Ok)
        return rc;
    if (const int rc = logIn(session); rc != Ok)
        return rc;
    return allow(session, op);
}

} // namespace carddesk
