// The dispatcher's extension points, as later issues use them: an application bound to a DF name (it sees commands
// while its DF is selected, inside the command's NVM transaction) and an extra OS command.
#include "CardTestSupport.h"

#include "carddesk/card/apps/StandardApplications.h"
#include "carddesk/card/dispatch/StatusError.h"

#include <QtTest>

using namespace cdos::card;
using cardtest::Bytes;
using cardtest::CommandApdu;
using cardtest::hex;
using cardtest::ResponseApdu;

namespace {

const Bytes kAid = hex("A0000000AA01");

// A counter kept in EF 0101 of the application's DF. INS 50 increments it; INS 52 increments and then fails, which
// must leave the counter as it was.
class CounterApp : public Application {
public:
    Bytes aid() const override { return kAid; }
    std::optional<ResponseApdu> process(CommandContext& ctx) override {
        if (ctx.apdu.cla != 0x80 || (ctx.apdu.ins != 0x50 && ctx.apdu.ins != 0x52))
            return std::nullopt;
        FileSystem& fs = ctx.os.files();
        const auto df = fs.dfByAid(kAid);
        const FileInfo ef = fs.file(*fs.child(*df, 0x0101));
        const std::uint32_t next = cdos::getU32(fs.readBinary(ef, 0, 4).data()) + 1;
        Bytes value;
        cdos::putU32(value, next);
        fs.updateBinary(ef, 0, value);
        if (ctx.apdu.ins == 0x52)
            throw StatusError(cdos::sw::ConditionsNotSatisfied);
        return ResponseApdu{value, cdos::sw::Ok};
    }
    void selected(CommandContext&) override { ++selections; }
    void deselected() override { ++deselections; }
    void reset() override { ++resets; }
    int selections = 0, deselections = 0, resets = 0;
};

} // namespace

class TestExtensions : public QObject {
    Q_OBJECT

    // A personalised card with the application's DF (and EF 0101 in it) and a card number.
    static void issue(cardtest::TempCard& card) {
        cardtest::Issuer issuer(*card.os, cardtest::blankKey());
        issuer.start();
        const cdos::Fcp df{0x1000, cdos::FileType::Df, 512, 0, 0, 0, kAid, 0, 0, 0};
        QCOMPARE(issuer.send(cardtest::createFile(df)).sw, std::uint16_t(0x9000));
        QCOMPARE(issuer.send(cardtest::createFile(cardtest::transparentEf(0x0101, 4, 1, 0, 0x02))).sw,
                 std::uint16_t(0x9000));
        QCOMPARE(card.sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(issuer.send(cardtest::createFile(cardtest::transparentEf(0x0002, 26, 2, 0, 0x02))).sw,
                 std::uint16_t(0x9000));
        QCOMPARE(issuer.send(CommandApdu{0x00, 0xD6, 0x82, 0x00, hex("86010000000000000009"), -1}).sw,
                 std::uint16_t(0x9000));
        QCOMPARE(issuer.send(CommandApdu{0x80, 0xF0, 0, 0, {}, -1}).sw, std::uint16_t(0x9000));
    }

private slots:
    void applicationSelectedByAid() {
        cardtest::TempCard card;
        issue(card);
        auto app = std::make_shared<CounterApp>();
        card.os->registerApplication(app);
        QCOMPARE(card.sw("8050000000"), std::uint16_t(0x6D00)); // not selected: the OS does not know INS 50
        QCOMPARE(card.sw("00A4040C06A0000000AA01"), std::uint16_t(0x9000));
        QCOMPARE(card.os->activeApplication(), app.get());
        QCOMPARE(app->selections, 1);
        QCOMPARE(card.tx("8050000000").data, hex("00000001"));
        QCOMPARE(card.tx("8050000000").data, hex("00000002"));
        const std::uint32_t writes = card.os->nvm().pageWrites();
        QCOMPARE(card.sw("8052000000"), std::uint16_t(0x6985)); // wrote, then refused: rolled back
        QCOMPARE(card.os->nvm().pageWrites(), writes);
        QCOMPARE(card.tx("00B0810000").data, hex("00000002")); // OS commands pass through while selected
        QCOMPARE(card.tx("80CA010400").data, (Bytes{0x01}));
        QCOMPARE(card.sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(app->deselections, 1);
        QVERIFY(card.os->activeApplication() == nullptr);
        QCOMPARE(card.sw("8050000000"), std::uint16_t(0x6D00));
        card.os->reset();
        QCOMPARE(app->resets, 1);
        card.reopen(); // the counter is in NVM
        card.os->registerApplication(app);
        QCOMPARE(card.sw("00A4040C06A0000000AA01"), std::uint16_t(0x9000));
        QCOMPARE(card.tx("8050000000").data, hex("00000003"));
    }

    void extraOsCommand() {
        cardtest::TempCard card;
        issue(card);
        card.os->registerCommand(0x80, 0x60, CardOs::SmPolicy::None, CardOs::inPersonalised, [](CommandContext& ctx) {
            return ResponseApdu{ctx.apdu.data, cdos::sw::Ok};
        });
        QCOMPARE(card.tx("8060000003ABCDEF00").data, hex("ABCDEF"));
        QCOMPARE(card.sw("8460000003ABCDEF"), std::uint16_t(0x6E00)); // no SM for it
        cardtest::Issuer issuer(*card.os, cardtest::blankKey());
        issuer.start();
        QCOMPARE(issuer.send(CommandApdu{0x80, 0x16, 0, 0, {}, -1}).sw, std::uint16_t(0x9000)); // BLOCK CARD
        QCOMPARE(card.sw("8060000003ABCDEF00"), std::uint16_t(0x6A81));
    }

    // The dispatcher is given its applications from outside: with its own list it runs exactly those (once, at
    // power-up) on top of the OS commands; the one-argument constructor gives the standard set.
    void applicationsGivenFromOutside() {
        QTemporaryDir dir;
        int installed = 0;
        const std::vector<ApplicationInstaller> counterOnly{[&](CardOs& os) {
            ++installed;
            os.registerApplication(std::make_shared<CounterApp>());
        }};
        CardOs bare(Nvm::create(dir.filePath(QStringLiteral("bare.img")).toStdString(), cardtest::fastNvm()), {},
                    counterOnly);
        QCOMPARE(installed, 1);
        const auto sw = [&](const char* apdu) { return ResponseApdu::fromRaw(bare.process(hex(apdu))).sw; };
        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));             // SELECT: an OS command
        QCOMPARE(sw("80300000080102030405060708"), std::uint16_t(0x6D00)); // AUTH INIT: no authentication here
        cardtest::TempCard standard;
        QCOMPARE(standard.sw("80300000080102030405060708"), std::uint16_t(0x6A81)); // known, served once issued
        QCOMPARE(standardApplications().size(), std::size_t(5));
    }
};

QTEST_GUILESS_MAIN(TestExtensions)
#include "TestExtensions.moc"
