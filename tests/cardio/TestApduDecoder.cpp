// Status words, command names, ATR life cycle, and the decode pane's GET DATA / FCP decoding.
#include <carddesk/cardio/ApduDecoder.h>

#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/ca/CaCommands.h>
#include <carddesk/protocol/epurse/EPurse.h>

#include <QtTest>

using namespace carddesk;

namespace {
QByteArray q(const cdos::Bytes& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

const DecodedField* find(const std::vector<DecodedField>& fields, const QString& label) {
    for (const auto& f : fields) {
        if (f.label == label)
            return &f;
        if (const auto* c = find(f.children, label))
            return c;
    }
    return nullptr;
}
} // namespace

class TestApduDecoder : public QObject {
    Q_OBJECT
private slots:
    void statusWords() {
        QCOMPARE(ApduDecoder::statusWordMeaning(0x9000), QStringLiteral("success"));
        QCOMPARE(ApduDecoder::statusWordMeaning(0x6988), QStringLiteral("secure messaging data incorrect (MAC)"));
        QCOMPARE(ApduDecoder::statusWordMeaning(0x63C2), QStringLiteral("wrong PIN, 2 tries left"));
        QCOMPARE(ApduDecoder::statusWordMeaning(0x6C10), QStringLiteral("wrong Le, 16 bytes available"));
        // Not in the table: the protocol library's English text.
        QCOMPARE(ApduDecoder::statusWordMeaning(0x6999), QString::fromStdString(cdos::statusWordMeaning(0x6999)));
    }

    void commandNames() {
        QCOMPARE(ApduDecoder::commandName(0x84, 0xD4), QStringLiteral("WRITE KEY"));
        QCOMPARE(ApduDecoder::commandName(0x00, 0xA4), QStringLiteral("SELECT"));
        // Issue 11: the application-download commands of issuance are named in the trace.
        QCOMPARE(ApduDecoder::commandName(0x84, 0x46), QStringLiteral("CARD KEY PAIR"));
        QCOMPARE(ApduDecoder::commandName(0x84, 0xD8), QStringLiteral("WRITE CA KEY"));
        QCOMPARE(ApduDecoder::commandName(0x80, 0x99), QStringLiteral("CLA 80 INS 99"));
    }

    void atrLifeCycle() {
        for (auto lc : {cdos::LifeCycle::Blank, cdos::LifeCycle::Personalised, cdos::LifeCycle::Blocked,
                        cdos::LifeCycle::Terminated}) {
            const QByteArray atr = q(cdos::buildAtr(lc));
            QCOMPARE(ApduDecoder::lifeCycleFromAtr(atr), std::optional<cdos::LifeCycle>(lc));
            QVERIFY(ApduDecoder::describeAtr(atr).startsWith(QStringLiteral("CDOS 1.0, ")));
        }
        QVERIFY(!ApduDecoder::lifeCycleFromAtr(QByteArray::fromHex("3B8F8001804F0CA000000306030001000000006A")));
        QVERIFY(ApduDecoder::describeAtr(QByteArray::fromHex("3B00")).contains(QStringLiteral("3B 00")));
    }

    void getDataUsersAndKeys() {
        cdos::UserStatus u;
        u.profile = cdos::UserProfile{1, 0xFFFFFFFF, 3, "户主"};
        u.retriesLeft = 2;
        const auto users = ApduDecoder::decodeGetData(cdos::tag::Users, q(cdos::encodeUsers({u})));
        const DecodedField* user = find(users, QStringLiteral("user 1"));
        QVERIFY(user);
        QCOMPARE(user->value, QStringLiteral("户主"));
        QCOMPARE(find(users, QStringLiteral("PIN tries left"))->value, QStringLiteral("2 of 3"));

        const auto keys = ApduDecoder::decodeGetData(cdos::tag::Keys,
                                                     q(cdos::encodeKeys({cdos::KeyInfo{0x02, 0x01, 0x03, 1, 15, 15}})));
        QCOMPARE(find(keys, QStringLiteral("key 02"))->value, QStringLiteral("card authentication"));

        const auto menu = ApduDecoder::decodeGetData(cdos::tag::Menu,
                                                     q(cdos::encodeMenu({cdos::MenuEntry{5, 0x10, true, "应用下载"}})));
        QCOMPARE(find(menu, QStringLiteral("entry 5"))->value, QStringLiteral("应用下载"));
        QVERIFY(find(menu, QStringLiteral("hidden")));

        const auto broken = ApduDecoder::decodeGetData(cdos::tag::Users, QByteArray::fromHex("05"));
        QVERIFY(broken.front().value.startsWith(QStringLiteral("malformed")));
    }

    void fcp() {
        const cdos::Fcp f{0x0005,           cdos::FileType::LinearFixed, 0, 40, 16, 5, {},
                          cdos::ac::Always, cdos::ac::IssuerSm,          0};
        const auto fields = ApduDecoder::decodeFcp(q(f.encode()));
        QCOMPARE(find(fields, QStringLiteral("file identifier"))->value, QStringLiteral("0005"));
        QCOMPARE(find(fields, QStringLiteral("records"))->value, QStringLiteral("16 × 40 bytes"));
        QCOMPARE(find(fields, QStringLiteral("update access"))->value, QStringLiteral("issuer secure messaging"));
    }

    void decodeEntryNeverShowsHiddenBytes() {
        ApduTraceEntry e;
        e.cla = 0x00;
        e.ins = 0x20;
        e.p2 = 1;
        e.lc = 2;
        e.commandData = QByteArray::fromHex("1234");
        e.commandSecrets = {{0, 2}};
        e.secretsHeld = true;
        e.sw = 0x63C1;
        e.commandName = QStringLiteral("VERIFY");
        const auto hidden = ApduDecoder::decode(e, false);
        QCOMPARE(find(hidden, QStringLiteral("data"))->value, QStringLiteral("<redacted 2 bytes>"));
        QCOMPARE(find(hidden, QStringLiteral("user"))->value, QStringLiteral("1"));
        QCOMPARE(find(hidden, QStringLiteral("response"))->value, QStringLiteral("63C1 wrong PIN, 1 tries left"));
        QCOMPARE(find(ApduDecoder::decode(e, true), QStringLiteral("data"))->value, QStringLiteral("12 34"));
    }

    void decodeGetDataResponse() {
        ApduTraceEntry e;
        e.cla = 0x80;
        e.ins = 0xCA;
        e.p1 = 0x01;
        e.p2 = 0x04;
        e.le = 256;
        e.responseData = QByteArray::fromHex("01");
        e.sw = 0x9000;
        QCOMPARE(find(ApduDecoder::decode(e, false), QStringLiteral("life cycle"))->value,
                 QStringLiteral("personalised"));
    }

    // GET DATA 7A (e-purse last transaction), C1 (service keys) and C2 (rights), field by field.
    void decodeGetDataEpurseAndCa() {
        cdos::ep::LastTransaction t;
        t.type = 0x06;
        t.counter = 7;
        t.terminalSerial = 0x01020304;
        t.terminal = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66};
        t.date = {0x20, 0x26, 0x11, 0x26};
        t.time = {0x13, 0x45, 0x07};
        t.amount = 800;
        const auto last = ApduDecoder::decodeGetData(cdos::ep::kLastTransactionTag, q(t.encode()));
        QCOMPARE(find(last, QStringLiteral("last transaction"))->value, QString::fromLatin1(cdos::ep::txTypeName(6)));
        QCOMPARE(find(last, QStringLiteral("counter before"))->value, QStringLiteral("7"));
        QCOMPARE(find(last, QStringLiteral("terminal transaction serial"))->value, QString::number(0x01020304));
        QCOMPARE(find(last, QStringLiteral("terminal"))->value, QStringLiteral("112233445566"));
        QCOMPARE(find(last, QStringLiteral("date and time"))->value, QStringLiteral("20261126 134507"));
        QCOMPARE(find(last, QStringLiteral("amount"))->value, QStringLiteral("800 fen"));
        QVERIFY(
            find(ApduDecoder::decodeGetData(0x007A, QByteArray::fromHex("0601")), QStringLiteral("last transaction"))
                ->value.startsWith(QStringLiteral("malformed")));

        const auto keys = ApduDecoder::decodeGetData(0x00C1, QByteArray::fromHex("01010203"));
        QCOMPARE(find(keys, QStringLiteral("service keys"))->value, QStringLiteral("2"));
        QCOMPARE(find(keys, QStringLiteral("CA_SERVICE_2"))->value, QStringLiteral("version 3"));
        QCOMPARE(find(keys, QStringLiteral("CA_SERVICE_1"))->children.at(0).value, QStringLiteral("10"));
        QVERIFY(find(ApduDecoder::decodeGetData(0x00C1, QByteArray::fromHex("010102")), QStringLiteral("service keys"))
                    ->value.startsWith(QStringLiteral("malformed")));

        cdos::Bytes rights = cdos::ca::Entitlement{1, cdos::ca::RightKind::Package, 0x10, 20260101, 20261231}.encode();
        cdos::append(rights, cdos::ca::Entitlement{2, cdos::ca::RightKind::Vod, 0x0777, 20261126, 20261127}.encode());
        const auto c2 = ApduDecoder::decodeGetData(0x00C2, q(rights));
        QCOMPARE(find(c2, QStringLiteral("entitlements"))->value, QStringLiteral("2"));
        const DecodedField* user1 = find(c2, QStringLiteral("user 1"));
        QVERIFY(user1);
        QCOMPARE(user1->value, QStringLiteral("package 16"));
        QCOMPARE(find(user1->children, QStringLiteral("valid from"))->value, QStringLiteral("2026-01-01"));
        QCOMPARE(find(user1->children, QStringLiteral("valid to"))->value, QStringLiteral("2026-12-31"));
        const DecodedField* user2 = find(c2, QStringLiteral("user 2"));
        QCOMPARE(user2->value, QStringLiteral("VOD programme 1911"));
        QCOMPARE(find(user2->children, QStringLiteral("valid to"))->value, QStringLiteral("2026-11-27"));
        QVERIFY(find(ApduDecoder::decodeGetData(0x00C2, QByteArray::fromHex("0101")), QStringLiteral("entitlements"))
                    ->value.startsWith(QStringLiteral("malformed")));

        // In a trace entry: the CA commands by name, and the GET DATA C2 answer decoded.
        QCOMPARE(ApduDecoder::commandName(0x80, 0x3A), QStringLiteral("PROCESS ECM"));
        QCOMPARE(ApduDecoder::commandName(0x84, 0x3E), QStringLiteral("WRITE ENTITLEMENT"));
        ApduTraceEntry e;
        e.cla = 0x80;
        e.ins = 0xCA;
        e.p1 = 0x00;
        e.p2 = 0xC2;
        e.le = 256;
        e.responseData = q(rights);
        e.sw = 0x9000;
        QCOMPARE(find(ApduDecoder::decode(e, false), QStringLiteral("user 2"))->value,
                 QStringLiteral("VOD programme 1911"));
    }
};

QTEST_GUILESS_MAIN(TestApduDecoder)
#include "TestApduDecoder.moc"
