#pragma once
// The gateway's text UI: prints to stdout and reads one input per line from the terminal or from a script file
// (--script: user number, PIN, menu choice, amount... in the order asked). Masked inputs are shown as '*' and
// never echoed, whatever the source.
#include "UserInterface.h"

#include <QFile>
#include <QTextStream>

#include <memory>

namespace cdgw {

class TextUi : public UserInterface {
public:
    // scriptPath empty: interactive on stdin.
    explicit TextUi(const QString& scriptPath = {});
    bool ok() const { return m_in != nullptr; }

    void show(const QString& text) override;
    std::optional<int> choose(const QString& title, const QStringList& items, const QString& leave = {}) override;
    std::optional<QString> input(const QString& prompt, bool masked) override;

private:
    std::optional<QString> readLine(bool masked);
    QFile m_file;
    std::unique_ptr<QTextStream> m_in;
    QTextStream m_out;
    bool m_interactive = false;
};

} // namespace cdgw
