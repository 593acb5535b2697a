// Issue 14 in the console: File ▸ Open trace as replay reader… adds the saved trace as a reader beside the real
// ones, selects it, and the card views read the recorded card from it; Close replay reader removes it. The trace is
// the console's own: a desk reads an issued in-process card and saves its trace as JSON, as a field technician
// would. Screenshots in English and Chinese (build/tests/gui/screenshot-replay-*.png).
#include "CardPanel.h"
#include "DeskCard.h"
#include "DeskWindow.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "ReadersPanel.h"
#include "ReplayReaders.h"

#include "carddesk/cardio/TraceLog.h"
#include "carddesk/model/ReaderListModel.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

using namespace carddesk;

class TestReplayReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_trace;
    QString m_fieldCardNumber;

    static QAction* action(MainWindow& w, const char* name) { return w.findChild<QAction*>(QString::fromLatin1(name)); }

    void replayIn(const QLocale& locale, const QString& screenshot, const QString& openText) {
        QVERIFY(Localisation::install(locale));
        auto window = guitest::openDesk(guitest::deskOptions(m_dir), QSize(1280, 860));
        QVERIFY(window);
        QTRY_VERIFY(window->isSettled());
        window->replayReaders()->setFileChooser([this] { return m_trace; });
        QAction* open = action(*window, "openReplayReaderAction");
        QAction* close = action(*window, "closeReplayReaderAction");
        QVERIFY(open && close);
        QCOMPARE(open->text(), openText);
        QVERIFY(window->findChild<QMenu*>(QStringLiteral("fileMenu"))->actions().contains(open));
        QVERIFY(open->isVisible() && open->isEnabled());
        QVERIFY(!close->isEnabled());

        // The operator had chosen another reader by hand: the replay reader is selected all the same.
        const QString deskReader = QStringLiteral("Desk Reader");
        window->readers()->addLocalReader(deskReader);
        QTRY_VERIFY(window->readersPanel()->selectReader(deskReader));

        open->trigger();
        const QString reader = QStringLiteral("Replay: desk-trace.json");
        QTRY_VERIFY(window->readersPanel()->model()->rowOf(reader) >= 0);
        QCOMPARE(window->readersPanel()->currentReader(), reader);
        QVERIFY(close->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(window->cardPanel()->page() == CardPanel::Page::Card, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
        // The recorded card, read from the trace: the same card number as in the field.
        QTRY_VERIFY_WITH_TIMEOUT(window->readers()->reader(reader)->cardPresent, 5000);
        QTest::qWait(300);
        const QString png = QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(screenshot);
        QVERIFY(window->grab().save(png, "PNG"));
        if (qEnvironmentVariableIntValue("CARDDESK_UPDATE_SCREENSHOT") == 1 &&
            screenshot.contains(QStringLiteral("zh_CN"))) {
            const QString docs = QStringLiteral(CARDDESK_SOURCE_DIR "/docs/") + screenshot;
            QFile::remove(docs);
            QVERIFY(QFile::copy(png, docs));
        }

        // A file that is not a trace: refused in words, no reader added.
        const QString notes = m_dir.filePath(QStringLiteral("notes.json"));
        QFile f(notes);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"hello\": 1}");
        f.close();
        const QString error = window->replayReaders()->open(notes);
        QVERIFY2(!error.isEmpty(), "a non-trace was opened");
        QCOMPARE(window->readersPanel()->model()->rowOf(QStringLiteral("Replay: notes.json")), -1);

        close->trigger();
        QTRY_COMPARE(window->readersPanel()->model()->rowOf(reader), -1);
        QVERIFY(!close->isEnabled());
        QVERIFY(window->replayReaders()->openReaders().isEmpty());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
        // The field: an issued card read by the console, its trace saved as JSON (redacted).
        auto window = guitest::openDesk(guitest::deskOptions(m_dir), QSize(1280, 860));
        QVERIFY(window);
        const QString reader = QStringLiteral("Field Reader");
        QVERIFY(
            guitest::insertAndSelect(*window, reader, cdtest::newTestCard(m_dir.filePath(QStringLiteral("c.img")))));
        const IssuanceResult issued = guitest::issueDeskCard(*window, reader);
        QVERIFY2(issued.ok, qPrintable(issued.error));
        QTRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
        window->traceLog()->clear();
        window->cardPanel()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(window->traceLog()->count() > 0 && window->isSettled(), 10000);
        QTest::qWait(300);
        QTRY_VERIFY_WITH_TIMEOUT(window->isSettled(), 10000);
        m_trace = m_dir.filePath(QStringLiteral("desk-trace.json"));
        QString error;
        QVERIFY2(window->traceLog()->saveToFile(m_trace, TraceLog::Format::Json, &error), qPrintable(error));
    }

    void cleanupTestCase() { Localisation::install(QLocale(QLocale::English)); }

    void replayReaderInEnglish() {
        replayIn(QLocale(QLocale::English), QStringLiteral("screenshot-replay-en.png"),
                 QStringLiteral("Open trace as &replay reader…"));
    }

    void replayReaderInChinese() {
        replayIn(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("screenshot-replay-zh_CN.png"),
                 QStringLiteral("将 APDU 记录作为回放读卡器打开(&R)…"));
    }
};

QTEST_MAIN(TestReplayReader)
#include "TestReplayReader.moc"
