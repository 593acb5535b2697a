// The console issues a card end to end: a carddesk-card process in the private pcscd's vpcd reader, the real main
// window in Chinese driven by object names, the key store dialog answered like an operator would, and then the
// trace checked for the personalisation commands with their key and PIN bytes redacted.
#include "CardPanel.h"
#include "ConsoleOptions.h"
#include "DeskWindow.h"
#include "IssuanceDriver.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "ReadersPanel.h"
#include "TracePanel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/ApduTraceModel.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/ReaderListModel.h"

#include "support/CardProcess.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace carddesk;

class TestIssuanceEndToEnd final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    cdtest::CardProcess m_card;
    std::unique_ptr<MainWindow> m_window;
    const QString m_reader = cdtest::readerForPort(35963);

private slots:
    void initTestCase() {
        // libpcsclite never starts pcscd; the ctest fixture `pcsc` does.
        QVERIFY2(QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm")),
                 "pcscd is not running: run this test through ctest, whose fixture `pcsc` starts it");
        QVERIFY(m_dir.isValid());
        QVERIFY(m_card.start(m_dir.filePath(QStringLiteral("card.img")), 35963));

        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
        m_window = guitest::openDesk(guitest::deskOptions(m_dir, true)); // the real PC/SC reader
        QVERIFY(m_window);
    }

    void cleanupTestCase() {
        m_window.reset();
        m_card.stop();
    }

    void readerShowsTheBlankCard() {
        ReaderListModel* readers = m_window->readersPanel()->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            readers->rowOf(m_reader) >= 0 && readers->stateAt(readers->rowOf(m_reader)).cardPresent, 10000);
        QVERIFY(m_window->readersPanel()->selectReader(m_reader));
        CardPanel* panel = m_window->cardPanel();
        QTRY_COMPARE_WITH_TIMEOUT(panel->page(), CardPanel::Page::Card, 10000);
        QTRY_VERIFY(m_window->isSettled());
        QVERIFY(panel->snapshot());
        QCOMPARE(panel->snapshot()->lifeCycle, std::optional(cdos::LifeCycle::Blank));
    }

    void issueCard() {
        test::IssuanceDriver driver(m_window.get());
        QString error;
        QVERIFY2(driver.fill(test::HolderInput{}, &error), qPrintable(error));
        driver.answerKeyStoreDialog(QStringLiteral("carddesk-development"));
        driver.setDialogScreenshot(
            QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(QStringLiteral("keystore-dialog-zh_CN.png")));
        QVERIFY2(driver.clickIssue(&error), qPrintable(error));
        QVERIFY(driver.keyStoreDialogSeen());

        auto* result = m_window->findChild<QLabel*>(QStringLiteral("issueResultLabel"));
        QVERIFY(result);
        QTRY_VERIFY_WITH_TIMEOUT(!result->property("outcome").isNull(), 60000);
        QVERIFY2(result->property("outcome").toString() == QLatin1String("success"), qPrintable(result->text()));
        QVERIFY2(result->text().contains(QStringLiteral("已发卡")), qPrintable(result->text()));

        // The card is in the registry, and the console now shows it personalised.
        const QList<IssuedCard> cards = m_window->database()->cards();
        QCOMPARE(cards.size(), 1);
        QVERIFY(result->text().contains(cards.first().cardNumber));
        QCOMPARE(cards.first().holderName, QStringLiteral("张伟"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->cardPanel()->snapshot() &&
                                     m_window->cardPanel()->snapshot()->lifeCycle == cdos::LifeCycle::Personalised,
                                 10000);
        QVERIFY(!m_window->findChild<QPushButton*>(QStringLiteral("issueButton"))->isEnabled());
    }

    void traceRedactsKeysAndPins() {
        ApduTraceModel* model = m_window->tracePanel()->model();
        int writeKeys = 0, putUsers = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->index(row, ApduTraceModel::CommandColumn).data().toString();
            if (name != QLatin1String("WRITE KEY") && name != QLatin1String("PUT USER"))
                continue;
            (name == QLatin1String("WRITE KEY") ? writeKeys : putUsers)++;
            const QString shown = model->index(row, ApduTraceModel::CommandDataColumn).data().toString();
            // The window is in Chinese: "<已隐去 16 字节>" is the redaction label.
            QVERIFY2(shown.contains(QStringLiteral("已隐去")), qPrintable(shown));
            const ApduTraceEntry entry = model->entryAt(row);
            QVERIFY(!entry.secretsHeld);
            QVERIFY(!entry.commandSecrets.isEmpty());
            // What the trace keeps of a secret range is zeros, not the cryptogram.
            for (const TraceRange& r : entry.commandSecrets)
                QCOMPARE(entry.commandData.mid(r.offset, r.length), QByteArray(r.length, '\0'));
        }
        QVERIFY2(writeKeys >= 7, qPrintable(QString::number(writeKeys)));
        QCOMPARE(putUsers, 3);

        // Screenshots of the issued card, for people reading the test output.
        const QDir out(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR));
        QVERIFY(m_window->grab().save(out.filePath(QStringLiteral("issued-zh_CN.png"))));
        m_window->cardPanel()->tabs()->setCurrentIndex(1);
        QVERIFY(m_window->grab().save(out.filePath(QStringLiteral("diagnostics-zh_CN.png"))));
    }
};

QTEST_MAIN(TestIssuanceEndToEnd)
#include "TestIssuanceEndToEnd.moc"
