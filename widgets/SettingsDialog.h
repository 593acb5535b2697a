#pragma once
// The desk's settings for admins: production mode (a production desk refuses development keys and the
// development operator), switched under dual control (SecondOperatorDialog) through OperatorSession.
#include <QDialog>

class QLabel;
class QPushButton;

namespace carddesk {

class OperatorSession;

class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(OperatorSession& session, QWidget* parent = nullptr);

    QPushButton* productionButton() const { return m_switch; }

private:
    void update();
    void switchMode();

    OperatorSession& m_session;
    QLabel* m_state;
    QPushButton* m_switch;
};

} // namespace carddesk
