// The headend's SQLite on a full disk and on a read-only file system (issue 16): the real carddesk-headend answers
// a request it cannot record (an administrator's read included: it is audited) with 503 naming the cause, keeps what
// it recorded before, records nothing half, and serves again once space is freed / the file system is writable. The
// disk is a small tmpfs of the test's own (support/SmallDisk.h: root in a private mount namespace, else the test is
// skipped).
#include "headend/HeadendProcess.h"
#include "support/SmallDisk.h"

#include <QtTest>

#include <cstdio>

class TestHeadendDiskFull : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    cdtest::SmallDisk m_disk;
    hdtest::HeadendProcess m_hd;

    hdtest::Reply addAccount(const QString& account, qint64 balance) {
        return m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                         {{QStringLiteral("account"), account}, {QStringLiteral("balance"), balance}}, {}, true);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_disk.mount(m_dir.filePath(QStringLiteral("disk")), 2048));
        m_hd.database = m_disk.path(QStringLiteral("headend.sqlite"));
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
    }
    void cleanupTestCase() { m_hd.stop(); }

    void fullDisk() {
        QCOMPARE(addAccount(QStringLiteral("6222000000000001"), 1000).status, 200);
        QVERIFY(m_disk.fill());
        const hdtest::Reply full = addAccount(QStringLiteral("6222000000000002"), 2000);
        QCOMPARE(full.status, 503);
        QCOMPARE(full.json.value(QStringLiteral("message")).toString(),
                 QStringLiteral("the headend database is unavailable: its disk is full"));
        // An administrator's read is audited, and a read whose audit row cannot be written is not answered: the
        // same words.
        const hdtest::Reply read = m_hd.getAdmin(QStringLiteral("/v1/admin/bank/accounts/6222000000000001"));
        QCOMPARE(read.status, 503);
        QCOMPARE(read.json.value(QStringLiteral("message")).toString(), full.json.value(QStringLiteral("message")));
        // Space back: what was recorded is there, what was refused is not, and writes go on.
        QVERIFY(m_disk.free());
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000001")), 1000);
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000002")), -1);
        QCOMPARE(addAccount(QStringLiteral("6222000000000002"), 2000).status, 200);
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000002")), 2000);
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000001")), 1000);
    }

    // A read-only mount needs no file open for writing: the headend is stopped, the file system remounted
    // read-only under it, the headend started on it.
    void readOnlyFile() {
        m_hd.stop();
        QVERIFY(m_disk.setReadOnly(true));
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
        const hdtest::Reply refused = addAccount(QStringLiteral("6222000000000003"), 3000);
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.json.value(QStringLiteral("message")).toString(),
                 QStringLiteral("the headend database is unavailable: its file is read-only"));
        m_hd.stop();
        QVERIFY(m_disk.setReadOnly(false));
        QVERIFY2(m_hd.start(600), qPrintable(m_hd.error));
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000001")), 1000);
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000003")), -1);
        QCOMPARE(addAccount(QStringLiteral("6222000000000003"), 3000).status, 200);
        QCOMPARE(m_hd.bankBalance(QStringLiteral("6222000000000003")), 3000);
    }
};

int main(int argc, char** argv) {
    if (!cdtest::enterPrivateMounts()) {
        std::fprintf(stderr, "test_headend_disk_full: needs root and a mount namespace of its own to mount a small "
                             "disk (scripts/isolated.sh): skipped\n");
        return cdtest::kSkipCode;
    }
    QCoreApplication app(argc, argv);
    TestHeadendDiskFull test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestHeadendDiskFull.moc"
