#include "LockScreen.h"

#include "carddesk/model/OperatorSession.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace carddesk {

LockScreen::LockScreen(OperatorSession& session, QWidget* window) : QWidget(window), m_session(session) {
    setObjectName(QStringLiteral("lockScreen"));
    setAutoFillBackground(true);
    setAttribute(Qt::WA_StyledBackground);
    auto* panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("lockPanel"));
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(panel);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);

    auto* layout = new QVBoxLayout(panel);
    m_title = new QLabel(tr("The console is locked"), panel);
    m_title->setObjectName(QStringLiteral("lockTitleLabel"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setAlignment(Qt::AlignCenter);
    m_who = new QLabel(panel);
    m_who->setObjectName(QStringLiteral("lockOperatorLabel"));
    m_who->setTextFormat(Qt::PlainText);
    m_who->setWordWrap(true);
    m_who->setAlignment(Qt::AlignCenter);
    m_password = new QLineEdit(panel);
    m_password->setObjectName(QStringLiteral("lockPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("password"));
    m_error = new QLabel(panel);
    m_error->setObjectName(QStringLiteral("lockErrorLabel"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    m_unlock = new QPushButton(tr("&Unlock"), panel);
    m_unlock->setObjectName(QStringLiteral("lockUnlockButton"));
    m_unlock->setDefault(true);
    m_logout = new QPushButton(tr("&Log out"), panel);
    m_logout->setObjectName(QStringLiteral("lockLogoutButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_logout);
    buttons->addWidget(m_unlock);
    layout->addWidget(m_title);
    layout->addWidget(m_who);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(m_password);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    panel->setMinimumWidth(fontMetrics().averageCharWidth() * 56);

    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::unlock);
    connect(m_password, &QLineEdit::returnPressed, this, &LockScreen::unlock);
    connect(m_logout, &QPushButton::clicked, this, [this] {
        m_password->clear();
        hide();
        emit logoutRequested();
    });
    window->installEventFilter(this);
    hide();
}

QString LockScreen::error() const {
    return m_error->isVisible() ? m_error->text() : QString();
}

void LockScreen::lock() {
    if (isVisible() || !m_session.isLoggedIn())
        return;
    m_operator = m_session.operatorName();
    m_who->setText(tr("Logged in: %1. Enter this operator's password to go on, or log out.").arg(m_operator));
    m_password->clear();
    m_error->hide();
    setGeometry(parentWidget()->rect());
    raise();
    show();
    m_password->setFocus();
}

void LockScreen::unlock() {
    const QString error = m_session.unlock(m_password->text());
    m_password->clear();
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    hide();
    emit unlocked();
}

void LockScreen::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    emit lockedChanged(true);
}

void LockScreen::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    emit lockedChanged(false);
}

bool LockScreen::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

} // namespace carddesk
