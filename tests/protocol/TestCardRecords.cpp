#include "carddesk/protocol/apdu/CardRecords.h"
#include "carddesk/protocol/apdu/Tlv.h"
#include "carddesk/protocol/appdl/AppTlv.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <QtTest>

using namespace cdos;

class TestCardRecords : public QObject {
    Q_OBJECT
private slots:
    void pins() {
        QVERIFY(isValidPin("1234"));
        QVERIFY(isValidPin("123456789012"));
        QVERIFY(!isValidPin("123"));
        QVERIFY(!isValidPin("12a4"));
        QCOMPARE(pinToBcd("12345"), *fromHex("12345F"));
        QCOMPARE(pinBlock("1234"), *fromHex("041234FFFFFFFFFF"));
        QCOMPARE(*pinFromBlock(pinBlock("987654")), std::string("987654"));
        QVERIFY(!pinFromBlock(*fromHex("0412F4FFFFFFFFFF")));
        QVERIFY(!pinFromBlock(*fromHex("051234FFFFFFFFFF")));
    }

    void cardInfoAndHolder() {
        CardInfo c{*fromHex("10000000000000000001"), *fromHex("0102030405060708"), *fromHex("1112131415161718")};
        QCOMPARE(c.asn(), *fromHex("0000000000000001"));
        auto d = CardInfo::decode(c.encode());
        QVERIFY(d);
        QCOMPARE(d->productSerial, c.productSerial);
        HolderData h{"U001", "6222020000000001", "张三"};
        Bytes file = h.encode();
        file.resize(128, 0);
        auto hd = HolderData::decode(file);
        QVERIFY(hd);
        QCOMPARE(QString::fromStdString(hd->name), QStringLiteral("张三"));
        QVERIFY(!HolderData::decode(*fromHex("0105")));
    }

    // Found by fuzzing (issue 16, fuzz/tlv): a holder field ending in a zero byte was cut short by the decoder, which
    // stripped every trailing zero as padding, and the card's holder record became unreadable.
    void holderFieldEndingInZero() {
        HolderData h{"U001", "6222020000000001", std::string("Zhang", 5) + '\0', {}};
        Bytes file = h.encode();
        file.resize(128, 0);
        const auto hd = HolderData::decode(file);
        QVERIFY(hd);
        QCOMPARE(hd->name, h.name);
        QCOMPARE(hd->encode(), h.encode());
        // Padding is zeros only: anything else after the fields is refused.
        file[120] = 0x01;
        QVERIFY(!HolderData::decode(file));
    }

    // Found by fuzzing (fuzz/tlv): the length byte 80 (BER's indefinite form) was read as a length of 128.
    void tlvLength80IsRefused() {
        Bytes b{0x01, 0x80};
        b.resize(2 + 128, 0x41);
        QVERIFY(!tlv::parse(b));
        Bytes good;
        tlv::put(good, 0x01, Bytes(128, 0x41));
        QCOMPARE(good[1], std::uint8_t{0x81});
        QVERIFY(tlv::parse(good));
        QVERIFY_THROWS_EXCEPTION(cdos::appdl::FormatError, cdos::appdl::AppTlv::parse(b, {0x01}));
        QCOMPARE(cdos::appdl::AppTlv::parse(good, {0x01}).at(0x01).size(), std::size_t{128});
    }

    void usersMenuKeysRoundTrip() {
        UserStatus u;
        u.profile = UserProfile{3, 0x0000000F, 3, "家庭成员"};
        u.retriesLeft = 2;
        auto users = decodeUsers(encodeUsers({u, u}));
        QVERIFY(users);
        QCOMPARE(users->size(), std::size_t(2));
        QCOMPARE(QString::fromStdString((*users)[1].profile.name), QStringLiteral("家庭成员"));
        QCOMPARE((*users)[1].retriesLeft, std::uint8_t(2));
        Bytes truncated = encodeUsers({u});
        truncated.pop_back();
        QVERIFY(!decodeUsers(truncated));

        MenuEntry e{7, 0x2, true, "视频点播"};
        auto rec = e.encodeRecord();
        QCOMPARE(int(rec.size()), kMenuRecordLength);
        auto back = MenuEntry::decodeRecord(rec.data(), rec.size());
        QVERIFY(back && back->hidden && back->title == e.title);
        QVERIFY(decodeMenu(encodeMenu({e})));

        KeyInfo k{1, 1, 2, 1, 15, 15};
        auto keys = decodeKeys(encodeKeys({k}));
        QVERIFY(keys && (*keys)[0].usage == 2);
        QVERIFY(!decodeKeys(*fromHex("0201")));
    }

    void fcp() {
        Fcp f{0x0005, FileType::LinearFixed, 0, 40, 16, 5, {}, ac::Always, ac::IssuerSm, 0};
        auto d = Fcp::decode(f.encode());
        QVERIFY(d);
        QCOMPARE(d->recordLength, std::uint8_t(40));
        QCOMPARE(d->sfi, std::uint8_t(5));
        QCOMPARE(d->updateAc, ac::IssuerSm);
        Fcp df{0x1001, FileType::Df, 4096, 0, 0, 0, *fromHex("F043444550"), ac::Always, ac::IssuerSm, 0};
        auto dd = Fcp::decode(df.encode());
        QVERIFY(dd && dd->aid == df.aid && dd->size == 4096);
        QVERIFY(!Fcp::decode(*fromHex("6203830100")));         // FID of one byte
        QVERIFY(!Fcp::decode(*fromHex("62058302000182")));     // truncated
        QVERIFY(!Fcp::decode(*fromHex("620883020001820109"))); // unknown descriptor
    }

    void secretsAreLocatedForRedaction() {
        auto v = secretRanges(0x00, ins::Verify, 3);
        QCOMPARE(v.size(), std::size_t(1));
        QCOMPARE(v[0].length, std::size_t(3));
        auto k = secretRanges(0x84, ins::WriteKey, 24);
        QCOMPARE(k[0].offset, std::size_t(4));
        QCOMPARE(k[0].length, std::size_t(16));
        QVERIFY(secretRanges(0x00, ins::Select, 2).empty());
        // E-purse CHANGE PIN (old FF new) and RELOAD PIN carry PINs: the whole data is secret.
        auto change = secretRanges(0x80, 0x5E, 7);
        QCOMPARE(change.size(), std::size_t(1));
        QCOMPARE(change[0].offset, std::size_t(0));
        QCOMPARE(change[0].length, std::size_t(7));
    }

    void profileValidation() {
        CardProfile p;
        auto errors = validateProfile(p);
        QVERIFY(errors.size() >= 4);
        p.info = CardInfo{*fromHex("10000000000000000001"), Bytes(8, 1), Bytes(8, 2)};
        p.holder = HolderData{"U1", "A1", "N", {}};
        UserSpec u;
        u.profile = UserProfile{1, 1, 3, "户主"};
        u.pin = "1234";
        p.users = {u, u};
        p.keys = CardProfile::standardKeys();
        errors = validateProfile(p);
        QCOMPARE(errors.size(), std::size_t(1)); // user 1 twice
        p.users[1].profile.number = 2;
        QVERIFY(validateProfile(p).empty());
        p.users[1].pin = "12";
        QCOMPARE(validateProfile(p).size(), std::size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestCardRecords)
#include "TestCardRecords.moc"
