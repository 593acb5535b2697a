// Every CSV export's field: RFC 4180 quoting, and no formula a spreadsheet would run from what a subscriber typed.
#include <carddesk/model/CsvField.h>

#include <QtTest>

class TestCsvField : public QObject {
    Q_OBJECT
private slots:
    void quotesAndFormulas() {
        using carddesk::csvField;
        QCOMPARE(csvField(QStringLiteral("王芳")), QStringLiteral("王芳"));
        QCOMPARE(csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(csvField(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(csvField(QStringLiteral("=HYPERLINK(\"http://x\")")),
                 QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\""));
        QCOMPARE(csvField(QStringLiteral("@SUM(A1)")), QStringLiteral("'@SUM(A1)"));
        QCOMPARE(csvField(QStringLiteral("+cmd")), QStringLiteral("'+cmd"));
        QCOMPARE(csvField(QStringLiteral("-100")), QStringLiteral("-100"));
        QCOMPARE(csvField(QStringLiteral("+86")), QStringLiteral("+86"));
        QCOMPARE(csvField(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestCsvField)
#include "TestCsvField.moc"
