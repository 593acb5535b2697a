#pragma once
// Who sits at the desk (docs/operators.md): the operator's name and password, checked by the session's
// OperatorSession (audited as a login), with the refusal in words (wrong password, locked until …). On a desk without
// any operator it creates the first admin instead (name, the password twice). Passwords are never echoed and are
// cleared when the dialog closes.
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace carddesk {

class OperatorSession;

class LoginDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)
public:
    explicit LoginDialog(OperatorSession& session, QWidget* parent = nullptr);
    ~LoginDialog() override;

    bool isFirstAdmin() const { return m_firstAdmin; }
    QString error() const;

    void done(int result) override;

private:
    void submit();
    void clearPasswords();

    OperatorSession& m_session;
    bool m_firstAdmin;
    QLineEdit* m_name;
    QLineEdit* m_password;
    QLineEdit* m_repeat = nullptr;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};

} // namespace carddesk
