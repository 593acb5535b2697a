// The e-purse cryptography of both roles, pinned by the published load example and by round trips: what a
// terminal computes, the card's side of the same function accepts, and vice versa.
#include "carddesk/protocol/epurse/EPurse.h"

#include <QtTest>

using namespace cdos;

namespace {
Bytes hex(const char* s) {
    return *fromHex(s);
}
QString h(const Bytes& b) {
    return QString::fromStdString(toHex(b));
}
const ep::TerminalId kTerminal{0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
} // namespace

class TestEPurse : public QObject {
    Q_OBJECT
private slots:
    void publishedLoadExample() {
        const Bytes subKey = hex("11223344556677888877665544332211");
        // INITIALIZE FOR LOAD 80 50 00 01 0B 01 00001000 001122334455 (ED load, P2 01)
        const CommandApdu init = ep::initializeForLoad(0x01, 0x1000, kTerminal, ep::kP2Ed);
        QCOMPARE(h(init.serialize()), QStringLiteral("805000010B0100001000001122334455") + QStringLiteral("10"));
        // → 00000000 0000 02 00 11223344 2988AE5A
        const auto resp = ep::InitLoadResponse::decode(hex("00000000 0000 02 00 11223344 2988AE5A"));
        QVERIFY(resp);
        const Bytes session = ep::loadSessionKey(subKey, resp->random, resp->onlineCounter);
        QCOMPARE(h(session), QStringLiteral("9B1D924E05595603"));
        QCOMPARE(h(ep::loadMac1(session, resp->balance, 0x1000, 0x01, kTerminal)), h(resp->mac1));
        const auto mac2 =
            ep::loadMac2(session, 0x1000, 0x01, kTerminal, ep::bcdDate(2011, 12, 21), ep::bcdTime(21, 48, 22));
        QCOMPARE(h(mac2), QStringLiteral("3A845BF0"));
        QCOMPARE(resp->encode(), hex("00000000 0000 02 00 11223344 2988AE5A"));
    }

    void everyMacChangesWithEveryField() {
        const Bytes s = hex("9B1D924E05595603");
        const auto d = ep::bcdDate(2026, 11, 25);
        const auto t = ep::bcdTime(12, 0, 0);
        auto other = kTerminal;
        other[5] ^= 1;
        QVERIFY(ep::purchaseMac1(s, 100, 6, kTerminal, d, t) != ep::purchaseMac1(s, 101, 6, kTerminal, d, t));
        QVERIFY(ep::purchaseMac1(s, 100, 6, kTerminal, d, t) != ep::purchaseMac1(s, 100, 6, other, d, t));
        QVERIFY(ep::purchaseMac2(s, 100) != ep::purchaseMac2(s, 99));
        const Bytes tk = ep::tacKey(hex("33445566778899AAAA99887766554433"));
        QCOMPARE(h(tk), QStringLiteral("99DDDD1111DDDD99"));
        QVERIFY(ep::purchaseTac(tk, 100, 6, kTerminal, 1, d, t) != ep::purchaseTac(tk, 100, 6, kTerminal, 2, d, t));
        QVERIFY(ep::loadTac(tk, 1000, 1, 100, 2, kTerminal, d, t) != ep::loadTac(tk, 1000, 2, 100, 2, kTerminal, d, t));
        QCOMPARE(ep::purchaseSessionKey(hex("11223344556677888877665544332211"), hex("01020304"), 1, 0x00010002),
                 ep::purchaseSessionKey(hex("11223344556677888877665544332211"), hex("01020304"), 1, 0x00FF0002));
    }

    void logRecordAndResponsesRoundTrip() {
        ep::LogRecord r{7, 0, 1500, 0x06, kTerminal, ep::bcdDate(2026, 11, 25), ep::bcdTime(9, 30, 5)};
        const Bytes b = r.encode();
        QCOMPARE(int(b.size()), ep::kLogRecordLength);
        const auto back = ep::LogRecord::decode(b);
        QVERIFY(back && back->amount == 1500 && back->counter == 7);
        QCOMPARE(QString::fromStdString(ep::formatDateTime(back->date, back->time)),
                 QStringLiteral("2026-11-25 09:30:05"));
        QVERIFY(!ep::LogRecord::decode(Bytes(22, 0)));
        ep::InitPurchaseResponse p{5000, 3, 0, 1, 0, hex("A1A2A3A4")};
        QCOMPARE(ep::InitPurchaseResponse::decode(p.encode())->offlineCounter, std::uint16_t(3));
        QVERIFY(!ep::InitPurchaseResponse::decode(Bytes(14, 0)));
        QCOMPARE(h(ep::getTransactionProve(ep::TxType::EpPurchase, 3).serialize()),
                 QStringLiteral("805A0006020003") + QStringLiteral("08"));
        QCOMPARE(h(ep::readLogRecord(1).serialize()), QStringLiteral("00B201C417"));
    }
};

QTEST_APPLESS_MAIN(TestEPurse)
#include "TestEPurse.moc"
