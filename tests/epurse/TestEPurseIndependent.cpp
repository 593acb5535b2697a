// Every e-purse MAC and TAC cross-checked against an independent implementation (issue 16): IndependentDes.h is a
// DES written from FIPS 46-3's tables with its own CBC-MAC, padding, key diversification and session-key
// derivation, sharing no code with CardDesk's crypto. It is first held to published known answers (FIPS 81 and the
// classic textbook vectors, the e-purse example of the spec page); then a real card OS loads and spends, and each
// MAC1, MAC2 and TAC that travelled in the APDUs is recomputed from the issuer's master keys and the exchanged
// fields alone — so a fault shared by the card and the terminal (both use CardDesk's functions) cannot hide.
#include "EPurseTestSupport.h"
#include "IndependentDes.h"

#include <utility>

using namespace eptest;

namespace {

Bytes be(std::uint64_t v, int n) {
    Bytes out(static_cast<std::size_t>(n));
    for (int i = n - 1; i >= 0; --i, v >>= 8)
        out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
    return out;
}
Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const Bytes& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}
Bytes slice(const Bytes& b, std::size_t at, std::size_t n) {
    return Bytes(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + n));
}
std::uint64_t number(const Bytes& b) {
    std::uint64_t v = 0;
    for (auto x : b)
        v = (v << 8) | x;
    return v;
}
Bytes masterKey(const char* name) {
    // The development master keys as published in resources/keystores/development-keys.txt (docs/keys.md).
    if (std::string_view(name) == "LOAD")
        return cardtest::hex("11223344556677888877665544332211");
    if (std::string_view(name) == "PURCHASE")
        return cardtest::hex("22334455667788999988776655443322");
    return cardtest::hex("33445566778899AAAA99887766554433"); // TAC
}
Bytes tacKey8(const Bytes& asn) {
    const Bytes sub = indep::diversify(masterKey("TAC"), asn);
    Bytes k(8);
    for (std::size_t i = 0; i < 8; ++i)
        k[i] = sub[i] ^ sub[i + 8];
    return k;
}

} // namespace

class TestEPurseIndependent : public QObject {
    Q_OBJECT

private slots:
    // The independent DES against published known answers, so that agreeing with it means something.
    void independentDesKnownAnswers_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QString>("cipher");
        // FIPS 81 appendix B ("Now is the time for all "), the textbook walk-through, NBS variable-plaintext.
        QTest::newRow("FIPS 81 block 1") << "0123456789ABCDEF"
                                         << "4E6F772069732074"
                                         << "3FA40E8A984D4815";
        QTest::newRow("FIPS 81 block 2") << "0123456789ABCDEF"
                                         << "68652074696D6520"
                                         << "6A271787AB8883F9";
        QTest::newRow("textbook") << "133457799BBCDFF1"
                                  << "0123456789ABCDEF"
                                  << "85E813540F0AB405";
        QTest::newRow("NBS variable plaintext 1") << "0101010101010101"
                                                  << "8000000000000000"
                                                  << "95F8A5E5DD31D900";
        QTest::newRow("NBS variable key 1") << "8001010101010101"
                                            << "0000000000000000"
                                            << "95A8D72813DAA94D";
    }
    void independentDesKnownAnswers() {
        QFETCH(QString, key);
        QFETCH(QString, plain);
        QFETCH(QString, cipher);
        const Bytes k = cardtest::hex(qPrintable(key)), p = cardtest::hex(qPrintable(plain));
        QCOMPARE(indep::des(k, p), cardtest::hex(qPrintable(cipher)));
        QCOMPARE(indep::des(k, cardtest::hex(qPrintable(cipher)), false), p);
    }

    // The spec page's published e-purse example (an ED load) through the independent code.
    void publishedLoadExample() {
        const Bytes session = indep::tdes(masterKey("LOAD"), cardtest::hex("1122334400008000"));
        QCOMPARE(session, cardtest::hex("9B1D924E05595603"));
        const Bytes terminal = cardtest::hex("001122334455");
        QCOMPARE(indep::mac4(session, cat({be(0, 4), be(0x1000, 4), be(1, 1), terminal})), cardtest::hex("2988AE5A"));
        QCOMPARE(indep::mac4(session, cat({be(0x1000, 4), be(1, 1), terminal, cardtest::hex("20111221"),
                                           cardtest::hex("214822")})),
                 cardtest::hex("3A845BF0"));
    }

    // A real card OS loads 5000 and spends 1234 twice; every MAC and TAC on the wire is recomputed here.
    void everyMacAndTacOnTheWire() {
        IssuedCard c;
        std::vector<std::pair<cdos::CommandApdu, cdos::ResponseApdu>> wire;
        const cdos::Transmit recorded = [&](const cdos::CommandApdu& cmd) {
            const cdos::ResponseApdu r = c.card.os->transmit(cmd);
            wire.emplace_back(cmd, r);
            return r;
        };
        PurseTerminal t(recorded, kTerminal, c.purseKeys());
        t.selectPurse();
        t.verifyPin(1, "1234");
        t.load(5000, kDate, kTime);
        t.purchase(1234, 0xCAFE0001, kDate, kTime);
        t.purchase(1234, 0xCAFE0002, kDate, kTime);

        const Bytes asn = c.profile.info.asn();
        const Bytes loadKey = indep::diversify(masterKey("LOAD"), asn);
        const Bytes purchaseKey = indep::diversify(masterKey("PURCHASE"), asn);
        const Bytes tk = tacKey8(asn);
        const Bytes terminal(kTerminal.begin(), kTerminal.end());
        const Bytes date(kDate.begin(), kDate.end()), time(kTime.begin(), kTime.end());
        int loads = 0, purchases = 0;
        for (std::size_t i = 0; i + 1 < wire.size(); ++i) {
            const auto& [cmd, resp] = wire[i];
            const auto& [next, nextResp] = wire[i + 1];
            if (cmd.cla != 0x80 || cmd.ins != 0x50 || !resp.ok())
                continue;
            const Bytes amount = slice(cmd.data, 1, 4);
            const std::uint8_t type = cmd.p1 == 0x00 ? 0x02 : 0x06; // EP load / EP purchase
            QCOMPARE(slice(cmd.data, 5, 6), terminal);
            if (cmd.p1 == 0x00) {
                // INITIALIZE FOR LOAD → balance(4) online counter(2) key version alg random(4) MAC1(4)
                const Bytes balance = slice(resp.data, 0, 4), counter = slice(resp.data, 4, 2);
                const Bytes session = indep::tdes(loadKey, cat({slice(resp.data, 8, 4), counter, {0x80, 0x00}}));
                QCOMPARE(slice(resp.data, 12, 4), indep::mac4(session, cat({balance, amount, {type}, terminal})));
                // CREDIT FOR LOAD: date time MAC2 → TAC
                QCOMPARE(next.ins, std::uint8_t(0x52));
                QCOMPARE(slice(next.data, 7, 4), indep::mac4(session, cat({amount, {type}, terminal, date, time})));
                const Bytes after = be(number(balance) + number(amount), 4);
                QCOMPARE(nextResp.data, indep::mac4(tk, cat({after, counter, amount, {type}, terminal, date, time})));
                ++loads;
            } else {
                // INITIALIZE FOR PURCHASE → balance(4) offline counter(2) overdraft(3) key version alg random(4)
                const Bytes counter = slice(resp.data, 4, 2);
                // DEBIT FOR PURCHASE: terminal serial(4) date time MAC1 → TAC(4) MAC2(4)
                QCOMPARE(next.ins, std::uint8_t(0x54));
                const Bytes serial = slice(next.data, 0, 4);
                const Bytes session =
                    indep::tdes(purchaseKey, cat({slice(resp.data, 11, 4), counter, slice(serial, 2, 2)}));
                QCOMPARE(slice(next.data, 11, 4), indep::mac4(session, cat({amount, {type}, terminal, date, time})));
                QCOMPARE(slice(nextResp.data, 4, 4), indep::mac4(session, amount));
                QCOMPARE(slice(nextResp.data, 0, 4),
                         indep::mac4(tk, cat({amount, {type}, terminal, serial, date, time})));
                ++purchases;
            }
        }
        QCOMPARE(loads, 1);
        QCOMPARE(purchases, 2);
    }
};

QTEST_GUILESS_MAIN(TestEPurseIndependent)
#include "TestEPurseIndependent.moc"
