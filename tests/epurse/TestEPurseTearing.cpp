// Power cut at every page write of a purchase and of a load (two tear sizes): after the card comes back, (balance,
// counter, log, last transaction) is wholly the old or wholly the new one, and a terminal that re-sends INITIALIZE
// and GET TRANSACTION PROVE learns which.
#include "EPurseTestSupport.h"

using namespace eptest;

namespace {

struct Snapshot {
    std::uint32_t balance = 0;
    std::uint16_t online = 0, offline = 0;
    std::vector<Bytes> log;
    Bytes last; // GET DATA 007A, empty when none
    Bytes proofTac;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(IssuedCard& c) {
    Snapshot s;
    auto t = c.terminal();
    t.selectPurse();
    s.balance = t.balance();
    const auto st = c.state();
    s.online = st.onlineCounter;
    s.offline = st.offlineCounter;
    for (const auto& r : t.readLog())
        s.log.push_back(r.encode());
    try {
        const auto last = t.lastTransaction();
        s.last = last.encode();
        s.proofTac = t.prove(static_cast<TxType>(last.type), last.counter).tac;
    } catch (const PurseError&) {
    }
    return s;
}

} // namespace

class TestEPurseTearing : public QObject {
    Q_OBJECT

    // Runs `purchase` (true) or a load from the same starting image with a cut at page write 1, 2, ... until one
    // completes without a cut.
    void tearAll(bool purchase, int tearBytes) {
        IssuedCard c;
        {
            auto t = c.terminal();
            t.selectPurse();
            t.verifyPin(1, "1234");
            t.load(10000, kDate, kTime);
            t.purchase(100, 1, kDate, kTime); // so that "old" has a last transaction and a log
        }
        const Bytes baseline = c.card.image();
        const Snapshot old = snapshot(c);

        // The reference "new" state: the same transaction without a cut.
        auto run = [&](std::uint32_t cutAt) -> std::optional<PendingTransaction> {
            c.card.close();
            cardtest::writeFile(c.card.path(), baseline);
            c.reopen();
            auto t = c.terminal();
            t.selectPurse();
            t.verifyPin(1, "1234");
            c.card.os->nvm().setPowerCutAt(cutAt, tearBytes);
            try {
                if (purchase)
                    t.purchase(700, 0x00ABCDEF, kDate, kTime);
                else
                    t.load(700, kDate, kTime);
            } catch (const cdos::card::PowerCut&) {
                return t.pending();
            }
            c.card.os->nvm().setPowerCutAt(0);
            return std::nullopt;
        };
        QVERIFY(!run(0));
        const Snapshot fresh = snapshot(c);
        QCOMPARE(fresh.balance, purchase ? old.balance - 700 : old.balance + 700);
        QVERIFY(!(fresh == old));

        int cuts = 0, sawOld = 0, sawNew = 0;
        for (std::uint32_t n = 1; n < 20; ++n) {
            const auto pending = run(n);
            if (!pending) {
                QVERIFY2(cuts > 0, "no page write was cut");
                break;
            }
            ++cuts;
            c.reopen(); // power back: the NVM replays or discards the journal
            const Snapshot now = snapshot(c);
            const bool isOld = now == old, isNew = now == fresh;
            QVERIFY2(isOld != isNew, qPrintable(QStringLiteral("cut at page write %1: a mixed state").arg(n)));
            sawOld += isOld;
            sawNew += isNew;
            // The terminal learns which from the card alone.
            auto t = c.terminal();
            const auto r = t.recover(*pending);
            QCOMPARE(r.happened, isNew);
            QCOMPARE(r.balanceNow, now.balance);
            if (r.happened)
                QVERIFY(r.tacVerified);
            qInfo("%s, tear %d: cut at page write %u -> %s", purchase ? "purchase" : "load", tearBytes, n,
                  isNew ? "new" : "old");
        }
        QVERIFY(cuts >= 2);
        // A half-page tear of the journal page still holds the whole (short) commit record, so it may come back
        // new; a 17-byte tear cannot, so it must come back old.
        if (tearBytes >= 0 && tearBytes < 32)
            QVERIFY(sawOld > 0);
        QVERIFY(sawNew > 0);
    }

private slots:
    void purchaseHalfPage() { tearAll(true, -1); }
    void purchaseFewBytes() { tearAll(true, 17); }
    void loadHalfPage() { tearAll(false, -1); }
    void loadFewBytes() { tearAll(false, 17); }
};

QTEST_GUILESS_MAIN(TestEPurseTearing)
#include "TestEPurseTearing.moc"
