// The batch view's per-card results (issue 14): BatchJournalModel over a real SQLite database — its rows, the
// translated states, the "failed only" filter and refresh() after the journal changed.
#include "BatchFixture.h"

#include <carddesk/model/BatchJournalModel.h>

#include <QSignalSpy>
#include <QTranslator>
#include <QtTest>

using namespace carddesk;

class TestBatchJournalModel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    QString m_batch;

    static QString cell(const BatchJournalModel& m, int row, int column) {
        return m.data(m.index(row, column)).toString();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_db.open(m_dir.filePath(QStringLiteral("desk.sqlite")));
        m_batch = cdtest::recordBatch(m_db, 5);
    }

    void rowsAndColumns() {
        BatchJournalModel m(&m_db);
        QCOMPARE(m.rowCount(), 0);
        m.setBatch(m_batch);
        QCOMPARE(m.rowCount(), 5);
        QCOMPARE(m.columnCount(), int(BatchJournalModel::ColumnCount));
        QCOMPARE(cell(m, 0, BatchJournalModel::RowColumn), QStringLiteral("1"));
        QCOMPARE(cell(m, 0, BatchJournalModel::NameColumn), QStringLiteral("持卡人1"));
        QCOMPARE(cell(m, 0, BatchJournalModel::UserNumberColumn), QStringLiteral("U0001"));
        QCOMPARE(cell(m, 0, BatchJournalModel::CardNumberColumn), cdtest::kBatchCard);
        QCOMPARE(cell(m, 0, BatchJournalModel::StateColumn), QStringLiteral("done"));
        QCOMPARE(m.data(m.index(1, 0), BatchJournalModel::kStateIdRole).toString(), QStringLiteral("failed"));
        QCOMPARE(cell(m, 1, BatchJournalModel::ErrorColumn), QStringLiteral("the card did not answer"));
        QCOMPARE(cell(m, 4, BatchJournalModel::StateColumn), QStringLiteral("pending"));
        QCOMPARE(m.headerData(BatchJournalModel::CardNumberColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Card number"));
        // No column can carry a PIN.
        for (int c = 0; c < m.columnCount(); ++c)
            QVERIFY(!m.headerData(c, Qt::Horizontal).toString().contains(QLatin1String("PIN"), Qt::CaseInsensitive));
    }

    void translatedStates() {
        // The model asks BatchReport::stateText, whose words the translator gives: checked with a translator of
        // its own so that the test does not depend on the console's .qm (embedded in the widgets library).
        struct Fake final : QTranslator {
            QString translate(const char* context, const char* source, const char*, int) const override {
                if (QLatin1String(context) == QLatin1String("BatchReport") &&
                    QLatin1String(source) == QLatin1String("done"))
                    return QStringLiteral("已完成");
                if (QLatin1String(context) == QLatin1String("BatchReport") &&
                    QLatin1String(source) == QLatin1String("failed"))
                    return QStringLiteral("失败");
                return {};
            }
            bool isEmpty() const override { return false; }
        } fake;
        QCoreApplication::installTranslator(&fake);
        BatchJournalModel m(&m_db);
        m.setBatch(m_batch);
        QCOMPARE(cell(m, 0, BatchJournalModel::StateColumn), QStringLiteral("已完成"));
        QCOMPARE(cell(m, 1, BatchJournalModel::StateColumn), QStringLiteral("失败"));
        QCoreApplication::removeTranslator(&fake);
        QCOMPARE(cell(m, 0, BatchJournalModel::StateColumn), QStringLiteral("done"));
    }

    void failedOnly() {
        BatchJournalModel m(&m_db);
        m.setBatch(m_batch);
        m.setFailedOnly(true);
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(cell(m, 0, BatchJournalModel::RowColumn), QStringLiteral("2"));
        m.setFailedOnly(false);
        QCOMPARE(m.rowCount(), 5);
    }

    void refreshSeesChanges() {
        BatchJournalModel m(&m_db);
        m.setBatch(m_batch);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        m_db.setJournal(m_batch, 3, QStringLiteral("done"), {}, QStringLiteral("D1560000010000000002"));
        m.refresh();
        // Same rows: updated in place (the operator's selection stays), no reset.
        QCOMPARE(reset.size(), 0);
        QVERIFY(changed.size() >= 1);
        QCOMPARE(cell(m, 2, BatchJournalModel::CardNumberColumn), QStringLiteral("D1560000010000000002"));
        m.setFailedOnly(true);
        m_db.setJournal(m_batch, 4, QStringLiteral("failed"), QStringLiteral("rejected"));
        m.refresh();
        QCOMPARE(m.rowCount(), 2);
        m.setBatch({});
        QCOMPARE(m.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBatchJournalModel)
#include "TestBatchJournalModel.moc"
