#include "IssuanceDriver.h"

#include "MainWindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTimer>

namespace carddesk::test {

namespace {

// QTest::keyClicks handles Latin-1 only; Chinese names go in as key events carrying their text, as an input
// method would deliver them.
void typeText(QWidget* w, const QString& text) {
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(w, char(c.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

} // namespace

bool IssuanceDriver::fill(const HolderInput& input, QString* error) {
    const auto edit = [&](const char* name) { return m_window->findChild<QLineEdit*>(QLatin1String(name)); };
    const struct {
        const char* name;
        QString text;
    } fields[] = {{"holderUserNumberEdit", input.userNumber},
                  {"holderAccountEdit", input.account},
                  {"holderNameEdit", input.name}};
    for (const auto& f : fields) {
        QLineEdit* e = edit(f.name);
        if (!e) {
            *error = QStringLiteral("no line edit %1").arg(QLatin1String(f.name));
            return false;
        }
        e->clear();
        typeText(e, f.text);
    }
    auto* allocate = m_window->findChild<QCheckBox*>(QStringLiteral("allocateCardNumberCheck"));
    if (!allocate) {
        *error = QStringLiteral("no allocateCardNumberCheck");
        return false;
    }
    allocate->setChecked(input.cardNumber.isEmpty());
    if (!input.cardNumber.isEmpty()) {
        edit("cardNumberEdit")->clear();
        QTest::keyClicks(edit("cardNumberEdit"), input.cardNumber);
    }
    for (const auto& [user, pin] : input.pins) {
        auto* e = m_window->findChild<QLineEdit*>(QStringLiteral("userPinEdit_%1").arg(user));
        if (!e) {
            *error = QStringLiteral("no PIN field for user %1").arg(user);
            return false;
        }
        e->clear();
        QTest::keyClicks(e, pin);
    }
    return true;
}

void IssuanceDriver::answerKeyStoreDialog(const QString& passphrase) {
    auto* timer = new QTimer(m_window);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, m_window, [this, timer, passphrase] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (!dialog || dialog->objectName() != QLatin1String("keyStoreDialog"))
            return;
        timer->stop();
        timer->deleteLater();
        m_dialogSeen = true;
        auto* pass = dialog->findChild<QLineEdit*>(QStringLiteral("keyStorePassphraseEdit"));
        pass->clear();
        QTest::keyClicks(pass, passphrase);
        if (!m_dialogScreenshot.isEmpty())
            dialog->grab().save(m_dialogScreenshot);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("keyStoreOpenButton")), Qt::LeftButton);
    });
    timer->start();
}

bool IssuanceDriver::clickIssue(QString* error) {
    auto* issue = m_window->findChild<QPushButton*>(QStringLiteral("issueButton"));
    if (!issue || !issue->isEnabled()) {
        *error = issue ? QStringLiteral("the Issue button is disabled") : QStringLiteral("no issueButton");
        return false;
    }
    QTest::mouseClick(issue, Qt::LeftButton);
    return true;
}

} // namespace carddesk::test
