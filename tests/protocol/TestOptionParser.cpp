// cdos::cli::OptionParser, the command line of the Qt-free programs: values checked as read, bad ones named
// without their text (a key stays unprinted), operands counted, --help and --name=value.
#include "carddesk/protocol/cli/OptionParser.h"

#include <QtTest>

#include <string>
#include <vector>

using cdos::cli::OptionParser;

namespace {

// argv as the programs get it.
struct Argv {
    explicit Argv(std::vector<std::string> a) : args(std::move(a)) {
        for (auto& s : args)
            ptrs.push_back(s.data());
    }
    int argc() const { return static_cast<int>(ptrs.size()); }
    char** argv() { return ptrs.data(); }
    std::vector<std::string> args;
    std::vector<char*> ptrs;
};

} // namespace

class TestOptionParser : public QObject {
    Q_OBJECT

    struct Parsed {
        OptionParser::Result result;
        std::string error, image, key;
        unsigned long port = 7;
        bool verbose = false;
        std::vector<std::string> operands;
    };
    static Parsed parse(std::vector<std::string> args) {
        Parsed p;
        OptionParser o("prog", "a test");
        o.text("--image", "FILE", "image", p.image)
            .number("--port", "N", "port", p.port, 1, 65535)
            .flag("--verbose", p.verbose, "more")
            .value("--key", "HEX32", "key",
                   [&p](const std::string& v) {
                       if (v.size() != 32)
                           return false;
                       p.key = v;
                       return true;
                   })
            .operands("IN OUT", p.operands, 2, 2);
        args.insert(args.begin(), "prog");
        Argv a(args);
        p.result = o.parse(a.argc(), a.argv());
        p.error = o.error();
        return p;
    }

private slots:
    void valuesFlagsAndOperands() {
        const Parsed p = parse({"--image", "c.img", "--port=0x10", "--verbose", "in.ts", "out.ts"});
        QCOMPARE(int(p.result), int(OptionParser::Result::Ok));
        QCOMPARE(p.image, std::string("c.img"));
        QCOMPARE(p.port, 16ul);
        QVERIFY(p.verbose);
        QCOMPARE(p.operands, (std::vector<std::string>{"in.ts", "out.ts"}));
    }

    void everyMistakeIsNamed() {
        QCOMPARE(parse({"--port", "0", "a", "b"}).error, std::string("--port: not a valid N"));
        QCOMPARE(parse({"--port", "-1", "a", "b"}).error, std::string("--port: not a valid N"));
        QCOMPARE(parse({"--port", "12x", "a", "b"}).error, std::string("--port: not a valid N"));
        QCOMPARE(parse({"a", "b", "--port"}).error, std::string("--port needs N"));
        QCOMPARE(parse({"--bogus", "a", "b"}).error, std::string("unknown option --bogus"));
        QCOMPARE(parse({"--verbose=yes", "a", "b"}).error, std::string("--verbose takes no value"));
        QCOMPARE(parse({"a"}).error, std::string("needs IN OUT"));
        QCOMPARE(parse({"a", "b", "c"}).error, std::string("unexpected argument \"c\""));
        // A bad key is not echoed back: it may be a real one, one digit short.
        const Parsed k = parse({"--key", "00112233445566778899AABBCCDDEEF", "a", "b"});
        QCOMPARE(int(k.result), int(OptionParser::Result::Error));
        QVERIFY(k.error.find("00112233") == std::string::npos);
    }

    // What main() returns: 0 after --help, 2 after a usage error, nothing to go on (every program's one pattern).
    void parseOrExitGivesTheExitCode() {
        std::string bin;
        OptionParser o("prog", "a test");
        o.text("--bin", "FILE", "the program", bin);
        Argv help({"prog", "--help"}), bad({"prog", "--nope"}), good({"prog", "--bin", "x"});
        QCOMPARE(o.parseOrExit(help.argc(), help.argv()), std::optional<int>(0));
        QCOMPARE(o.parseOrExit(bad.argc(), bad.argv()), std::optional<int>(2));
        QCOMPARE(o.parseOrExit(good.argc(), good.argv()), std::optional<int>());
        QCOMPARE(bin, std::string("x"));
    }

    void requiredOptionsAndLateErrors() {
        std::string bin;
        unsigned long rounds = 5;
        std::vector<std::string> operands;
        OptionParser o("prog", "a test");
        o.text("--bin", "FILE", "the program", bin).required().number("--rounds", "N", "rounds", rounds, 1, 9);
        o.operands("[COUNT]", operands, 0, 1);
        Argv missing({"prog", "--rounds", "3"});
        QCOMPARE(int(o.parse(missing.argc(), missing.argv())), int(OptionParser::Result::Error));
        QCOMPARE(o.error(), std::string("--bin FILE is required"));
        Argv given({"prog", "--bin=x", "12x"});
        QCOMPARE(int(o.parse(given.argc(), given.argv())), int(OptionParser::Result::Ok));
        QCOMPARE(bin, std::string("x"));
        // A numeric operand is read as a number option's value, and its mistake said the same way.
        unsigned long count = 0;
        QVERIFY(!OptionParser::parseNumber(operands.at(0), count, 1, 100));
        QVERIFY(!OptionParser::parseNumber("-1", count, 0, 100));
        QVERIFY(!OptionParser::parseNumber("101", count, 0, 100));
        QVERIFY(!OptionParser::parseNumber(" 5", count, 0, 100));
        QVERIFY(!OptionParser::parseNumber("0x", count, 0, 100));
        QVERIFY(!OptionParser::parseNumber("0x-1", count, 0, 100));
        QVERIFY(OptionParser::parseNumber("0x10", count, 0, 100));
        QCOMPARE(count, 16ul);
        // A leading zero is still decimal, not octal.
        QVERIFY(OptionParser::parseNumber("010", count, 0, 100));
        QCOMPARE(count, 10ul);
        QVERIFY(OptionParser::parseNumber("08", count, 0, 100));
        QCOMPARE(count, 8ul);
        QCOMPARE(int(o.fail("COUNT: not a valid N")), int(OptionParser::Result::Error));
        QCOMPARE(o.error(), std::string("COUNT: not a valid N"));
    }

    void helpIsNotAnError() {
        QCOMPARE(int(parse({"--help"}).result), int(OptionParser::Result::Help));
        OptionParser o("prog", "a test");
        std::string s;
        o.text("--image", "FILE", "the image\nsecond line", s);
        const std::string u = o.usage();
        QVERIFY(u.find("usage: prog [options]") == 0);
        QVERIFY(u.find("--image FILE  the image\n                second line") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestOptionParser)
#include "TestOptionParser.moc"
