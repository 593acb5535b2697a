#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/apdu/CommandSet.h"

#include <QtTest>

using namespace cdos;

class TestApdu : public QObject {
    Q_OBJECT
private slots:
    void roundTripsEveryCase_data() {
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("case 1") << QByteArray("0084000000"); // not case 1: Le=00 (case 2, 256)
        QTest::newRow("case 1 bare") << QByteArray("80F00000");
        QTest::newRow("case 2") << QByteArray("0084000008");
        QTest::newRow("case 3") << QByteArray("00A4000C023F00");
        QTest::newRow("case 4") << QByteArray("00A4040005A00000000100");
        QTest::newRow("case 2 ext") << QByteArray("00B00000000100");
        QTest::newRow("case 3 ext") << QByteArray("80E00000000003010203");
        QTest::newRow("case 4 ext") << QByteArray("80E000000000030102030000");
    }
    void roundTripsEveryCase() {
        QFETCH(QByteArray, hex);
        const Bytes raw = *fromHex(hex.toStdString());
        auto parsed = parseCommand(raw);
        QVERIFY(std::holds_alternative<CommandApdu>(parsed));
        QCOMPARE(std::get<CommandApdu>(parsed).serialize(), raw);
    }

    void malformedIsAnErrorNotACrash_data() {
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("one byte") << QByteArray("00");
        QTest::newRow("three bytes") << QByteArray("00A404");
        QTest::newRow("Lc too long") << QByteArray("00A4000C053F00");
        QTest::newRow("Lc too short") << QByteArray("00A4000C013F00AA");
        QTest::newRow("ext truncated") << QByteArray("00A400000001");
        QTest::newRow("ext Lc zero") << QByteArray("00A40000000000AA");
        QTest::newRow("ext mismatch") << QByteArray("00A40000000005AA");
    }
    void malformedIsAnErrorNotACrash() {
        QFETCH(QByteArray, hex);
        auto parsed = parseCommand(*fromHex(hex.toStdString()));
        QVERIFY(std::holds_alternative<ApduParseError>(parsed));
        QVERIFY(!std::get<ApduParseError>(parsed).what.empty());
    }

    void responses() {
        auto r = ResponseApdu::fromRaw(*fromHex("0102 9000"));
        QVERIFY(r.ok());
        QCOMPARE(r.data, *fromHex("0102"));
        QCOMPARE(ResponseApdu::fromRaw({0x90}).sw, std::uint16_t(0));
        QCOMPARE(r.serialize(), *fromHex("01029000"));
    }

    void meanings() {
        QCOMPARE(QString::fromStdString(statusWordMeaning(0x63C2)), QStringLiteral("wrong PIN, 2 tries left"));
        QCOMPARE(QString::fromStdString(statusWordMeaning(0x6C10)), QStringLiteral("wrong Le, 16 bytes available"));
        QCOMPARE(QString::fromStdString(commandName(0x84, ins::WriteKey)), QStringLiteral("WRITE KEY"));
        QCOMPARE(QString::fromStdString(commandName(0x00, ins::Select)), QStringLiteral("SELECT"));
    }

    void atrOffersT1AndNamesTheOs() {
        const Bytes atr = buildAtr(LifeCycle::Personalised);
        QCOMPARE(atr[0], std::uint8_t(0x3B));
        QCOMPARE(atr[2], std::uint8_t(0x01)); // TD1: T=1
        QCOMPARE(std::string(atr.begin() + 3, atr.begin() + 7), std::string("CDOS"));
        std::uint8_t x = 0;
        for (std::size_t i = 1; i < atr.size(); ++i)
            x ^= atr[i];
        QCOMPARE(x, std::uint8_t(0)); // TCK makes the XOR of T0..TCK zero
    }

    void hex() {
        QVERIFY(!fromHex("0"));
        QVERIFY(!fromHex("zz"));
        QCOMPARE(*fromHex("de AD:be\nef"), (Bytes{0xDE, 0xAD, 0xBE, 0xEF}));
        QCOMPARE(toHex(Bytes{1, 0xAB}, true), std::string("01 AB"));
    }
};

QTEST_APPLESS_MAIN(TestApdu)
#include "TestApdu.moc"
