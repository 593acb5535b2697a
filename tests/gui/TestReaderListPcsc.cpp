// Issue 11: the reader list tells each card's life cycle as the card itself reports it (GET DATA 0104, asked on the
// PC/SC owner thread), not as its ATR did at power-up — for every reader, not only the selected one. Over real
// PC/SC (pcscd + vpcd, two carddesk-card processes): the card in "Virtual PCD 00 01" is issued while
// "Virtual PCD 00 00" is selected, by the console's own issuance service or by carddesk-cli (another program); its
// row then says "personalised" although its ATR still says "blank". In both languages.
#include "CardPanel.h"
#include "DeskWindow.h"
#include "LifeCycleDiagram.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "ReadersPanel.h"

#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/cardio/TraceLog.h"
#include "carddesk/model/ReaderListModel.h"

#include "support/CardProcess.h"
#include "support/CliProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace carddesk;

class TestReaderListPcsc final : public QObject {
    Q_OBJECT

private:
    const QString m_selected = cdtest::readerForPort(35963);
    const QString m_other = cdtest::readerForPort(35964);

    static int rowOf(MainWindow& window, const QString& reader) {
        return window.readersPanel()->model()->rowOf(reader);
    }
    // What the operator reads in the list's life cycle column.
    static QString shown(MainWindow& window, const QString& reader) {
        const int row = rowOf(window, reader);
        return row < 0 ? QString()
                       : window.readersPanel()
                             ->view()
                             ->model()
                             ->index(row, ReaderListModel::LifeCycleColumn)
                             .data()
                             .toString();
    }
    static LifeCycleSource sourceOf(MainWindow& window, const QString& reader) {
        const int row = rowOf(window, reader);
        return row < 0 ? LifeCycleSource::None : window.readersPanel()->model()->stateAt(row).lifeCycleFrom;
    }
    static bool hasCard(MainWindow& window, const QString& reader) {
        const int row = rowOf(window, reader);
        return row >= 0 && window.readersPanel()->model()->stateAt(row).cardPresent;
    }

private slots:
    void initTestCase() {
        // libpcsclite never starts pcscd; the ctest fixture `pcsc` does.
        QVERIFY2(QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm")),
                 "pcscd is not running: run this test through ctest, whose fixture `pcsc` starts it");
    }

    void cleanupTestCase() { Localisation::install(QLocale(QLocale::English)); }

    void issuedWhileNotSelected_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("by");
        for (const char* lang : {"zh_CN", "en"})
            for (const char* by : {"console", "cli"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(lang), QLatin1String(by))))
                    << QString::fromLatin1(lang) << QString::fromLatin1(by);
    }
    void issuedWhileNotSelected() {
        QFETCH(QString, lang);
        QFETCH(QString, by);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        cdtest::CardProcess selected, other;
        QVERIFY(selected.start(dir.filePath(QStringLiteral("selected.img")), 35963));
        QVERIFY(other.start(dir.filePath(QStringLiteral("other.img")), 35964));
        QVERIFY(Localisation::install(QLocale(lang)));
        const QString blank = LifeCycleDiagram::stateName(cdos::LifeCycle::Blank);
        const QString personalised = LifeCycleDiagram::stateName(cdos::LifeCycle::Personalised);
        {
            auto window = guitest::openDesk(guitest::deskOptions(dir, true), QSize(1280, 800));
            QVERIFY(window);
            QTRY_VERIFY_WITH_TIMEOUT(hasCard(*window, m_selected) && hasCard(*window, m_other), 15000);
            QVERIFY(window->readersPanel()->selectReader(m_selected));
            QTRY_COMPARE_WITH_TIMEOUT(window->cardPanel()->page(), CardPanel::Page::Card, 10000);
            QTRY_VERIFY(window->isSettled());
            // Both blank, as the cards themselves say.
            QTRY_COMPARE_WITH_TIMEOUT(sourceOf(*window, m_other), LifeCycleSource::Card, 5000);
            QCOMPARE(shown(*window, m_other), blank);
            QCOMPARE(shown(*window, m_selected), blank);

            if (by == QLatin1String("console")) {
                const IssuanceResult issued = guitest::issueDeskCard(*window, m_other);
                QVERIFY2(issued.ok, qPrintable(issued.error));
            } else {
                const QString holder = dir.filePath(QStringLiteral("holder.json"));
                QFile f(holder);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(guitest::deskHolderJson());
                f.close();
                // The CLI's own desk database, with the development admin logged in (docs/operators.md).
                QVERIFY(cdtest::initDesk(dir.filePath(QStringLiteral("cli.sqlite"))));
                QProcess cli;
                QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
                env.insert(QStringLiteral("CARDDESK_KEYSTORE_PASSPHRASE"), QString::fromLatin1(cdtest::kDevPassphrase));
                env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
                env.insert(QStringLiteral("CARDDESK_OPERATOR"), cdtest::kAdmin);
                env.insert(QStringLiteral("CARDDESK_OPERATOR_PASSWORD"), cdtest::kAdminPassword);
                cli.setProcessEnvironment(env);
                cli.start(QStringLiteral(CARDDESK_CLI_BIN),
                          {QStringLiteral("issue"), QStringLiteral("--reader"), m_other, QStringLiteral("--template"),
                           QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json"),
                           QStringLiteral("--holder"), holder, QStringLiteral("--database"),
                           dir.filePath(QStringLiteral("cli.sqlite")), QStringLiteral("--create"),
                           QStringLiteral("--keystore"), QString::fromStdString(cdtest::devKeyStorePath())});
                // The console keeps running (its owner thread watches the readers) while the CLI issues.
                QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
                QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
            }

            // The other reader's row tells what its card says now; the selection stayed where it was.
            QTRY_COMPARE_WITH_TIMEOUT(shown(*window, m_other), personalised, 10000);
            QCOMPARE(sourceOf(*window, m_other), LifeCycleSource::Card);
            const int row = rowOf(*window, m_other);
            QCOMPARE(window->readersPanel()->model()->index(row, ReaderListModel::LifeCycleColumn).data().toString(),
                     ApduDecoder::lifeCycleName(cdos::LifeCycle::Personalised));
            // Its ATR, from the power-up before the issuance, still says blank: the list did not take its word.
            QCOMPARE(ApduDecoder::lifeCycleFromAtr(window->readersPanel()->model()->stateAt(row).atr),
                     std::optional(cdos::LifeCycle::Blank));
            QCOMPARE(window->cardPanel()->reader(), m_selected);
            QCOMPARE(shown(*window, m_selected), blank);

            // Asking is bounded: an idle desk does not keep talking to its cards.
            QTRY_VERIFY(window->isSettled());
            QTest::qWait(1500);
            const int exchanges = window->traceLog()->count();
            QTest::qWait(2000);
            QCOMPARE(window->traceLog()->count(), exchanges);

            QVERIFY(window->grab().save(QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR))
                                            .filePath(QStringLiteral("readers-%1-%2.png").arg(lang, by))));
        }
        other.stop();
        selected.stop();
    }
};

QTEST_MAIN(TestReaderListPcsc)
#include "TestReaderListPcsc.moc"
