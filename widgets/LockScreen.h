#pragma once
// The session lock (docs/operators.md): after a while without input the main window is covered by this screen. It
// names the operator who is logged in; the same operator unlocks with its password (checked and audited as a login
// by OperatorSession), or logs out so that another can log in.
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace carddesk {

class OperatorSession;

class LockScreen final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockScreen)
public:
    // Covers `window` (follows its size) when shown.
    LockScreen(OperatorSession& session, QWidget* window);

    void lock(); // shows the screen over the window for the operator logged in
    bool isLocked() const { return isVisible(); }
    QString error() const;

signals:
    void unlocked();
    void logoutRequested();
    void lockedChanged(bool locked);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void unlock();

    OperatorSession& m_session;
    QString m_operator;
    QLabel* m_title;
    QLabel* m_who;
    QLineEdit* m_password;
    QLabel* m_error;
    QPushButton* m_unlock;
    QPushButton* m_logout;
};

} // namespace carddesk
