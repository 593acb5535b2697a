// Power cut at every page write (two tear sizes) while opening a VOD right and while saving an edited menu: after
// the card comes back, the rights, the purchase binding and the menu are wholly the old or wholly the new ones.
#include "CaTestSupport.h"

using namespace catest;

namespace {

struct Snapshot {
    Bytes rights, menu;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(CaCard& c) {
    c.selectCa();
    Snapshot s;
    s.rights = c.tx(getCaData(kTagEntitlements)).data;
    s.menu = c.card.inspect(cdos::tag::Menu);
    return s;
}

} // namespace

class TestCaTearing : public QObject {
    Q_OBJECT

    // Runs `command` from the same starting image with a cut at page write 1, 2, ... until one completes.
    void tearAll(bool vod, int tearBytes) {
        CaCard c;
        if (vod) {
            auto t = c.terminal();
            t.selectPurse();
            t.verifyPin(1, "1234");
            t.load(5000, eptest::kDate, eptest::kTime);
            t.purchase(800, 1, eptest::kDate, eptest::kTime);
        }
        const Bytes baseline = c.card.image();
        const Snapshot old = snapshot(c);
        const CommandApdu command =
            vod ? c.vodRight(kVodProgramme, 800, 30)
                : editMenu({{MenuOp::Hide, 1}, {MenuOp::Delete, 3}, {MenuOp::Add, 9, 0x1, "新的频道"}});
        auto run = [&](std::uint32_t cutAt) {
            c.card.close();
            cardtest::writeFile(c.card.path(), baseline);
            c.reopen();
            c.selectCa();
            c.verify(1);
            c.card.os->nvm().setPowerCutAt(cutAt, tearBytes);
            try {
                const auto r = c.tx(command);
                c.card.os->nvm().setPowerCutAt(0);
                return r.sw == 0x9000 ? 0 : 1;
            } catch (const cdos::card::PowerCut&) {
                return 2;
            }
        };
        QCOMPARE(run(0), 0);
        const Snapshot fresh = snapshot(c);
        QVERIFY(!(fresh == old));
        int cuts = 0, sawOld = 0, sawNew = 0;
        for (std::uint32_t n = 1;; ++n) {
            const int outcome = run(n);
            QVERIFY(outcome != 1);
            if (outcome == 0)
                break;
            ++cuts;
            c.card.close();
            c.reopen();
            const Snapshot after = snapshot(c);
            QVERIFY2(after == old || after == fresh,
                     qPrintable(QStringLiteral("half-written at page write %1").arg(n)));
            after == old ? ++sawOld : ++sawNew;
            if (vod && after == old) {
                // The purchase was not used up: the right can still be opened.
                c.verify(1);
                QCOMPARE(c.tx(command).sw, std::uint16_t{0x9000});
            }
        }
        QVERIFY(cuts >= 2);
        // A whole journal page already holds the commit record, so only a torn one can leave the old state.
        if (tearBytes >= 0)
            QVERIFY(sawOld > 0);
        qInfo("%s tear %d: %d cuts, %d old, %d new", vod ? "VOD right" : "menu edit", tearBytes, cuts, sawOld, sawNew);
    }

private slots:
    void vodRightWholeBytes() { tearAll(true, -1); }
    void vodRightTornPage() { tearAll(true, 7); }
    void menuEditWholeBytes() { tearAll(false, -1); }
    void menuEditTornPage() { tearAll(false, 7); }
};

QTEST_GUILESS_MAIN(TestCaTearing)
#include "TestCaTearing.moc"
