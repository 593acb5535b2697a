// Page check values (card/README.md "Page check values"): a bit flipped in a user page is refused with the page
// named, also in a page the last transaction wrote; a flipped stale journal page is not; a power cut at any page
// write (torn half-way, or the whole page written without its check value) leaves every page checking after the
// reopen; a format version 1 image is upgraded on open.
#include "CardTestSupport.h"
#include "support/TestProfiles.h"

#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <QtTest>
#include <optional>
#include <set>
#include <sys/stat.h>

using namespace cdos::card;
using cardtest::Bytes;
namespace img = cardtest::image;

namespace {

constexpr std::uint32_t kJournalMagic = 0x43444A31;

std::uint32_t u32(const Bytes& b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
}
std::uint16_t u16(const Bytes& b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}
void put32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

// The journal slots with a page of the newest transaction, and the home pages its data and fill records change
// (read from the documented layout; a one-page transaction is all the tests below need).
struct Newest {
    std::set<std::uint32_t> journalSlots, homePages;
};
Newest newestTransaction(const Bytes& image) {
    std::uint32_t seq = 0;
    for (std::uint32_t s = 0; s < 32; ++s)
        if (u32(image, (1 + s) * 256) == kJournalMagic)
            seq = std::max(seq, u32(image, (1 + s) * 256 + 4));
    Newest n;
    for (std::uint32_t s = 0; s < 32; ++s) {
        const std::size_t at = (1 + s) * 256;
        if (u32(image, at) != kJournalMagic || u32(image, at + 4) != seq)
            continue;
        n.journalSlots.insert(s);
        for (std::size_t i = at + 24, end = at + 24 + u16(image, at + 18); i + 7 <= end;) {
            const std::uint32_t addr = u32(image, i + 1), len = u16(image, i + 5);
            if (image[i] == 0x01 || image[i] == 0x02)
                for (std::uint32_t a = addr; a < addr + len; a += 256 - a % 256)
                    n.homePages.insert(a / 256);
            i += 7 + (image[i] == 0x02 ? 1 : len);
        }
    }
    return n;
}

QString pageText(std::uint32_t page) {
    return QStringLiteral("page %1 (bytes %2-%3) fails its check value")
        .arg(page)
        .arg(page * 256)
        .arg(page * 256 + 255);
}

// open() refuses the image naming `page`, and leaves the file as it is.
void expectRefused(const std::string& path, std::uint32_t page) {
    const Bytes before = cardtest::readFile(path);
    try {
        Nvm::open(path, false);
        QFAIL("a damaged image opened");
    } catch (const NvmError& e) {
        QCOMPARE(e.kind, NvmError::Kind::Corrupt);
        QVERIFY2(QString::fromUtf8(e.what()).contains(pageText(page)), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("changed outside the card OS")), e.what());
    }
    QCOMPARE(cardtest::readFile(path), before);
}

// A multi-page change: new data over five pages (two of them straddled), a partial page, and an erase.
void applyBigChange(Nvm& nvm, std::uint32_t base, const Bytes& payload) {
    nvm.write(base + 100, payload);
    nvm.write(base + 8 * 256 + 3, Bytes{1, 2, 3, 4, 5});
    nvm.fill(base + 10 * 256, 3 * 256, 0x00);
    nvm.write(base + 20 * 256 + 250, Bytes(12, 0xEE));
}

constexpr std::uint32_t kRegion = 24 * 256;

} // namespace

class TestNvmCheck : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir, m_keyDir;
    int m_n = 0;
    Bytes m_personalised;
    std::uint32_t m_holderAt = 0;

    std::string freshPath() { return m_dir.filePath(QStringLiteral("img%1").arg(++m_n)).toStdString(); }

private slots:
    void initTestCase() {
        const auto keys = cardtest::developmentKeyStore(m_keyDir.path().toStdString());
        const cdos::CardProfile profile = cdtest::sampleProfile();
        cardtest::TempCard card;
        cdos::Personaliser(keys, [&](const cdos::CommandApdu& c) { return card.os->transmit(c); }).personalise(profile);
        card.close();
        m_personalised = card.image();
        QVERIFY(img::badPages(m_personalised).empty());
        const Bytes name(profile.holder.name.begin(), profile.holder.name.end()); // UTF-8
        const auto at = std::search(m_personalised.begin() + img::kFirstUserPage * 256,
                                    m_personalised.begin() + img::kSize, name.begin(), name.end());
        QVERIFY(at != m_personalised.begin() + img::kSize);
        m_holderAt = static_cast<std::uint32_t>(at - m_personalised.begin());
    }

    void flippedBitInAPersonalisedImage_data() {
        QTest::addColumn<QString>("where");
        QTest::newRow("holder name") << "holder";
        QTest::newRow("card state, a page the last transaction wrote") << "state";
        QTest::newRow("file table") << "table";
        QTest::newRow("stale journal page") << "journal";
    }
    // One bit, outside the bytes the last transaction wrote: the image is refused with the page named, before the
    // card OS sees it. A stale journal page carries its own CRC and is ignored.
    void flippedBitInAPersonalisedImage() {
        QFETCH(QString, where);
        Bytes image = m_personalised;
        const Newest newest = newestTransaction(image);
        std::uint32_t at = 0;
        if (where == "holder") {
            at = m_holderAt;
            QVERIFY(!newest.homePages.count(at / 256));
        } else if (where == "state") {
            QVERIFY(newest.homePages.count(33)); // END PERSONALISATION changed the life cycle
            at = 33 * 256 + 12;                  // the batch key, which it did not change
        } else if (where == "table") {
            at = 34 * 256 + 64 + 3; // the key file's entry
            QVERIFY(!newest.homePages.count(at / 256));
        } else {
            std::uint32_t slot = 0;
            while (newest.journalSlots.count(slot) || u32(image, (1 + slot) * 256) != kJournalMagic)
                ++slot;
            at = (1 + slot) * 256 + 40;
        }
        image[at] ^= 0x08;
        const std::string path = freshPath();
        cardtest::writeFile(path, image);
        if (where == "journal") {
            CardOs os(Nvm::open(path, false));
            QCOMPARE(os.lifeCycle(), cdos::LifeCycle::Personalised);
            return;
        }
        expectRefused(path, at / 256);
    }

    // The check values a transaction journals tell a page it left half-written from a page changed afterwards:
    // replaying the transaction does not give the changed page a fresh check value.
    void flippedBitInThePageOfTheLastTransaction() {
        const std::string path = freshPath();
        std::uint32_t base = 0;
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            base = nvm->userStart() + 4 * 256;
            nvm->begin();
            nvm->write(base + 10, Bytes{1, 2, 3, 4});
            nvm->commit();
        }
        const Bytes good = cardtest::readFile(path);
        Bytes image = good;
        image[base + 200] ^= 0x01;
        cardtest::writeFile(path, image);
        expectRefused(path, base / 256);
        // A byte the transaction wrote differs as after a torn write, and is written again from the journal.
        image = good;
        image[base + 11] ^= 0x01;
        cardtest::writeFile(path, image);
        {
            auto nvm = Nvm::open(path, false);
            QCOMPARE(nvm->read(base + 10, 4), (Bytes{1, 2, 3, 4}));
        }
        QCOMPARE(cardtest::readFile(path), good);
    }

    void flippedBitInAStaleJournalPage() {
        const std::string path = freshPath();
        std::uint32_t base = 0;
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            base = nvm->userStart();
            for (std::uint8_t i = 1; i <= 3; ++i) {
                nvm->begin();
                nvm->write(base + i * 300u, Bytes{i, i});
                nvm->commit();
            }
        }
        Bytes image = cardtest::readFile(path);
        QCOMPARE(newestTransaction(image).journalSlots, (std::set<std::uint32_t>{2}));
        image[256 + 30] ^= 0x40; // slot 0: the first transaction's record
        cardtest::writeFile(path, image);
        auto nvm = Nvm::open(path, false);
        for (std::uint8_t i = 1; i <= 3; ++i)
            QCOMPARE(nvm->read(base + i * 300u, 2), (Bytes{i, i}));
    }

    void tearingLeavesEveryPageChecked_data() {
        QTest::addColumn<int>("tear");
        QTest::newRow("half a page") << -1;
        QTest::newRow("whole page, old check value") << 256;
    }
    // Cut at every page write of a multi-page transaction, then during the replay of a cut one: after each reopen
    // every page matches its check value, the region is old or new, and a second power-up writes nothing.
    void tearingLeavesEveryPageChecked() {
        QFETCH(int, tear);
        const Bytes payload = cdos::crypto::randomBytes(1100);
        const std::string basePath = freshPath();
        std::uint32_t base = 0, writes = 0;
        Bytes oldRegion, newRegion;
        {
            auto nvm = Nvm::create(basePath, cardtest::fastNvm());
            base = nvm->userStart() + 256;
            nvm->begin();
            nvm->write(base, cdos::crypto::randomBytes(kRegion));
            nvm->commit();
            oldRegion = nvm->read(base, kRegion);
        }
        const Bytes baseImage = cardtest::readFile(basePath);
        int wrongOutcomes = 0; // a commit cut at 0 or not cut at n > 0
        // Cut at page write n of the change on a copy of the base image; returns the copy's path.
        auto cutAt = [&](std::uint32_t n) {
            const std::string path = freshPath();
            cardtest::writeFile(path, baseImage);
            auto nvm = Nvm::open(path, false);
            nvm->setPowerCutAt(n, tear);
            nvm->begin();
            applyBigChange(*nvm, base, payload);
            bool cut = false;
            try {
                nvm->commit();
                writes = nvm->lastCommitWrites();
                newRegion = nvm->read(base, kRegion);
            } catch (const PowerCut&) {
                cut = true;
            }
            wrongOutcomes += cut != (n != 0);
            return path;
        };
        cutAt(0);
        QVERIFY(writes >= 10);
        int uncheckedAfterCut = 0;
        for (std::uint32_t n = 1; n <= writes; ++n) {
            const std::string path = cutAt(n);
            if (!img::badPages(cardtest::readFile(path)).empty())
                ++uncheckedAfterCut; // a home page cut: it lacks its new check value
            {
                auto nvm = Nvm::open(path, false);
                const Bytes after = nvm->read(base, kRegion);
                QVERIFY2(after == oldRegion || after == newRegion, qPrintable(QStringLiteral("cut at %1").arg(n)));
            }
            const auto bad = img::badPages(cardtest::readFile(path));
            if (!bad.empty())
                QFAIL(qPrintable(QStringLiteral("cut at %1: page %2 fails its check value").arg(n).arg(bad.front())));
            QVERIFY(!Nvm::open(path, false)->recoveredOnOpen());
        }
        QVERIFY(uncheckedAfterCut >= 5);
        // The journal is complete, the last home page torn: cut the replay too, at each of its writes.
        const Bytes cutImage = cardtest::readFile(cutAt(writes));
        for (std::uint32_t n = 1; n <= writes; ++n) {
            const std::string p = freshPath();
            cardtest::writeFile(p, cutImage);
            try {
                Nvm::open(p, false, n, tear);
            } catch (const PowerCut&) {
            }
            auto nvm = Nvm::open(p, false);
            QCOMPARE(nvm->read(base, kRegion), newRegion);
            QVERIFY(img::badPages(cardtest::readFile(p)).empty());
        }
        QCOMPARE(wrongOutcomes, 0);
        qInfo("%u page writes cut (tear %d): %d left a page without its check value; every reopen checked", writes,
              tear, uncheckedAfterCut);
    }

    // A version 1 image (no trailer) whose committed journal was not yet replayed: open() replays it, then rewrites
    // the image as version 2, keeping its permissions; the check values are in force from then on.
    void formatOneImageIsUpgraded() {
        const std::string path = freshPath();
        std::uint32_t base = 0;
        Bytes region;
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            base = nvm->userStart() + 2 * 256;
            nvm->begin();
            nvm->write(base, cdos::crypto::randomBytes(1000));
            nvm->commit();
            region = nvm->read(base, 1000);
        }
        Bytes v1 = cardtest::readFile(path);
        v1.resize(img::kSize);
        v1[9] = 1;
        put32(&v1[252], cdos::crc32(v1.data(), 252));
        // Its journal: one committed version 1 transaction, "hello" at base + 2000, not yet on its home page.
        std::fill(v1.begin() + 256, v1.begin() + 33 * 256, 0);
        std::uint8_t* j = &v1[256];
        const std::uint8_t head[] = {0x43, 0x44, 0x4A, 0x31, 0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0, 9, 0, 1, 0, 12};
        std::copy(std::begin(head), std::end(head), j);
        const std::uint8_t record[] = {0x01, 0, 0, 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};
        std::copy(std::begin(record), std::end(record), j + 24);
        put32(j + 25, base + 2000);
        put32(j + 20, cdos::crc32(j, 256));
        cardtest::writeFile(path, v1);
        QVERIFY(::chmod(path.c_str(), 0640) == 0);
        cardtest::writeFile(path + ".upgrade", Bytes{'x'}); // left by an upgrade that crashed
        {
            auto nvm = Nvm::open(path, false);
            QVERIFY(nvm->upgradedOnOpen());
            QVERIFY(nvm->recoveredOnOpen());
            QCOMPARE(nvm->read(base, 1000), region);
            QCOMPARE(nvm->read(base + 2000, 5), (Bytes{'h', 'e', 'l', 'l', 'o'}));
            nvm->begin();
            nvm->write(base + 3000, Bytes{7});
            nvm->commit();
        }
        const Bytes v2 = cardtest::readFile(path);
        QCOMPARE(v2.size(), img::kFileSize);
        QCOMPARE(u16(v2, 8), std::uint16_t(2));
        QVERIFY(img::badPages(v2).empty());
        struct stat st {};
        QVERIFY(::stat(path.c_str(), &st) == 0);
        QCOMPARE(st.st_mode & 0777u, 0640u);
        QVERIFY(!QFile::exists(QString::fromStdString(path + ".upgrade")));
        {
            auto nvm = Nvm::open(path, false);
            QVERIFY(!nvm->upgradedOnOpen());
            QVERIFY(!nvm->recoveredOnOpen());
            QCOMPARE(nvm->read(base + 2000, 5), (Bytes{'h', 'e', 'l', 'l', 'o'}));
            QCOMPARE(nvm->readU8(base + 3000), std::uint8_t(7));
        }
        Bytes damaged = v2;
        damaged[base + 500] ^= 0x80;
        cardtest::writeFile(path, damaged);
        expectRefused(path, (base + 500) / 256);
    }

    // Opening computes one CRC-32 per user page (479 for the default image): fresh images, small and large, pass.
    // What it costs is measured by bench/NvmOpenBench.cpp, not here.
    void openingCost() {
        NvmOptions big = cardtest::fastNvm();
        big.size = 16 * 1024 * 1024;
        const std::string small = freshPath(), large = freshPath();
        { Nvm::create(small, cardtest::fastNvm()); }
        { Nvm::create(large, big); }
        QVERIFY(img::badPages(cardtest::readFile(small)).empty());
        Nvm::open(small, false);
        Nvm::open(large, false);
    }
};

QTEST_GUILESS_MAIN(TestNvmCheck)
#include "TestNvmCheck.moc"
