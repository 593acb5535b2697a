// The application manager tab in Chinese, card OS in-process: an issued card (key pair and CA key written by the
// issuance), the bill-payment example packaged for it and installed through the view with a progress bar over the
// blocks, its row in the registry table and its region in the NVM map, a certificate for another card refused in
// words, and the delete. The window is saved as a PNG (CARDDESK_UPDATE_SCREENSHOT=1 copies it to
// docs/screenshot-apps-zh_CN.png).
#include "AppManagerView.h"
#include "CardPanel.h"
#include "ConsoleOptions.h"
#include "DeskCard.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "NvmMapWidget.h"
#include "PurseView.h"
#include "ReadersPanel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/AppService.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/IssuanceService.h"
#include "carddesk/model/ReaderListModel.h"

#include "support/InProcessCard.h"
#include "support/StandardCard.h"
#include <carddesk/card/dispatch/CardOs.h>

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace carddesk;

namespace {

QByteArray source(const char* rel) {
    QFile f(QStringLiteral(CARDDESK_SOURCE_DIR "/") + QLatin1String(rel));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAppManagerView final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<cdos::card::CardOs> m_card;
    std::unique_ptr<MainWindow> m_window;
    const QString m_reader = QStringLiteral("Desk Reader (in-process)");
    AppManagerView* m_view = nullptr;
    QString m_cardNumber;

    template <typename T> T* child(const char* name) {
        T* w = m_window->findChild<T*>(QLatin1String(name));
        if (!w)
            qWarning("no %s", name);
        return w;
    }
    AppPackageRequest request(const QString& cardNumber) const {
        Database* db = m_window->database();
        const auto card = db->card(m_cardNumber);
        AppPackageRequest r;
        r.cardNumber = QByteArray::fromHex(cardNumber.toLatin1());
        r.issuerSerial = QByteArray::fromHex(card->issuerSerial.toLatin1());
        r.productSerial = QByteArray::fromHex(card->productSerial.toLatin1());
        r.cardPublicKey = db->cardAppKey(m_cardNumber);
        r.aid = QByteArray::fromHex("D15600000101");
        r.code = source("resources/apps/bill-payment/app.lua");
        r.config = source("resources/apps/bill-payment/config.txt");
        return r;
    }
    QString write(const char* name, const QByteArray& data) {
        const QString path = m_dir.filePath(QLatin1String(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            qWarning("cannot write %s", name);
        return path;
    }
    AppOperationResult push(const char* button) {
        const int before = m_view->finishedOperations();
        if (!child<QPushButton>(button)->isEnabled())
            qWarning("%s is disabled", button);
        QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton);
        // The view re-reads the registry after each push.
        if (!QTest::qWaitFor([&] { return m_view->finishedOperations() > before && m_window->isSettled(); }, 20000))
            qWarning("%s: no result", button);
        return m_view->lastResult();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_card = cdtest::newTestCard(m_dir.filePath(QStringLiteral("card.img")));

        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
        m_window = guitest::openDesk(guitest::deskOptions(m_dir), QSize(1280, 860));
        QVERIFY(m_window);
        QVERIFY(guitest::insertAndSelect(*m_window, m_reader, m_card));

        const IssuanceResult issued = guitest::issueDeskCard(*m_window, m_reader);
        QVERIFY2(issued.ok, qPrintable(issued.error));
        m_cardNumber = issued.cardNumber;
        m_view = m_window->cardPanel()->appManagerView();
        QVERIFY(m_view);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->state().nvmTotal > 0, 10000);
        QTRY_VERIFY(m_window->isSettled());
        m_window->cardPanel()->tabs()->setCurrentWidget(m_view);
    }

    void cleanupTestCase() {
        m_window.reset();
        m_card.reset();
        Localisation::install(QLocale(QLocale::English));
    }

    void tabNextToThePurse() {
        QTabWidget* tabs = m_window->cardPanel()->tabs();
        QCOMPARE(tabs->indexOf(m_view), tabs->indexOf(m_window->cardPanel()->purseView()) + 1);
        QCOMPARE(tabs->tabText(tabs->indexOf(m_view)), QStringLiteral("应用"));
        QCOMPARE(child<QTableWidget>("appTable")->rowCount(), 0);
        QVERIFY(!child<QPushButton>("appInstallButton")->isEnabled());
    }

    void wrongCardCertificateRefusedInWords() {
        child<QLineEdit>("appPackageEdit")
            ->setText(
                write("other.cdapp", AppService::buildInstallMessage(request(QStringLiteral("86019999999999999999")))));
        const AppOperationResult r = push("appInstallButton");
        QVERIFY(!r.ok);
        QCOMPARE(r.sw, quint16(0x9603));
        const QString text = child<QLabel>("appResultLabel")->text();
        QVERIFY2(text.contains(QStringLiteral("证书属于另一张卡")), qPrintable(text));
        QCOMPARE(child<QTableWidget>("appTable")->rowCount(), 0);
    }

    void installWithProgress() {
        child<QLineEdit>("appPackageEdit")
            ->setText(write("bill.cdapp", AppService::buildInstallMessage(request(m_cardNumber))));
        const AppOperationResult r = push("appInstallButton");
        QVERIFY2(r.ok, qPrintable(r.error));
        auto* progress = child<QProgressBar>("appProgress");
        QCOMPARE(progress->maximum(), r.blocks);
        QCOMPARE(progress->value(), r.blocks);
        QVERIFY(r.blocks > 1);
        QTRY_COMPARE(child<QTableWidget>("appTable")->rowCount(), 1);
        auto* table = child<QTableWidget>("appTable");
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("D15600000101"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("1.0"));
        const auto& regions = m_view->nvmMap()->regions();
        const auto app = std::find_if(regions.cbegin(), regions.cend(), [](const NvmMapWidget::Region& g) {
            return g.kind == NvmMapWidget::Region::Application && g.label == QLatin1String("D15600000101");
        });
        QVERIFY(app != regions.cend());
        QCOMPARE(app->start, m_view->state().apps.first().dfStart);
        QCOMPARE(app->end, m_view->state().apps.first().dfEnd);
    }

    void screenshot() {
        QTest::qWait(300);
        const QString png =
            QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(QStringLiteral("screenshot-apps-zh_CN.png"));
        QVERIFY(m_window->grab().save(png, "PNG"));
        if (qEnvironmentVariableIntValue("CARDDESK_UPDATE_SCREENSHOT") == 1) {
            const QString docs = QStringLiteral(CARDDESK_SOURCE_DIR "/docs/screenshot-apps-zh_CN.png");
            QFile::remove(docs);
            QVERIFY(QFile::copy(png, docs));
        }
    }

    void deleteWithCertificate() {
        AppPackageRequest del = request(m_cardNumber);
        del.seed = m_view->state().apps.first().seed;
        child<QLineEdit>("appDeleteCertEdit")->setText(write("bill.cddel", AppService::buildDeleteCertificate(del)));
        const AppOperationResult r = push("appDeleteButton");
        QVERIFY2(r.ok, qPrintable(r.error));
        QTRY_COMPARE(child<QTableWidget>("appTable")->rowCount(), 0);
        QVERIFY(m_view->state().apps.isEmpty());
    }
};

QTEST_MAIN(TestAppManagerView)
#include "TestAppManagerView.moc"
