// Bad input: every short or malformed APDU form, wrong Lc/Le, unknown CLA/INS, oversized writes, and a fuzz loop of
// random APDUs against a personalised and a blank card. Always a status word, never a crash, state intact.
#include "CardTestSupport.h"
#include "support/TestProfiles.h"

#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <QtTest>
#include <optional>
#include <random>

using namespace cdos::card;
using cardtest::Bytes;
using cardtest::CommandApdu;
using cardtest::hex;
using cardtest::ResponseApdu;

class TestBadInput : public QObject {
    Q_OBJECT
    QTemporaryDir m_keyDir;
    std::optional<cdos::KeyStore> m_keys;
    cdos::CardProfile m_profile = cdtest::sampleProfile();

    static std::uint16_t swOf(CardOs& os, const Bytes& raw) {
        const Bytes r = os.process(raw);
        if (r.size() < 2)
            return 0;
        return static_cast<std::uint16_t>((r[r.size() - 2] << 8) | r.back());
    }

    // Random APDUs of every shape: short and extended, consistent and inconsistent lengths, known and unknown
    // instructions. GET CHALLENGE is left out so that random MACs never spend the issuer key's tries.
    static Bytes randomApdu(std::mt19937& rng) {
        static const std::uint8_t classes[] = {0x00, 0x04, 0x80, 0x84, 0x0C, 0xFF, 0xA0};
        struct Ins {
            std::uint8_t cla, ins;
        };
        static const Ins instructions[] = {{0x00, 0xA4}, {0x00, 0xB0}, {0x00, 0xD6}, {0x00, 0xB2},
                                           {0x00, 0xDC}, {0x00, 0xE2}, {0x00, 0x20}, {0x80, 0xCA},
                                           {0x84, 0xE0}, {0x84, 0xD4}, {0x84, 0xDA}, {0x84, 0x2C},
                                           {0x84, 0xF0}, {0x84, 0x16}, {0x84, 0x18}, {0x84, 0xFE}};
        static const std::uint8_t p2s[] = {0x00, 0x0C, 0x04, 0x14, 0x2C, 0x1C, 0x01, 0x02, 0x03};
        auto byte = [&] { return static_cast<std::uint8_t>(rng() & 0xFF); };
        const Ins& pick = instructions[rng() % std::size(instructions)];
        Bytes a{rng() % 4 ? pick.cla : classes[rng() % std::size(classes)], rng() % 8 ? pick.ins : byte(),
                rng() % 3 ? static_cast<std::uint8_t>(rng() % 4 ? 0 : 0x80 | (rng() % 8)) : byte(),
                rng() % 3 ? p2s[rng() % std::size(p2s)] : byte()};
        if ((a[0] & 0x7F) == 0x00 && a[1] == 0x84)
            a[1] = 0xB0;
        const int shape = static_cast<int>(rng() % 2 ? rng() % 4 : rng() % 8); // mostly well-formed
        const std::size_t n = rng() % 5 == 0 ? rng() % 300 : rng() % 8;
        Bytes data(n);
        for (auto& b : data)
            b = byte();
        switch (shape) {
        case 0:
            break; // case 1
        case 1:
            a.push_back(byte());
            break; // case 2
        case 2:    // case 3 short
            a.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(n, 255)));
            a.insert(a.end(), data.begin(), data.begin() + static_cast<long>(std::min<std::size_t>(n, 255)));
            break;
        case 3: // case 4 short
            a.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(n, 255)));
            a.insert(a.end(), data.begin(), data.begin() + static_cast<long>(std::min<std::size_t>(n, 255)));
            a.push_back(byte());
            break;
        case 4: // extended case 3/4
            a.push_back(0);
            cdos::putU16(a, static_cast<std::uint16_t>(n));
            cdos::append(a, data);
            if (rng() % 2)
                cdos::putU16(a, static_cast<std::uint16_t>(rng()));
            break;
        case 5: // garbage after the header, length bytes lying
            cdos::append(a, data);
            break;
        case 6:
            a.resize(rng() % 4);
            break; // shorter than a header
        default:   // a wrong Lc
            a.push_back(static_cast<std::uint8_t>(n + 1 + rng() % 5));
            cdos::append(a, data);
            break;
        }
        return a;
    }

    // The pages outside the journal and [from, from + n); the page check values after them follow the pages (open()
    // verifies them) and are left out.
    static Bytes outsideJournal(Bytes img, std::uint32_t from = 0, std::uint32_t n = 0) {
        img.resize(cardtest::image::kSize);
        std::fill(img.begin() + 256, img.begin() + 33 * 256, 0);
        std::fill(img.begin() + from, img.begin() + from + n, 0);
        return img;
    }

private slots:
    void initTestCase() { m_keys.emplace(cardtest::developmentKeyStore(m_keyDir.path().toStdString())); }

    void shortAndMalformed() {
        cardtest::TempCard card;
        CardOs& os = *card.os;
        for (const Bytes& raw : {Bytes{}, Bytes{0x00}, Bytes{0x00, 0xA4}, Bytes{0x00, 0xA4, 0x00}})
            QCOMPARE(swOf(os, raw), std::uint16_t(0x6700));
        QCOMPARE(card.sw("00A4000C053F00"), std::uint16_t(0x6700));     // Lc 5, 2 bytes
        QCOMPARE(card.sw("00A4000C013F00"), std::uint16_t(0x6700));     // Lc 1, 2 bytes (+ would-be Le)
        QCOMPARE(card.sw("00A4000C023F0000AA"), std::uint16_t(0x6700)); // bytes after Le
        QCOMPARE(card.sw("00A4000C0000023F00"), std::uint16_t(0x9000)); // extended Lc
        QCOMPARE(card.sw("00A4000C00000000"), std::uint16_t(0x6700));   // extended Lc of zero
        QCOMPARE(card.sw("00A4000C0000033F00"), std::uint16_t(0x6700)); // extended Lc 3, 2 bytes
        QCOMPARE(card.sw("00A4000C00"), std::uint16_t(0x9000));         // case 2: the MF
        QCOMPARE(card.sw("00A4000C0000"), std::uint16_t(0x6700));       // truncated extended Le
    }

    void unknownClassAndInstruction() {
        cardtest::TempCard card;
        for (const char* cla : {"10", "FF", "01", "0C", "A0", "90", "88", "40"})
            QCOMPARE(card.sw((std::string(cla) + "A4000C023F00").c_str()), std::uint16_t(0x6E00));
        QCOMPARE(card.sw("00FF0000"), std::uint16_t(0x6D00));
        QCOMPARE(card.sw("80000000"), std::uint16_t(0x6D00));
        QCOMPARE(card.sw("84420000"), std::uint16_t(0x6D00));
        QCOMPARE(card.sw("80A4000C023F00"), std::uint16_t(0x6E00));         // SELECT is an ISO command
        QCOMPARE(card.sw("00CA010400"), std::uint16_t(0x6E00));             // GET DATA is proprietary
        QCOMPARE(card.sw("04A4000C063F0011223344"), std::uint16_t(0x6E00)); // no SM for SELECT
        QCOMPARE(card.sw("80E0000000"), std::uint16_t(0x6982));             // CREATE FILE needs SM
        QCOMPARE(card.sw("84E0000003112233"), std::uint16_t(0x6700));       // SM data shorter than a MAC
    }

    void wrongLeAndP1P2() {
        cardtest::TempCard card;
        QCOMPARE(card.tx("0084000008").data.size(), std::size_t(8));
        QCOMPARE(card.tx("0084000004").data.size(), std::size_t(4));
        QCOMPARE(card.sw("0084000005"), std::uint16_t(0x6700));
        QCOMPARE(card.sw("0084000000"), std::uint16_t(0x6700));
        QCOMPARE(card.sw("00840000"), std::uint16_t(0x6700));
        QCOMPARE(card.sw("008400000100"), std::uint16_t(0x6700)); // data
        QCOMPARE(card.sw("0084010008"), std::uint16_t(0x6A86));
        QCOMPARE(card.sw("80CA010401"), std::uint16_t(0x9000)); // exact Le
        QCOMPARE(card.sw("80CA010502"), std::uint16_t(0x6C08)); // "CDOS 1.0" is 8 bytes
        QCOMPARE(card.sw("80CA010509"), std::uint16_t(0x6C08));
        QCOMPARE(card.sw("80CA0105"), std::uint16_t(0x6700));
        QCOMPARE(card.sw("80CA01FF00"), std::uint16_t(0x6A88));
        QCOMPARE(card.sw("80CA010100"), std::uint16_t(0x6A88)); // no card number on a blank card
        QCOMPARE(card.tx("80CA010A00").data, card.os->nvm().chipSerial());
        const auto nvm = cdos::decodeNvm(card.tx("80CA010600").data);
        QVERIFY(nvm && nvm->total == 128 * 1024 && nvm->pageSize == 256 && nvm->pageWrites > 1);
        QVERIFY(nvm->free > 100000 && nvm->free < nvm->total);
    }

    // Objects longer than 256 bytes come whole with Le 00 (a full menu: 16 entries of 33-byte titles).
    void longObjects() {
        cardtest::TempCard card;
        cdos::CardProfile p = m_profile;
        p.menu.clear();
        for (std::uint8_t i = 1; i <= 16; ++i)
            p.menu.push_back({i, i, false, std::string(33, static_cast<char>('A' + i))});
        cdos::Personaliser perso(*m_keys, [&](const CommandApdu& c) { return card.os->transmit(c); });
        perso.personalise(p);
        QVERIFY(perso.verify(p).empty());
        QCOMPARE(card.tx(cdos::verifyPin(1, "1234")).sw, std::uint16_t(0x9000)); // the menu goes to a verified user
        const ResponseApdu menu = card.tx("80CA010800");
        QCOMPARE(menu.data.size(), std::size_t(1 + 16 * 40));
        QCOMPARE(card.sw("80CA010810"), std::uint16_t(0x6C00)); // too long to name in SW2
    }

    // A write too large for the journal is refused whole; a large one that fits is one transaction.
    void oversizedWrites() {
        cardtest::TempCard card;
        cardtest::Issuer issuer(*card.os, cardtest::blankKey());
        issuer.start();
        QCOMPARE(issuer.send(cardtest::createFile(cardtest::transparentEf(0x0050, 20000, 1, 0, 0))).sw,
                 std::uint16_t(0x9000));
        const Bytes before = card.image();
        CommandApdu big{0x00, 0xD6, 0x00, 0x00, cdos::crypto::randomBytes(12000), -1};
        QCOMPARE(card.tx(big).sw, std::uint16_t(0x6A84));
        QCOMPARE(card.image(), before);
        big.data.resize(4000);
        QCOMPARE(card.tx(big).sw, std::uint16_t(0x9000));
        CommandApdu read{0x00, 0xB0, 0x00, 0x00, {}, 65536};
        const ResponseApdu r = card.tx(read);
        QCOMPARE(r.data.size(), std::size_t(20000));
        QCOMPARE(Bytes(r.data.begin(), r.data.begin() + 4000), big.data);
    }

    void fuzzPersonalisedCard() {
        cardtest::TempCard card;
        cdos::Personaliser(*m_keys, [&](const CommandApdu& c) { return card.os->transmit(c); }).personalise(m_profile);
        card.os->reset(); // ends the issuer session: random MACs then never meet a chaining value
        const auto usersFile = card.os->files().file(*card.os->files().child(0, cdos::fid::Users));
        const Bytes before = outsideJournal(card.image(), usersFile.bodyAddr, usersFile.bodySize);
        std::mt19937 rng(20240601);
        std::map<std::uint16_t, int> seen;
        for (int i = 0; i < 5000; ++i) {
            const Bytes raw = randomApdu(rng);
            const Bytes r = card.os->process(raw);
            QVERIFY2(r.size() >= 2, qPrintable(QString::fromStdString(cdos::toHex(raw))));
            const auto sw = static_cast<std::uint16_t>((r[r.size() - 2] << 8) | r.back());
            QVERIFY2(sw != 0x6F00 && sw != 0x6581, qPrintable(QString::fromStdString(cdos::toHex(raw))));
            seen[sw]++;
            if (i % 1000 == 999)
                card.reopen(); // power cycles in between
        }
        QString summary;
        for (const auto& [sw, count] : seen)
            summary += QStringLiteral(" %1:%2").arg(sw, 4, 16, QLatin1Char('0')).arg(count);
        qInfo("5000 random APDUs, status words:%s", qPrintable(summary));
        QVERIFY(seen.size() > 8);
        card.reopen();
        // Random VERIFYs may have spent PIN tries (that is their job); nothing else may have changed.
        QCOMPARE(outsideJournal(card.image(), usersFile.bodyAddr, usersFile.bodySize), before);
        cardtest::Issuer issuer(*card.os, m_keys->cardKey("ISSUER_SM", m_profile.info.asn())->reveal("test").bytes());
        issuer.start();
        for (std::uint8_t u = 1; u <= 3; ++u)
            QCOMPARE(issuer.send(CommandApdu{0x80, 0x2C, 0x00, u, {}, -1}).sw, std::uint16_t(0x9000));
        cdos::Personaliser perso(*m_keys, [&](const CommandApdu& c) { return card.os->transmit(c); });
        const auto diffs = perso.verify(m_profile);
        QVERIFY2(diffs.empty(), diffs.empty() ? "" : diffs.front().c_str());
        QCOMPARE(card.os->transmit(cdos::verifyPin(1, "1234")).sw, std::uint16_t(0x9000));
    }

    void fuzzBlankCard() {
        cardtest::TempCard card;
        const Bytes before = card.image();
        std::mt19937 rng(77);
        for (int i = 0; i < 3000; ++i) {
            const Bytes r = card.os->process(randomApdu(rng));
            QVERIFY(r.size() >= 2);
            QVERIFY(r[r.size() - 2] != 0x6F);
        }
        QCOMPARE(card.image(), before); // without the batch key nothing can change a blank card
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "TestBadInput.moc"
