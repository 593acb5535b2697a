// Roles, dual control and the audit trail at the console (issue 13, docs/operators.md): for each of the four roles
// the tabs and actions shown (in Chinese), the trace's secrets revealed with a second operator (and refused to the
// same one), and the admins' audit view: rows, filters, Verify naming a row changed behind its back, CSV export with
// the chain column. Screenshots of the audit view in Chinese and English land in the build folder.
#include "AuditView.h"
#include "CardPanel.h"
#include "ClipCheck.h"
#include "DeskWindow.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "OperatorsDialog.h"
#include "SecondOperatorDialog.h"
#include "SettingsDialog.h"

#include "support/TestOperators.h"

#include <carddesk/cardio/TraceLog.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/Database.h>
#include <carddesk/model/OperatorSession.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace carddesk;

namespace {

QStringList visibleTabs(QTabWidget* tabs) {
    QStringList shown;
    for (int i = 0; i < tabs->count(); ++i)
        if (tabs->isTabVisible(i))
            shown << tabs->tabText(i).remove(QLatin1Char('&'));
    return shown;
}

struct Expected {
    QString name;
    Roles roles;
    QStringList work, card;
    bool trace, issue, settings, audit;
};

} // namespace

class TestRolesAudit final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    OperatorSession& ops() { return m_window->session()->operators(); }
    bool actionVisible(const char* name) { return m_window->findChild<QAction*>(QLatin1String(name))->isVisible(); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
        m_window = std::make_unique<MainWindow>(guitest::deskOptions(m_dir));
        m_window->resize(1440, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void roleMatrix() {
        const QList<Expected> matrix{
            {QStringLiteral("desk1"),
             Role::Desk,
             {QStringLiteral("卡片"), QStringLiteral("批量发卡")},
             {QStringLiteral("发卡"), QStringLiteral("电子钱包")},
             false,
             true,
             false,
             false},
            {QStringLiteral("tech1"),
             Role::Technician,
             {QStringLiteral("卡片")},
             {QStringLiteral("卡片诊断"), QStringLiteral("应用")},
             true,
             false,
             false,
             false},
            {QStringLiteral("support1"), Role::Support, {QStringLiteral("客服查询")}, {}, false, false, false, false},
            {QStringLiteral("admin1"), Role::Admin, {QStringLiteral("审计")}, {}, false, false, true, true},
        };
        // Nobody logged in: nothing to use.
        QVERIFY(!ops().isLoggedIn());
        QVERIFY(visibleTabs(m_window->workTabs()).isEmpty());
        QVERIFY(!actionVisible("logoutAction"));
        for (const Expected& e : matrix) {
            QVERIFY(cdtest::logIn(ops(), e.name, e.roles).isEmpty());
            QCOMPARE(visibleTabs(m_window->workTabs()), e.work);
            if (!e.card.isEmpty())
                QCOMPARE(visibleTabs(m_window->cardPanel()->tabs()), e.card);
            QCOMPARE(m_window->findChild<QDockWidget*>(QStringLiteral("traceDock"))->isVisible(), e.trace);
            QCOMPARE(actionVisible("issueCardAction"), e.issue);
            QCOMPARE(actionVisible("showIssuanceAction"), e.issue);
            QCOMPARE(actionVisible("showSupportAction"), e.roles.testFlag(Role::Support));
            QCOMPARE(actionVisible("showDiagnosticsAction"), e.trace);
            QCOMPARE(actionVisible("settingsAction"), e.settings);
            QCOMPARE(actionVisible("operatorsAction"), e.settings);
            QCOMPARE(actionVisible("showAuditAction"), e.audit);
            QVERIFY(actionVisible("logoutAction"));
            QVERIFY(actionVisible("switchOperatorAction"));
            // Inside the purse view, load and purchase follow their own operations.
            QCOMPARE(!m_window->findChild<QPushButton*>(QStringLiteral("purseLoadButton"))->isHidden(),
                     e.roles.testFlag(Role::Desk));
            const QString status = m_window->findChild<QLabel*>(QStringLiteral("operatorStatusLabel"))->text();
            QVERIFY2(status.contains(e.name), qPrintable(status));
            QVERIFY2(status.contains(Access::roleName(Role(e.roles.toInt()))), qPrintable(status));
            ops().logout();
            QVERIFY(visibleTabs(m_window->workTabs()).isEmpty());
        }
    }

    void dualControlRevealsTheTrace() {
        QVERIFY(cdtest::logIn(ops()).isEmpty());
        cdtest::ensureOperator(*m_window->database(), cdtest::kSecond, Role::Technician | Role::Admin);
        auto* reveal = m_window->findChild<QPushButton*>(QStringLiteral("traceRevealButton"));
        QVERIFY(reveal && reveal->isVisible());
        QString sameError, secondError;
        bool drove = false;
        QTimer::singleShot(0, m_window.get(), [&] {
            auto* dialog = qobject_cast<SecondOperatorDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorNameEdit"))->setText(cdtest::kAdmin);
            dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorPasswordEdit"))
                ->setText(cdtest::kAdminPassword);
            QTest::mouseClick(ok, Qt::LeftButton);
            sameError = dialog->error();
            drove = dialog->isVisible() && guitest::clippedLabels(dialog).isEmpty();
            dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorNameEdit"))->setText(cdtest::kSecond);
            dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorPasswordEdit"))
                ->setText(cdtest::passwordOf(cdtest::kSecond));
            QTest::mouseClick(ok, Qt::LeftButton);
            secondError = dialog->error();
        });
        QTest::mouseClick(reveal, Qt::LeftButton);
        QVERIFY(drove);
        QVERIFY2(!sameError.isEmpty(), "the same operator approved its own reveal");
        QVERIFY2(secondError.isEmpty(), qPrintable(secondError));
        QVERIFY(m_window->traceLog()->revealSecrets());
        QVERIFY(reveal->isChecked());
        bool recorded = false;
        for (const AuditEntry& e : m_window->database()->auditTrail())
            recorded = recorded || (e.action == QLatin1String("trace reveal") &&
                                    e.operators == cdtest::kAdmin + QLatin1Char('+') + cdtest::kSecond);
        QVERIFY(recorded);
        QTest::mouseClick(reveal, Qt::LeftButton); // off: no second operator needed
        QVERIFY(!m_window->traceLog()->revealSecrets());
        QVERIFY(!reveal->isChecked());
    }

    void auditViewListsFiltersVerifiesExports() {
        QVERIFY(ops().isLoggedIn());
        AuditView* audit = m_window->auditView();
        m_window->workTabs()->setCurrentWidget(audit);
        QVERIFY(audit->isVisible());
        const int all = audit->filterModel()->rowCount();
        QVERIFY(all >= 10);
        auto* action = audit->findChild<QLineEdit*>(QStringLiteral("auditActionFilter"));
        action->setText(QStringLiteral("trace reveal"));
        QVERIFY(audit->filterModel()->rowCount() >= 1);
        QVERIFY(audit->filterModel()->rowCount() < all);
        for (int r = 0; r < audit->filterModel()->rowCount(); ++r)
            QVERIFY(audit->filterModel()
                        ->index(r, AuditFilterModel::Action)
                        .data()
                        .toString()
                        .contains(QStringLiteral("trace reveal")));
        action->clear();
        audit->findChild<QLineEdit*>(QStringLiteral("auditOperatorFilter"))->setText(QStringLiteral("tech1"));
        QVERIFY(audit->filterModel()->rowCount() >= 2); // its login and logout
        audit->findChild<QLineEdit*>(QStringLiteral("auditOperatorFilter"))->clear();
        QCOMPARE(audit->filterModel()->rowCount(), all);

        QTest::mouseClick(audit->findChild<QPushButton*>(QStringLiteral("auditVerifyButton")), Qt::LeftButton);
        QVERIFY2(audit->verifyText().contains(QStringLiteral("完整")), qPrintable(audit->verifyText()));
        QTRY_VERIFY2(guitest::clippedLabels(m_window.get()).isEmpty(),
                     qPrintable(guitest::clippedLabels(m_window.get()).join(QLatin1Char(';'))));
        QVERIFY(m_window->grab().save(
            QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(QStringLiteral("audit-zh_CN.png")), "PNG"));

        const QString csv = m_dir.filePath(QStringLiteral("audit.csv"));
        QCOMPARE(audit->exportTo(csv, AuditFormat::Csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.readLine();
        QVERIFY2(header.contains("hash"), header.constData());
        QVERIFY(file.readAll().count('\n') >= all);

        // A row changed with SQL behind the trail's back: Verify names it.
        QSqlQuery tamper(m_window->database()->connection());
        QVERIFY(tamper.exec(QStringLiteral("UPDATE audit SET detail = 'nothing happened' WHERE sequence = 3")));
        QTest::mouseClick(audit->findChild<QPushButton*>(QStringLiteral("auditVerifyButton")), Qt::LeftButton);
        QVERIFY2(audit->verifyText().contains(QStringLiteral("3")) &&
                     !audit->verifyText().contains(QStringLiteral("完整")),
                 qPrintable(audit->verifyText()));
    }

    // The admins' settings: production mode switched under dual control, and back.
    void settingsSwitchProductionModeWithASecondAdmin() {
        QVERIFY(ops().isLoggedIn());
        SettingsDialog settings(ops(), m_window.get());
        settings.show();
        auto* state = settings.findChild<QLabel*>(QStringLiteral("productionModeLabel"));
        QCOMPARE(state->text(), QStringLiteral("本工作台处于开发模式。"));
        for (const bool on : {true, false}) {
            QString error = QStringLiteral("not asked");
            QTimer::singleShot(0, m_window.get(), [&] {
                auto* dialog = qobject_cast<SecondOperatorDialog*>(QApplication::activeModalWidget());
                if (!dialog)
                    return;
                dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorNameEdit"))->setText(cdtest::kSecond);
                dialog->findChild<QLineEdit*>(QStringLiteral("secondOperatorPasswordEdit"))
                    ->setText(cdtest::passwordOf(cdtest::kSecond));
                QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
                error = dialog->error();
            });
            QTest::mouseClick(settings.productionButton(), Qt::LeftButton);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(m_window->database()->productionMode(), on);
        }
        QCOMPARE(state->text(), QStringLiteral("本工作台处于开发模式。"));
    }

    // The admins' operators: add one with a role and a password, lock it, remove it; a short password refused.
    void operatorsDialogAddsLocksRemoves() {
        OperatorsDialog dialog(ops(), m_window.get());
        dialog.show();
        const int before = dialog.table()->rowCount();
        auto button = [&](const char* name) {
            QTest::mouseClick(dialog.findChild<QPushButton*>(QLatin1String(name)), Qt::LeftButton);
        };
        dialog.findChild<QLineEdit*>(QStringLiteral("operatorNameEdit"))->setText(QStringLiteral("clerk"));
        dialog.findChild<QCheckBox*>(QStringLiteral("operatorRole_desk"))->setChecked(true);
        dialog.findChild<QLineEdit*>(QStringLiteral("operatorPasswordEdit"))->setText(QStringLiteral("short"));
        button("operatorAddButton");
        QVERIFY(!dialog.error().isEmpty());
        QCOMPARE(dialog.table()->rowCount(), before);
        dialog.findChild<QLineEdit*>(QStringLiteral("operatorPasswordEdit"))
            ->setText(QStringLiteral("clerk-password-1"));
        button("operatorAddButton");
        QVERIFY2(dialog.error().isEmpty(), qPrintable(dialog.error()));
        QCOMPARE(dialog.table()->rowCount(), before + 1);
        const auto row = [&] {
            for (int r = 0; r < dialog.table()->rowCount(); ++r)
                if (dialog.table()->item(r, 0)->text() == QLatin1String("clerk"))
                    return r;
            return -1;
        };
        QVERIFY(row() >= 0);
        QCOMPARE(dialog.table()->item(row(), 1)->text(), QStringLiteral("柜台"));
        button("operatorLockButton");
        QCOMPARE(dialog.table()->item(row(), 2)->text(), QStringLiteral("已被管理员锁定"));
        button("operatorRemoveButton");
        QVERIFY2(dialog.error().isEmpty(), qPrintable(dialog.error()));
        QCOMPARE(row(), -1);
    }

    void auditViewInEnglish() {
        QVERIFY(Localisation::install(QLocale(QLocale::English)));
        QTemporaryDir dir;
        auto w = std::make_unique<MainWindow>(guitest::deskOptions(dir));
        w->resize(1440, 900);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(cdtest::logIn(w->session()->operators()).isEmpty());
        w->workTabs()->setCurrentWidget(w->auditView());
        QTest::mouseClick(w->auditView()->findChild<QPushButton*>(QStringLiteral("auditVerifyButton")), Qt::LeftButton);
        QVERIFY2(w->auditView()->verifyText().contains(QStringLiteral("intact")),
                 qPrintable(w->auditView()->verifyText()));
        QTRY_VERIFY2(guitest::clippedLabels(w.get()).isEmpty(),
                     qPrintable(guitest::clippedLabels(w.get()).join(QLatin1Char(';'))));
        QVERIFY(w->grab().save(QDir(QStringLiteral(CARDDESK_TEST_OUTPUT_DIR)).filePath(QStringLiteral("audit-en.png")),
                               "PNG"));
        QVERIFY(Localisation::install(QLocale(QLocale::Chinese, QLocale::China)));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestRolesAudit)
#include "TestRolesAudit.moc"
