#pragma once
// The desk's operators for admins (docs/operators.md): the list with roles and lock state; add one with its roles
// and password, change roles, lock, unlock, remove. Every change goes through OperatorSession (checked, audited);
// a refusal is shown in words.
#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace carddesk {

class OperatorSession;

class OperatorsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorsDialog)
public:
    explicit OperatorsDialog(OperatorSession& session, QWidget* parent = nullptr);
    ~OperatorsDialog() override;

    QTableWidget* table() const { return m_table; }
    QString error() const;

public slots:
    void reload();

private:
    QString selectedName() const;
    unsigned checkedRoles() const;
    void run(const std::function<void()>& change);

    OperatorSession& m_session;
    QTableWidget* m_table;
    QLineEdit* m_name;
    QLineEdit* m_password;
    QList<QCheckBox*> m_roles;
    QLabel* m_error;
};

} // namespace carddesk
