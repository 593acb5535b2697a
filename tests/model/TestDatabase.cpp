// The card registry: migrations, broken or foreign files (never overwritten), numbers, records, journal, audit.
#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/Database.h>

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace carddesk;

namespace {
QByteArray fileHash(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestDatabase : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }

private slots:
    // Issue 11: one default location for every program, and nothing made silently where none was asked for.
    void oneLocationNothingMadeSilently() {
        QVERIFY2(Database::defaultLocation().endsWith(QStringLiteral("/CardDesk/carddesk.sqlite")),
                 qPrintable(Database::defaultLocation()));
        QTemporaryDir dir;
        Database db;
        const QString missing = dir.filePath(QStringLiteral("sub/cards.sqlite"));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db.open(missing, -1, false));
        QVERIFY(!QFileInfo::exists(missing) && !QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
        QFile empty(dir.filePath(QStringLiteral("empty.sqlite")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        try {
            db.open(empty.fileName(), -1, false);
            QFAIL("a 0-byte file was opened as a database");
        } catch (const DatabaseError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("0 bytes")), qPrintable(e.text));
        }
        db.open(missing, -1, true); // asked for: made
        QVERIFY(db.isOpen());
        db.close();
        db.open(missing, -1, false); // exists now
        QVERIFY(db.isOpen());
    }

    void createsLatestSchema() {
        Database db;
        db.open(path("new.sqlite"));
        QVERIFY(db.isOpen());
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        const QStringList tables = db.connection().tables();
        for (const char* t : {"schema_version", "cards", "card_users", "issuance_journal", "audit"})
            QVERIFY2(tables.contains(QLatin1String(t)), t);
        // Reopening applies nothing twice.
        db.close();
        db.open(path("new.sqlite"));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), Database::latestSchemaVersion());
    }

    void upgradesAnOlderSchema() {
        {
            Database db;
            db.open(path("old.sqlite"), 1);
            QCOMPARE(db.schemaVersion(), 1);
            // An audit row as version 1 wrote it (no chain yet).
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO audit (time, operator, action, detail) VALUES"
                                          " ('2026-01-02T03:04:05.678Z', 'op', 'made at v1', NULL)")));
        }
        Database db;
        db.open(path("old.sqlite"));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(db.auditEntries().size(), 1); // data kept across the migration
        // Migration 5 chained it: the first row of a valid chain, its time and words as they were.
        const AuditEntry e = db.auditEntries().first();
        QCOMPARE(e.id, 1);
        QCOMPARE(e.timeText, QStringLiteral("2026-01-02T03:04:05.678Z"));
        QCOMPARE(e.operators, QStringLiteral("op"));
        QCOMPARE(e.action, QStringLiteral("made at v1"));
        QCOMPARE(e.result, QStringLiteral("ok"));
        QCOMPARE(e.hash.size(), 64);
        QVERIFY(db.verifyAudit().valid);
        db.audit(QStringLiteral("op"), QStringLiteral("after the upgrade"));
        QVERIFY(db.verifyAudit().valid);
        QCOMPARE(db.verifyAudit().rows, 2);
    }

    void refusesNonDatabaseFileAndLeavesItAlone() {
        const QString p = path("notes.txt");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are my notes, not a database\n");
        f.close();
        const QByteArray before = fileHash(p);
        Database db;
        try {
            db.open(p);
            QFAIL("opened a text file");
        } catch (const DatabaseError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("not a CardDesk database")), qPrintable(e.text));
            QVERIFY(e.text.contains(p));
        }
        QVERIFY(!db.isOpen());
        QCOMPARE(fileHash(p), before);
    }

    void refusesForeignSqliteAndNewerSchema() {
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(path("other.sqlite"));
            QVERIFY(other.open());
            QSqlQuery(other).exec(QStringLiteral("CREATE TABLE recipes (name TEXT)"));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        const QByteArray before = fileHash(path("other.sqlite"));
        Database db;
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db.open(path("other.sqlite")));
        QCOMPARE(fileHash(path("other.sqlite")), before);

        {
            Database future;
            future.open(path("future.sqlite"));
            QSqlQuery(future.connection())
                .exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')"));
        }
        try {
            db.open(path("future.sqlite"));
            QFAIL("opened a newer schema");
        } catch (const DatabaseError& e) {
            QVERIFY(e.text.contains(QStringLiteral("99")));
        }
    }

    void refusesADamagedDatabase() {
        const QString p = path("damaged.sqlite");
        {
            Database db;
            db.open(p);
            for (int i = 0; i < 200; ++i)
                db.audit(QStringLiteral("op"), QStringLiteral("filler %1").arg(i), QString(200, QLatin1Char('x')));
        }
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 8192);
        f.seek(4096); // keep the header, break the pages behind it
        f.write(QByteArray(4096, '\xA5'));
        f.close();
        const QByteArray before = fileHash(p);
        Database db;
        try {
            db.open(p);
            QFAIL("opened a damaged database");
        } catch (const DatabaseError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("damaged")) || e.text.contains(QStringLiteral("untouched")),
                     qPrintable(e.text));
        }
        QCOMPARE(fileHash(p), before);
    }

    void refusesADirectory() {
        Database db;
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db.open(m_dir.path()));
    }

    void allocatesCardNumbers() {
        Database db;
        db.open(path("numbers.sqlite"));
        QCOMPARE(db.allocateCardNumber(QStringLiteral("86100100"), 1), QStringLiteral("86100100000000000001"));
        QCOMPARE(db.allocateCardNumber(QStringLiteral("86100100"), 1), QStringLiteral("86100100000000000002"));
        QCOMPARE(db.allocateCardNumber(QStringLiteral("8611"), 500), QStringLiteral("86110000000000000500"));
        // A number recorded by hand is skipped.
        IssuedCard c;
        c.cardNumber = QStringLiteral("86100100000000000003");
        c.issuerSerial = c.productSerial = QStringLiteral("0000000000000001");
        c.lifeCycle = QStringLiteral("personalised");
        db.recordIssuedCard(c, {});
        QCOMPARE(db.allocateCardNumber(QStringLiteral("86100100"), 1), QStringLiteral("86100100000000000004"));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db.allocateCardNumber(QStringLiteral("8"), 1));
    }

    void recordsCardsUsersJournalAudit() {
        Database db;
        db.open(path("records.sqlite"));
        QSignalSpy changed(&db, &Database::cardsChanged);
        IssuedCard c;
        c.cardNumber = QStringLiteral("86100100000000000042");
        c.issuerSerial = QStringLiteral("4344000000000001");
        c.productSerial = QStringLiteral("5456000000000001");
        c.chipSerial = QStringLiteral("0102030405060708");
        c.holderUserNumber = QStringLiteral("U0001");
        c.holderAccount = QStringLiteral("6222020000000001");
        c.holderName = QStringLiteral("张伟");
        c.templateName = QStringLiteral("standard-tv");
        c.lifeCycle = QStringLiteral("personalised");
        c.operatorName = QStringLiteral("desk1");
        const qint64 id = db.recordIssuedCard(
            c, {{1, QStringLiteral("户主"), 0xFFFFFFFF, 3}, {2, QStringLiteral("家庭成员"), 0xA7, 3}});
        QVERIFY(id > 0);
        QCOMPARE(changed.size(), 1);
        const auto back = db.card(c.cardNumber);
        QVERIFY(back);
        QCOMPARE(back->holderName, QStringLiteral("张伟"));
        QCOMPARE(back->chipSerial, c.chipSerial);
        QVERIFY(back->issuedAt.isValid());
        const auto users = db.cardUsers(c.cardNumber);
        QCOMPARE(users.size(), 2);
        QCOMPARE(users[0].permissions, 0xFFFFFFFFu);
        QCOMPARE(users[1].name, QStringLiteral("家庭成员"));
        // The same number twice is refused, and leaves nothing half-written.
        QVERIFY_THROWS_EXCEPTION(DatabaseError, db.recordIssuedCard(c, {{1, QStringLiteral("x"), 0, 3}}));
        QCOMPARE(db.cards().size(), 1);
        QCOMPARE(db.cardUsers(c.cardNumber).size(), 2);

        db.setJournal(QStringLiteral("batch-1"), 1, QStringLiteral("started"), {}, c.cardNumber);
        db.setJournal(QStringLiteral("batch-1"), 1, QStringLiteral("failed"), QStringLiteral("card removed"));
        db.setJournal(QStringLiteral("batch-1"), 2, QStringLiteral("recorded"));
        const auto j = db.journalEntry(QStringLiteral("batch-1"), 1);
        QVERIFY(j);
        QCOMPARE(j->state, QStringLiteral("failed"));
        QCOMPARE(j->error, QStringLiteral("card removed"));
        QCOMPARE(j->cardNumber, c.cardNumber); // kept from the first write
        QCOMPARE(db.journal(QStringLiteral("batch-1")).size(), 2);
    }

    void traceRevealIsAudited() {
        Database db;
        db.open(path("audit.sqlite"));
        TraceLog log;
        db.attachTraceAudit(&log);
        log.setRevealSecrets(true, QStringLiteral("alice"));
        log.setRevealSecrets(false, QStringLiteral("alice"));
        const auto entries = db.auditEntries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[1].action, QStringLiteral("trace reveal")); // newest first
        QCOMPARE(entries[1].operatorName, QStringLiteral("alice"));
        QCOMPARE(entries[0].action, QStringLiteral("trace conceal"));
    }

    void postgresUrlWithoutServerGivesClearError() {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            QSKIP("QPSQL driver not installed");
        Database db;
        try {
            db.open(QStringLiteral("postgresql://carddesk:secret@127.0.0.1:1/carddesk"));
            QFAIL("connected to nothing");
        } catch (const DatabaseError& e) {
            QVERIFY2(e.text.contains(QStringLiteral("cannot open the database")), qPrintable(e.text));
            QVERIFY(!e.text.contains(QStringLiteral("secret"))); // no password in messages
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
