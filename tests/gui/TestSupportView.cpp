// The support tab (客服查询) of the real main window, in Chinese, against a REAL carddesk-headend process and a card
// in a local reader (the card OS in-process): the card's transactions run through the headend as a gateway runs
// them, one TAC and one amount are corrupted in the headend's database, the desk makes one offline purchase; the
// operator then looks the card up (the card in the reader is the default), reads the coloured states, the summary
// and a row's details, exports, and meets the failures in words. The headend's URL and certificate are remembered,
// the operator credential never. The window is saved as a PNG (CARDDESK_UPDATE_SCREENSHOT=1 copies it to
// docs/screenshot-support-zh_CN.png).
#include "model/TestSupportGateway.h"

#include "CardPanel.h"
#include "ConsoleOptions.h"
#include "DeskCard.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "ReadersPanel.h"
#include "SupportView.h"
#include "SupportViewModel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/IssuanceService.h"
#include "carddesk/model/PurseService.h"
#include "carddesk/model/ReaderListModel.h"
#include "carddesk/model/SupportService.h"

#include "support/InProcessCard.h"
#include <carddesk/card/dispatch/CardOs.h>

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QTranslator>

using namespace carddesk;
using Match = SupportReport::Match;
using Tac = SupportReport::Tac;

class TestSupportView final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    hdtest::HeadendProcess m_hd;
    std::unique_ptr<cdos::KeyStore> m_devKeys;
    std::unique_ptr<hdtest::IssuedCard> m_card;
    std::shared_ptr<cdos::card::CardOs> m_os;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTranslator> m_extra;
    const QString m_reader = QStringLiteral("Support Desk Reader (in-process)");
    const QString m_cardNumber = QStringLiteral("86010000000000000071");
    SupportView* m_view = nullptr;
    qint64 m_badAmount = 0;

    template <typename T> T* child(const char* name) {
        T* w = m_window->findChild<T*>(QLatin1String(name));
        if (!w)
            qWarning("no %s", name);
        return w;
    }
    void setText(const char* name, const QString& text) {
        auto* e = child<QLineEdit>(name);
        e->clear();
        QTest::keyClicks(e, text);
    }
    void clickLookUp() {
        const auto before = m_view->report().createdAt;
        QTest::mouseClick(child<QPushButton>("supportLookupButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->isBusy() && m_view->report().createdAt != before, 20000);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true); // QSettings in a test location, not the desk's
        QCoreApplication::setOrganizationName(QStringLiteral("CardDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_gui_support"));
        QSettings().clear();

        // The headend and the card's history there.
        m_devKeys = hdtest::openDevKeys();
        QVERIFY2(m_hd.start(900), qPrintable(m_hd.error));
        m_card = std::make_unique<hdtest::IssuedCard>(*m_devKeys, m_cardNumber.toStdString());
        const QString token = m_hd.enrolAndAuthenticate(*m_card);
        QVERIFY(!token.isEmpty());
        QCOMPARE(m_hd.post(QStringLiteral("/v1/admin/bank/accounts"),
                           {{QStringLiteral("account"), QString::fromStdString(m_card->profile.holder.account)},
                            {QStringLiteral("balance"), 100000}},
                           {}, true)
                     .status,
                 200);
        supporttest::Gateway gw(m_hd, *m_card, token);
        QVERIFY(gw.select());
        const hdtest::Reply lost = gw.beginLoad(QStringLiteral("gui-load-lost"), 2000);
        QCOMPARE(gw.refund(lost.json.value(QStringLiteral("loadId")).toInteger(), 2000)
                     .json.value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("refunded"));
        QVERIFY(gw.load(QStringLiteral("gui-load-1"), 10000));
        QVERIFY(gw.purchase(QStringLiteral("gui-buy-1"), 1880));
        const qint64 badTac = gw.purchase(QStringLiteral("gui-buy-2"), 650);
        m_badAmount = gw.purchase(QStringLiteral("gui-buy-3"), 990);
        QVERIFY(badTac && m_badAmount);
        QVERIFY(supporttest::tamperHeadend(m_hd, QStringLiteral("UPDATE purchases SET tac = 'DEADBEEF' WHERE id = ?"),
                                           badTac));
        QVERIFY(supporttest::tamperHeadend(m_hd, QStringLiteral("UPDATE purchases SET amount = 1990 WHERE id = ?"),
                                           m_badAmount));

        // The console, in Chinese. CARDDESK_TEST_EXTRA_QM: a .qm with strings not yet merged into translations/.
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
        if (const QString qm = qEnvironmentVariable("CARDDESK_TEST_EXTRA_QM"); !qm.isEmpty()) {
            m_extra = std::make_unique<QTranslator>();
            QVERIFY(m_extra->load(qm));
            QCoreApplication::installTranslator(m_extra.get());
        }
        const ConsoleOptions options = guitest::deskOptions(m_dir);
        m_window = guitest::openDesk(options);
        QVERIFY(m_window);
        m_window->issuanceService()->openKeyStore(options.keyStorePath, QStringLiteral("carddesk-development"));

        // The card goes into the desk's reader; from here only the reader's owner thread touches it.
        m_os = std::shared_ptr<cdos::card::CardOs>(std::move(m_card->card.os));
        QVERIFY(guitest::insertAndSelect(*m_window, m_reader, m_os));
        // One offline purchase at the desk's terminal: on the card, never at the headend — by operator "desk"
        // (every role), who stays logged in for the support view.
        QCOMPARE(cdtest::logIn(m_window->session()->operators(), QStringLiteral("desk")), QString());
        PurseService* purse = m_window->purseService();
        const PurseTransactionResult desk = PurseService::wait(purse->transact(
            PurseRequest{m_reader, PurseOperation::Purchase, 320, 1, QStringLiteral("1234"), QStringLiteral("desk")}));
        QVERIFY2(desk.ok, qPrintable(desk.error));
        m_view = m_window->supportView();
        QTRY_VERIFY(m_window->isSettled());
    }

    void cleanupTestCase() {
        m_window.reset();
        m_os.reset();
        if (m_extra)
            QCoreApplication::removeTranslator(m_extra.get());
        Localisation::install(QLocale(QLocale::English));
        const QByteArray log = m_hd.stop();
        QVERIFY(!log.contains(hdtest::kAdminToken));
        QVERIFY(!log.contains(m_hd.operatorToken.toLatin1()));
    }

    void supportTabDefaultsToTheCardInTheReader() {
        m_window->findChild<QAction*>(QStringLiteral("showSupportAction"))->trigger();
        QCOMPARE(m_window->workTabs()->currentWidget(), static_cast<QWidget*>(m_view));
        QCOMPARE(m_window->workTabs()->tabText(m_window->workTabs()->indexOf(m_view)), MainWindow::tr("Support"));
        QCOMPARE(child<QLineEdit>("supportCardEdit")->text(), m_cardNumber);
        QVERIFY(child<QLabel>("supportReaderLabel")->text().contains(m_cardNumber));
        QVERIFY(child<QRadioButton>("supportCardRadio")->isChecked());
        QVERIFY(!child<QPushButton>("supportExportButton")->isEnabled()); // nothing to export yet
        // The card tab's views still come back with their shortcuts.
        m_window->findChild<QAction*>(QStringLiteral("showPurseAction"))->trigger();
        QCOMPARE(m_window->workTabs()->currentWidget(), static_cast<QWidget*>(m_window->cardPanel()));
        m_window->findChild<QAction*>(QStringLiteral("showSupportAction"))->trigger();
    }

    void wrongTokenInWords() {
        setText("supportUrlEdit", m_hd.base);
        setText("supportCertEdit", m_hd.dir.filePath(QStringLiteral("tls-cert.pem")));
        setText("supportTokenEdit", QStringLiteral("wrong-token"));
        clickLookUp();
        QCOMPARE(m_view->report().headendFailure, HeadendHistoryClient::Failure::CredentialRefused);
        auto* status = child<QLabel>("supportStatusLabel");
        QCOMPARE(status->text(), m_view->report().headendError + QLatin1Char(' ') + m_view->report().cardNote);
        QVERIFY(status->styleSheet().contains(QStringLiteral("#a50e0e")));
        QCOMPARE(m_view->model()->rowCount(), 0);
        QVERIFY(!child<QPushButton>("supportExportButton")->isEnabled());
    }

    void lookUpAndReconcile() {
        setText("supportTokenEdit", m_hd.operatorToken);
        QTest::mouseClick(child<QPushButton>("supportLookupButton"), Qt::LeftButton);
        // The lookup runs off the GUI thread: the busy indicator shows meanwhile and the button waits.
        QVERIFY(m_view->isBusy());
        QVERIFY(child<QProgressBar>("supportBusyIndicator")->isVisible());
        QVERIFY(!child<QPushButton>("supportLookupButton")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!m_view->isBusy(), 20000);
        QVERIFY(!child<QProgressBar>("supportBusyIndicator")->isVisible());

        const SupportReport& r = m_view->report();
        QVERIFY2(r.hasHeadendData(), qPrintable(r.headendError));
        QVERIFY(r.cardCompared);
        QVERIFY(r.keysAvailable);
        QCOMPARE(r.rows.size(), 6); // refunded load, load, 3 purchases, the desk's purchase
        QCOMPARE(r.matchedCount(), 3);
        QCOMPARE(r.problemCount(), 3);
        QCOMPARE(child<QLabel>("supportSummaryLabel")->text(), r.summary());

        SupportViewModel* model = m_view->model();
        QCOMPARE(model->rowCount(), 6);
        int red = 0, green = 0;
        for (int i = 0; i < model->rowCount(); ++i) {
            const QModelIndex state = model->index(i, SupportViewModel::StateColumn);
            QVERIFY(!state.data(Qt::DecorationRole).value<QIcon>().isNull());
            const QColor c = state.data(Qt::ForegroundRole).value<QBrush>().color();
            if (model->rows()[i].isProblem()) {
                QCOMPARE(c, QColor(0xa5, 0x0e, 0x0e));
                ++red;
            } else if (model->rows()[i].match == Match::Matched) {
                QCOMPARE(c, QColor(0x0d, 0x65, 0x2d));
                ++green;
            }
            QCOMPARE(state.data().toString(), SupportReport::matchName(model->rows()[i].match));
        }
        QCOMPARE(red, 3);
        QCOMPARE(green, 2); // the third match has a wrong TAC: a problem

        // The amount mismatch in the detail pane: both amounts and the TAC's verdict.
        int mismatch = -1;
        for (int i = 0; i < model->rowCount(); ++i)
            if (model->rows()[i].match == Match::AmountMismatch)
                mismatch = i;
        QVERIFY(mismatch >= 0);
        QCOMPARE(model->rows()[mismatch].headend->id, m_badAmount);
        QCOMPARE(model->rows()[mismatch].tac, Tac::Wrong);
        child<QTableView>("supportTable")->selectRow(mismatch);
        const QString detail = child<QTextBrowser>("supportDetail")->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("19.90")) && detail.contains(QStringLiteral("9.90")),
                 qPrintable(detail));
    }

    void settingsRememberTheHeadendNotTheToken() {
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("support/headendUrl")).toString(), m_hd.base);
        QCOMPARE(settings.value(QStringLiteral("support/certificateFile")).toString(),
                 m_hd.dir.filePath(QStringLiteral("tls-cert.pem")));
        for (const QString& key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(m_hd.operatorToken));
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(m_hd.operatorToken.toLatin1()));
    }

    void exportThroughTheDialog() {
        const QString path = m_dir.filePath(QStringLiteral("support-export.json"));
        auto* timer = new QTimer(m_window.get());
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, m_window.get(), [timer, path] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible())
                return;
            timer->stop();
            timer->deleteLater();
            // The file name typed and Enter pressed, as an operator does (offscreen: Qt's own dialog).
            auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            if (!name)
                return;
            name->setText(path);
            QTest::keyClick(name, Qt::Key_Return);
        });
        timer->start();
        QTest::mouseClick(child<QPushButton>("supportExportButton"), Qt::LeftButton);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(!json.contains(m_hd.operatorToken.toLatin1()));
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o.value(QStringLiteral("header")).toObject().value(QStringLiteral("card")).toString(), m_cardNumber);
        QCOMPARE(o.value(QStringLiteral("header")).toObject().value(QStringLiteral("headendUrl")).toString(),
                 m_hd.base);
        QCOMPARE(o.value(QStringLiteral("rows")).toArray().size(), 6);
        // CSV through the same path the button takes.
        const QString csv = m_dir.filePath(QStringLiteral("support-export.csv"));
        QCOMPARE(m_view->exportTo(csv), QString());
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(c.readAll()).contains(QStringLiteral("# card: ") + m_cardNumber));
    }

    void subscriberLookup() {
        QTest::keyClicks(child<QLineEdit>("supportSubscriberEdit"), QStringLiteral("U00000001"));
        QVERIFY(child<QRadioButton>("supportSubscriberRadio")->isChecked());
        clickLookUp();
        QVERIFY(m_view->report().subscriberMode);
        QCOMPARE(m_view->report().rows.size(), 6); // the reader's card is the subscriber's only card
        QVERIFY(m_view->report().cardCompared);
        // An unknown subscriber, in words.
        setText("supportSubscriberEdit", QStringLiteral("U404"));
        clickLookUp();
        QCOMPARE(m_view->report().headendFailure, HeadendHistoryClient::Failure::NotFound);
        QVERIFY(!child<QLabel>("supportStatusLabel")->text().isEmpty());
    }

    void screenshot() {
        child<QLineEdit>("supportSubscriberEdit")->clear();
        QTest::mouseClick(child<QRadioButton>("supportCardRadio"), Qt::LeftButton);
        child<QLineEdit>("supportTokenEdit")->clear();
        setText("supportTokenEdit", m_hd.operatorToken);
        clickLookUp();
        QCOMPARE(m_view->report().rows.size(), 6);
        for (int i = 0; i < m_view->model()->rowCount(); ++i)
            if (m_view->model()->rows()[i].match == Match::AmountMismatch)
                child<QTableView>("supportTable")->selectRow(i);
        QTest::qWait(200);
        const QString png =
            QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(QStringLiteral("screenshot-support-zh_CN.png"));
        QVERIFY(m_window->grab().save(png, "PNG"));
        if (qEnvironmentVariableIntValue("CARDDESK_UPDATE_SCREENSHOT") == 1) {
            const QString docs = QStringLiteral(CARDDESK_SOURCE_DIR "/docs/screenshot-support-zh_CN.png");
            QFile::remove(docs);
            QVERIFY(QFile::copy(png, docs));
            qInfo("updated %s", qPrintable(docs));
        }
    }

    // Issue 15: a long history comes a page at a time, and scrolling the table to its end fetches the next page
    // (canFetchMore / fetchMore) until the last: every record once, newest first.
    void scrollingFetchesOlderPages() {
        const QString card = QStringLiteral("86010000000000000079");
        QVERIFY(supporttest::fillHeadendHistory(m_hd, card, QStringLiteral("U00000079"), 450));
        setText("supportTokenEdit", m_hd.operatorToken);
        QTest::mouseClick(child<QRadioButton>("supportCardRadio"), Qt::LeftButton);
        setText("supportCardEdit", card);
        clickLookUp();
        SupportViewModel* model = m_view->model();
        QCOMPARE(model->rowCount(), HeadendHistoryClient::kPage); // the first page only
        auto* table = child<QTableView>("supportTable");
        for (int round = 0; round < 10 && model->rowCount() < 450; ++round) {
            const int before = model->rowCount();
            table->scrollToBottom();
            QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > before, 20000);
        }
        QCOMPARE(model->rowCount(), 450);
        QTRY_VERIFY(!model->isFetching());
        QVERIFY(!model->canFetchMore({}));
        QSet<qint64> ids;
        qint64 previous = 450;
        for (const SupportReport::Row& row : model->rows()) {
            QVERIFY(row.headend);
            ids.insert(row.headend->id);
            QCOMPARE(row.headend->balanceBefore, previous - 1); // newest first, none missed
            previous = row.headend->balanceBefore;
        }
        QCOMPARE(ids.size(), 450);
    }
};

QTEST_MAIN(TestSupportView)
#include "TestSupportView.moc"
