// The main window without pcscd: object names of everything a test or an operator's keyboard drives, the Chinese
// interface, and the card stack (insert a card → the card's views) over an in-process reader with a small fake
// blank card.
#include "CardPanel.h"
#include "ClipCheck.h"
#include "ConsoleOptions.h"
#include "DeskWindow.h"
#include "DiagnosticsView.h"
#include "IssuanceView.h"
#include "LifeCycleDiagram.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "PcscChannel.h"
#include "ReadersPanel.h"
#include "TracePanel.h"

#include "carddesk/cardio/CardReaderManager.h"
#include "carddesk/model/ApduTraceModel.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/ReaderListModel.h"

#include <pcsclite.h>

#include <carddesk/protocol/apdu/Apdu.h>
#include <carddesk/protocol/apdu/CardRecords.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace carddesk;

namespace {

const QString kLocalReader = QStringLiteral("Desk Reader (in-process)");

// Answers GET DATA like a blank CDOS card and 6D00 to everything else: enough for the diagnostics view.
QByteArray fakeBlankCard(const QByteArray& command) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(command.constData());
    auto answer = [](cdos::Bytes data, std::uint16_t sw) {
        data.push_back(std::uint8_t(sw >> 8));
        data.push_back(std::uint8_t(sw));
        return QByteArray(reinterpret_cast<const char*>(data.data()), qsizetype(data.size()));
    };
    if (command.size() < 4 || p[1] != cdos::ins::GetData)
        return answer({}, cdos::sw::InsNotSupported);
    switch (std::uint16_t(p[2] << 8 | p[3])) {
    case cdos::tag::LifeCycleTag:
        return answer({0x00}, cdos::sw::Ok);
    case cdos::tag::OsVersion:
        return answer({'C', 'D', 'O', 'S', ' ', '1', '.', '0'}, cdos::sw::Ok);
    case cdos::tag::Nvm:
        return answer(cdos::encodeNvm({131072, 98304, 17, 256}), cdos::sw::Ok);
    case cdos::tag::ChipSerial:
        return answer({1, 2, 3, 4, 5, 6, 7, 8}, cdos::sw::Ok);
    case cdos::tag::Keys:
        return answer(cdos::encodeKeys({{0x00, 0x01, 0x01, 0x01, 15, 15}}), cdos::sw::Ok);
    case cdos::tag::Users:
        return answer(cdos::encodeUsers({}), cdos::sw::Ok);
    default:
        return answer({}, cdos::sw::DataNotFound);
    }
}

QByteArray blankAtr() {
    const cdos::Bytes atr = cdos::buildAtr(cdos::LifeCycle::Blank);
    return QByteArray(reinterpret_cast<const char*>(atr.data()), qsizetype(atr.size()));
}

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private:
    ConsoleOptions options() const {
        ConsoleOptions o = guitest::deskOptions(m_dir, false, QStringLiteral("console.sqlite"));
        o.keyStorePath.clear(); // this desk has not chosen a key store yet
        return o;
    }
    template <typename T> T* child(QWidget* w, const char* name) {
        auto* found = w->findChild<T*>(QLatin1String(name));
        if (!found)
            qWarning("no %s named %s", T::staticMetaObject.className(), name);
        return found;
    }

    // The development admin (every role): what the console shows depends on who is logged in.
    static void logIn(MainWindow& window) {
        if (window.database()->isOpen())
            QVERIFY(cdtest::logIn(window.session()->operators()).isEmpty());
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        Localisation::install(QLocale(QLocale::English));
    }

    void objectNamesExist() {
        MainWindow window(options());
        logIn(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const char* names[] = {"readersView",
                               "cardStack",
                               "cardTabs",
                               "issuanceView",
                               "diagnosticsView",
                               "templatePathEdit",
                               "templateBrowseButton",
                               "holderUserNumberEdit",
                               "holderAccountEdit",
                               "holderNameEdit",
                               "cardNumberEdit",
                               "allocateCardNumberCheck",
                               "keyStoreButton",
                               "issueButton",
                               "issueProgress",
                               "issueResultLabel",
                               "diagnosticsRefreshButton",
                               "lifeCycleDiagram",
                               "nvmBar",
                               "diagnosticsUsersTable",
                               "diagnosticsMenuTable",
                               "diagnosticsKeysTable",
                               "traceDock",
                               "traceView",
                               "traceFilterEdit",
                               "traceSwFilterCombo",
                               "traceSaveButton",
                               "traceRevealButton",
                               "traceClearButton",
                               "apduDecodeTree",
                               "pcscStatusLabel",
                               "databaseStatusLabel",
                               "userPinEdit_1"};
        for (const char* name : names)
            QVERIFY2(window.findChild<QWidget*>(QLatin1String(name)), name);
        QVERIFY(window.findChild<QAction*>(QStringLiteral("openKeyStoreAction")));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("refreshCardAction")));

        // Every interactive widget of ours carries a name (Qt's own internals — header views, scroll bars, the
        // line edit inside a combo box, clear buttons inside line edits, the dock's title buttons — are not ours).
        QStringList unnamed;
        const auto check = [&](QWidget* w) {
            if (!w->objectName().isEmpty() || w->inherits("QScrollBar") || w->inherits("QHeaderView"))
                return;
            for (QObject* p = w->parent(); p; p = p->parent())
                if (p->inherits("QAbstractItemView") || p->inherits("QComboBox") || p->inherits("QLineEdit") ||
                    p->inherits("QTabBar") || (p->inherits("QDockWidget") && w->parent() == p) ||
                    p->inherits("QAbstractSpinBox"))
                    return;
            unnamed << QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(' ') +
                           (w->property("text").toString());
        };
        for (auto* w : window.findChildren<QAbstractButton*>())
            check(w);
        for (auto* w : window.findChildren<QLineEdit*>())
            check(w);
        for (auto* w : window.findChildren<QAbstractItemView*>())
            check(w);
        for (auto* w : window.findChildren<QComboBox*>())
            check(w);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1String(", "))));

        // A PIN field is masked.
        auto* pin = child<QLineEdit>(&window, "userPinEdit_1");
        QVERIFY(pin);
        QCOMPARE(pin->echoMode(), QLineEdit::Password);
    }

    void chineseInterface() {
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
        // Issue 11: Qt's own buttons and dialogs (Cancel, Yes, the file dialog) were English in the Chinese console:
        // Qt's translations (qt6-translations-l10n) are installed beside CardDesk's.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QCOMPARE(QCoreApplication::translate("QFileDialog", "File &name:"), QStringLiteral("文件名称(&N)："));
        {
            MainWindow window(options());
            logIn(window);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY2(window.windowTitle().contains(QStringLiteral("发卡")), qPrintable(window.windowTitle()));
            auto* tabs = child<QTabWidget>(&window, "cardTabs");
            QVERIFY(tabs);
            QCOMPARE(tabs->tabText(0), QStringLiteral("发卡"));
            QCOMPARE(tabs->tabText(1), QStringLiteral("卡片诊断"));
            QCOMPARE(child<QPushButton>(&window, "issueButton")->text(), QStringLiteral("发卡(&I)"));
            QStringList menus;
            for (QAction* a : window.menuBar()->actions())
                menus << a->text();
            QCOMPARE(menus,
                     QStringList({QStringLiteral("文件(&F)"), QStringLiteral("视图(&V)"), QStringLiteral("帮助(&H)")}));
            QCOMPARE(LifeCycleDiagram::stateName(cdos::LifeCycle::Blank), QStringLiteral("空白"));
            QCOMPARE(LifeCycleDiagram::stateName(cdos::LifeCycle::Personalised), QStringLiteral("已个人化"));
            QCOMPARE(LifeCycleDiagram::stateName(cdos::LifeCycle::Blocked), QStringLiteral("已锁定"));
            QCOMPARE(LifeCycleDiagram::stateName(cdos::LifeCycle::Terminated), QStringLiteral("已终止"));
            auto* database = child<QLabel>(&window, "databaseStatusLabel");
            QVERIFY2(database->text().startsWith(QStringLiteral("数据库：")), qPrintable(database->text()));
        }
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
    }

    void pcscServiceNotRunning() {
        // libpcsclite finds pcscd through this socket (read once per process, and this test is the only one here
        // that uses PC/SC): pointing it nowhere is "pcscd absent", whatever runs on this machine.
        qputenv("PCSCLITE_CSOCK_NAME", m_dir.filePath(QStringLiteral("no-pcscd.comm")).toLocal8Bit());
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
        {
            ConsoleOptions o = options();
            o.usePcsc = true;
            MainWindow window(o);
            logIn(window);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* status = child<QLabel>(&window, "pcscStatusLabel");
            QTRY_COMPARE(status->text(), QStringLiteral("PC/SC 服务未运行"));
            QTRY_COMPARE(child<QLabel>(&window, "noCardTitle")->text(), QStringLiteral("PC/SC 服务未运行"));
            QVERIFY(window.isSettled());
        }
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
    }

    // Issue 11: no label of the main window is cut off — a wrapped one gets the height its lines need, a one-line
    // one the width of its text — nor a title of a visible chart (ClipCheck.h; the purse tab's chart with a card is
    // TestPurseView's), in both languages at 1280×800 and 1920×1080, on the PC/SC-absent page (the longest
    // explanation of the empty card page).
    void noLabelIsClipped_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QSize>("size");
        for (const char* lang : {"zh_CN", "en"})
            for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)})
                QTest::newRow(qPrintable(
                    QStringLiteral("%1 %2x%3").arg(QLatin1String(lang)).arg(size.width()).arg(size.height())))
                    << QString::fromLatin1(lang) << size;
    }
    void noLabelIsClipped() {
        QFETCH(QString, lang);
        QFETCH(QSize, size);
        qputenv("PCSCLITE_CSOCK_NAME", m_dir.filePath(QStringLiteral("no-pcscd.comm")).toLocal8Bit());
        QVERIFY(Localisation::install(QLocale(lang)));
        {
            ConsoleOptions o = options();
            o.usePcsc = true;
            MainWindow window(o);
            logIn(window);
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTRY_VERIFY(!child<QLabel>(&window, "noCardText")->text().isEmpty() && window.isSettled());
            QTest::qWait(50); // the layouts settle after the last text change
            const QStringList clipped = guitest::clippedLabels(&window) + guitest::cutChartTitles(&window);
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
        }
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
    }

    // Issue 11: a card that stops answering in the middle of an operation is told in words ("读卡器“…”中的卡片停止
    // 应答；卡片是否已被取出？"); the PC/SC code and pcsc-lite's English text ("0x80100016 Transaction failed.") are
    // the technician's: the tool tip of the message, and the trace.
    void cardErrorInWordsOnly_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
        QTest::newRow("en") << QStringLiteral("en");
    }
    void cardErrorInWordsOnly() {
        QFETCH(QString, lang);
        QVERIFY(Localisation::install(QLocale(lang)));
        {
            MainWindow window(options());
            logIn(window);
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.readers()->addLocalReader(kLocalReader);
            // Every exchange fails as the PC/SC core reports a card pulled mid-command (vpcd's empty answer).
            window.readers()->insertLocalCard(kLocalReader, blankAtr(), [](const QByteArray&) -> QByteArray {
                throw PcscChannel::toCardError(
                    pcsc::Error(pcsc::Error::Kind::Unresponsive, SCARD_E_NOT_TRANSACTED, "transmit"), kLocalReader);
            });
            QTRY_VERIFY(window.readersPanel()->model()->rowOf(kLocalReader) >= 0);
            QVERIFY(window.readersPanel()->selectReader(kLocalReader));
            // The panel retries once, quietly, then says the card cannot be read.
            QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>(&window, "retryReadButton")->isVisibleTo(&window), 5000);
            QTRY_VERIFY(window.isSettled());
            auto* text = child<QLabel>(&window, "noCardText");
            const QString shown = text->text();
            QVERIFY2(shown.contains(kLocalReader), qPrintable(shown));
            for (const char* technical : {"0x", "8010", "SCARD_", "Transaction failed"})
                QVERIFY2(!shown.contains(QLatin1String(technical)), qPrintable(shown));
            if (lang == QLatin1String("zh_CN"))
                QVERIFY2(shown.contains(QStringLiteral("停止应答")), qPrintable(shown));
            QCOMPARE(text->toolTip(), QStringLiteral("0x80100016 SCARD_E_NOT_TRANSACTED: Transaction failed."));

            // The trace: the same words in the meaning column, the code in its tool tip.
            ApduTraceModel* trace = window.tracePanel()->model();
            QVERIFY(trace->rowCount() > 0);
            const QModelIndex meaning = trace->index(trace->rowCount() - 1, ApduTraceModel::MeaningColumn);
            QCOMPARE(meaning.data().toString(), shown);
            QVERIFY2(meaning.data(Qt::ToolTipRole).toString().contains(text->toolTip()),
                     qPrintable(meaning.data(Qt::ToolTipRole).toString()));
            QTest::qWait(50);
            QVERIFY(window.grab().save(QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR))
                                           .filePath(QStringLiteral("card-error-%1.png").arg(lang))));
        }
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
    }

    // Issue 11: an error of the issuance gets room of its own, word-wrapped under the form: the "Also written to the
    // card" panel beside it keeps its place and size (a long validation error squeezed it), and neither is cut off.
    void issuanceErrorLeavesThePanelAlone_data() { noLabelIsClipped_data(); }
    void issuanceErrorLeavesThePanelAlone() {
        QFETCH(QString, lang);
        QFETCH(QSize, size);
        QVERIFY(Localisation::install(QLocale(lang)));
        {
            MainWindow window(options());
            logIn(window);
            window.resize(size);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.readers()->addLocalReader(kLocalReader);
            window.readers()->insertLocalCard(kLocalReader, blankAtr(), fakeBlankCard);
            QTRY_COMPARE(window.cardPanel()->page(), CardPanel::Page::Card);
            QTRY_VERIFY(window.isSettled());
            QCOMPARE(window.cardPanel()->tabs()->currentWidget(),
                     static_cast<QWidget*>(window.cardPanel()->issuanceView()));
            QTest::qWait(50);
            auto* panel = child<QWidget>(&window, "templateContentsBox");
            auto* contents = child<QLabel>(&window, "templateContentsLabel");
            const QRect panelBefore = panel->geometry();
            const QSize contentsBefore = contents->size();
            const QString tag = QStringLiteral("%1-%2x%3").arg(lang).arg(size.width()).arg(size.height());
            const QDir out(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR));
            QVERIFY(window.grab().save(out.filePath(QStringLiteral("issuance-%1.png").arg(tag))));

            // A typing mistake: a user number alone, every other field missing — several lines of problems.
            QTest::keyClicks(child<QLineEdit>(&window, "holderUserNumberEdit"), QStringLiteral("U0001"));
            QTest::mouseClick(child<QPushButton>(&window, "issueButton"), Qt::LeftButton);
            auto* result = child<QLabel>(&window, "issueResultLabel");
            QTRY_COMPARE(result->property("outcome").toString(), QStringLiteral("failure"));
            QVERIFY(result->text().count(QLatin1Char('\n')) >= 2);
            QTest::qWait(50); // the layouts settle after the text change
            QVERIFY(window.grab().save(out.filePath(QStringLiteral("issuance-error-%1.png").arg(tag))));
            QVERIFY(result->isVisible());
            QCOMPARE(panel->geometry(), panelBefore);
            QCOMPARE(contents->size(), contentsBefore);
            const QStringList clipped = guitest::clippedLabels(window.cardPanel()->issuanceView());
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
        }
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
    }

    void unusableDatabaseIsExplained() {
        // A file that is not a database is left alone, and the desk says why it cannot issue.
        const QString notADatabase = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile file(notADatabase);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are someone's notes, not a card registry\n");
        file.close();
        ConsoleOptions o = options();
        o.databasePath = notADatabase;
        o.createDatabase = true; // a test database, made on purpose
        MainWindow window(o);
        logIn(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(child<QLabel>(&window, "databaseStatusLabel")->text(), QStringLiteral("Database: not open"));
        QVERIFY(!window.database()->isOpen());
        window.readers()->addLocalReader(kLocalReader);
        window.readers()->insertLocalCard(kLocalReader, blankAtr(), fakeBlankCard);
        QTRY_COMPARE(window.cardPanel()->page(), CardPanel::Page::Card);
        QVERIFY(!child<QPushButton>(&window, "issueButton")->isEnabled());
        QVERIFY(child<QLabel>(&window, "issueHintLabel")->text().contains(QStringLiteral("database")));
        QFile kept(notADatabase);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(kept.readAll().startsWith("these are someone's notes"));
    }

    void cardStackFollowsTheReader() {
        MainWindow window(options());
        logIn(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CardPanel* panel = window.cardPanel();
        QCOMPARE(panel->page(), CardPanel::Page::NoCard);

        window.readers()->addLocalReader(kLocalReader);
        QTRY_VERIFY(window.readersPanel()->model()->rowOf(kLocalReader) >= 0);
        QVERIFY(window.readersPanel()->selectReader(kLocalReader));
        QTRY_COMPARE(panel->reader(), kLocalReader);
        QCOMPARE(panel->page(), CardPanel::Page::NoCard);
        QVERIFY(child<QLabel>(&window, "noCardTitle")->text().contains(QStringLiteral("Insert")));

        window.readers()->insertLocalCard(kLocalReader, blankAtr(), fakeBlankCard);
        QTRY_COMPARE(panel->page(), CardPanel::Page::Card);
        QTRY_VERIFY(window.isSettled());
        QVERIFY(panel->snapshot().has_value());
        QCOMPARE(panel->snapshot()->lifeCycle, std::optional(cdos::LifeCycle::Blank));
        auto* diagram = child<LifeCycleDiagram>(&window, "lifeCycleDiagram");
        QCOMPARE(diagram->lifeCycle(), std::optional(cdos::LifeCycle::Blank));
        QVERIFY(child<QProgressBar>(&window, "nvmBar")->value() > 0);
        // A blank CDOS card, a template and an open database: the Issue button is there to be pressed.
        QCOMPARE(panel->tabs()->currentWidget(), static_cast<QWidget*>(panel->issuanceView()));
        QVERIFY(child<QPushButton>(&window, "issueButton")->isEnabled());

        // An operator's typing mistake is caught before the key store is asked for.
        QTest::keyClicks(child<QLineEdit>(&window, "holderUserNumberEdit"), QStringLiteral("U0001"));
        QTest::mouseClick(child<QPushButton>(&window, "issueButton"), Qt::LeftButton);
        auto* result = child<QLabel>(&window, "issueResultLabel");
        QTRY_COMPARE(result->property("outcome").toString(), QStringLiteral("failure"));
        QVERIFY(result->isVisible());

        window.readers()->removeLocalCard(kLocalReader);
        QTRY_COMPARE(panel->page(), CardPanel::Page::NoCard);
        QVERIFY(!child<QPushButton>(&window, "issueButton")->isEnabled());
        window.readers()->removeLocalReader(kLocalReader);
        QTRY_COMPARE(panel->reader(), QString());
    }

    void keyboardShortcuts() {
        MainWindow window(options());
        logIn(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QTRY_VERIFY(window.findChild<QWidget*>(QStringLiteral("traceView"))->hasFocus());
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(window.findChild<QWidget*>(QStringLiteral("readersView"))->hasFocus());
    }

    // Keyboard-only issuance: Tab walks the form in reading order, from the holder's data to "Issue card", and
    // Shift+Tab walks it back. Each step is a key press on the shown window, so the focus chain Qt really follows is
    // checked, not the order the form was built in. (Checked against a broken chain: a setTabOrder(name, key store)
    // in this test makes it fail.)
    void tabOrderFollowsTheForm() {
        MainWindow window(options());
        logIn(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        window.readers()->addLocalReader(kLocalReader);
        window.readers()->insertLocalCard(kLocalReader, blankAtr(), fakeBlankCard);
        QTRY_COMPARE(window.cardPanel()->page(), CardPanel::Page::Card);
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("holderUserNumberEdit"));
        const QStringList form({QStringLiteral("holderUserNumberEdit"), QStringLiteral("holderAccountEdit"),
                                QStringLiteral("holderNameEdit"), QStringLiteral("allocateCardNumberCheck"),
                                QStringLiteral("keyStoreButton"), QStringLiteral("userPinEdit_1"),
                                QStringLiteral("userPinEdit_2"), QStringLiteral("userPinEdit_3"),
                                QStringLiteral("generatePinsCheck"), QStringLiteral("issueButton")});
        const auto press = [](Qt::KeyboardModifiers modifiers) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, modifiers);
            return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
        };
        QStringList forward({form.first()});
        while (forward.size() < form.size())
            forward << press(Qt::NoModifier);
        QCOMPARE(forward, form);
        QStringList backward({form.last()});
        while (backward.size() < form.size())
            backward << press(Qt::ShiftModifier);
        std::reverse(backward.begin(), backward.end());
        QCOMPARE(backward, form);
        // "Issue card" is the form's last stop: the next Tab leaves the issuance form.
        for (int i = 1; i < form.size(); ++i)
            press(Qt::NoModifier);
        QCOMPARE(QApplication::focusWidget()->objectName(), form.last());
        press(Qt::NoModifier);
        auto* issuance = window.findChild<QWidget*>(QStringLiteral("issuanceForm"));
        QVERIFY(issuance);
        QVERIFY2(!issuance->isAncestorOf(QApplication::focusWidget()),
                 qPrintable(QApplication::focusWidget()->objectName()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
