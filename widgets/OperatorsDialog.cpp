#include "OperatorsDialog.h"

#include "FormFields.h"

#include "carddesk/model/OperatorSession.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace carddesk {

OperatorsDialog::OperatorsDialog(OperatorSession& session, QWidget* parent) : QDialog(parent), m_session(session) {
    setObjectName(QStringLiteral("operatorsDialog"));
    setWindowTitle(tr("Operators"));
    auto* layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("operatorsTable"));
    m_table->setHorizontalHeaderLabels({tr("Operator"), tr("Roles"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto* form = new QGroupBox(tr("Operator"), this);
    auto* grid = new QGridLayout(form);
    m_name = lineEdit(form, "operatorNameEdit", tr("name"));
    m_password = new QLineEdit(form);
    m_password->setObjectName(QStringLiteral("operatorPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("at least %n characters", nullptr, OperatorStore::kMinPasswordLength));
    grid->addWidget(buddyLabel(tr("&Name:"), m_name, form), 0, 0);
    grid->addWidget(m_name, 0, 1);
    grid->addWidget(buddyLabel(tr("&Password:"), m_password, form), 1, 0);
    grid->addWidget(m_password, 1, 1);
    auto* roles = new QHBoxLayout;
    for (Role r : Access::roles()) {
        auto* box = new QCheckBox(Access::roleName(r), form);
        box->setObjectName(QStringLiteral("operatorRole_%1").arg(Access::roleId(r)));
        box->setProperty("role", unsigned(r));
        m_roles << box;
        roles->addWidget(box);
    }
    grid->addWidget(new QLabel(tr("Roles:"), form), 2, 0);
    grid->addLayout(roles, 2, 1);
    layout->addWidget(form);

    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const char* name) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        buttons->addWidget(b);
        return b;
    };
    QPushButton* add = button(tr("&Add"), "operatorAddButton");
    QPushButton* setRoles = button(tr("Set &roles"), "operatorRolesButton");
    QPushButton* lock = button(tr("Loc&k"), "operatorLockButton");
    QPushButton* unlock = button(tr("&Unlock"), "operatorUnlockButton");
    QPushButton* remove = button(tr("Re&move"), "operatorRemoveButton");
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("operatorsErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    layout->addWidget(m_error);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);

    connect(add, &QPushButton::clicked, this, [this] {
        run([this] { m_session.addOperator(m_name->text().trimmed(), Roles(checkedRoles()), m_password->text()); });
    });
    connect(setRoles, &QPushButton::clicked, this,
            [this] { run([this] { m_session.setOperatorRoles(selectedName(), Roles(checkedRoles())); }); });
    connect(lock, &QPushButton::clicked, this, [this] { run([this] { m_session.lockOperator(selectedName()); }); });
    connect(unlock, &QPushButton::clicked, this, [this] { run([this] { m_session.unlockOperator(selectedName()); }); });
    connect(remove, &QPushButton::clicked, this, [this] { run([this] { m_session.removeOperator(selectedName()); }); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_name->setText(m_table->item(row, 0)->text());
        const unsigned held = m_table->item(row, 0)->data(Qt::UserRole).toUInt();
        for (QCheckBox* box : std::as_const(m_roles))
            box->setChecked(held & box->property("role").toUInt());
    });
    resize(fontMetrics().averageCharWidth() * 90, fontMetrics().height() * 28);
    reload();
}

OperatorsDialog::~OperatorsDialog() {
    m_password->clear();
}

QString OperatorsDialog::error() const {
    return m_error->text();
}

QString OperatorsDialog::selectedName() const {
    return m_name->text().trimmed();
}

unsigned OperatorsDialog::checkedRoles() const {
    unsigned roles = 0;
    for (QCheckBox* box : m_roles)
        if (box->isChecked())
            roles |= box->property("role").toUInt();
    return roles;
}

void OperatorsDialog::run(const std::function<void()>& change) {
    try {
        change();
        m_error->clear();
    } catch (const AccessDenied& e) {
        m_error->setText(e.text);
    } catch (const OperatorError& e) {
        m_error->setText(e.text);
    } catch (const DatabaseError& e) {
        m_error->setText(e.text);
    }
    m_password->clear();
    reload();
}

void OperatorsDialog::reload() {
    QList<OperatorInfo> operators;
    try {
        operators = m_session.listOperators();
    } catch (const AccessDenied& e) {
        m_error->setText(e.text);
    } catch (const DatabaseError& e) {
        m_error->setText(e.text);
    }
    m_table->setRowCount(int(operators.size()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int row = 0; row < operators.size(); ++row) {
        const OperatorInfo& o = operators[row];
        QStringList roles;
        for (Role r : Access::roles())
            if (o.roles.testFlag(r))
                roles << Access::roleName(r);
        auto* name = new QTableWidgetItem(o.name);
        name->setData(Qt::UserRole, unsigned(o.roles.toInt()));
        m_table->setItem(row, 0, name);
        m_table->setItem(row, 1, new QTableWidgetItem(roles.join(tr(", ", "list of roles"))));
        QString state = tr("active");
        if (o.isLockedAt(now))
            state = o.lockedUntil.isValid()
                        ? tr("locked until %1").arg(o.lockedUntil.toLocalTime().toString(QStringLiteral("HH:mm")))
                        : tr("locked by an admin");
        m_table->setItem(row, 2, new QTableWidgetItem(state));
    }
    m_table->resizeColumnsToContents();
}

} // namespace carddesk
