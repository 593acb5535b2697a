// The NVM image: transactions, the cost in page writes, tearing at every page write (also during recovery), and
// clear errors for damaged images.
#include "CardTestSupport.h"

#include "carddesk/protocol/crypto/Crc32.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <QtTest>

using namespace cdos::card;
using cardtest::Bytes;

namespace {

// A multi-page change: new data over five pages (two of them straddled), a partial page, and an erase.
void applyBigChange(Nvm& nvm, std::uint32_t base, const Bytes& payload) {
    nvm.write(base + 100, payload);                      // ~4.3 pages from mid-page
    nvm.write(base + 8 * 256 + 3, Bytes{1, 2, 3, 4, 5}); // a few bytes
    nvm.fill(base + 10 * 256, 3 * 256, 0x00);            // erase three pages
    nvm.write(base + 20 * 256 + 250, Bytes(12, 0xEE));   // straddles a page boundary
}

std::uint32_t regionSize() {
    return 24 * 256;
}

} // namespace

class TestNvm : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    std::string freshPath() { return m_dir.filePath(QStringLiteral("img%1").arg(++m_n)).toStdString(); }

private slots:
    void createAndReopen() {
        const std::string path = freshPath();
        Bytes serial;
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            QCOMPARE(nvm->size(), 128u * 1024);
            QCOMPARE(nvm->pageSize(), std::uint16_t(256));
            QCOMPARE(nvm->chipSerial().size(), std::size_t(8));
            QCOMPARE(nvm->pageWrites(), 1u); // the header
            serial = nvm->chipSerial();
        }
        QCOMPARE(cardtest::readFile(path).size(), cardtest::image::kFileSize); // 128 KiB + the check values
        auto nvm = Nvm::open(path, false);
        QCOMPARE(nvm->chipSerial(), serial);
        QCOMPARE(nvm->pageWrites(), 1u);
        QVERIFY(!nvm->recoveredOnOpen());
    }

    void createNeverOverwrites() {
        const std::string path = freshPath();
        cardtest::writeFile(path, Bytes{'u', 's', 'e', 'r'});
        try {
            Nvm::create(path, cardtest::fastNvm());
            QFAIL("create() overwrote a file");
        } catch (const NvmError& e) {
            QCOMPARE(e.kind, NvmError::Kind::Exists);
        }
        QCOMPARE(cardtest::readFile(path), (Bytes{'u', 's', 'e', 'r'}));
    }

    void secondOpenIsRefused() {
        const std::string path = freshPath();
        auto nvm = Nvm::create(path, cardtest::fastNvm());
        try {
            Nvm::open(path, false);
            QFAIL("two processes on one image");
        } catch (const NvmError& e) {
            QCOMPARE(e.kind, NvmError::Kind::InUse);
        }
    }

    void commitAndRollback() {
        const std::string path = freshPath();
        auto nvm = Nvm::create(path, cardtest::fastNvm());
        const std::uint32_t a = nvm->userStart() + 1000;
        nvm->begin();
        nvm->write(a, Bytes{1, 2, 3});
        QCOMPARE(nvm->read(a, 3), (Bytes{1, 2, 3})); // a transaction reads its own writes
        nvm->rollback();
        QCOMPARE(nvm->read(a, 3), (Bytes{0, 0, 0}));
        nvm->begin();
        nvm->write(a, Bytes{4, 5, 6});
        nvm->commit();
        nvm.reset();
        nvm = Nvm::open(path, false);
        QCOMPARE(nvm->read(a, 3), (Bytes{4, 5, 6}));
    }

    void misuseIsAnError() {
        auto nvm = Nvm::create(freshPath(), cardtest::fastNvm());
        QVERIFY_THROWS_EXCEPTION(NvmError, nvm->write(nvm->userStart(), Bytes{1}));
        nvm->begin();
        QVERIFY_THROWS_EXCEPTION(NvmError, nvm->write(0, Bytes{1}));                  // header
        QVERIFY_THROWS_EXCEPTION(NvmError, nvm->write(nvm->size() - 1, Bytes{1, 2})); // past the end
        QVERIFY_THROWS_EXCEPTION(NvmError, nvm->begin());
        nvm->rollback();
    }

    // The costs card/README.md reports.
    void pageWritesPerTransaction() {
        auto nvm = Nvm::create(freshPath(), cardtest::fastNvm());
        const std::uint32_t base = nvm->userStart() + 4 * 256;
        nvm->begin();
        nvm->write(base + 10, Bytes{1, 2, 3, 4});
        nvm->commit();
        QCOMPARE(nvm->lastCommitWrites(), 2u); // journal page (= commit record) + home page
        nvm->begin();
        nvm->write(base + 10, Bytes{1, 2, 3, 4}); // no change: no write at all
        nvm->commit();
        QCOMPARE(nvm->lastCommitWrites(), 0u);
        nvm->begin();
        nvm->write(base + 10, Bytes{9});
        nvm->write(base + 256 + 7, Bytes{9, 9});
        nvm->write(base + 2 * 256 + 200, Bytes(40, 7));
        nvm->commit();
        QCOMPARE(nvm->lastCommitWrites(), 4u); // three home pages, one journal page
        // Erasing 64 KiB of random data journals as a few fill records.
        nvm->begin();
        nvm->write(base, cdos::crypto::randomBytes(4000));
        nvm->commit();
        nvm->begin();
        nvm->fill(base, 64 * 1024, 0);
        nvm->commit();
        QCOMPARE(nvm->lastCommitWrites(), 1u + (4000 + 255) / 256);
        const std::uint32_t before = nvm->pageWrites();
        nvm->begin();
        nvm->write(base + 3, Bytes{1});
        nvm->commit();
        QCOMPARE(nvm->pageWrites(), before + 2);
        qInfo("page writes: 1-page update 2, 3-page update 4, 64 KiB erase of 16 dirty pages 17");
    }

    void pageWriteCounterSurvivesReopen() {
        const std::string path = freshPath();
        std::uint32_t writes = 0;
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            for (int i = 0; i < 10; ++i) {
                nvm->begin();
                nvm->write(nvm->userStart() + static_cast<std::uint32_t>(i) * 300,
                           Bytes{static_cast<std::uint8_t>(i + 1)});
                nvm->commit();
            }
            writes = nvm->pageWrites();
            QCOMPARE(writes, 1u + 10 * 2);
        }
        auto nvm = Nvm::open(path, false);
        QCOMPARE(nvm->pageWrites(), writes);
    }

    void tooLargeTransactionIsRefusedAndHarmless() {
        auto nvm = Nvm::create(freshPath(), cardtest::fastNvm());
        const std::uint32_t a = nvm->userStart();
        nvm->begin();
        nvm->write(a, cdos::crypto::randomBytes(16 * 1024));
        try {
            nvm->commit();
            QFAIL("a 16 KiB random write fits no 32-page journal");
        } catch (const NvmError& e) {
            QCOMPARE(e.kind, NvmError::Kind::TooLarge);
        }
        QVERIFY(!nvm->inTransaction());
        QCOMPARE(nvm->read(a, 16), Bytes(16, 0));
        nvm->begin();
        nvm->write(a, Bytes{1});
        nvm->commit();
        QCOMPARE(nvm->readU8(a), std::uint8_t(1));
    }

    void journalWrapsAround() {
        const std::string path = freshPath();
        auto nvm = Nvm::create(path, cardtest::fastNvm());
        const std::uint32_t base = nvm->userStart();
        Bytes model(regionSize(), 0);
        for (int i = 0; i < 300; ++i) {
            const auto off = static_cast<std::uint32_t>((i * 977) % (regionSize() - 600));
            const Bytes data = cdos::crypto::randomBytes(static_cast<std::size_t>(1 + (i * 37) % 600));
            nvm->begin();
            nvm->write(base + off, data);
            nvm->commit();
            std::copy(data.begin(), data.end(), model.begin() + off);
            if (i % 50 == 49) {
                nvm.reset();
                nvm = Nvm::open(path, false);
            }
        }
        QCOMPARE(nvm->read(base, regionSize()), model);
    }

    void tearingAtEveryWrite_data() {
        QTest::addColumn<int>("tear");
        QTest::newRow("nothing written") << 0;
        QTest::newRow("1 byte") << 1;
        QTest::newRow("half a page") << 128;
        QTest::newRow("all but one byte") << 255;
    }
    // Cut the power at the N-th page write of a multi-page transaction, for every N: after reopening, the region
    // is wholly the old or wholly the new content, and stays so over further power cycles.
    void tearingAtEveryWrite() {
        QFETCH(int, tear);
        const std::string basePath = freshPath();
        Bytes payload = cdos::crypto::randomBytes(1100);
        Bytes oldRegion, newRegion;
        std::uint32_t base = 0, writes = 0;
        {
            auto nvm = Nvm::create(basePath, cardtest::fastNvm());
            base = nvm->userStart() + 256;
            nvm->begin();
            nvm->write(base, cdos::crypto::randomBytes(regionSize()));
            nvm->commit();
            oldRegion = nvm->read(base, regionSize());
        }
        const Bytes baseImage = cardtest::readFile(basePath);
        {
            const std::string path = freshPath();
            cardtest::writeFile(path, baseImage);
            auto nvm = Nvm::open(path, false);
            nvm->begin();
            applyBigChange(*nvm, base, payload);
            nvm->commit();
            writes = nvm->lastCommitWrites();
            newRegion = nvm->read(base, regionSize());
        }
        QVERIFY(writes >= 10);
        int sawOld = 0, sawNew = 0;
        for (std::uint32_t n = 1; n <= writes; ++n) {
            const std::string path = freshPath();
            cardtest::writeFile(path, baseImage);
            {
                auto nvm = Nvm::open(path, false);
                nvm->setPowerCutAt(n, tear);
                nvm->begin();
                applyBigChange(*nvm, base, payload);
                QVERIFY_THROWS_EXCEPTION(PowerCut, nvm->commit());
                QVERIFY(nvm->powerLost());
                QVERIFY_THROWS_EXCEPTION(PowerCut, nvm->read(base, 1));
            }
            Bytes after;
            {
                auto nvm = Nvm::open(path, false);
                after = nvm->read(base, regionSize());
                QVERIFY2(after == oldRegion || after == newRegion, qPrintable(QStringLiteral("cut at %1").arg(n)));
                (after == oldRegion ? sawOld : sawNew)++;
            }
            auto nvm = Nvm::open(path, false); // a second power-up changes nothing
            QCOMPARE(nvm->read(base, regionSize()), after);
            QVERIFY(!nvm->recoveredOnOpen());
            nvm->begin(); // and the card goes on working
            nvm->write(base, Bytes{0x42});
            nvm->commit();
            QCOMPARE(nvm->readU8(base), std::uint8_t(0x42));
        }
        QVERIFY(sawOld > 0 && sawNew > 0);
        qInfo("transaction of %u page writes torn at each of them (%d old, %d new)", writes, sawOld, sawNew);
    }

    // Cut once during commit after the journal is complete, then again during the replay at every write.
    void tearingDuringRecovery() {
        const std::string basePath = freshPath();
        std::uint32_t base = 0, writes = 0;
        const Bytes payload = cdos::crypto::randomBytes(1100);
        Bytes newRegion;
        {
            auto nvm = Nvm::create(basePath, cardtest::fastNvm());
            base = nvm->userStart() + 256;
            nvm->begin();
            applyBigChange(*nvm, base, payload);
            nvm->commit();
            writes = nvm->lastCommitWrites();
            newRegion = nvm->read(base, regionSize());
        }
        // Redo it on a blank image with a cut at the last write: the journal is complete, home pages half done.
        const std::string path = freshPath();
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            nvm->setPowerCutAt(writes);
            nvm->begin();
            applyBigChange(*nvm, base, payload);
            QVERIFY_THROWS_EXCEPTION(PowerCut, nvm->commit());
        }
        const Bytes cutImage = cardtest::readFile(path);
        for (std::uint32_t n = 1; n <= writes; ++n) {
            const std::string p = freshPath();
            cardtest::writeFile(p, cutImage);
            try {
                auto nvm = Nvm::open(p, false, n, 100);
                QCOMPARE(nvm->read(base, regionSize()), newRegion); // replay needed fewer than n writes
            } catch (const PowerCut&) {
            }
            auto nvm = Nvm::open(p, false);
            QCOMPARE(nvm->read(base, regionSize()), newRegion);
        }
    }

    void damagedImagesGiveClearErrors_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "missing"
                                 << "does not exist";
        QTest::newRow("empty") << "empty"
                               << "is empty (0 bytes)";
        QTest::newRow("bad magic") << "magic"
                                   << "not a CardDesk card image (bad magic)";
        QTest::newRow("header checksum") << "crc"
                                         << "header checksum mismatch";
        QTest::newRow("truncated") << "truncated"
                                   << "truncated";
        QTest::newRow("tiny") << "tiny"
                              << "truncated";
        QTest::newRow("too long") << "long"
                                  << "too long";
        QTest::newRow("future version") << "version"
                                        << "has format version 3, made by a newer card OS";
        QTest::newRow("future header layout") << "layout"
                                              << "has format version 7, unknown here: made by a newer card OS, or "
                                                 "its header is damaged";
        QTest::newRow("version 0") << "version0"
                                   << "format version 0 does not exist";
        QTest::newRow("journal record out of bounds") << "journal"
                                                      << "journal record out of bounds";
        QTest::newRow("random bytes") << "random"
                                      << "not a CardDesk card image";
    }
    void damagedImagesGiveClearErrors() {
        QFETCH(QString, damage);
        QFETCH(QString, message);
        const std::string path = freshPath();
        { Nvm::create(path, cardtest::fastNvm()); }
        Bytes img = cardtest::readFile(path);
        auto fixCrc = [&] {
            const std::uint32_t crc = cdos::crc32(img.data(), 252);
            for (int i = 0; i < 4; ++i)
                img[252 + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
        };
        if (damage == "missing") {
            QFile::remove(QString::fromStdString(path));
        } else {
            if (damage == "empty")
                img.clear();
            else if (damage == "magic")
                img[0] = 'X';
            else if (damage == "crc")
                img[30] ^= 0x01;
            else if (damage == "truncated")
                img.resize(img.size() / 2);
            else if (damage == "tiny")
                img.resize(40);
            else if (damage == "long")
                img.resize(img.size() + 100);
            else if (damage == "version") {
                img[9] = 3;
                fixCrc();
            } else if (damage == "layout") {
                img[9] = 7; // a newer header whose checksum is elsewhere
            } else if (damage == "version0") {
                img[9] = 0;
                fixCrc();
            } else if (damage == "journal") {
                // A well-formed, checksummed journal page whose record points into the header.
                Bytes page(256, 0);
                const std::uint8_t head[] = {0x43, 0x44, 0x4A, 0x31, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 5, 0, 1, 0, 8};
                std::copy(std::begin(head), std::end(head), page.begin());
                const std::uint8_t record[] = {0x02, 0, 0, 0, 0, 0, 16, 0xAA};
                std::copy(std::begin(record), std::end(record), page.begin() + 24);
                const std::uint32_t crc = cdos::crc32(page.data(), page.size());
                for (int i = 0; i < 4; ++i)
                    page[20 + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
                std::copy(page.begin(), page.end(), img.begin() + 256);
            } else if (damage == "random")
                img = cdos::crypto::randomBytes(img.size());
            cardtest::writeFile(path, img);
        }
        const Bytes before = cardtest::readFile(path);
        try {
            Nvm::open(path, false);
            QFAIL("a damaged image opened");
        } catch (const NvmError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
            const auto kind = damage == "missing"                         ? NvmError::Kind::NotFound
                              : damage == "version" || damage == "layout" ? NvmError::Kind::Unsupported
                                                                          : NvmError::Kind::Corrupt;
            QCOMPARE(e.kind, kind);
        }
        QCOMPARE(cardtest::readFile(path), before); // nothing was "repaired" behind the user's back
    }

    // Damage above the NVM layer (file table, card state) is found when the card OS mounts the image. The damage
    // here carries matching page check values, as if the card OS had written it: without them the NVM refuses the
    // image first (TestNvmCheck).
    void damagedFileSystemIsReported() {
        const std::string path = freshPath();
        std::uint32_t table = 0;
        {
            auto nvm = Nvm::create(path, cardtest::fastNvm());
            table = nvm->userStart() + 256;
            CardOs os(std::move(nvm));
        }
        {
            // One more transaction elsewhere, so that replaying the journal does not undo the damage below.
            auto nvm = Nvm::open(path, false);
            nvm->begin();
            nvm->write(nvm->size() - 1, Bytes{1});
            nvm->commit();
        }
        Bytes img = cardtest::readFile(path);
        img[table + 64 + 3] ^= 0x10; // the key file's entry
        cardtest::image::refreshCheck(img, table / 256);
        cardtest::writeFile(path, img);
        try {
            CardOs os(Nvm::open(path, false));
            QFAIL("a damaged file table mounted");
        } catch (const NvmError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("file table entry 1")), e.what());
        }
        img[table + 64 + 3] ^= 0x10;
        img[table - 256 + 5] = 7; // card state: life cycle out of range, checksum now wrong
        cardtest::image::refreshCheck(img, table / 256);
        cardtest::image::refreshCheck(img, table / 256 - 1);
        cardtest::writeFile(path, img);
        try {
            CardOs os(Nvm::open(path, false));
            QFAIL("a damaged card state mounted");
        } catch (const NvmError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("card state")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestNvm)
#include "TestNvm.moc"
