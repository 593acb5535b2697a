// The BER-TLV of proactive commands, terminal responses and menu selections (protocol/Proactive.h): round trips,
// bytes pinned against TS 102 223, and malformed input refused.
#include "carddesk/protocol/apdu/CommandSet.h"
#include "carddesk/protocol/proactive/Proactive.h"

#include <QTest>

using cdos::Bytes;
namespace pa = cdos::proactive;

class TestProactiveCodec : public QObject {
    Q_OBJECT
private slots:
    void displayTextBytes() {
        pa::Command c;
        c.number = 1;
        c.type = pa::CommandType::DisplayText;
        c.qualifier = 0x80;
        c.text = "Hi";
        QCOMPARE(cdos::toHex(c.encode()), std::string("D00E8103012180820281028D03044869"));
    }

    void roundTrips() {
        pa::Command c;
        c.number = 7;
        c.type = pa::CommandType::SelectItem;
        c.destination = pa::device::Terminal;
        c.alpha = "Users";
        for (std::uint8_t i = 1; i <= 8; ++i)
            c.items.push_back({i, std::string(32, 'a')}); // 8 × 32 bytes: needs the 81 length form
        const auto d = pa::Command::decode(c.encode());
        QVERIFY(d.has_value());
        QCOMPARE(d->items, c.items);
        QCOMPARE(*d->alpha, std::string("Users"));

        pa::Command g;
        g.type = pa::CommandType::GetInput;
        g.qualifier = pa::qualifier::GetInputHidden;
        g.text = "PIN für 户主";
        g.minLength = 4;
        g.maxLength = 12;
        const auto gd = pa::Command::decode(g.encode());
        QVERIFY(gd && gd->hiddenInput() && gd->minLength == 4 && gd->maxLength == 12 && *gd->text == *g.text);

        pa::Command t;
        t.grant = pa::PermissionGrant{3, 0x80000004u, 0, {}};
        QCOMPARE(pa::Command::decode(t.encode())->grant, t.grant);
        t.grant = pa::PermissionGrant{3, 0x10u, 2, Bytes{0xDE, 0xAD, 0xBE, 0xEF}}; // signed
        QCOMPARE(pa::Command::decode(t.encode())->grant, t.grant);

        pa::TerminalResponse r = pa::TerminalResponse::answering(g);
        r.text = "1234";
        const auto rd = pa::TerminalResponse::decode(r.encode());
        QVERIFY(rd && rd->type == pa::CommandType::GetInput && *rd->text == "1234" && rd->result == 0);

        QCOMPARE(pa::MenuSelection::decode(pa::MenuSelection{4}.encode())->item, std::uint8_t(4));
        QCOMPARE(pa::MenuSelection{4}.encode(), (Bytes{0xD3, 0x07, 0x82, 0x02, 0x01, 0x81, 0x90, 0x01, 0x04}));
    }

    void malformedRefused() {
        QVERIFY(!pa::Command::decode(Bytes{}));
        QVERIFY(!pa::Command::decode(Bytes{0xD0, 0x05, 0x81, 0x03, 0x01}));             // runs past the end
        QVERIFY(!pa::Command::decode(Bytes{0xD0, 0x05, 0x81, 0x03, 0x01, 0x99, 0x00})); // unknown type
        QVERIFY(!pa::Command::decode(Bytes{0xD0, 0x04, 0x82, 0x02, 0x81, 0x02}));       // no command details
        QVERIFY(!pa::TerminalResponse::decode(Bytes{0x81, 0x03, 0x01, 0x21, 0x00}));    // no result
        QVERIFY(!pa::TerminalResponse::decode(Bytes{0x81, 0x03, 0x01, 0x21, 0x00, 0x82, 0x02, 0x82, 0x81, 0x83}));
        QVERIFY(!pa::TerminalResponse::decode(
            Bytes{0x81, 0x03, 0x01, 0x23, 0x04, 0x82, 0x02, 0x82, 0x81, 0x83, 0x01, 0x00, 0x8D, 0x02, 0x08, 0x31}));
        QVERIFY(!pa::TerminalResponse::decode(
            Bytes{0x81, 0x03, 0x01, 0x23, 0x04, 0x82, 0x02, 0x82, 0x81, 0x83, 0x01, 0x00, 0x8D, 0x02, 0x04, 0xFF}));
        QVERIFY(!pa::MenuSelection::decode(Bytes{0xD3, 0x04, 0x82, 0x02, 0x01, 0x81})); // no item
        QVERIFY(pa::isPending(0x9120) && pa::pendingLength(0x9120) == 0x20 && !pa::isPending(0x9000));
    }

    void namedInTraces() {
        QCOMPARE(cdos::commandName(0x80, pa::ins::Fetch), std::string("FETCH"));
        QCOMPARE(cdos::commandName(0x80, pa::ins::TerminalResponse), std::string("TERMINAL RESPONSE"));
        QCOMPARE(cdos::statusWordMeaning(0x912D), std::string("proactive command of 45 bytes pending (FETCH)"));
    }
};

QTEST_APPLESS_MAIN(TestProactiveCodec)
#include "TestProactiveCodec.moc"
