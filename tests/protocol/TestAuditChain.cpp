// The audit trail's hash chain (protocol/audit/AuditChain.h): the canonical encoding byte for byte, the chain from
// the genesis hash, and verify() naming the first row that was changed, deleted, inserted or moved.
#include "carddesk/protocol/audit/AuditChain.h"
#include "carddesk/protocol/crypto/Crypto.h"

#include <QTest>

using namespace cdos;

namespace {

audit::Row row(std::int64_t sequence, const std::string& action, const std::string& card = {}) {
    audit::Row r;
    r.sequence = sequence;
    r.time = "2026-12-07T10:11:12." + std::to_string(100 + sequence) + "Z";
    r.operators = sequence % 2 ? "alice" : "alice+bob";
    r.role = "desk";
    r.action = action;
    r.card = card;
    r.result = "ok";
    r.detail = "row " + std::to_string(sequence);
    return r;
}

// A valid chain of `n` rows.
std::vector<audit::StoredRow> chain(int n) {
    std::vector<audit::StoredRow> rows;
    Bytes previous = audit::genesis();
    for (int i = 1; i <= n; ++i) {
        audit::StoredRow s{row(i, i % 3 ? "issue card" : "login", "8610010000000000000" + std::to_string(i % 10)), {}};
        s.hash = audit::chainHash(previous, s.row);
        previous = s.hash;
        rows.push_back(s);
    }
    return rows;
}

} // namespace

class TestAuditChain final : public QObject {
    Q_OBJECT
private slots:
    void canonicalEncodingIsTheDocumentedOne() {
        audit::Row r;
        r.sequence = 0x0102;
        r.time = "T";
        r.operators = "ab";
        r.action = "x";
        const Bytes expected = [] {
            std::string magic = "CDAUDIT1";
            Bytes b(magic.begin(), magic.end());
            for (std::uint8_t v : {0, 0, 0, 0, 0, 0, 1, 2})
                b.push_back(v);
            const auto field = [&b](const std::string& t) {
                for (std::uint8_t v : {std::uint8_t(0), std::uint8_t(0), std::uint8_t(0), std::uint8_t(t.size())})
                    b.push_back(v);
                b.insert(b.end(), t.begin(), t.end());
            };
            for (const char* t : {"T", "ab", "", "x", "", "", ""})
                field(t);
            return b;
        }();
        QCOMPARE(audit::canonical(r), expected);
        QCOMPARE(audit::genesis(), Bytes(32, 0));
        Bytes input = audit::genesis();
        input.insert(input.end(), expected.begin(), expected.end());
        QCOMPARE(audit::chainHash(audit::genesis(), r), crypto::sha256(input));
    }

    // Field boundaries are in the encoding: moving a character from one field to the next changes the hash.
    void fieldsCannotBleedIntoEachOther() {
        audit::Row a = row(1, "issue card");
        audit::Row b = a;
        a.operators = "alice";
        a.role = "desk";
        b.operators = "alic";
        b.role = "edesk";
        QVERIFY(audit::chainHash(audit::genesis(), a) != audit::chainHash(audit::genesis(), b));
    }

    void validChainVerifies() {
        QVERIFY(!audit::verify({}));
        QVERIFY(!audit::verify(chain(1)));
        QVERIFY(!audit::verify(chain(50)));
        // A part of a chain verifies from the hash and sequence before it.
        const auto rows = chain(10);
        const std::vector<audit::StoredRow> tail(rows.begin() + 4, rows.end());
        QVERIFY(!audit::verify(tail, rows[3].hash, 5));
        QVERIFY(audit::verify(tail)); // but not from the genesis
    }

    void changedRowIsNamed_data() {
        QTest::addColumn<int>("field");
        for (int f = 0; f < 8; ++f)
            QTest::newRow(std::to_string(f).c_str()) << f;
    }
    void changedRowIsNamed() {
        QFETCH(int, field);
        auto rows = chain(10);
        audit::Row& r = rows[6].row; // row 7
        switch (field) {
        case 0:
            r.time += "0";
            break;
        case 1:
            r.operators = "mallory";
            break;
        case 2:
            r.role = "admin";
            break;
        case 3:
            r.action = "login";
            break;
        case 4:
            r.card = "86100100000000000099";
            break;
        case 5:
            r.result = "failed";
            break;
        case 6:
            r.detail += " ";
            break;
        case 7:
            rows[6].hash[0] ^= 1; // the stored hash itself
            break;
        }
        const auto broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->index, std::size_t(6));
        QCOMPARE(broken->sequence, std::int64_t(7));
        QVERIFY2(broken->reason.find("row 7 ") != std::string::npos, broken->reason.c_str());
    }

    void deletedRowIsNamed() {
        auto rows = chain(10);
        rows.erase(rows.begin() + 3); // row 4
        auto broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->sequence, std::int64_t(5));
        QCOMPARE(broken->reason, std::string("row 4 is missing (the next row is 5)"));

        rows = chain(10);
        rows.erase(rows.begin() + 3, rows.begin() + 6); // rows 4 to 6
        broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->reason, std::string("rows 4 to 6 are missing (the next row is 7)"));

        // Deleted and the later rows renumbered: the renumbered row no longer holds.
        rows = chain(10);
        rows.erase(rows.begin() + 3);
        for (std::size_t i = 3; i < rows.size(); ++i)
            rows[i].row.sequence -= 1;
        broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->sequence, std::int64_t(4));
        QVERIFY2(broken->reason.find("row 4 was changed") != std::string::npos, broken->reason.c_str());
    }

    void insertedRowIsNamed() {
        // A row made to look right (its own hash over its predecessor) and the later rows renumbered: the next
        // original row no longer chains to it.
        auto rows = chain(10);
        audit::StoredRow forged{row(4, "key import"), {}};
        forged.hash = audit::chainHash(rows[2].hash, forged.row);
        rows.insert(rows.begin() + 3, forged);
        for (std::size_t i = 4; i < rows.size(); ++i)
            rows[i].row.sequence += 1;
        auto broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->sequence, std::int64_t(5));
        QVERIFY2(broken->reason.find("row 5 was changed or inserted") != std::string::npos, broken->reason.c_str());

        // Inserted with a duplicate number: out of place.
        rows = chain(10);
        rows.insert(rows.begin() + 3, rows[2]);
        broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->index, std::size_t(3));
        QCOMPARE(broken->reason, std::string("row 3 is out of place (expected row 4)"));

        // Appended at the end without the chain's hash.
        rows = chain(10);
        rows.push_back(audit::StoredRow{row(11, "logout"), Bytes(32, 0xAB)});
        broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->sequence, std::int64_t(11));
    }

    void reorderedRowsAreNamed() {
        // Two rows swapped, numbers and all: the list in sequence order meets 5 before 4.
        auto rows = chain(10);
        std::swap(rows[3], rows[4]);
        auto broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->index, std::size_t(3));
        QCOMPARE(broken->reason, std::string("row 4 is missing (the next row is 5)"));

        // Swapped contents with the numbers kept in place (what ORDER BY sequence reads after swapping the
        // sequence numbers in SQL): the first moved row is named.
        rows = chain(10);
        std::swap(rows[3].row.sequence, rows[4].row.sequence);
        std::swap(rows[3], rows[4]);
        broken = audit::verify(rows);
        QVERIFY(broken);
        QCOMPARE(broken->sequence, std::int64_t(4));
        QVERIFY2(broken->reason.find("row 4 was changed or inserted") != std::string::npos, broken->reason.c_str());
    }
};

QTEST_APPLESS_MAIN(TestAuditChain)
#include "TestAuditChain.moc"
