// A single card with generated PINs (issue 14, docs/issuance.md "PIN mailers"): the issuance tab's "Generate PINs
// (PIN mailer)" disables the PIN fields, takes a mailer folder and the holder's address, and leaves exactly one
// mailer, <folder>/<card number>.pdf, once the card is issued — none pending. The card OS runs in-process.
#include "CardPanel.h"
#include "DeskCard.h"
#include "Localisation.h"
#include "MainWindow.h"

#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"

#include <carddesk/card/dispatch/CardOs.h>

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
        window.reset(); // the owner thread stops before the card goes
    }
};

QTEST_MAIN(TestIssuanceMailer)
#include "TestIssuanceMailer.moc"
