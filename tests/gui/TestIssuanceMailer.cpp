// A single card with generated PINs (issue 14, docs/issuance.md "PIN mailers"): the issuance tab's "Generate PINs
// (PIN mailer)" disables the PIN fields, takes a mailer folder and the holder's address, and leaves exactly one
// mailer, <folder>/<card number>.pdf, once the card is issued — none pending. The card OS runs in-process.
#include "CardPanel.h"
#include "DeskCard.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "PinResetDialog.h"
#include "ScreenMap.h"

#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"

#include <carddesk/card/dispatch/CardOs.h>

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace carddesk;

class TestIssuanceMailer final : public QObject {
    Q_OBJECT

private slots:
    void generatedPinsGoToOneMailer() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
        auto card = cdtest::newTestCard(dir.filePath(QStringLiteral("card.img")));
        auto window = guitest::openDesk(guitest::deskOptions(dir));
        QVERIFY(window);
        QVERIFY(window->session()
                    ->keys()
                    .open(QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development.cdks"))
                    .isEmpty());
        const QString reader = QStringLiteral("Desk Reader (in-process)");
        QVERIFY(guitest::insertAndSelect(*window, reader, card));
        QTRY_VERIFY(window->isSettled());

        auto edit = [&](const char* name) { return window->findChild<QLineEdit*>(QLatin1String(name)); };
        edit("holderUserNumberEdit")->setText(QStringLiteral("U0042"));
        edit("holderAccountEdit")->setText(QStringLiteral("6222020200112242"));
        edit("holderNameEdit")->setText(QStringLiteral("李娜"));
        const QString folder = dir.filePath(QStringLiteral("mailers"));
        edit("mailerFolderEdit")->setText(folder);
        auto* generate = window->findChild<QCheckBox*>(QStringLiteral("generatePinsCheck"));
        QVERIFY(generate);
        generate->setChecked(true);
        QVERIFY(!edit("userPinEdit_1")->isEnabled());
        window->findChild<QPlainTextEdit*>(QStringLiteral("mailerAddressEdit"))
            ->setPlainText(QStringLiteral("北京市朝阳区建国路 88 号\n100022"));

        auto* issue = window->findChild<QPushButton*>(QStringLiteral("issueButton"));
        QTRY_VERIFY(issue->isEnabled());
        QTest::mouseClick(issue, Qt::LeftButton);
        auto* result = window->findChild<QLabel*>(QStringLiteral("issueResultLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!result->property("outcome").toString().isEmpty(), 60000);
        QCOMPARE(result->property("outcome").toString(), QStringLiteral("success"));
        const QList<IssuedCard> cards = window->database()->cards();
        QCOMPARE(cards.size(), 1);
        const QString mailer = QDir(folder).filePath(cards.first().cardNumber.toUpper() + QStringLiteral(".pdf"));
        QVERIFY2(QFileInfo::exists(mailer), qPrintable(QDir(folder).entryList().join(QLatin1Char(' '))));
        QVERIFY(result->text().contains(mailer));
        QCOMPARE(QDir(folder).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), qsizetype(1));
        QVERIFY(QDir(QDir(folder).filePath(QStringLiteral(".pending"))).entryList(QDir::Files).isEmpty());

        // The holder lost the mailer: File → Reset PINs gives user 1 a new PIN and prints a new mailer, in the
        // operator's language (the dialog is looked at in Chinese and English).
        const QString resetFolder = dir.filePath(QStringLiteral("reset-mailers"));
        for (const QLocale& locale : {QLocale(QLocale::Chinese, QLocale::China), QLocale(QLocale::English)}) {
            QVERIFY(Localisation::install(locale));
            auto* action = window->findChild<QAction*>(QStringLiteral("pinResetAction"));
            QVERIFY(action && action->isEnabled());
            action->trigger();
            PinResetDialog* dialog = nullptr;
            QTRY_VERIFY((dialog = window->findChild<PinResetDialog*>()) != nullptr && dialog->isVisible());
            auto* run = dialog->findChild<QPushButton*>(QStringLiteral("pinResetRunButton"));
            QVERIFY(!run->isEnabled()); // no folder yet
            QVERIFY(dialog->problem().contains(locale.language() == QLocale::English ? QStringLiteral("folder")
                                                                                     : QStringLiteral("文件夹")));
            dialog->findChild<QLineEdit*>(QStringLiteral("pinResetUsersEdit"))->setText(QStringLiteral("1,1"));
            dialog->findChild<QLineEdit*>(QStringLiteral("pinResetFolderEdit"))->setText(resetFolder);
            QVERIFY(!run->isEnabled()); // user 1 twice
            dialog->findChild<QLineEdit*>(QStringLiteral("pinResetUsersEdit"))->setText(QStringLiteral("1"));
            dialog->findChild<QPlainTextEdit*>(QStringLiteral("pinResetAddressEdit"))
                ->setPlainText(QStringLiteral("北京市朝阳区建国路 88 号\n100022"));
            QVERIFY(run->isEnabled());
            QTest::mouseClick(run, Qt::LeftButton);
            auto* outcome = dialog->findChild<QLabel*>(QStringLiteral("pinResetResultLabel"));
            QTRY_VERIFY_WITH_TIMEOUT(!outcome->property("outcome").toString().isEmpty(), 60000);
            QVERIFY2(outcome->property("outcome").toString() == QLatin1String("success"), qPrintable(outcome->text()));
            const QString name = locale.language() == QLocale::English ? QStringLiteral("pin-reset-dialog-en.png")
                                                                       : QStringLiteral("pin-reset-dialog-zh_CN.png");
            QVERIFY(dialog->grab().save(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR "/") + name));
            const QJsonObject shown = ScreenMap::of(dialog);
            QVERIFY2(ScreenMap::clipped(shown).isEmpty(), qPrintable(ScreenMap::clipped(shown).join(QLatin1Char(';'))));
            if (locale.language() == QLocale::Chinese)
                QVERIFY2(ScreenMap::untranslated(shown).isEmpty(),
                         qPrintable(ScreenMap::untranslated(shown).join(QLatin1Char(';'))));
            dialog->close();
            QTRY_VERIFY(window->findChild<PinResetDialog*>() == nullptr);
        }
        QCOMPARE(QDir(resetFolder).entryList({QStringLiteral("*-pin-reset-*.pdf")}, QDir::Files).size(), qsizetype(2));
        QVERIFY(QDir(QDir(resetFolder).filePath(QStringLiteral(".pending"))).entryList(QDir::Files).isEmpty());
        int resets = 0;
        for (const AuditEntry& e : window->database()->auditEntries(50))
            resets += e.action == QLatin1String("pin reset") && e.result == QLatin1String("ok");
        QCOMPARE(resets, 2);
        window.reset(); // the owner thread stops before the card goes
    }
};

QTEST_MAIN(TestIssuanceMailer)
#include "TestIssuanceMailer.moc"
