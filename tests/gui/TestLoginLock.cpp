// The operator at the console (issue 13, docs/operators.md): the login dialog accepts, refuses and locks out; a
// desk without operators creates its first admin; the idle lock covers the window and the same operator unlocks
// it; log out asks again. Screenshots of the login dialog and the lock screen in Chinese and English land in the
// build folder.
#include "ClipCheck.h"
#include "DeskWindow.h"
#include "IdleWatcher.h"
#include "Localisation.h"
#include "LockScreen.h"
#include "LoginDialog.h"
#include "MainWindow.h"

#include "support/TestOperators.h"

#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/OperatorSession.h>
#include <carddesk/model/OperatorStore.h>

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace carddesk;

namespace {

QString shotPath(const QString& name) {
    return QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(name);
}

bool saveShot(QWidget* w, const QString& name) {
    return w->grab().save(shotPath(name), "PNG");
}

void fill(QWidget* root, const char* name, const QString& text) {
    auto* edit = root->findChild<QLineEdit*>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setText(text);
}

void clickOk(QDialog* dialog) {
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

} // namespace

class TestLoginLock final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<MainWindow> window(const QString& db) {
        auto w = std::make_unique<MainWindow>(guitest::deskOptions(m_dir, false, db));
        w->show();
        if (!QTest::qWaitForWindowExposed(w.get()))
            return nullptr;
        return w;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
    }

    void loginAcceptsRefusesAndLocksOut() {
        auto w = window(QStringLiteral("login.sqlite"));
        QVERIFY(w);
        OperatorSession& ops = w->session()->operators();
        cdtest::ensureOperator(w->session()->database(), QStringLiteral("alice"), Role::Desk);
        QVERIFY(!ops.isLoggedIn());
        QCOMPARE(w->findChild<QLabel*>(QStringLiteral("operatorStatusLabel"))->text(), QStringLiteral("未登录"));
        w->requireLogin();
        auto* dialog = w->findChild<LoginDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(!dialog->isFirstAdmin());
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("loginPasswordEdit"))->echoMode(), QLineEdit::Password);
        QTRY_VERIFY2(guitest::clippedLabels(dialog).isEmpty(),
                     qPrintable(guitest::clippedLabels(dialog).join(QLatin1Char(';'))));

        // A wrong password: refused in words, the password field cleared, the dialog stays.
        fill(dialog, "loginNameEdit", QStringLiteral("alice"));
        fill(dialog, "loginPasswordEdit", QStringLiteral("not-the-password"));
        clickOk(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!ops.isLoggedIn());
        QVERIFY2(!dialog->error().isEmpty(), "no refusal shown");
        QVERIFY(dialog->findChild<QLineEdit*>(QStringLiteral("loginPasswordEdit"))->text().isEmpty());
        QTRY_VERIFY2(guitest::clippedLabels(dialog).isEmpty(),
                     qPrintable(guitest::clippedLabels(dialog).join(QLatin1Char(';'))));
        QVERIFY(saveShot(dialog, QStringLiteral("login-zh_CN.png")));
        {
            // The same in English: a dialog built once the language is installed.
            QVERIFY(Localisation::install(QLocale(QLocale::English)));
            LoginDialog en(ops);
            en.show();
            QVERIFY(QTest::qWaitForWindowExposed(&en));
            QCOMPARE(en.windowTitle(), QStringLiteral("Operator login"));
            fill(&en, "loginNameEdit", QStringLiteral("alice"));
            fill(&en, "loginPasswordEdit", QStringLiteral("not-the-password"));
            clickOk(&en);
            QVERIFY(!en.error().isEmpty());
            QTRY_VERIFY2(guitest::clippedLabels(&en).isEmpty(),
                         qPrintable(guitest::clippedLabels(&en).join(QLatin1Char(';'))));
            QVERIFY(saveShot(&en, QStringLiteral("login-en.png")));
        }
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));

        // The right one: logged in, the dialog gone, the window names the operator and its role.
        fill(dialog, "loginPasswordEdit", cdtest::passwordOf(QStringLiteral("alice")));
        clickOk(dialog);
        QTRY_VERIFY(!w->findChild<LoginDialog*>());
        QCOMPARE(ops.operatorName(), QStringLiteral("alice"));
        QVERIFY(w->windowTitle().contains(QStringLiteral("alice")));
        const QString status = w->findChild<QLabel*>(QStringLiteral("operatorStatusLabel"))->text();
        QVERIFY2(status.contains(QStringLiteral("alice")) && status.contains(QStringLiteral("柜台")),
                 qPrintable(status));

        // Log out → the login dialog again; five wrong passwords lock the operator, and the dialog says until when.
        w->findChild<QAction*>(QStringLiteral("logoutAction"))->trigger();
        QVERIFY(!ops.isLoggedIn());
        dialog = w->findChild<LoginDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        fill(dialog, "loginNameEdit", QStringLiteral("alice"));
        for (int i = 0; i < OperatorStore::kMaxFailures; ++i) {
            fill(dialog, "loginPasswordEdit", QStringLiteral("wrong-password-%1").arg(i));
            clickOk(dialog);
        }
        fill(dialog, "loginPasswordEdit", cdtest::passwordOf(QStringLiteral("alice")));
        clickOk(dialog);
        QVERIFY(!ops.isLoggedIn());
        const QString until = OperatorStore(w->session()->database())
                                  .find(QStringLiteral("alice"))
                                  ->lockedUntil.toLocalTime()
                                  .toString(QStringLiteral("HH:mm"));
        QVERIFY2(dialog->error().contains(QStringLiteral("alice")) &&
                     dialog->error().contains(QStringLiteral("锁定至")) && dialog->error().contains(until),
                 qPrintable(dialog->error()));
        // Cancel with nobody logged in: the console closes.
        dialog->reject();
        QTRY_VERIFY(!w->isVisible());
    }

    void firstAdminOnAnEmptyDesk() {
        auto w = window(QStringLiteral("empty.sqlite"));
        QVERIFY(w);
        QVERIFY(OperatorStore(w->session()->database()).isEmpty());
        w->requireLogin();
        auto* dialog = w->findChild<LoginDialog*>();
        QVERIFY(dialog && dialog->isFirstAdmin());
        auto* rule = dialog->findChild<QLabel*>(QStringLiteral("loginPasswordRuleLabel"));
        QVERIFY(rule && rule->text().contains(QString::number(OperatorStore::kMinPasswordLength)));
        fill(dialog, "loginNameEdit", QStringLiteral("chief"));
        fill(dialog, "loginPasswordEdit", QStringLiteral("short"));
        fill(dialog, "loginRepeatEdit", QStringLiteral("short"));
        clickOk(dialog);
        QVERIFY(!dialog->error().isEmpty());
        QVERIFY(OperatorStore(w->session()->database()).isEmpty());
        fill(dialog, "loginPasswordEdit", QStringLiteral("chief-password-1"));
        fill(dialog, "loginRepeatEdit", QStringLiteral("chief-password-2"));
        clickOk(dialog);
        QVERIFY(OperatorStore(w->session()->database()).isEmpty());
        fill(dialog, "loginPasswordEdit", QStringLiteral("chief-password-1"));
        fill(dialog, "loginRepeatEdit", QStringLiteral("chief-password-1"));
        QVERIFY(saveShot(dialog, QStringLiteral("first-admin-zh_CN.png")));
        clickOk(dialog);
        QTRY_VERIFY(!w->findChild<LoginDialog*>());
        QCOMPARE(w->session()->operators().operatorName(), QStringLiteral("chief"));
        QCOMPARE(w->session()->operators().roles(), Roles(Role::Admin));
    }

    void idleLockCoversAndUnlocks() {
        auto w = window(QStringLiteral("lock.sqlite"));
        QVERIFY(w);
        w->resize(1280, 800);
        QVERIFY(cdtest::logIn(w->session()->operators()).isEmpty());
        LockScreen* lock = w->lockScreen();
        QVERIFY(!lock->isLocked());
        w->setIdleLockInterval(200);
        QTRY_VERIFY_WITH_TIMEOUT(lock->isLocked(), 5000);
        QCOMPARE(lock->geometry(), w->rect());
        // Nothing under the lock takes input: no widget, no menu, no shortcut.
        QVERIFY(!w->centralWidget()->isEnabled());
        QVERIFY(!w->findChild<QAction*>(QStringLiteral("showAuditAction"))->isEnabled());
        auto* who = lock->findChild<QLabel*>(QStringLiteral("lockOperatorLabel"));
        QVERIFY(who->text().contains(cdtest::kAdmin));
        w->setIdleLockInterval(0);
        QTRY_VERIFY2(guitest::clippedLabels(lock).isEmpty(),
                     qPrintable(guitest::clippedLabels(lock).join(QLatin1Char(';'))));
        QVERIFY(saveShot(w.get(), QStringLiteral("lock-zh_CN.png")));

        // A wrong password keeps it locked; the right one unlocks and is audited as a login.
        const int logins = [&] {
            int n = 0;
            for (const AuditEntry& e : w->database()->auditTrail())
                n += e.action == QLatin1String("login") && e.result == QLatin1String("ok");
            return n;
        }();
        fill(lock, "lockPasswordEdit", QStringLiteral("wrong-password"));
        QTest::mouseClick(lock->findChild<QPushButton*>(QStringLiteral("lockUnlockButton")), Qt::LeftButton);
        QVERIFY(lock->isLocked());
        QVERIFY(!lock->error().isEmpty());
        fill(lock, "lockPasswordEdit", cdtest::kAdminPassword);
        QTest::mouseClick(lock->findChild<QPushButton*>(QStringLiteral("lockUnlockButton")), Qt::LeftButton);
        QVERIFY(!lock->isLocked());
        QVERIFY(w->session()->operators().isLoggedIn());
        QVERIFY(w->centralWidget()->isEnabled());
        QVERIFY(w->findChild<QAction*>(QStringLiteral("showAuditAction"))->isEnabled());
        int after = 0;
        for (const AuditEntry& e : w->database()->auditTrail())
            after += e.action == QLatin1String("login") && e.result == QLatin1String("ok");
        QCOMPARE(after, logins + 1);

        // Log out from the lock screen: nobody logged in, the login dialog up.
        w->lockNow();
        QVERIFY(lock->isLocked());
        QTest::mouseClick(lock->findChild<QPushButton*>(QStringLiteral("lockLogoutButton")), Qt::LeftButton);
        QVERIFY(!lock->isLocked());
        QVERIFY(!w->session()->operators().isLoggedIn());
        QVERIFY(w->findChild<LoginDialog*>());
        w->findChild<LoginDialog*>()->hide();

        // The same screen in English (a window built after the language is installed).
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
        auto en = window(QStringLiteral("lock-en.sqlite"));
        QVERIFY(en);
        en->resize(1280, 800);
        QVERIFY(cdtest::logIn(en->session()->operators()).isEmpty());
        en->lockNow();
        QVERIFY(en->lockScreen()->isLocked());
        QVERIFY(en->lockScreen()
                    ->findChild<QPushButton*>(QStringLiteral("lockUnlockButton"))
                    ->text()
                    .contains(QStringLiteral("Unlock")));
        QTRY_VERIFY2(guitest::clippedLabels(en->lockScreen()).isEmpty(),
                     qPrintable(guitest::clippedLabels(en->lockScreen()).join(QLatin1Char(';'))));
        QVERIFY(saveShot(en.get(), QStringLiteral("lock-en.png")));
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
    }
};

QTEST_MAIN(TestLoginLock)
#include "TestLoginLock.moc"
