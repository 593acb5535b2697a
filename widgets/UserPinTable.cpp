#include "UserPinTable.h"

#include "carddesk/model/CardTemplate.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace carddesk {

namespace {

enum Column { NumberCol, NameCol, PermissionsCol, RetriesCol, PinCol };

QLabel* headerLabel(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

} // namespace

UserPinTable::UserPinTable(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("userPinTable"));
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(12);
    m_grid->addWidget(headerLabel(tr("No."), this), 0, NumberCol);
    m_grid->addWidget(headerLabel(tr("User"), this), 0, NameCol);
    m_grid->addWidget(headerLabel(tr("Permissions"), this), 0, PermissionsCol);
    m_grid->addWidget(headerLabel(tr("PIN tries"), this), 0, RetriesCol);
    m_grid->addWidget(headerLabel(tr("PIN (4–12 digits)"), this), 0, PinCol);
    auto* line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    m_grid->addWidget(line, 1, 0, 1, PinCol + 1);
    m_grid->setColumnStretch(PermissionsCol, 1);
    m_empty = new QLabel(tr("The template defines no users."), this);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_grid->addWidget(m_empty, 2, 0, 1, PinCol + 1);
}

void UserPinTable::clearRows() {
    for (auto& [number, edit] : m_pins)
        edit->clear();
    for (QWidget* w : m_rowWidgets)
        delete w;
    m_rowWidgets.clear();
    m_pins.clear();
}

void UserPinTable::setTemplate(const CardTemplate& tmpl) {
    clearRows();
    int row = 2;
    QWidget* previous = nullptr;
    quint32 allDefined = 0;
    for (const PermissionBit& b : tmpl.permissionBits)
        allDefined |= 1u << b.bit;
    for (const TemplateUser& u : tmpl.users) {
        auto* number = new QLabel(QString::number(u.number), this);
        number->setAlignment(Qt::AlignCenter);
        auto* name = new QLabel(u.name, this);
        // What people read (issue 11): the template's labels in the console's language; identifiers in the tip.
        const QStringList names = tmpl.permissionLabels(u.permissions);
        // The holder usually has every right; "all" reads better than eight names.
        const bool all = allDefined != 0 && (u.permissions & allDefined) == allDefined;
        auto* permissions = new QLabel(all               ? tr("all")
                                       : names.isEmpty() ? QStringLiteral("—")
                                                         : names.join(QLatin1String(", ")),
                                       this);
        permissions->setWordWrap(true);
        permissions->setToolTip(tmpl.permissionNames(u.permissions).join(QLatin1String(", ")) + QStringLiteral(" (") +
                                QStringLiteral("%1").arg(u.permissions, 8, 16, QLatin1Char('0')).toUpper() +
                                QLatin1Char(')'));
        auto* retries = new QLabel(QString::number(u.maxRetries), this);
        retries->setAlignment(Qt::AlignCenter);

        auto* pin = new QLineEdit(this);
        pin->setObjectName(QStringLiteral("userPinEdit_%1").arg(u.number));
        pin->setEchoMode(QLineEdit::Password);
        pin->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        pin->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,12}")), pin));
        pin->setMaxLength(12);
        pin->setPlaceholderText(tr("PIN"));
        pin->setAccessibleName(tr("PIN of user %1 (%2)").arg(u.number).arg(u.name));
        pin->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 16);
        connect(pin, &QLineEdit::textChanged, this, &UserPinTable::pinsChanged);
        name->setBuddy(pin);

        m_grid->addWidget(number, row, NumberCol);
        m_grid->addWidget(name, row, NameCol);
        m_grid->addWidget(permissions, row, PermissionsCol);
        m_grid->addWidget(retries, row, RetriesCol);
        m_grid->addWidget(pin, row, PinCol);
        m_rowWidgets.insert(m_rowWidgets.end(), {number, name, permissions, retries, pin});
        m_pins.emplace_back(u.number, pin);
        if (previous)
            setTabOrder(previous, pin);
        previous = pin;
        ++row;
    }
    m_empty->setVisible(m_pins.empty());
    emit pinsChanged();
}

void UserPinTable::clearPins() {
    for (auto& [number, edit] : m_pins)
        edit->clear();
}

std::vector<UserPinTable::Entry> UserPinTable::entries() const {
    std::vector<Entry> out;
    for (const auto& [number, edit] : m_pins) {
        if (edit->text().isEmpty())
            continue;
        out.push_back({number, edit->text().toStdString()});
    }
    return out;
}

QLineEdit* UserPinTable::pinEdit(int userNumber) const {
    for (const auto& [number, edit] : m_pins) {
        if (number == userNumber)
            return edit;
    }
    return nullptr;
}

QWidget* UserPinTable::firstFocusWidget() const {
    return m_pins.empty() ? nullptr : m_pins.front().second;
}

QWidget* UserPinTable::lastFocusWidget() const {
    return m_pins.empty() ? nullptr : m_pins.back().second;
}

} // namespace carddesk
