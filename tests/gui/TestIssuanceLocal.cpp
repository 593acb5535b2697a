// The console issues a card with the card OS running in-process behind a local reader: the same GUI path as over
// pcscd (object names, key store dialog, progress, result, trace), without any service. The pcsc-labelled
// end-to-end test repeats it through the real PC/SC stack.
#include "CardPanel.h"
#include "ConsoleOptions.h"
#include "DeskCard.h"
#include "IssuanceDriver.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "ReadersPanel.h"
#include "TracePanel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/ApduTraceModel.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/IssuanceService.h"
#include "carddesk/model/ReaderListModel.h"

#include "support/InProcessCard.h"
#include <carddesk/card/dispatch/CardOs.h>

#include <QApplication>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <memory>

using namespace carddesk;

class TestIssuanceLocal final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<cdos::card::CardOs> m_card;
    std::unique_ptr<MainWindow> m_window;
    const QString m_reader = QStringLiteral("Desk Reader (in-process)");

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_card = cdtest::newTestCard(m_dir.filePath(QStringLiteral("card.img")));

        QVERIFY(Localisation::install(QLocale(QLocale::English)));
        m_window = guitest::openDesk(guitest::deskOptions(m_dir));
        QVERIFY(m_window);
        // The exchanges run on the PC/SC owner thread, the only thread that touches the card object.
        QVERIFY(guitest::insertAndSelect(*m_window, m_reader, m_card));
        QTRY_VERIFY(m_window->isSettled());
    }

    void cleanupTestCase() {
        m_window.reset(); // stops the owner thread before the card goes away
        m_card.reset();
    }

    void wrongPassphraseIsExplained() {
        // A wrong passphrase keeps the dialog open with the reason; the test then cancels it.
        test::IssuanceDriver driver(m_window.get());
        QString error;
        QVERIFY2(driver.fill(test::HolderInput{}, &error), qPrintable(error));
        bool sawError = false;
        QTimer::singleShot(0, m_window.get(), [&] {
            QTRY_VERIFY(QApplication::activeModalWidget());
            QWidget* dialog = QApplication::activeModalWidget();
            auto* pass = dialog->findChild<QLineEdit*>(QStringLiteral("keyStorePassphraseEdit"));
            QTest::keyClicks(pass, QStringLiteral("not-the-passphrase"));
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("keyStoreOpenButton")), Qt::LeftButton);
            auto* message = dialog->findChild<QLabel*>(QStringLiteral("keyStoreErrorLabel"));
            sawError = message && message->isVisible() && !message->text().isEmpty();
            QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("keyStoreCancelButton")), Qt::LeftButton);
        });
        QVERIFY2(driver.clickIssue(&error), qPrintable(error));
        QTRY_VERIFY(sawError);
        auto* result = m_window->findChild<QLabel*>(QStringLiteral("issueResultLabel"));
        QCOMPARE(result->property("outcome").toString(), QStringLiteral("failure"));
        QVERIFY(!m_window->issuanceService()->hasIssuerKeys());
    }

    void issueCard() {
        // Before issuing, the view lists the template's rights per user with the dates this card would get.
        auto* rightsLabel = m_window->findChild<QLabel*>(QStringLiteral("templateEntitlementsLabel"));
        QVERIFY(rightsLabel);
        const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        QVERIFY2(rightsLabel->text().contains(QStringLiteral("CA_SERVICE_1")), qPrintable(rightsLabel->text()));
        QVERIFY2(rightsLabel->text().contains(QStringLiteral("基本包 (package 1) ") + today),
                 qPrintable(rightsLabel->text()));
        QVERIFY(rightsLabel->text().contains(QStringLiteral("User 3")));

        test::IssuanceDriver driver(m_window.get());
        QString error;
        QVERIFY2(driver.fill(test::HolderInput{}, &error), qPrintable(error));
        driver.answerKeyStoreDialog(QStringLiteral("carddesk-development"));
        auto* progress = m_window->findChild<QProgressBar*>(QStringLiteral("issueProgress"));
        QSignalSpy steps(m_window->issuanceService(), &IssuanceService::progress);
        QVERIFY2(driver.clickIssue(&error), qPrintable(error));
        QVERIFY(driver.keyStoreDialogSeen());
        // While the job runs the button is disabled (one issuance at a time).
        auto* issue = m_window->findChild<QPushButton*>(QStringLiteral("issueButton"));
        QVERIFY(!issue->isEnabled() || m_window->findChild<QLabel*>(QStringLiteral("issueResultLabel"))->isVisible());

        auto* result = m_window->findChild<QLabel*>(QStringLiteral("issueResultLabel"));
        QTRY_COMPARE_WITH_TIMEOUT(result->property("outcome").toString(), QStringLiteral("success"), 60000);
        QVERIFY2(result->text().startsWith(QStringLiteral("Card issued.")), qPrintable(result->text()));
        QVERIFY(steps.count() > 5);
        QCOMPARE(progress->value(), progress->maximum());

        const QList<IssuedCard> cards = m_window->database()->cards();
        QCOMPARE(cards.size(), 1);
        QVERIFY(result->text().contains(cards.first().cardNumber));
        // PIN fields are emptied after a success.
        QVERIFY(m_window->findChild<QLineEdit*>(QStringLiteral("userPinEdit_1"))->text().isEmpty());

        // The card is read again and is no longer blank: Issue is disabled and the desk is told what comes next.
        QTRY_VERIFY(m_window->cardPanel()->snapshot() &&
                    m_window->cardPanel()->snapshot()->lifeCycle == cdos::LifeCycle::Personalised);
        QVERIFY(!issue->isEnabled());
        QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("issueHintLabel"))
                    ->text()
                    .contains(QStringLiteral("next blank card")));
        // The readers list shows what the card says now, not the ATR from before the issuance.
        ReaderListModel* readers = m_window->readersPanel()->model();
        const QModelIndex lc = m_window->readersPanel()->view()->model()->index(readers->rowOf(m_reader),
                                                                                ReaderListModel::LifeCycleColumn);
        QCOMPARE(lc.data().toString(), QStringLiteral("Personalised"));

        // The trace holds the personalisation with its secrets redacted.
        ApduTraceModel* model = m_window->tracePanel()->model();
        int writeKeys = 0, putUsers = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString name = model->index(row, ApduTraceModel::CommandColumn).data().toString();
            if (name == QLatin1String("WRITE KEY") || name == QLatin1String("PUT USER")) {
                (name == QLatin1String("WRITE KEY") ? writeKeys : putUsers)++;
                QVERIFY(model->index(row, ApduTraceModel::CommandDataColumn)
                            .data()
                            .toString()
                            .contains(QLatin1String("redacted")));
            }
        }
        QVERIFY(writeKeys >= 9); // 7 card keys and the 2 CA service keys
        QCOMPARE(putUsers, 3);

        // Diagnostics: the card's rights per user, with dates, and the service-key versions.
        auto* rights = m_window->findChild<QTableWidget*>(QStringLiteral("diagnosticsRightsTable"));
        QVERIFY(rights);
        QTRY_COMPARE(rights->rowCount(), 5);
        QCOMPARE(rights->item(0, 1)->text(), QStringLiteral("package 1"));
        QCOMPARE(rights->item(0, 2)->text(), today);
        QCOMPARE(rights->item(0, 4)->text(), QStringLiteral("valid"));
        QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("diagnosticsServiceKeysLabel"))
                    ->text()
                    .contains(QStringLiteral("CA_SERVICE_2 version 1")));
    }

    void savedTraceIsRedacted() {
        const QString path = m_dir.filePath(QStringLiteral("trace.json"));
        QCOMPARE(m_window->tracePanel()->saveTo(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("WRITE KEY"));
        QVERIFY(saved.contains("\"secretsRevealed\": false"));
    }

    void revealingSecretsAsksAndIsRecorded() {
        auto* reveal = m_window->findChild<QPushButton*>(QStringLiteral("traceRevealButton"));
        QVERIFY(reveal);
        // Declining the second operator's dialog leaves everything redacted.
        QTimer::singleShot(0, m_window.get(), [] { answerSecondOperator({}); });
        QTest::mouseClick(reveal, Qt::LeftButton);
        QVERIFY(!reveal->isChecked());
        QVERIFY(!m_window->traceLog()->revealSecrets());

        // Dual control (docs/operators.md): a second operator approves the reveal at this desk.
        cdtest::ensureOperator(*m_window->database(), cdtest::kSecond,
                               carddesk::Role::Technician | carddesk::Role::Admin);
        QTimer::singleShot(0, m_window.get(), [] { answerSecondOperator(cdtest::kSecond); });
        QTest::mouseClick(reveal, Qt::LeftButton);
        QVERIFY(reveal->isChecked());
        QVERIFY(m_window->traceLog()->revealSecrets());
        QTRY_VERIFY(auditContains(QStringLiteral("reveal")));

        QTest::mouseClick(reveal, Qt::LeftButton); // off again: no question, the clear bytes are wiped
        QVERIFY(!m_window->traceLog()->revealSecrets());
        QTRY_VERIFY(auditContains(QStringLiteral("conceal")));
    }

    void takingTheCardOutKeepsTheOutcome() {
        const QString cardNumber = m_window->database()->cards().first().cardNumber;
        m_window->readers()->removeLocalCard(m_reader);
        QTRY_COMPARE(m_window->cardPanel()->page(), CardPanel::Page::NoCard);
        auto* last = m_window->findChild<QLabel*>(QStringLiteral("noCardLastOutcomeLabel"));
        QVERIFY(last && last->isVisible());
        QVERIFY2(last->text().contains(cardNumber), qPrintable(last->text()));
    }

    // Issue 11: the outcome belongs to the card it is about: another reader's blank card does not show "Card
    // issued" (nor a failure's "step 25 of 25").
    void anotherReadersCardHidesTheOutcome() {
        auto* result = m_window->findChild<QLabel*>(QStringLiteral("issueResultLabel"));
        QVERIFY(result);
        QVERIFY(guitest::insertAndSelect(*m_window, QStringLiteral("Desk Reader B (in-process)"),
                                         cdtest::newTestCard(m_dir.filePath(QStringLiteral("card-b.img")))));
        QTRY_VERIFY(m_window->isSettled());
        QVERIFY(!result->isVisible());
        QVERIFY(!m_window->findChild<QWidget*>(QStringLiteral("issueProgress"))->isVisible());
    }

private:
    // The dual-control dialog: `second` approves with its password, or (empty) the dialog is cancelled.
    static void answerSecondOperator(const QString& second) {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->objectName(), QStringLiteral("secondOperatorDialog"));
        if (second.isEmpty()) {
            dialog->reject();
            return;
        }
        dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorNameEdit"))->setText(second);
        dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorPasswordEdit"))
            ->setText(cdtest::passwordOf(second));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }
    bool auditContains(const QString& word) const {
        for (const AuditEntry& e : m_window->database()->auditEntries())
            if (e.action.contains(word))
                return true;
        return false;
    }
};

QTEST_MAIN(TestIssuanceLocal)
#include "TestIssuanceLocal.moc"
