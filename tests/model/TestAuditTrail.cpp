// The hash-chained audit trail in the database (docs/operators.md, "Audit trail"), on SQLite — and on PostgreSQL
// under the ctest fixture `postgres` (test_model_audit_postgres): a row changed, deleted, inserted or moved directly
// in SQL is found and named by verifyAudit(); rows cut off the end are found by audit_head; the export carries the
// chain and verifies on its own; three desks appending 200 rows each at once leave one valid chain of 600.
#include <carddesk/model/Database.h>
#include <carddesk/protocol/audit/AuditChain.h>

#include "support/TestDatabases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace carddesk;

class TestAuditTrail : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_count = 0;

    // A new database of this run's kind: SQLite in the temporary folder, or PostgreSQL under the fixture.
    QString freshLocation() {
        if (cdtest::postgresAsked())
            return cdtest::freshPostgresDatabase(QStringLiteral("audit_test"));
        return m_dir.filePath(QStringLiteral("audit-%1.sqlite").arg(++m_count));
    }

    static void fill(Database& db, int rows) {
        for (int i = 1; i <= rows; ++i) {
            AuditRecord r;
            r.operators = i % 3 ? QStringLiteral("alice") : QStringLiteral("alice+bob");
            r.role = QStringLiteral("desk");
            r.action = QStringLiteral("issue card");
            r.card = QStringLiteral("861001000000000000%1").arg(i, 2, 10, QLatin1Char('0'));
            r.detail = QStringLiteral("row %1, 中文 too").arg(i);
            QCOMPARE(db.appendAudit(r), qint64(i));
        }
    }

    static bool sql(Database& db, const QString& statement) {
        QSqlQuery q(db.connection());
        if (q.exec(statement))
            return true;
        qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
        return false;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        if (cdtest::postgresAsked())
            QVERIFY2(!cdtest::freshPostgresDatabase(QStringLiteral("audit_probe")).isEmpty(),
                     "the postgres fixture's server does not answer");
        qInfo("backend: %s", cdtest::postgresAsked() ? "PostgreSQL" : "SQLite");
    }

    void validChainAndItsRows() {
        Database db;
        db.open(freshLocation());
        QVERIFY(db.verifyAudit().valid); // an empty trail holds
        fill(db, 5);
        const AuditVerification v = db.verifyAudit();
        QVERIFY(v.valid);
        QCOMPARE(v.rows, 5);
        const QList<AuditEntry> trail = db.auditTrail();
        QCOMPARE(trail.size(), 5);
        // Each stored row is the protocol's chain, recomputed here from its fields.
        cdos::Bytes previous = cdos::audit::genesis();
        for (const AuditEntry& e : trail) {
            cdos::audit::Row r;
            r.sequence = e.id;
            r.time = e.timeText.toStdString();
            r.operators = e.operators.toUtf8().toStdString();
            r.role = e.role.toStdString();
            r.action = e.action.toStdString();
            r.card = e.card.toStdString();
            r.result = e.result.toStdString();
            r.detail = e.detail.toUtf8().toStdString();
            previous = cdos::audit::chainHash(previous, r);
            QCOMPARE(e.hash, QString::fromStdString(cdos::toHex(previous)).toLower());
            QVERIFY(e.timeText.endsWith(QLatin1Char('Z')));
            QCOMPARE(e.timeText.size(), 24); // 2026-12-07T10:11:12.345Z
        }
        QCOMPARE(trail[2].operatorName, QStringLiteral("alice"));
        QCOMPARE(trail[2].operators, QStringLiteral("alice+bob"));
        QCOMPARE(db.auditEntries(2).first().id, 5); // newest first
    }

    void tamperingIsNamed_data() {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<qint64>("row");
        QTest::addColumn<QString>("reason");
        QTest::newRow("changed") << QStringList{QStringLiteral("UPDATE audit SET detail = 'nothing happened'"
                                                               " WHERE sequence = 4")}
                                 << qint64(4) << QStringLiteral("row 4 was changed or inserted");
        QTest::newRow("operator changed") << QStringList{QStringLiteral("UPDATE audit SET operators = 'mallory'"
                                                                        " WHERE sequence = 7")}
                                          << qint64(7) << QStringLiteral("row 7 was changed");
        QTest::newRow("deleted") << QStringList{QStringLiteral("DELETE FROM audit WHERE sequence = 4")} << qint64(4)
                                 << QStringLiteral("row 4 is missing (the next row is 5)");
        // Deleted, and the later rows renumbered to close the gap: the first renumbered row no longer holds.
        QTest::newRow("deleted and renumbered")
            << QStringList{QStringLiteral("DELETE FROM audit WHERE sequence = 4"),
                           QStringLiteral("UPDATE audit SET sequence = -(sequence - 1) WHERE sequence > 4"),
                           QStringLiteral("UPDATE audit SET sequence = -sequence WHERE sequence < 0")}
            << qint64(4) << QStringLiteral("row 4 was changed or inserted");
        // A row inserted in the middle with the later rows moved up: made to look like the chain (its hash over
        // row 3's), yet the original row after it does not chain to it.
        QTest::newRow("inserted")
            << QStringList{QStringLiteral("UPDATE audit SET sequence = -(sequence + 1) WHERE sequence >= 4"),
                           QStringLiteral("UPDATE audit SET sequence = -sequence WHERE sequence < 0"),
                           QStringLiteral("FORGE 4")}
            << qint64(5) << QStringLiteral("row 5 was changed or inserted");
        QTest::newRow("appended without the chain")
            << QStringList{QStringLiteral("INSERT INTO audit (sequence, time, operators, role, action, card, result,"
                                          " detail, hash) VALUES (11, '2026-12-07T10:11:12.345Z', 'mallory', 'admin',"
                                          " 'key import', '', 'ok', '', '00')")}
            << qint64(11) << QStringLiteral("row 11 was changed or inserted");
        QTest::newRow("appended with the chain, past the head")
            << QStringList{QStringLiteral("FORGE 11")} << qint64(11)
            << QStringLiteral("row 11 was added after the trail's head");
        QTest::newRow("reordered") << QStringList{QStringLiteral("UPDATE audit SET sequence = -1 WHERE sequence = 5"),
                                                  QStringLiteral("UPDATE audit SET sequence = 5 WHERE sequence = 6"),
                                                  QStringLiteral("UPDATE audit SET sequence = 6 WHERE sequence = -1")}
                                   << qint64(5) << QStringLiteral("row 5 was changed or inserted");
        QTest::newRow("time moved") << QStringList{QStringLiteral("UPDATE audit SET time = '2020-01-01T00:00:00.000Z'"
                                                                  " WHERE sequence = 2")}
                                    << qint64(2) << QStringLiteral("row 2 was changed");
        QTest::newRow("last rows cut off") << QStringList{QStringLiteral("DELETE FROM audit WHERE sequence >= 9")}
                                           << qint64(9) << QStringLiteral("rows 9 to 10 are missing from the end");
    }
    void tamperingIsNamed() {
        QFETCH(QStringList, statements);
        QFETCH(qint64, row);
        QFETCH(QString, reason);
        Database db;
        db.open(freshLocation());
        fill(db, 10);
        QVERIFY(db.verifyAudit().valid);
        for (const QString& s : statements) {
            if (s.startsWith(QLatin1String("FORGE "))) {
                // The forger knows the chain's rule: the row's hash over the row before it.
                const qint64 at = s.mid(6).toLongLong();
                QSqlQuery q(db.connection());
                QVERIFY(q.exec(QStringLiteral("SELECT hash FROM audit WHERE sequence = %1").arg(at - 1)) && q.next());
                const QByteArray prev = QByteArray::fromHex(q.value(0).toString().toLatin1());
                cdos::audit::Row r;
                r.sequence = at;
                r.time = "2026-12-07T10:11:12.345Z";
                r.operators = "mallory";
                r.role = "admin";
                r.action = "key import";
                r.result = "ok";
                const cdos::Bytes h = cdos::audit::chainHash(cdos::Bytes(prev.cbegin(), prev.cend()), r);
                QVERIFY(sql(db, QStringLiteral("INSERT INTO audit (sequence, time, operators, role, action, card,"
                                               " result, detail, hash) VALUES (%1, '%2', 'mallory', 'admin',"
                                               " 'key import', '', 'ok', '', '%3')")
                                    .arg(at)
                                    .arg(QString::fromStdString(r.time))
                                    .arg(QString::fromStdString(cdos::toHex(h)).toLower())));
            } else {
                QVERIFY(sql(db, s));
            }
        }
        const AuditVerification v = db.verifyAudit();
        QVERIFY(!v.valid);
        QCOMPARE(v.brokenRow, row);
        QVERIFY2(v.reason.startsWith(reason), qPrintable(v.reason));
        QVERIFY(!v.reasonId.isEmpty());
        // Appending goes on from the head (where no forged row took its number); the break stays where it was.
        QSqlQuery last(db.connection());
        QVERIFY(last.exec(QStringLiteral("SELECT MAX(sequence) FROM audit")) && last.next());
        if (last.value(0).toLongLong() <= 10) {
            db.audit(QStringLiteral("alice"), QStringLiteral("after the tampering"));
            QCOMPARE(db.verifyAudit().brokenRow, row);
        }
    }

    void exportCarriesTheChain() {
        Database db;
        db.open(freshLocation());
        fill(db, 6);
        AuditRecord quoted;
        quoted.operators = QStringLiteral("alice");
        quoted.action = QStringLiteral("export");
        quoted.detail = QStringLiteral("a \"quoted\", comma\nand a line");
        db.appendAudit(quoted);
        // JSON: every row with its hash, and the export verifies on its own.
        const QJsonObject json = QJsonDocument::fromJson(db.exportAudit(AuditFormat::Json)).object();
        QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("CDAUDIT1"));
        QCOMPARE(json.value(QStringLiteral("genesis")).toString(), QString(64, QLatin1Char('0')));
        QVERIFY(json.value(QStringLiteral("verification")).toObject().value(QStringLiteral("valid")).toBool());
        const QJsonArray rows = json.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 7);
        std::vector<cdos::audit::StoredRow> stored;
        for (const auto& v : rows) {
            const QJsonObject o = v.toObject();
            cdos::audit::Row r;
            r.sequence = o.value(QStringLiteral("sequence")).toInteger();
            r.time = o.value(QStringLiteral("time")).toString().toStdString();
            r.operators = o.value(QStringLiteral("operators")).toString().toUtf8().toStdString();
            r.role = o.value(QStringLiteral("role")).toString().toStdString();
            r.action = o.value(QStringLiteral("action")).toString().toStdString();
            r.card = o.value(QStringLiteral("card")).toString().toStdString();
            r.result = o.value(QStringLiteral("result")).toString().toStdString();
            r.detail = o.value(QStringLiteral("detail")).toString().toUtf8().toStdString();
            stored.push_back({r, *cdos::fromHex(o.value(QStringLiteral("hash")).toString().toStdString())});
        }
        QVERIFY(!cdos::audit::verify(stored));
        // CSV: a header and one record per row (the quoted detail spans two lines inside its quotes).
        const QByteArray csv = db.exportAudit(AuditFormat::Csv);
        QVERIFY(csv.startsWith("sequence,time,operators,role,action,card,result,detail,hash\r\n"));
        QVERIFY(csv.contains("\"a \"\"quoted\"\", comma\nand a line\""));
        QVERIFY(csv.contains(rows.last().toObject().value(QStringLiteral("hash")).toString().toLatin1()));
        QCOMPARE(csv.count("\r\n"), 8);
    }

    // Several desks at once: each append takes the chain's head under a lock, so 3 × 200 rows make one chain.
    void concurrentDesksKeepOneChain() {
        const QString location = freshLocation();
        {
            Database db;
            db.open(location); // the schema, before the desks start
        }
        constexpr int kDesks = 3, kRows = 200;
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<QThread>> desks;
        for (int d = 0; d < kDesks; ++d) {
            desks.emplace_back(QThread::create([&failures, location, d] {
                try {
                    Database db; // a connection of its own, as another desk's
                    db.open(location);
                    for (int i = 0; i < kRows; ++i)
                        db.audit(QStringLiteral("desk-%1").arg(d), QStringLiteral("concurrent append"),
                                 QString::number(i));
                } catch (const std::exception& e) {
                    qWarning("desk %d: %s", d, e.what());
                    ++failures;
                }
            }));
        }
        for (auto& t : desks)
            t->start();
        for (auto& t : desks)
            QVERIFY(t->wait(300000));
        QCOMPARE(failures.load(), 0);
        Database db;
        db.open(location);
        const AuditVerification v = db.verifyAudit();
        QVERIFY2(v.valid, qPrintable(v.reason));
        QCOMPARE(v.rows, kDesks * kRows);
        // Each desk's rows in its own order.
        QList<int> next(kDesks, 0);
        for (const AuditEntry& e : db.auditTrail()) {
            const int d = e.operators.mid(5).toInt();
            QCOMPARE(e.detail.toInt(), next[d]);
            ++next[d];
        }
        QCOMPARE(next, QList<int>(kDesks, kRows));
    }
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "TestAuditTrail.moc"
