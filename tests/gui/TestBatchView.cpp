// The batch view over real PC/SC (issue 14, docs/issuance.md "The batch view"): two readers with carddesk-card input
// hoppers; in English and in Chinese a desk checks a CSV with mistakes (every problem with its line, nothing can be
// recorded), records a good 6-holder batch with generated PINs, runs it on both readers until it is finished, sees
// 6 cards done and their PIN mailers, and exports the report as CSV and PDF. Screenshots of the view while running
// and finished land in the build folder (screenshot-batch-<state>-<lang>.png).
#include "BatchView.h"
#include "ClipCheck.h"
#include "DeskWindow.h"
#include "Localisation.h"
#include "MainWindow.h"

#include "carddesk/model/BatchJournalModel.h"
#include "carddesk/model/BatchService.h"
#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"

#include "support/CardProcess.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <memory>

using namespace carddesk;

namespace {

constexpr std::array<int, 2> kPorts{35963, 35964};
constexpr int kRows = 6;

void writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QByteArray goodCsv(const QString& prefix) {
    QByteArray text = "\xEF\xBB\xBF用户编号,账号,姓名,地址1,地址2,邮编\n";
    for (int i = 1; i <= kRows; ++i)
        text += QStringLiteral("%1%2,6222%3,持卡人%2,北京市海淀区中关村大街%2号,%2单元,100080\n")
                    .arg(prefix)
                    .arg(i, 3, 10, QLatin1Char('0'))
                    .arg(i, 12, 10, QLatin1Char('0'))
                    .toUtf8();
    return text;
}

} // namespace

class TestBatchView final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::array<std::unique_ptr<cdtest::CardProcess>, 2> m_hoppers;

    QString shot(const QString& name) const {
        QDir().mkpath(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR));
        return QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(name);
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm")),
                 "pcscd is not running: run this test through ctest, whose fixture `pcsc` starts it");
        QVERIFY(m_dir.isValid());
        // Blank cards for both runs (2 × 6) and a spare per reader.
        for (std::size_t i = 0; i < kPorts.size(); ++i) {
            m_hoppers[i] = std::make_unique<cdtest::CardProcess>();
            QVERIFY(m_hoppers[i]->startHopper(m_dir.filePath(QStringLiteral("hopper-%1").arg(i)), kPorts[i],
                                              {QStringLiteral("--hopper-blank"), QStringLiteral("8")}));
        }
    }

    void cleanupTestCase() { Localisation::install(QLocale(QLocale::English)); }

    void batchRun_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    void batchRun() {
        QFETCH(QString, lang);
        Localisation::install(Localisation::localeFor(lang));
        auto window = guitest::openDesk(guitest::deskOptions(m_dir, true), QSize(1600, 1000));
        QVERIFY(window);
        QVERIFY(window->session()
                    ->keys()
                    .open(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development.cdks"))
                    .isEmpty());
        BatchView* view = window->batchView();
        QVERIFY(view);
        QTabWidget* tabs = window->workTabs();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(view)));
        QCOMPARE(tabs->tabText(tabs->indexOf(view)),
                 lang == QLatin1String("en") ? QStringLiteral("Batch issuance") : QStringLiteral("批量发卡"));
        tabs->setCurrentWidget(view);

        auto* file = view->findChild<QLineEdit*>(QStringLiteral("batchFileEdit"));
        auto* generate = view->findChild<QCheckBox*>(QStringLiteral("batchGeneratePins"));
        auto* mailers = view->findChild<QLineEdit*>(QStringLiteral("batchMailerEdit"));
        auto* check = view->findChild<QPushButton*>(QStringLiteral("batchCheckButton"));
        auto* record = view->findChild<QPushButton*>(QStringLiteral("batchRecordButton"));
        auto* problems = view->findChild<QTableWidget*>(QStringLiteral("batchProblems"));
        auto* readers = view->findChild<QListWidget*>(QStringLiteral("batchReaders"));
        auto* startButton = view->findChild<QPushButton*>(QStringLiteral("batchStartButton"));
        auto* lanes = view->findChild<QTableWidget*>(QStringLiteral("batchLanes"));
        QVERIFY(file && generate && mailers && check && record && problems && readers && startButton && lanes);

        // A file with mistakes (PINs in the file: one too short, one missing): every problem with its line.
        const QString bad = m_dir.filePath(QStringLiteral("bad-%1.csv").arg(lang));
        writeFile(bad, "user_number,account,name,pin1,pin2,pin3\nU1,6,A,314159,271828,161803\n"
                       "U2,6,B,12,271828,161803\nU3,6,C\n");
        generate->setChecked(false);
        file->setText(bad);
        QVERIFY(check->isEnabled());
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(problems->isVisible());
        QCOMPARE(problems->rowCount(), 2);
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("3"));
        QCOMPARE(problems->item(1, 0)->text(), QStringLiteral("4"));
        QVERIFY(!record->isEnabled());
        QVERIFY(
            !view->findChild<QLabel*>(QStringLiteral("batchCheckResult"))->text().contains(QLatin1String("314159")));
        QVERIFY(window->database()->batches().isEmpty() || lang != QLatin1String("en"));
        const auto before = window->database()->batches().size();

        // The good file, PINs generated into PIN mailers.
        const QString good = m_dir.filePath(QStringLiteral("holders-%1.csv").arg(lang));
        writeFile(good, goodCsv(lang == QLatin1String("en") ? QStringLiteral("E") : QStringLiteral("Z")));
        const QString mailerDir = m_dir.filePath(QStringLiteral("mailers-%1").arg(lang));
        file->setText(good);
        generate->setChecked(true);
        mailers->setText(mailerDir);
        QVERIFY(!record->isEnabled()); // checked first
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(!problems->isVisible());
        QVERIFY(record->isEnabled());
        QTest::mouseClick(record, Qt::LeftButton);
        QCOMPARE(window->database()->batches().size(), before + 1);
        const QString id = view->selectedBatch();
        QCOMPARE(id, window->database()->batches().first().id);
        QCOMPARE(view->journalModel()->rowCount(), kRows);

        // Both readers ticked, then started.
        QTRY_VERIFY_WITH_TIMEOUT(readers->count() >= 2, 10000);
        for (int port : kPorts) {
            const auto found = readers->findItems(cdtest::readerForPort(port), Qt::MatchExactly);
            QCOMPARE(found.size(), 1);
            found.first()->setCheckState(Qt::Checked);
        }
        QTRY_VERIFY(startButton->isEnabled());
        QTest::mouseClick(startButton, Qt::LeftButton);
        QVERIFY2(window->session()->batches().isRunning(), qPrintable(view->statusText()));
        QCOMPARE(lanes->rowCount(), 2);

        // While running: a card on its way.
        QTRY_VERIFY_WITH_TIMEOUT(window->database()->batchCounts(id).done >= 1, 120000);
        view->refresh();
        QVERIFY(window->grab().save(shot(QStringLiteral("screenshot-batch-running-%1.png").arg(lang)), "PNG"));

        if (!QTest::qWaitFor([&] { return !window->session()->batches().isRunning(); }, 240000))
            // What each lane waits for, when the batch did not end.
            for (const BatchLaneStatus& l : window->session()->batches().lanes())
                qInfo() << l.reader << l.stateId << l.state << l.row << l.cardNumber;
        QVERIFY2(!window->session()->batches().isRunning(), qPrintable(view->statusText()));
        QTRY_COMPARE(window->database()->batch(id)->state, QStringLiteral("finished"));
        const BatchCounts c = window->database()->batchCounts(id);
        QCOMPARE(c.done, kRows);
        QCOMPARE(c.failed, 0);
        view->refresh();
        int done = 0;
        for (int r = 0; r < view->journalModel()->rowCount(); ++r)
            done += view->journalModel()->data(view->journalModel()->index(r, 0), BatchJournalModel::kStateIdRole) ==
                            QStringLiteral("done")
                        ? 1
                        : 0;
        QCOMPARE(done, kRows);
        QCOMPARE(QDir(QDir(mailerDir).filePath(id)).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(),
                 qsizetype(kRows));
        QVERIFY2(guitest::clippedLabels(view).isEmpty(),
                 qPrintable(guitest::clippedLabels(view).join(QLatin1Char('\n'))));
        const QString finished = shot(QStringLiteral("screenshot-batch-finished-%1.png").arg(lang));
        QVERIFY(window->grab().save(finished, "PNG"));
        // CARDDESK_UPDATE_SCREENSHOT=1 refreshes the docs' screenshot (docs/issuance.md "The batch view").
        if (qEnvironmentVariableIntValue("CARDDESK_UPDATE_SCREENSHOT") == 1 && lang == QLatin1String("zh_CN")) {
            const QString docs = QStringLiteral(CARDDESK_SOURCE_DIR "/docs/screenshot-batch-zh_CN.png");
            QFile::remove(docs);
            QVERIFY(QFile::copy(finished, docs));
        }

        // The report.
        const QString csv = m_dir.filePath(QStringLiteral("report-%1.csv").arg(lang));
        QCOMPARE(view->exportCsv(csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvText = csvFile.readAll();
        QCOMPARE(csvText.count('\n'), kRows + 1);
        QVERIFY(csvText.contains(id.toUtf8()));
        const QString pdf = m_dir.filePath(QStringLiteral("report-%1.pdf").arg(lang));
        QCOMPARE(view->exportPdf(pdf), QString());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");
        QFile::remove(shot(QStringLiteral("batch-report-%1.pdf").arg(lang)));
        QFile::copy(pdf, shot(QStringLiteral("batch-report-%1.pdf").arg(lang)));
    }
};

QTEST_MAIN(TestBatchView)
#include "TestBatchView.moc"
