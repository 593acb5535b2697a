// The batch report as a PDF in Chinese (issue 14): written from a real SQLite batch, read back with poppler-utils —
// the title, the batch id and a card number in the text, several pages with page numbers, a page that is not
// blank, and no column that could hold a PIN.
#include "BatchFixture.h"

#include <carddesk/model/BatchReport.h>
#include <carddesk/model/BatchReportPdf.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QtTest>

using namespace carddesk;

namespace {

QByteArray run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

} // namespace

class TestBatchReportPdf : public QObject {
    Q_OBJECT

private slots:
    void writesAChineseReport() {
        if (QLatin1String(CARDDESK_PDFTOTEXT).isEmpty() || QLatin1String(CARDDESK_PDFTOPPM).isEmpty())
            QSKIP("poppler-utils (pdftotext, pdftoppm) not installed: scripts/deps.sh");
        QTemporaryDir dir;
        Database db;
        db.open(dir.filePath(QStringLiteral("desk.sqlite")));
        // Enough rows for a second page.
        const QString id = cdtest::recordBatch(db, 90);
        const BatchReport report(db, id);
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        QCOMPARE(BatchReportPdf::write(report, pdf), QString());
        // Kept beside the test binary to look at (with batch-report-page1.png below).
        QDir().mkpath(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR));
        QFile::remove(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR "/batch-report.pdf"));
        QFile::copy(pdf, QStringLiteral(CARDDESK_TEST_OUTPUT_DIR "/batch-report.pdf"));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");

        const QString text = QString::fromUtf8(
            run(QStringLiteral(CARDDESK_PDFTOTEXT), {QStringLiteral("-layout"), pdf, QStringLiteral("-")}));
        QVERIFY2(text.contains(QStringLiteral("批量发卡报告")), qPrintable(text.left(600)));
        QVERIFY(text.contains(id));
        QVERIFY(text.contains(cdtest::kBatchCard));
        QVERIFY(text.contains(QStringLiteral("已完成")));
        QVERIFY(text.contains(QStringLiteral("失败")));
        // The last row on the last page, and the pages numbered (90 rows: 3 pages).
        QVERIFY(text.contains(QStringLiteral("U0090")));
        QVERIFY2(text.contains(QStringLiteral("page 3 of 3")), qPrintable(text.right(400)));
        QVERIFY(text.contains(QStringLiteral("page 1 of 3")));
        QVERIFY(!text.contains(QStringLiteral("密码1")));
        QVERIFY(!text.contains(QLatin1String("PIN1"), Qt::CaseInsensitive));

        const QString prefix = dir.filePath(QStringLiteral("page"));
        run(QStringLiteral(CARDDESK_PDFTOPPM),
            {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-f"), QStringLiteral("1"),
             QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-png"), pdf, prefix});
        QImage page(prefix + QStringLiteral("-1.png"));
        QVERIFY(!page.isNull());
        int dark = 0;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x)
                dark += qGray(page.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY2(dark > page.width() * page.height() / 200, qPrintable(QString::number(dark)));
        // For a look: the first page as rendered.
        QFile::remove(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR "/batch-report-page1.png"));
        QFile::copy(prefix + QStringLiteral("-1.png"),
                    QStringLiteral(CARDDESK_TEST_OUTPUT_DIR "/batch-report-page1.png"));
    }

    void unknownBatchIsAnError() {
        QTemporaryDir dir;
        Database db;
        db.open(dir.filePath(QStringLiteral("desk.sqlite")));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, BatchReport(db, QStringLiteral("B-NONE")));
    }
};

QTEST_MAIN(TestBatchReportPdf)
#include "TestBatchReportPdf.moc"
