// The input hopper of carddesk-card without PC/SC (issue 14): feed order, eject to output or reject, the status
// pseudo-APDU, a restart with a card left in the reader, an empty hopper and its refill, and the blank cards it makes.
#include "carddesk/card/dispatch/CardOs.h"
#include "carddesk/card/transport/CardHopper.h"
#include "carddesk/card/transport/HopperCard.h"
#include "carddesk/protocol/apdu/CommandSet.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace cdos::card;
namespace fs = std::filesystem;

namespace {

cdos::Bytes hex(const char* text) {
    return *cdos::fromHex(text);
}

// A card image as far as the hopper cares: it moves files, it never reads them.
void putFile(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> names(const fs::path& folder) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// What a card OS answers, so that a test can tell who answered.
class FakeCard : public VirtualCard {
public:
    cdos::Bytes atr() const override { return {0x3B}; }
    void powerOn() override {}
    void reset() override {}
    void powerOff() override {}
    cdos::Bytes process(const cdos::Bytes&) override { return hex("CAFE9000"); }
};

} // namespace

class TestCardHopper : public QObject {
    Q_OBJECT

private slots:
    void feedsInNameOrderAndEjects() {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        CardHopper hopper(dir);
        for (const char* name : {"c.img", "a.img", "b.img"})
            putFile(dir / "input" / name, name);
        QCOMPARE(hopper.status().input, std::size_t(3));

        auto card = hopper.cardInReader();
        QVERIFY(card);
        QCOMPARE(*card, dir / "reader" / "a.img");
        QCOMPARE(readFile(*card), std::string("a.img"));
        QCOMPARE(hopper.cardInReader(), card); // asked again: the same card, nothing fed
        QCOMPARE(hopper.status().input, std::size_t(2));

        QCOMPARE(*hopper.answer(cdos::hopperEject(false).serialize()), hex("9000"));
        QCOMPARE(hopper.pendingEject(), std::optional<bool>(false));
        QCOMPARE(hopper.eject(false), dir / "output" / "a.img");
        QVERIFY(!hopper.pendingEject());
        QCOMPARE(*hopper.cardInReader(), dir / "reader" / "b.img");

        QCOMPARE(*hopper.answer(cdos::hopperEject(true).serialize()), hex("9000"));
        QCOMPARE(hopper.pendingEject(), std::optional<bool>(true));
        QCOMPARE(hopper.eject(true), dir / "reject" / "b.img");
        QCOMPARE(*hopper.cardInReader(), dir / "reader" / "c.img");

        // input 0001, output 01, reject 01 — c.img is in the reader, counted nowhere.
        QCOMPARE(*hopper.answer(cdos::hopperStatus().serialize()), hex("000001019000"));
        QCOMPARE(names(dir / "output"), std::vector<std::string>{"a.img"});
        QCOMPARE(names(dir / "reject"), std::vector<std::string>{"b.img"});
        QCOMPARE(names(dir / "reader"), std::vector<std::string>{"c.img"});
        QVERIFY(names(dir / "input").empty());
    }

    void statusCountsSaturate() {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        CardHopper hopper(dir);
        for (int i = 0; i < 300; ++i) {
            putFile(dir / "input" / ("in-" + std::to_string(i)), "x");
            putFile(dir / "output" / ("out-" + std::to_string(i)), "x");
        }
        putFile(dir / "reject" / "r", "x");
        putFile(dir / "input" / ".hidden", "x"); // no card
        QCOMPARE(*hopper.answer(hex("FFE2000000")), hex("012CFF019000"));
        QCOMPARE(*hopper.answer(hex("FFE2000004")), hex("012CFF019000"));
        QCOMPARE(*hopper.answer(hex("FFE2000002")), hex("6C04"));
    }

    void pseudoApduErrorsAndWhatIsNotIntercepted() {
        QTemporaryDir tmp;
        CardHopper hopper(tmp.path().toStdString());
        QCOMPARE(*hopper.answer(hex("FFE00000")), hex("6D00"));
        QCOMPARE(*hopper.answer(hex("FFE30000")), hex("6D00"));
        QCOMPARE(*hopper.answer(hex("FFEF0000")), hex("6D00"));
        QCOMPARE(*hopper.answer(hex("FFE10200")), hex("6B00"));
        QCOMPARE(*hopper.answer(hex("FFE10001")), hex("6A86"));
        QCOMPARE(*hopper.answer(hex("FFE20100")), hex("6B00"));
        QCOMPARE(*hopper.answer(hex("FFE20005")), hex("6A86"));
        QCOMPARE(*hopper.answer(hex("FFE1000003010203")), hex("6700"));
        QVERIFY(!hopper.pendingEject());                          // none of those asked for an eject
        QVERIFY(!hopper.answer(hex("FFCA000000")));               // FF outside E0..EF: the card OS's
        QVERIFY(!hopper.answer(hex("FFDF0000")));                 // just below E0
        QVERIFY(!hopper.answer(hex("FFF00000")));                 // just above EF
        QVERIFY(!hopper.answer(hex("80E1000000")));               // other classes: the card OS's
        QVERIFY(!hopper.answer(hex("FFE1")));                     // too short to be a command: the card OS answers 6700
        QCOMPARE(*hopper.answer(hex("FFE1000000")), hex("9000")); // with an Le is fine too
        QCOMPARE(cdos::hopperEject(false).serialize(), hex("FFE10000"));
        QCOMPARE(cdos::hopperEject(true).serialize(), hex("FFE10100"));
        QCOMPARE(cdos::hopperStatus().serialize(), hex("FFE2000000"));
    }

    void hopperCardAnswersFirstAndAsksForRemoval() {
        QTemporaryDir tmp;
        CardHopper hopper(tmp.path().toStdString());
        FakeCard os;
        HopperCard slot(os, hopper);
        QCOMPARE(slot.process(hex("00A40000")), hex("CAFE9000"));
        QCOMPARE(slot.process(hex("FFCA000000")), hex("CAFE9000"));
        QVERIFY(!slot.removeAfterAnswer());
        QCOMPARE(slot.process(hex("FFE10000")), hex("9000"));
        QVERIFY(slot.removeAfterAnswer());
    }

    // SIGKILL at any instant leaves each card in one folder; a new process starts with the card in reader/.
    void restartStartsWithTheCardInTheReader() {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        fs::create_directories(dir / "input"); // only input/: the hopper makes the others
        putFile(dir / "input" / "1.img", "one");
        putFile(dir / "input" / "2.img", "two");
        {
            CardHopper first(dir);
            QCOMPARE(*first.cardInReader(), dir / "reader" / "1.img");
        } // "killed" with 1.img in the reader
        CardHopper second(dir);
        QCOMPARE(second.status().input, std::size_t(1));
        QCOMPARE(*second.cardInReader(), dir / "reader" / "1.img");
        QCOMPARE(second.status().input, std::size_t(1));
        QCOMPARE(second.eject(false), dir / "output" / "1.img");
        QCOMPARE(*second.cardInReader(), dir / "reader" / "2.img");
    }

    void emptyHopperAndRefill() {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        CardHopper hopper(dir);
        QVERIFY(!hopper.cardInReader());
        QCOMPARE(*hopper.answer(hex("FFE2000000")), hex("000000009000"));
        QVERIFY_THROWS_EXCEPTION(HopperError, hopper.eject(false)); // nothing in the reader
        putFile(dir / "input" / "late.img", "late");
        QCOMPARE(*hopper.cardInReader(), dir / "reader" / "late.img");
        hopper.eject(false);
        QVERIFY(!hopper.cardInReader());
        // The same name again (a card put back): never overwrites the finished one.
        putFile(dir / "input" / "late.img", "again");
        QVERIFY(hopper.cardInReader());
        QCOMPARE(hopper.eject(false), dir / "output" / "late-2.img");
        QCOMPARE(readFile(dir / "output" / "late.img"), std::string("late"));
        QCOMPARE(readFile(dir / "output" / "late-2.img"), std::string("again"));
    }

    void makesBlankCardsOnlyIntoAnEmptyHopper() {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        CardHopper hopper(dir);
        const cdos::Bytes key = hex("000102030405060708090A0B0C0D0E0F");
        QCOMPARE(hopper.fillWithBlanks(2, key), 2);
        QCOMPARE(names(dir / "input"), (std::vector<std::string>{"blank-00001.img", "blank-00002.img"}));
        QCOMPARE(names(dir).size(), std::size_t(4)); // the four folders, no staging leftovers
        QCOMPARE(hopper.fillWithBlanks(2, key), 0);  // input/ not empty
        cdos::Bytes serials[2];
        for (int i = 0; i < 2; ++i) {
            CardOs card(Nvm::open((dir / "input" / names(dir / "input")[i]).string()));
            QCOMPARE(card.lifeCycle(), cdos::LifeCycle::Blank);
            serials[i] = card.nvm().chipSerial();
        }
        QVERIFY(serials[0] != serials[1]);
        const auto inReader = hopper.cardInReader();
        hopper.eject(false);
        hopper.cardInReader();
        QCOMPARE(hopper.fillWithBlanks(2, key), 0); // input/ empty, but a card in the reader
        hopper.eject(false);
        QCOMPARE(hopper.fillWithBlanks(1, {}), 1); // the hopper ran out: a new batch
        QCOMPARE(names(dir / "input"), std::vector<std::string>{"blank-00001.img"});
        QCOMPARE(*hopper.cardInReader(), dir / "reader" / "blank-00001.img");
        QCOMPARE(hopper.eject(false), dir / "output" / "blank-00001-2.img");
    }
};

QTEST_GUILESS_MAIN(TestCardHopper)
#include "TestCardHopper.moc"
