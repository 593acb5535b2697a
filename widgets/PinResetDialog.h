#pragma once
// A lost PIN mailer at the desk (issue 14, docs/issuance.md "PIN reset"): the card in the chosen reader gets new
// generated PINs for its users (all, or those named), printed only into a new mailer; the dialog shows where the
// mailer went and never a PIN. The card work runs on the reader's owner thread (PinResetService).
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace carddesk {

class ConsoleSession;
struct PinResetResult;

class PinResetDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PinResetDialog)
public:
    PinResetDialog(ConsoleSession& session, const QString& reader, QWidget* parent = nullptr);

    // What keeps the reset button disabled, in words; empty when it may run.
    QString problem() const;

public slots:
    void accept() override; // runs the reset; the dialog stays open to show the outcome

private:
    void updateButtons();
    void showResult(const PinResetResult& r);

    ConsoleSession& m_session;
    QString m_reader;
    QLineEdit* m_users = nullptr;
    QLineEdit* m_folder = nullptr;
    QPlainTextEdit* m_address = nullptr;
    QSpinBox* m_length = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_run = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace carddesk
