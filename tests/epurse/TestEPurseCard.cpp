// The EP application in process: issue → load → purchase → log → prove, PIN commands, page writes, and every
// refusal of the issue — each compared against the whole image, byte for byte, before and after.
#include "EPurseTestSupport.h"

using namespace eptest;
using cdos::CommandApdu;

class TestEPurseCard : public QObject {
    Q_OBJECT

    // The command is refused with `sw` and the image file does not change by a single byte.
    static void refusedUnchanged(IssuedCard& c, const CommandApdu& cmd, std::uint16_t sw) {
        const Bytes before = c.card.image();
        QCOMPARE(QString::number(c.sw(cmd), 16), QString::number(sw, 16));
        QVERIFY(c.card.image() == before);
    }
    // A wrong host MAC: refused with 9302, the purse untouched, one try of the key spent (and nothing else).
    static void refusedSpendingATry(IssuedCard& c, const CommandApdu& cmd, std::uint8_t keyId) {
        const auto before = c.state();
        const auto tries = c.card.os->keys().find(keyId)->info.errorCounter;
        QCOMPARE(QString::number(c.sw(cmd), 16), QStringLiteral("9302"));
        QCOMPARE(c.state().balance, before.balance);
        QCOMPARE(c.state().onlineCounter, before.onlineCounter);
        QCOMPARE(c.state().offlineCounter, before.offlineCounter);
        QCOMPARE(int(c.card.os->keys().find(keyId)->info.errorCounter), int(tries) - 1);
    }
    // INITIALIZE FOR PURCHASE, then a DEBIT with a good MAC1 built from the card's answer.
    static CommandApdu goodDebit(IssuedCard& c, std::uint32_t amount, std::uint32_t serial) {
        const auto r = c.card.os->transmit(initializeForPurchase(kKeyIndex, amount, kTerminal));
        const auto init = InitPurchaseResponse::decode(r.data);
        if (!init)
            return {};
        const auto keys = c.purseKeys();
        const Bytes s =
            purchaseSessionKey(keys.purchase->reveal("test").bytes(), init->random, init->offlineCounter, serial);
        return debitForPurchase(serial, kDate, kTime, purchaseMac1(s, amount, 6, kTerminal, kDate, kTime));
    }
    static PurseTerminal ready(IssuedCard& c, std::uint32_t loadAmount = 10000) {
        auto t = c.terminal();
        t.selectPurse();
        t.verifyPin(1, "1234");
        if (loadAmount)
            t.load(loadAmount, kDate, kTime);
        return t;
    }

private slots:
    // Issue 17: CREDIT FOR LOAD and DEBIT counted no MAC failure, so MAC2 could be searched online (2^32 INITIALIZE
    // + CREDIT pairs against a virtual card). The LOAD key's error counter now ends the search, for good.
    void macSearchEndsAfterTheKeysTries() {
        IssuedCard c;
        ready(c);
        const std::uint8_t max = c.card.os->keys().find(0x04)->info.maxErrors;
        QVERIFY(max > 1);
        for (std::uint8_t i = 0; i < max; ++i) {
            QCOMPARE(c.sw(initializeForLoad(kKeyIndex, 100, kTerminal)), std::uint16_t(0x9000));
            QCOMPARE(c.sw(creditForLoad(kDate, kTime, Bytes{0, 0, 0, i})), std::uint16_t(0x9302));
        }
        c.reopen();
        c.terminal().selectPurse();
        QCOMPARE(c.sw(initializeForLoad(kKeyIndex, 100, kTerminal)), std::uint16_t(0x6983)); // blocked, persistently
        QCOMPARE(c.state().balance, 10000u);
    }

    void issueLoadPurchaseLogProve() {
        IssuedCard c;
        auto t = c.terminal();
        t.selectPurse();
        QCOMPARE(t.balance(), 0u);
        QCOMPARE(t.params().balanceLimit, 200000u);
        try {
            t.lastTransaction();
            QFAIL("a new purse has no last transaction");
        } catch (const PurseError& e) {
            QCOMPARE(e.sw, std::uint16_t(0x6A88));
        }
        QCOMPARE(t.readLog().size(), std::size_t(0));
        t.verifyPin(1, "1234");

        const auto l = t.load(10000, kDate, kTime);
        QVERIFY(l.tacVerified);
        QCOMPARE(l.counter, std::uint16_t(0));
        QCOMPARE(l.balanceAfter, 10000u);
        const auto p1 = t.purchase(250, 1001, kDate, kTime);
        const auto p2 = t.purchase(750, 1002, kDate, bcdTime(2, 31, 0));
        QVERIFY(p1.tacVerified && p2.tacVerified && p1.mac2Verified && p2.mac2Verified);
        QCOMPARE(p2.counter, std::uint16_t(1));
        QCOMPARE(t.balance(), 9000u);

        const auto log = t.readLog();
        QCOMPARE(log.size(), std::size_t(3));
        QCOMPARE(log[0].type, std::uint8_t(6)); // newest first
        QCOMPARE(log[0].amount, 750u);
        QCOMPARE(log[0].counter, std::uint16_t(1));
        QCOMPARE(log[2].type, std::uint8_t(2));
        QVERIFY(log[0].terminal == kTerminal);

        const auto last = t.lastTransaction();
        QCOMPARE(last.terminalSerial, 1002u);
        QCOMPARE(last.counter, std::uint16_t(1));
        const auto proof = t.prove(TxType::EpPurchase, 1);
        QCOMPARE(proof.tac, p2.tac);
        QCOMPARE(proof.mac, p2.mac2);
        QVERIFY(t.checkTac(log[0], last, t.balance(), proof.tac));
        QVERIFY(!t.checkTac(log[1], last, t.balance(), proof.tac)); // not the last transaction
        try {
            t.prove(TxType::EpPurchase, 0); // an older one: only the last can be proved
            QFAIL("9406 expected");
        } catch (const PurseError& e) {
            QCOMPARE(e.sw, std::uint16_t(0x9406));
        }

        // A load as the last transaction proves with the current balance.
        const auto l2 = t.load(500, kDate, kTime);
        const auto lastLoad = t.lastTransaction();
        const auto loadProof = t.prove(TxType::EpLoad, l2.counter);
        QCOMPARE(loadProof.tac, l2.tac);
        QVERIFY(t.checkTac(t.readLog()[0], lastLoad, t.balance(), loadProof.tac));

        // The log is cyclic: 12 more purchases leave the 10 newest.
        for (std::uint32_t i = 0; i < 12; ++i)
            t.purchase(1, 2000 + i, kDate, kTime);
        const auto full = t.readLog();
        QCOMPARE(full.size(), std::size_t(10));
        QCOMPARE(full[0].counter, std::uint16_t(13));
        QCOMPARE(full[9].counter, std::uint16_t(4));
        // The state survives a power cycle; the verified PIN does not.
        c.reopen();
        auto t2 = c.terminal();
        t2.selectPurse();
        QCOMPARE(t2.balance(), 9500u - 12u);
        QCOMPARE(c.sw(goodDebit(c, 1, 1)), std::uint16_t(0x6982));
    }

    void pageWrites() {
        IssuedCard c;
        auto t = ready(c, 0);
        auto& nvm = c.card.os->nvm();
        std::uint32_t before = nvm.pageWrites();
        t.load(10000, kDate, kTime);
        const std::uint32_t load = nvm.pageWrites() - before;
        before = nvm.pageWrites();
        t.purchase(100, 1, kDate, kTime);
        const std::uint32_t purchase = nvm.pageWrites() - before;
        before = nvm.pageWrites();
        t.balance();
        t.readLog();
        t.lastTransaction();
        t.prove(TxType::EpPurchase, 0);
        const std::uint32_t reads = nvm.pageWrites() - before;
        qInfo("page writes: load %u, purchase %u, reads/prove %u", load, purchase, reads);
        QVERIFY(load <= 4);
        QVERIFY(purchase <= 4);
        QCOMPARE(reads, 0u);
    }

    void refusalsChangeNothing() {
        IssuedCard c;
        ready(c);
        // DEBIT / CREDIT without INITIALIZE.
        refusedUnchanged(c, debitForPurchase(1, kDate, kTime, Bytes(4, 0)), 0x6985);
        refusedUnchanged(c, creditForLoad(kDate, kTime, Bytes(4, 0)), 0x6985);
        // Wrong MAC1, then the session is over.
        CommandApdu debit = goodDebit(c, 100, 7);
        CommandApdu bad = debit;
        bad.data.back() ^= 1;
        refusedSpendingATry(c, bad, 0x03);
        refusedUnchanged(c, debit, 0x6985);
        // Wrong MAC2 on a load.
        QCOMPARE(c.sw(initializeForLoad(kKeyIndex, 100, kTerminal)), std::uint16_t(0x9000));
        refusedSpendingATry(c, creditForLoad(kDate, kTime, Bytes(4, 0xAA)), 0x04);
        // A good DEBIT replayed.
        debit = goodDebit(c, 100, 8);
        QCOMPARE(c.sw(debit), std::uint16_t(0x9000));
        refusedUnchanged(c, debit, 0x6985);
        // Any other command between INITIALIZE and DEBIT ends the session.
        debit = goodDebit(c, 100, 9);
        QCOMPARE(c.sw(getBalance()), std::uint16_t(0x9000));
        refusedUnchanged(c, debit, 0x6985);
        // Insufficient balance, key index, balance limit (200000 fen in the sample profile).
        refusedUnchanged(c, initializeForPurchase(kKeyIndex, 1000000, kTerminal), 0x9401);
        refusedUnchanged(c, initializeForPurchase(0x02, 1, kTerminal), 0x9403);
        refusedUnchanged(c, initializeForLoad(0x02, 1, kTerminal), 0x9403);
        refusedUnchanged(c, initializeForLoad(kKeyIndex, 200000, kTerminal), 0x6A80);
        // Malformed lengths and parameters.
        CommandApdu shortInit = initializeForPurchase(kKeyIndex, 1, kTerminal);
        shortInit.data.pop_back();
        refusedUnchanged(c, shortInit, 0x6700);
        debit = goodDebit(c, 1, 10);
        debit.data.push_back(0);
        refusedUnchanged(c, debit, 0x6700);
        refusedUnchanged(c, CommandApdu{0x80, 0x5C, 0x00, 0x02, {}, -1}, 0x6700);
        refusedUnchanged(c, CommandApdu{0x80, 0x5A, 0x00, 0x06, {0x00}, 8}, 0x6700);
        refusedUnchanged(c, initializeForPurchase(kKeyIndex, 1, kTerminal, kP2Ed), 0x6A86);
        refusedUnchanged(c, getTransactionProve(TxType::EpLoad, 0x7777), 0x9406);
        // RELOAD PIN in the old form (PIN in clear), and without a challenge: refused, nothing spent.
        CommandApdu reload{0x80, 0x5E, 0x00, 0x01, cdos::pinToBcd("9999"), -1};
        cdos::append(reload.data, Bytes(4, 0x55));
        refusedUnchanged(c, reload, 0x6700);
        c.card.os->reset(); // no GET CHALLENGE in this card session
        QCOMPARE(c.sw(cdos::selectAid(kPurseAid)), std::uint16_t(0x9000));
        refusedUnchanged(c, CommandApdu{0x80, 0x5E, 0x00, 0x01, Bytes(12, 0x55), -1}, 0x6985);
    }

    // Issue 17: RELOAD PIN carried the new PIN in clear under a MAC without a card challenge, so a captured command
    // replayed set a known PIN. Now: encrypted PIN block, MAC over a one-time GET CHALLENGE, key 06's error counter.
    void reloadPinCannotBeReplayed() {
        IssuedCard c;
        auto t = c.terminal();
        t.selectPurse();
        const Bytes key = c.keys.cardKey("PIN_UNBLOCK", c.profile.info.asn())->reveal("test").bytes();
        const cdos::ResponseApdu ch = c.card.os->transmit(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8});
        QCOMPARE(ch.sw, std::uint16_t(0x9000));
        CommandApdu captured{0x80, cdos::ep::kInsReloadPin, 0x00, 2, reloadPinCryptogram(key, "1111"), -1};
        cdos::append(captured.data, reloadPinMac(key, ch.data, 2, captured.data));
        QVERIFY(captured.data != cdos::pinToBcd("1111")); // the PIN is not in the command
        QCOMPARE(c.sw(captured), std::uint16_t(0x9000));
        QCOMPARE(c.sw(cdos::verifyPin(2, "1111")), std::uint16_t(0x9000));
        t.changePin(2, "1111", "5678");
        // The replay: without a new challenge, and after one (its MAC is over the old challenge).
        refusedUnchanged(c, captured, 0x6985);
        QCOMPARE(c.card.os->transmit(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 8}).sw, std::uint16_t(0x9000));
        const auto tries = c.card.os->keys().find(0x06)->info.errorCounter;
        QCOMPARE(c.sw(captured), std::uint16_t(0x9302));
        QCOMPARE(int(c.card.os->keys().find(0x06)->info.errorCounter), int(tries) - 1); // spent for good
        QCOMPARE(c.sw(cdos::verifyPin(2, "1111")), std::uint16_t(0x63C2));              // still the holder's PIN
        QCOMPARE(c.sw(cdos::verifyPin(2, "5678")), std::uint16_t(0x9000));
    }

    void pinNotVerifiedOrBlocked() {
        IssuedCard c;
        auto t = c.terminal();
        t.selectPurse();
        t.load(1000, kDate, kTime); // loads need no PIN (SETTING loadNeedsPin = false)
        refusedUnchanged(c, goodDebit(c, 10, 1), 0x6982);
        for (int i = 0; i < 3; ++i)
            QVERIFY((c.sw(cdos::verifyPin(2, "0000")) & 0xFFF0) == 0x63C0);
        refusedUnchanged(c, cdos::verifyPin(2, "5678"), 0x6983);
        refusedUnchanged(c, goodDebit(c, 10, 2), 0x6982);
        // The issuer reloads the PIN (MAC with the PIN-unblock sub-key): tries come back.
        t.reloadPin(2, "8765");
        t.verifyPin(2, "8765");
        QVERIFY(t.purchase(10, 3, kDate, kTime).tacVerified);
        // CHANGE PIN: a wrong old PIN spends a try; the right one changes it.
        try {
            t.changePin(1, "9999", "4321");
            QFAIL("wrong old PIN");
        } catch (const PurseError& e) {
            QCOMPARE(e.sw, std::uint16_t(0x63C2));
        }
        t.changePin(1, "1234", "4321");
        t.verifyPin(1, "4321");
        QCOMPARE(c.sw(cdos::verifyPin(1, "1234")), std::uint16_t(0x63C2));
    }

    // Issue 11: the child of the standard template (live TV and settings only) paid from the purse: the card let
    // any verified user pay and top up. The card now asks the verified user's own rights.
    void rightsAreTheCards() {
        IssuedCard c(
            [](cdos::CardProfile& p) { p.users[2].profile.permissions = cdos::perm::LiveTv | cdos::perm::Settings; });
        auto t = c.terminal();
        t.selectPurse();
        t.load(1000, kDate, kTime); // the desk's load: no user verified
        QCOMPARE(c.sw(cdos::verifyPin(3, "246810")), std::uint16_t(0x9000));
        refusedUnchanged(c, goodDebit(c, 10, 1), cdos::sw::NotPermitted);
        refusedUnchanged(c, initializeForLoad(kKeyIndex, 100, kTerminal), cdos::sw::NotPermitted);
        // A user with the rights pays and tops up.
        t.verifyPin(2, "5678");
        QVERIFY(t.purchase(10, 1, kDate, kTime).tacVerified);
        t.load(100, kDate, kTime);
        QCOMPARE(c.state().balance, 1090u);
    }

    void countersNeverWrap() {
        IssuedCard c;
        auto t = ready(c);
        auto s = c.state();
        s.offlineCounter = 0xFFFE;
        s.onlineCounter = 0xFFFF;
        c.setState(s);
        t.selectPurse();
        t.verifyPin(1, "1234");
        const auto p = t.purchase(5, 1, kDate, kTime);
        QCOMPARE(p.counter, std::uint16_t(0xFFFE));
        QCOMPARE(c.state().offlineCounter, std::uint16_t(0xFFFF));
        refusedUnchanged(c, initializeForPurchase(kKeyIndex, 5, kTerminal), 0x9402);
        refusedUnchanged(c, initializeForLoad(kKeyIndex, 5, kTerminal), 0x9402);
        QCOMPARE(t.balance(), 10000u - 5u);
    }

    void recoveryAfterLostAnswer() {
        IssuedCard c;
        auto t = ready(c);
        // The answer to DEBIT is lost: the transmit function throws after the card processed it.
        bool lose = false;
        PurseTerminal lossy(
            [&](const CommandApdu& cmd) {
                const auto r = c.card.os->transmit(cmd);
                if (lose && cmd.ins == ins::DebitForPurchase)
                    throw std::runtime_error("reader gone");
                return r;
            },
            kTerminal, c.purseKeys());
        lossy.selectPurse();
        lossy.verifyPin(1, "1234");
        lose = true;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, lossy.purchase(300, 55, kDate, kTime));
        QVERIFY(lossy.pending());
        const auto r = lossy.recover(*lossy.pending());
        QVERIFY(r.happened);
        QVERIFY(r.tacVerified);
        QCOMPARE(r.balanceNow, 10000u - 300u);
        QVERIFY(!lossy.pending());
    }

    void purseMissingOnOldCards() {
        // A card OS without the EP DF (issued before this issue): SELECT by AID fails with 6A82.
        cardtest::TempCard card;
        QCOMPARE(card.tx(cdos::selectAid(kPurseAid)).sw, std::uint16_t(0x6A82));
    }
};

QTEST_GUILESS_MAIN(TestEPurseCard)
#include "TestEPurseCard.moc"
