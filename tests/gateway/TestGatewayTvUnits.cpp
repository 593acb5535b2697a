// Pieces of the gateway's TV services on their own: the broadcast date from a DVB TDT/TOT (the worked example of
// ETSI EN 300 468 annex C), and the MENU EDIT operations the menu editor sends for a set of edits.
#include "BroadcastClock.h"
#include "MenuEditStep.h"

#include <QtTest>

using cdgw::BroadcastClock;
using cdgw::MenuEditStep;
using cdos::ca::MenuOp;

class TestGatewayTvUnits : public QObject {
    Q_OBJECT

private slots:
    void tdtDate() {
        // EN 300 468 annex C: 93/10/13 12:45:00 is coded as "0xC079124500".
        QCOMPARE(BroadcastClock::dateOfSection({0x70, 0x70, 0x05, 0xC0, 0x79, 0x12, 0x45, 0x00}),
                 std::optional<std::uint32_t>(19931013));
        // TOT (0x73) carries the same UTC_time first; 2026-11-26 is MJD 61370.
        QCOMPARE(BroadcastClock::dateOfSection({0x73, 0x70, 0x0A, 0xEF, 0xBA, 0x23, 0x59, 0x59, 0xF0, 0x00}),
                 std::optional<std::uint32_t>(20261126));
        // Not a TDT/TOT, truncated, or not BCD: no date.
        QVERIFY(!BroadcastClock::dateOfSection({0x80, 0x70, 0x05, 0xC0, 0x79, 0x12, 0x45, 0x00}));
        QVERIFY(!BroadcastClock::dateOfSection({0x70, 0x70, 0x05, 0xC0, 0x79, 0x12}));
        QVERIFY(!BroadcastClock::dateOfSection({0x70, 0x70, 0x05, 0xC0, 0x79, 0x1A, 0x45, 0x00}));
    }

    void tdtFromPackets() {
        BroadcastClock clock;
        QVERIFY(!clock.date());
        std::array<std::uint8_t, 188> p{};
        p.fill(0xFF);
        const std::uint8_t head[] = {0x47, 0x40, 0x14, 0x10, 0x00, 0x70, 0x70, 0x05, 0xEF, 0xBA, 0x00, 0x00, 0x02};
        std::copy(std::begin(head), std::end(head), p.begin());
        clock.push(cdos::ts::TsPacket(p.data()));
        QCOMPARE(clock.date(), std::optional<std::uint32_t>(20261126));
    }

    void menuOperations() {
        using Row = MenuEditStep::Row;
        auto row = [](std::uint8_t id, bool hidden, bool onCard) {
            return Row{cdos::MenuEntry{id, 0x1, hidden, "t"}, false, false, onCard};
        };
        std::vector<Row> rows{row(1, false, false), row(2, true, false), row(3, false, true), row(4, false, false)};
        rows[3].deleted = true;
        Row added{cdos::MenuEntry{9, 0x2, false, "new"}, true, false, false};
        rows.push_back(added);
        Row addedThenDropped{cdos::MenuEntry{10, 0x2, false, "gone"}, true, true, false};
        rows.push_back(addedThenDropped);
        const auto ops = MenuEditStep::operations(rows);
        // Deletion first (an addition may take its record), then hide/show of changed entries, then additions.
        QCOMPARE(ops.size(), std::size_t(4));
        QCOMPARE(ops[0].op, MenuOp::Delete);
        QCOMPARE(ops[0].entryId, std::uint8_t(4));
        QCOMPARE(ops[1].op, MenuOp::Hide);
        QCOMPARE(ops[1].entryId, std::uint8_t(2));
        QCOMPARE(ops[2].op, MenuOp::Show);
        QCOMPARE(ops[2].entryId, std::uint8_t(3));
        QCOMPARE(ops[3].op, MenuOp::Add);
        QCOMPARE(ops[3].entryId, std::uint8_t(9));
        QCOMPARE(ops[3].permission, 0x2u);
        QCOMPARE(ops[3].title, std::string("new"));
        QVERIFY(MenuEditStep::operations({row(1, false, false)}).empty());
    }
};

QTEST_GUILESS_MAIN(TestGatewayTvUnits)
#include "TestGatewayTvUnits.moc"
