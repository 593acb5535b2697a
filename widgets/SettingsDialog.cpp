#include "SettingsDialog.h"

#include "SecondOperatorDialog.h"

#include "carddesk/model/OperatorSession.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace carddesk {

SettingsDialog::SettingsDialog(OperatorSession& session, QWidget* parent) : QDialog(parent), m_session(session) {
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Desk settings"));
    auto* layout = new QVBoxLayout(this);
    auto* box = new QGroupBox(tr("Production mode"), this);
    auto* boxLayout = new QVBoxLayout(box);
    auto* about = new QLabel(tr("A production desk refuses the development keys and the development operator. "
                                "Switching needs an admin and a second operator (dual control)."),
                             box);
    about->setWordWrap(true);
    m_state = new QLabel(box);
    m_state->setObjectName(QStringLiteral("productionModeLabel"));
    m_switch = new QPushButton(box);
    m_switch->setObjectName(QStringLiteral("productionModeButton"));
    boxLayout->addWidget(about);
    boxLayout->addWidget(m_state);
    boxLayout->addWidget(m_switch, 0, Qt::AlignLeft);
    layout->addWidget(box);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_switch, &QPushButton::clicked, this, &SettingsDialog::switchMode);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    update();
}

void SettingsDialog::update() {
    const bool on = m_session.database().isOpen() && m_session.database().productionMode();
    m_state->setText(on ? tr("This desk is in production mode.") : tr("This desk is in development mode."));
    m_switch->setText(on ? tr("Switch to &development mode…") : tr("Switch to &production mode…"));
    m_switch->setEnabled(m_session.allowed(Operation::ProductionModeChange));
}

void SettingsDialog::switchMode() {
    const bool on = !m_session.database().productionMode();
    SecondOperatorDialog dialog(
        Access::operationName(Operation::ProductionModeChange), m_session.operatorName(), {},
        [this, on](const QString& second, const QString& password) {
            try {
                m_session.setProductionMode(on, second, password);
            } catch (const AccessDenied& e) {
                return e.text;
            } catch (const DatabaseError& e) {
                return e.text;
            }
            return QString();
        },
        this);
    dialog.exec();
    update();
}

} // namespace carddesk
