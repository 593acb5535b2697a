// The desk's SQLite database on a full disk and on a read-only file system (issue 16): every write is refused with
// the cause in words (disk full / read-only), nothing of it is half-recorded, nothing recorded before is lost, the
// audit chain still verifies, and the same database object works again once space is freed or the file is
// writable — in the model (what the console calls) and through the real carddesk-cli. The disk is a small tmpfs
// of the test's own (support/SmallDisk.h: root in a private mount namespace, else the test is skipped).
#include "support/CliProcess.h"
#include "support/SmallDisk.h"

#include <carddesk/model/Database.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace carddesk;

namespace {

const QString kFull = QStringLiteral("the disk of the database is full: nothing of this was recorded");
const QString kReadOnly = QStringLiteral("the database file is read-only: nothing of this was recorded");

IssuedCard card(int n) {
    IssuedCard c;
    c.cardNumber = QStringLiteral("861001%1").arg(n, 14, 10, QLatin1Char('0'));
    c.issuerSerial = c.productSerial = QStringLiteral("43440000000000%1").arg(n, 2, 10, QLatin1Char('0'));
    c.chipSerial = QStringLiteral("01020304050607%1").arg(n, 2, 10, QLatin1Char('0'));
    c.holderName = QStringLiteral("持卡人%1").arg(n);
    c.templateName = QStringLiteral("standard-tv");
    c.lifeCycle = QStringLiteral("personalised");
    c.operatorName = QStringLiteral("desk1");
    return c;
}

const QList<CardUserRecord> kUsers{{1, QStringLiteral("户主"), 0xFFFFFFFF, 3},
                                   {2, QStringLiteral("家庭成员"), 0xA7, 3}};

// What the write threw, or "" when it did not throw.
template <class Write> QString refusal(Write&& write) {
    try {
        write();
    } catch (const DatabaseError& e) {
        return e.text;
    }
    return {};
}

} // namespace

class TestDatabaseFaults : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    static cdtest::CliRun addOperator(const QString& database, const QString& name) {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CARDDESK_NEW_OPERATOR_PASSWORD"), QStringLiteral("support-password"));
        return cdtest::runCli({QStringLiteral("operator"), QStringLiteral("add"), QStringLiteral("--name"), name,
                               QStringLiteral("--roles"), QStringLiteral("support"), QStringLiteral("--database"),
                               database},
                              env);
    }
    static cdtest::CliRun verifyAudit(const QString& database) {
        return cdtest::runCli(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"), database});
    }

private slots:
    // Cards (issuance), the batch journal and the audit trail on a disk that fills up under the open database.
    void fullDisk() {
        cdtest::SmallDisk disk;
        QVERIFY(disk.mount(m_dir.filePath(QStringLiteral("full")), 1024));
        const QString file = disk.path(QStringLiteral("desk.sqlite"));
        Database db;
        db.open(file);
        for (int n = 1; n <= 3; ++n)
            db.recordIssuedCard(card(n), kUsers);
        db.setJournal(QStringLiteral("batch-1"), 1, QStringLiteral("done"), {}, card(1).cardNumber);
        db.audit(QStringLiteral("desk1"), QStringLiteral("before the disk filled"));
        const qsizetype auditRows = db.auditTrail().size();

        QVERIFY(disk.fill());
        const QString issue = refusal([&] { db.recordIssuedCard(card(4), kUsers); });
        QVERIFY2(issue.contains(kFull), qPrintable(issue));
        QVERIFY2(issue.contains(card(4).cardNumber), qPrintable(issue)); // which record it was
        const QString journal = refusal(
            [&] { db.setJournal(QStringLiteral("batch-1"), 2, QStringLiteral("done"), {}, card(4).cardNumber); });
        QVERIFY2(journal.contains(kFull), qPrintable(journal));
        const QString audit = refusal([&] { db.audit(QStringLiteral("desk1"), QStringLiteral("on a full disk")); });
        QVERIFY2(audit.contains(kFull), qPrintable(audit));
        // Nothing half-written, nothing lost.
        QCOMPARE(db.cards().size(), 3);
        QVERIFY(!db.card(card(4).cardNumber));
        QCOMPARE(db.cardUsers(card(3).cardNumber).size(), 2);
        QVERIFY(db.cardUsers(card(4).cardNumber).isEmpty());
        QCOMPARE(db.journal(QStringLiteral("batch-1")).size(), 1);
        QCOMPARE(db.auditTrail().size(), auditRows);

        // Space back: the same object goes on.
        QVERIFY(disk.free());
        db.recordIssuedCard(card(4), kUsers);
        db.setJournal(QStringLiteral("batch-1"), 2, QStringLiteral("done"), {}, card(4).cardNumber);
        db.audit(QStringLiteral("desk1"), QStringLiteral("after the disk was freed"));
        QCOMPARE(db.cards().size(), 4);
        QCOMPARE(db.auditTrail().size(), auditRows + 1);
        QVERIFY2(db.verifyAudit().valid, qPrintable(db.verifyAudit().reason));
        db.close();
        Database again; // a sound file (open() runs SQLite's quick_check)
        again.open(file, -1, false);
        QCOMPARE(again.cards().size(), 4);
    }

    // The database on a file system remounted read-only (root ignores a file's mode; a read-only mount binds it):
    // read as before, every write refused with the cause, writable again after.
    void readOnlyFile() {
        cdtest::SmallDisk disk;
        QVERIFY(disk.mount(m_dir.filePath(QStringLiteral("ro")), 1024));
        const QString file = disk.path(QStringLiteral("desk.sqlite"));
        {
            Database db;
            db.open(file);
            db.recordIssuedCard(card(1), kUsers);
            db.recordIssuedCard(card(2), kUsers);
        }
        QVERIFY(disk.setReadOnly(true));
        Database db;
        db.open(file, -1, false);
        QCOMPARE(db.cards().size(), 2);
        const QString issue = refusal([&] { db.recordIssuedCard(card(3), kUsers); });
        QVERIFY2(issue.contains(kReadOnly), qPrintable(issue));
        const QString audit = refusal([&] { db.audit(QStringLiteral("desk1"), QStringLiteral("read-only")); });
        QVERIFY2(audit.contains(kReadOnly), qPrintable(audit));
        QCOMPARE(db.cards().size(), 2);
        db.close();

        QVERIFY(disk.setReadOnly(false));
        db.open(file, -1, false);
        db.recordIssuedCard(card(3), kUsers);
        QCOMPARE(db.cards().size(), 3);
        QVERIFY(db.verifyAudit().valid);
    }

    // carddesk-cli as a desk runs it: the refusal names the cause on stderr, the audit trail verifies after, and the
    // same command works once the disk has room / the file system is writable again.
    void cliSaysWhy() {
        cdtest::SmallDisk disk;
        QVERIFY(disk.mount(m_dir.filePath(QStringLiteral("cli")), 1024));
        const QString file = disk.path(QStringLiteral("desk.sqlite"));
        QVERIFY(cdtest::initDesk(file));

        QVERIFY(disk.fill());
        const cdtest::CliRun full = addOperator(file, QStringLiteral("support1"));
        QVERIFY(full.exitCode != 0);
        QVERIFY2(full.err.contains(kFull), qPrintable(full.err));
        QVERIFY(disk.free());
        QCOMPARE(addOperator(file, QStringLiteral("support1")).exitCode, 0);
        const cdtest::CliRun verified = verifyAudit(file);
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));

        QVERIFY(disk.setReadOnly(true));
        const cdtest::CliRun readOnly = addOperator(file, QStringLiteral("support2"));
        QVERIFY(readOnly.exitCode != 0);
        QVERIFY2(readOnly.err.contains(kReadOnly), qPrintable(readOnly.err));
        QVERIFY(disk.setReadOnly(false));
        QCOMPARE(addOperator(file, QStringLiteral("support2")).exitCode, 0);
        QCOMPARE(verifyAudit(file).exitCode, 0);
    }
};

int main(int argc, char** argv) {
    if (!cdtest::enterPrivateMounts()) {
        std::fprintf(stderr, "test_model_database_faults: needs root and a mount namespace of its own to mount a small "
                             "disk (scripts/isolated.sh): skipped\n");
        return cdtest::kSkipCode;
    }
    QCoreApplication app(argc, argv);
    TestDatabaseFaults test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestDatabaseFaults.moc"
