#include "carddesk/protocol/cli/OptionParser.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace cdos::cli {

OptionParser::OptionParser(std::string program, std::string summary)
    : m_program(std::move(program)), m_summary(std::move(summary)) {}

OptionParser& OptionParser::flag(const std::string& name, bool& out, const std::string& help) {
    m_options.push_back(Option{name, {}, help, nullptr, &out});
    return *this;
}

OptionParser& OptionParser::value(const std::string& name, const std::string& valueName, const std::string& help,
                                  std::function<bool(const std::string&)> set) {
    m_options.push_back(Option{name, valueName, help, std::move(set), nullptr});
    return *this;
}

OptionParser& OptionParser::text(const std::string& name, const std::string& valueName, const std::string& help,
                                 std::string& out) {
    return value(name, valueName, help, [&out](const std::string& v) {
        out = v;
        return true;
    });
}

OptionParser& OptionParser::number(const std::string& name, const std::string& valueName, const std::string& help,
                                   unsigned long& out, unsigned long min, unsigned long max) {
    return value(name, valueName, help,
                 [&out, min, max](const std::string& v) { return parseNumber(v, out, min, max); });
}

bool OptionParser::parseNumber(const std::string& text, unsigned long& out, unsigned long min, unsigned long max) {
    // Decimal or 0x hex, as documented: not strtoul's base 0, which reads a leading 0 as octal (010 would be 8,
    // where the std::stoul of the hand-rolled loops read 10). A digit first: strtoul skips blanks and takes signs.
    const bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    const std::string digits = hex ? text.substr(2) : text;
    if (digits.empty() || !(hex ? std::isxdigit(static_cast<unsigned char>(digits[0]))
                                : std::isdigit(static_cast<unsigned char>(digits[0]))))
        return false;
    char* end = nullptr;
    errno = 0;
    const unsigned long n = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    if (*end || errno != 0 || n < min || n > max)
        return false;
    out = n;
    return true;
}

OptionParser& OptionParser::required() {
    if (!m_options.empty())
        m_options.back().required = true;
    return *this;
}

OptionParser& OptionParser::operands(const std::string& names, std::vector<std::string>& out, std::size_t min,
                                     std::size_t max) {
    m_operandNames = names;
    m_operands = &out;
    m_minOperands = min;
    m_maxOperands = max;
    return *this;
}

const OptionParser::Option* OptionParser::find(const std::string& name) const {
    for (const auto& o : m_options)
        if (o.name == name)
            return &o;
    return nullptr;
}

OptionParser::Result OptionParser::fail(const std::string& what) {
    m_error = what;
    std::fprintf(stderr, "%s: %s\n%s", m_program.c_str(), what.c_str(), usage().c_str());
    return Result::Error;
}

OptionParser::Result OptionParser::parse(int argc, char** argv) {
    std::vector<const Option*> given;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            std::fputs(usage().c_str(), stdout);
            return Result::Help;
        }
        if (a.size() < 2 || a[0] != '-' || a == "-") {
            if (!m_operands || m_operands->size() >= m_maxOperands)
                return fail("unexpected argument \"" + a + "\"");
            m_operands->push_back(a);
            continue;
        }
        std::string inlineValue;
        bool hasInline = false;
        if (const auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
            inlineValue = a.substr(eq + 1);
            a = a.substr(0, eq);
            hasInline = true;
        }
        const Option* o = find(a);
        if (!o)
            return fail("unknown option " + a);
        given.push_back(o);
        if (o->flag) {
            if (hasInline)
                return fail(a + " takes no value");
            *o->flag = true;
            continue;
        }
        if (!hasInline && i + 1 >= argc)
            return fail(a + " needs " + o->valueName);
        const std::string v = hasInline ? inlineValue : argv[++i];
        bool ok = false;
        try {
            ok = o->set(v);
        } catch (const std::exception&) {
        }
        if (!ok) // the value is not repeated: it may be a key
            return fail(a + ": not a valid " + o->valueName);
    }
    for (const auto& o : m_options)
        if (o.required && std::find(given.begin(), given.end(), &o) == given.end())
            return fail(o.name + (o.valueName.empty() ? "" : " " + o.valueName) + " is required");
    if (m_operands && m_operands->size() < m_minOperands)
        return fail("needs " + m_operandNames);
    return Result::Ok;
}

std::optional<int> OptionParser::parseOrExit(int argc, char** argv) {
    switch (parse(argc, argv)) {
    case Result::Help:
        return 0;
    case Result::Error:
        return 2;
    case Result::Ok:
        break;
    }
    return std::nullopt;
}

std::string OptionParser::usage() const {
    std::string u = "usage: " + m_program + " [options]" + (m_operandNames.empty() ? "" : " " + m_operandNames) + "\n" +
                    (m_summary.empty() ? "" : "  " + m_summary + "\n");
    std::size_t width = 0;
    std::vector<std::string> heads;
    for (const auto& o : m_options) {
        heads.push_back(o.name + (o.valueName.empty() ? "" : " " + o.valueName));
        width = std::max(width, heads.back().size());
    }
    for (std::size_t i = 0; i < m_options.size(); ++i) {
        std::string line = "  " + heads[i] + std::string(width - heads[i].size() + 2, ' ');
        // Continuation lines of a help text line up under its first line.
        for (const char c : m_options[i].help) {
            line += c;
            if (c == '\n')
                line += std::string(width + 4, ' ');
        }
        u += line + "\n";
    }
    return u;
}

} // namespace cdos::cli
