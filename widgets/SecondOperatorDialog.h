#pragma once
// Dual control (four eyes, docs/operators.md): a second, different operator at the same desk approves an operation
// with its own name and password. The dialog runs the operation with them (`approve` returns why not in words,
// empty on success) and stays open on a refusal, so the second operator can try again; the password is never
// echoed and is cleared when the dialog closes.
#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;

namespace carddesk {

class SecondOperatorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecondOperatorDialog)
public:
    using Approve = std::function<QString(const QString& second, const QString& password)>;
    // `what`: the operation in words ("reveal secrets in the trace"); `explanation` says what follows from it.
    SecondOperatorDialog(const QString& what, const QString& firstOperator, const QString& explanation, Approve approve,
                         QWidget* parent = nullptr);
    ~SecondOperatorDialog() override;

    QString error() const { return m_errorText; }
    void done(int result) override;

private:
    void submit();

    Approve m_approve;
    QLineEdit* m_name;
    QLineEdit* m_password;
    QLabel* m_error;
    QString m_errorText;
};

} // namespace carddesk
