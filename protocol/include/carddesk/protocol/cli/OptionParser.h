#pragma once
// The command line of the Qt-free programs (carddesk-card, the scrambler, the descrambler, the tools): options
// declared once with their help, parsed in one way, the usage text generated from them. Every value is checked as
// it is read; a bad one names the option and never echoes a secret it was not given.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cdos::cli {

class OptionParser {
public:
    // `program` as the user types it; `summary` one line under the usage.
    OptionParser(std::string program, std::string summary);

    // A switch: true when given.
    OptionParser& flag(const std::string& name, bool& out, const std::string& help);
    // An option with a value. `set` takes the text and returns false (or throws) when it is not a valid value.
    OptionParser& value(const std::string& name, const std::string& valueName, const std::string& help,
                        std::function<bool(const std::string&)> set);
    OptionParser& text(const std::string& name, const std::string& valueName, const std::string& help,
                       std::string& out);
    // An unsigned number in [min, max], decimal or 0x hex.
    OptionParser& number(const std::string& name, const std::string& valueName, const std::string& help,
                         unsigned long& out, unsigned long min, unsigned long max);
    // The option declared last must be given: parse() says "<name> <VALUE> is required" otherwise.
    OptionParser& required();
    // Operands after the options (e.g. IN OUT), between min and max of them.
    OptionParser& operands(const std::string& names, std::vector<std::string>& out, std::size_t min, std::size_t max);

    enum class Result { Ok, Help, Error };
    // --help / -h prints the usage on stdout (Help); a problem prints "<program>: <what>" and the usage on stderr
    // (Error). Ok otherwise.
    Result parse(int argc, char** argv);
    // parse(), and what main() returns when it must stop there: 0 after --help, 2 after a usage error; nullopt to go
    // on.
    std::optional<int> parseOrExit(int argc, char** argv);
    std::string usage() const;
    const std::string& error() const { return m_error; }
    // A problem only seen after parse() (a bad operand, options that do not go together): said as parse() says its
    // own, so that every usage error of a program looks alike.
    Result fail(const std::string& what);

    // `text` read as number() reads an option's value, for operands that are numbers.
    static bool parseNumber(const std::string& text, unsigned long& out, unsigned long min, unsigned long max);

private:
    struct Option {
        std::string name, valueName, help;
        std::function<bool(const std::string&)> set; // null for a flag
        bool* flag = nullptr;
        bool required = false;
    };
    const Option* find(const std::string& name) const;

    std::string m_program, m_summary, m_operandNames, m_error;
    std::vector<Option> m_options;
    std::vector<std::string>* m_operands = nullptr;
    std::size_t m_minOperands = 0, m_maxOperands = 0;
};

} // namespace cdos::cli
