// The ISO 7816-4 file system through APDUs: CREATE FILE, SELECT by FID and AID with FCP, READ/UPDATE BINARY with
// SFI and offsets, record files (linear fixed and cyclic), access conditions, Le and offset errors.
#include "CardTestSupport.h"

#include <QtTest>

using namespace cdos::card;
using cardtest::Bytes;
using cardtest::CommandApdu;
using cardtest::hex;
using cardtest::ResponseApdu;
using cdos::FileType;
namespace ac = cdos::ac;

class TestFileSystem : public QObject {
    Q_OBJECT
    std::unique_ptr<cardtest::TempCard> m_card;
    std::unique_ptr<cardtest::Issuer> m_issuer;

    CardOs& os() { return *m_card->os; }
    std::uint16_t sw(const char* apdu) { return m_card->sw(apdu); }
    ResponseApdu tx(const char* apdu) { return m_card->tx(apdu); }
    std::uint16_t create(const cdos::Fcp& f) { return m_issuer->send(cardtest::createFile(f)).sw; }
    std::uint16_t smSend(CommandApdu c) { return m_issuer->send(c).sw; }

private slots:
    // Each test starts on a new blank card with an issuer session under the batch key (no reset in between: a
    // reset would undo the blank card's changes).
    void init() {
        m_card = std::make_unique<cardtest::TempCard>();
        m_issuer = std::make_unique<cardtest::Issuer>(os(), cardtest::blankKey());
        m_issuer->start();
    }
    void cleanup() {
        m_issuer.reset();
        m_card.reset();
    }

    void selectAndFcp() {
        QCOMPARE(create(cardtest::transparentEf(0x0010, 100, 1, ac::Always, ac::IssuerSm)), std::uint16_t(0x9000));
        const ResponseApdu r = tx("00A40000020010");
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        const auto fcp = cdos::Fcp::decode(r.data);
        QVERIFY(fcp);
        QCOMPARE(fcp->fid, std::uint16_t(0x0010));
        QCOMPARE(fcp->type, FileType::Transparent);
        QCOMPARE(fcp->size, std::uint16_t(100));
        QCOMPARE(fcp->sfi, std::uint8_t(1));
        QCOMPARE(fcp->updateAc, ac::IssuerSm);
        QCOMPARE(fcp->lifeCycle, std::uint8_t(0x05));
        QCOMPARE(sw("00A4000C020010"), std::uint16_t(0x9000));
        QVERIFY(tx("00A4000C020010").data.empty());
        QCOMPARE(tx("00A4000402001000").sw, std::uint16_t(0x9000)); // P2=04: FCP
        const auto mf = cdos::Fcp::decode(tx("00A4000000").data);   // empty data: the MF
        QVERIFY(mf && mf->fid == 0x3F00 && mf->type == FileType::Df);
        QCOMPARE(sw("00A40000023F00"), std::uint16_t(0x9000));
        QCOMPARE(sw("00A4000C029999"), std::uint16_t(0x6A82));
        QCOMPARE(sw("00A4000C03001000"), std::uint16_t(0x6700));
        QCOMPARE(sw("00A4020C020010"), std::uint16_t(0x6A86));
        QCOMPARE(sw("00A40001020010"), std::uint16_t(0x6A86));
        QCOMPARE(sw("00A40000020010"
                    "05"),
                 std::uint16_t(0x6C00 | r.data.size())); // Le too small
        // The internal files exist and say that they are never readable.
        const auto keys = cdos::Fcp::decode(tx("00A40000020001").data);
        QVERIFY(keys && keys->readAc == ac::Never && keys->updateAc == ac::Never);
        QCOMPARE(sw("00B0000000"), std::uint16_t(0x6982));
    }

    void createRefusals() {
        using cardtest::transparentEf;
        QCOMPARE(create(transparentEf(0x0010, 10, 1, 0, 0)), std::uint16_t(0x9000));
        QCOMPARE(sw("00A40000023F00"), std::uint16_t(0x9000));
        QCOMPARE(create(transparentEf(0x0010, 10, 0, 0, 0)), std::uint16_t(0x6A89)); // FID taken
        QCOMPARE(create(transparentEf(0x0011, 10, 1, 0, 0)), std::uint16_t(0x6A80)); // SFI taken
        QCOMPARE(create(transparentEf(0x3F00, 10, 0, 0, 0)), std::uint16_t(0x6A80));
        QCOMPARE(create(transparentEf(0x0012, 0, 0, 0, 0)), std::uint16_t(0x6A80));     // empty EF
        QCOMPARE(create(transparentEf(0x0012, 10, 0, 0x07, 0)), std::uint16_t(0x6A80)); // unknown AC
        CommandApdu junk{0x80, 0xE0, 0, 0, hex("620483020012"), -1};
        QCOMPARE(smSend(junk), std::uint16_t(0x6A80)); // no descriptor
        CommandApdu p1{0x80, 0xE0, 1, 0, transparentEf(0x0012, 10, 0, 0, 0).encode(), -1};
        QCOMPARE(smSend(p1), std::uint16_t(0x6A86));
        // Without secure messaging CREATE FILE is not even considered.
        const Bytes plain = cardtest::createFile(transparentEf(0x0012, 10, 0, 0, 0)).serialize();
        QCOMPARE(cdos::ResponseApdu::fromRaw(os().process(plain)).sw, std::uint16_t(0x6982));
        // Memory: one file larger than the card, then the 64-entry file table.
        QCOMPARE(create(transparentEf(0x0013, 0xFFFF, 0, 0, 0)), std::uint16_t(0x9000));
        QCOMPARE(create(transparentEf(0x0014, 0xFFFF, 0, 0, 0)), std::uint16_t(0x6A84)); // 128 KiB card
        std::uint16_t last = 0x9000;
        int made = 0;
        for (std::uint16_t f = 0x0100; last == 0x9000 && f < 0x0200; ++f) {
            QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));
            last = create(transparentEf(f, 8, 0, 0, 0));
            made += last == 0x9000;
        }
        QCOMPARE(last, std::uint16_t(0x6A84));
        QCOMPARE(made, 64 - 5); // MF, key file, users file, EF 0010, EF 0013
    }

    void dfWithAid() {
        const Bytes aid = hex("A0000000031010");
        cdos::Fcp df{0x1000, FileType::Df, 1000, 0, 0, 0, aid, ac::Always, ac::IssuerSm, 0};
        QCOMPARE(create(df), std::uint16_t(0x9000));
        // The new DF is current: the next file goes into it.
        QCOMPARE(create(cardtest::transparentEf(0x1001, 300, 1, ac::Always, ac::Always)), std::uint16_t(0x9000));
        QCOMPARE(create(cardtest::transparentEf(0x1002, 900, 2, ac::Always, ac::Always)), std::uint16_t(0x6A84));
        FileSystem& fs = os().files();
        const auto dfIndex = fs.dfByAid(aid);
        QVERIFY(dfIndex);
        const FileInfo d = fs.file(*dfIndex);
        QCOMPARE(d.bodyAddr % 256, 0u);
        QCOMPARE(d.bodySize, 1024u);
        const FileInfo ef = fs.file(*fs.child(*dfIndex, 0x1001));
        QVERIFY(ef.bodyAddr >= d.bodyAddr && ef.end() <= d.end());
        QCOMPARE(fs.freeBytes(*dfIndex), 1024u - 300u);

        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(sw("00A4000C021001"), std::uint16_t(0x6A82)); // not a child of the MF
        const ResponseApdu r = tx("00A4040007A000000003101000");
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        const auto fcp = cdos::Fcp::decode(r.data);
        QVERIFY(fcp && fcp->type == FileType::Df && fcp->aid == aid && fcp->size == 1000);
        QCOMPARE(sw("00A4000C021001"), std::uint16_t(0x9000));
        QCOMPARE(sw("00A4000C021000"), std::uint16_t(0x9000)); // the parent from an EF's DF
        QCOMPARE(sw("00A4040C07A000000003FFFF"), std::uint16_t(0x6A82));
        QCOMPARE(sw("00A4040C03A00000"), std::uint16_t(0x6700));
        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(create(cdos::Fcp{0x2000, FileType::Df, 256, 0, 0, 0, aid, 0, 0, 0}), std::uint16_t(0x6A89));
    }

    void binary() {
        QCOMPARE(create(cardtest::transparentEf(0x0010, 40, 1, ac::Always, ac::Always)), std::uint16_t(0x9000));
        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(sw("00D681000A00112233445566778899"), std::uint16_t(0x9000)); // SFI 1, offset 0
        QCOMPARE(tx("00B0810004").data, hex("00112233"));
        QCOMPARE(tx("00B0810004").sw, std::uint16_t(0x9000));
        QCOMPARE(tx("00B0000802").data, hex("8899"));           // current EF (selected by the SFI), offset 8
        QCOMPARE(tx("00B0002000").data.size(), std::size_t(8)); // Le 00: what is left
        QCOMPARE(sw("00B0002009"), std::uint16_t(0x6C08));      // Le above what is left
        QCOMPARE(sw("00B0002800"), std::uint16_t(0x6B00));      // offset at the end
        QCOMPARE(tx("00B0810000"
                    "0000")
                     .data.size(),
                 std::size_t(40)); // extended Le 0000: all
        QCOMPARE(sw("00B0810000"
                    "00"),
                 std::uint16_t(0x6700));                         // a truncated extended Le
        QCOMPARE(sw("00B00000"), std::uint16_t(0x6700));         // no Le
        QCOMPARE(sw("00D6002603AABBCC"), std::uint16_t(0x6700)); // 3 bytes from offset 38 of 40
        QCOMPARE(sw("00D6002801AA"), std::uint16_t(0x6B00));
        QCOMPARE(sw("00D6000000"), std::uint16_t(0x6700)); // nothing to write (case 2 form)
        QCOMPARE(sw("00B0A10004"), std::uint16_t(0x6A86)); // SFI bits 6-7 set
        QCOMPARE(sw("00B0850004"), std::uint16_t(0x6A82)); // no SFI 5
        QCOMPARE(sw("00A4000C023F00"), std::uint16_t(0x9000));
        QCOMPARE(sw("00B0000004"), std::uint16_t(0x6A82)); // no current EF
        const std::uint32_t before = os().nvm().pageWrites();
        QCOMPARE(sw("00D6810304CAFEBABE"), std::uint16_t(0x9000));
        QCOMPARE(os().nvm().pageWrites() - before, 2u);
        QCOMPARE(tx("00B0810008").data, hex("001122CAFEBABE77"));
    }

    void accessConditions() {
        using cardtest::transparentEf;
        QCOMPARE(create(transparentEf(0x0020, 16, 2, ac::IssuerSm, ac::IssuerSm)), std::uint16_t(0x9000));
        QCOMPARE(create(transparentEf(0x0021, 16, 3, ac::UserPin, ac::UserPin)), std::uint16_t(0x9000));
        QCOMPARE(create(transparentEf(0x0022, 16, 4, ac::Always, ac::Never)), std::uint16_t(0x9000));
        QCOMPARE(sw("00B0820010"), std::uint16_t(0x6982));
        QCOMPARE(sw("00D6820001AA"), std::uint16_t(0x6982));
        QCOMPARE(smSend(CommandApdu{0x00, 0xD6, 0x82, 0x00, hex("AABB"), -1}), std::uint16_t(0x9000));
        CommandApdu read = m_issuer->wrap(CommandApdu{0x00, 0xB0, 0x82, 0x00, {}, -1});
        read.le = 256;
        QCOMPARE(read.data.size(), std::size_t(4)); // Lc = 04, the MAC alone
        const ResponseApdu r = os().transmit(read);
        QCOMPARE(r.sw, std::uint16_t(0x9000));
        QCOMPARE(Bytes(r.data.begin(), r.data.begin() + 2), hex("AABB"));
        QCOMPARE(sw("00B0830010"), std::uint16_t(0x6982)); // no user has verified a PIN
        QCOMPARE(sw("00D6830001AA"), std::uint16_t(0x6982));
        QCOMPARE(smSend(CommandApdu{0x00, 0xD6, 0x83, 0x00, hex("01"), -1}), std::uint16_t(0x9000)); // the issuer
        QCOMPARE(sw("00B0840010"), std::uint16_t(0x9000));
        QCOMPARE(sw("00D6840001AA"), std::uint16_t(0x6982));
        QCOMPARE(smSend(CommandApdu{0x00, 0xD6, 0x84, 0x00, hex("01"), -1}), std::uint16_t(0x6982)); // never is never
        // The internal key file cannot be read even by the issuer.
        QCOMPARE(sw("00A4000C020001"), std::uint16_t(0x9000));
        CommandApdu keys = m_issuer->wrap(CommandApdu{0x00, 0xB0, 0x00, 0x00, {}, -1});
        keys.le = 256;
        QCOMPARE(os().transmit(keys).sw, std::uint16_t(0x6982));
    }

    void linearFixedRecords() {
        QCOMPARE(create(cardtest::recordEf(0x0030, FileType::LinearFixed, 4, 3, 6, ac::Always, ac::Always)),
                 std::uint16_t(0x9000));
        QCOMPARE(sw("00B2013400"), std::uint16_t(0x6A83));         // SFI 6, record 1: nothing written yet
        QCOMPARE(sw("00E2003004AAAAAAAA"), std::uint16_t(0x9000)); // APPEND with P2 = SFI << 3
        QCOMPARE(tx("00B2013404").data, hex("AAAAAAAA"));
        QCOMPARE(sw("00DC033404CCCCCCCC"), std::uint16_t(0x9000)); // UPDATE record 3: records 1..3 exist
        QCOMPARE(tx("00B2020400").data, hex("00000000"));          // current EF
        QCOMPARE(tx("00B2030400").data, hex("CCCCCCCC"));
        QCOMPARE(sw("00B2040400"), std::uint16_t(0x6A83));
        QCOMPARE(sw("00B2000400"), std::uint16_t(0x6A83));
        QCOMPARE(sw("00E2000404BBBBBBBB"), std::uint16_t(0x6A84)); // linear file full
        QCOMPARE(sw("00DC010403BBBBBB"), std::uint16_t(0x6700));   // wrong record length
        QCOMPARE(sw("00B2010402"), std::uint16_t(0x6C04));         // Le too small
        QCOMPARE(sw("00B2010405"), std::uint16_t(0x6C04));         // Le too large
        QCOMPARE(sw("00B20104"), std::uint16_t(0x6700));           // no Le
        QCOMPARE(sw("00B2010500"), std::uint16_t(0x6A86));         // P2 mode
        QCOMPARE(sw("00B201FC00"), std::uint16_t(0x6A86));         // SFI 31
        QCOMPARE(sw("00E2010404BBBBBBBB"), std::uint16_t(0x6A86)); // APPEND P1
        QCOMPARE(sw("00B0000000"), std::uint16_t(0x6981));         // binary on a record file
    }

    void cyclicRecords() {
        QCOMPARE(create(cardtest::recordEf(0x0040, FileType::Cyclic, 5, 3, 7, ac::Always, ac::Always)),
                 std::uint16_t(0x9000));
        QCOMPARE(create(cardtest::transparentEf(0x0041, 5, 8, ac::Always, ac::Always)), std::uint16_t(0x9000));
        QCOMPARE(sw("00B2013C00"), std::uint16_t(0x6A83));
        const std::uint32_t before = os().nvm().pageWrites();
        for (const char* rec :
             {"00E2003C051111111111", "00E2003C052222222222", "00E2003C053333333333", "00E2003C054444444444"})
            QCOMPARE(sw(rec), std::uint16_t(0x9000));
        QCOMPARE(os().nvm().pageWrites() - before, 8u);     // an append is one journal page and one home page
        QCOMPARE(tx("00B2013C00").data, hex("4444444444")); // record 1 is the newest
        QCOMPARE(tx("00B2023C00").data, hex("3333333333"));
        QCOMPARE(tx("00B2033C00").data, hex("2222222222"));
        QCOMPARE(sw("00B2043C00"), std::uint16_t(0x6A83)); // the oldest was overwritten
        QCOMPARE(sw("00DC013C055555555555"), std::uint16_t(0x9000));
        QCOMPARE(tx("00B2013C00").data, hex("5555555555"));
        QCOMPARE(sw("00B2014400"), std::uint16_t(0x6981)); // records of a transparent EF
    }

    // Files and their content survive power cycles once the card is personalised (a blank card undoes changes).
    void persistsAfterPersonalisation() {
        QCOMPARE(create(cardtest::transparentEf(0x0002, 26, 2, ac::Always, ac::IssuerSm)), std::uint16_t(0x9000));
        QCOMPARE(create(cardtest::recordEf(0x0040, FileType::Cyclic, 5, 3, 7, ac::Always, ac::Always)),
                 std::uint16_t(0x9000));
        QCOMPARE(smSend(CommandApdu{0x80, 0xF0, 0, 0, {}, -1}), std::uint16_t(0x6985)); // no card number yet
        QCOMPARE(smSend(CommandApdu{0x00, 0xD6, 0x82, 0, hex("86010000000000000001"), -1}), std::uint16_t(0x9000));
        QCOMPARE(sw("00E2003C051111111111"), std::uint16_t(0x9000));
        QCOMPARE(smSend(CommandApdu{0x80, 0xF0, 0, 0, {}, -1}), std::uint16_t(0x9000));
        QCOMPARE(sw("00E2003C052222222222"), std::uint16_t(0x9000));
        m_issuer.reset();
        m_card->reopen();
        QCOMPARE(tx("80CA010100").data, hex("86010000000000000001"));
        QCOMPARE(tx("00B2013C00").data, hex("2222222222"));
        QCOMPARE(tx("00B2023C00").data, hex("1111111111"));
    }
};

QTEST_GUILESS_MAIN(TestFileSystem)
#include "TestFileSystem.moc"
