#pragma once
// The audit trail for admins (docs/operators.md, "Audit trail"): every row with its local time, operators, role,
// action, card, result and detail, filtered by operator, action, card and time range; Verify recomputes the hash
// chain and names the first broken row; Export writes CSV or JSON with the chain values. Everything goes through
// the session's OperatorSession, which checks the roles (audit review, audit export).
#include <QDateTime>
#include <QSortFilterProxyModel>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace carddesk {

class OperatorSession;
enum class AuditFormat;

// Rows whose operators, action and card contain the filters' texts (case-insensitive), within the time range.
class AuditFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditFilterModel)
public:
    enum Column { Sequence, Time, Operators, Role, Action, Card, Result, Detail, ColumnCount };
    static constexpr int kUtcRole = Qt::UserRole + 1; // the Time column's QDateTime (UTC)

    explicit AuditFilterModel(QObject* parent = nullptr) : QSortFilterProxyModel(parent) {}
    void setOperatorFilter(const QString& text);
    void setActionFilter(const QString& text);
    void setCardFilter(const QString& text);
    void setTimeRange(const QDateTime& from, const QDateTime& to); // invalid: open end

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_operator, m_action, m_card;
    QDateTime m_from, m_to;
};

class AuditView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)
public:
    explicit AuditView(OperatorSession& session, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    AuditFilterModel* filterModel() const { return m_filter; }
    QString verifyText() const;
    // Writes the trail to `path`; returns the error in words, empty on success.
    QString exportTo(const QString& path, AuditFormat format);

public slots:
    void reload();
    void verify();

protected:
    void showEvent(QShowEvent* event) override;

private:
    static QString displayRoles(const QString& stored);
    static QString displayAction(const QString& stored);
    void exportAs(AuditFormat format);
    void applyFilters();

    OperatorSession& m_session;
    QStandardItemModel* m_model;
    AuditFilterModel* m_filter;
    QLineEdit* m_operatorFilter;
    QLineEdit* m_actionFilter;
    QLineEdit* m_cardFilter;
    QCheckBox* m_rangeCheck;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QTableView* m_view;
    QLabel* m_verify;
    QLabel* m_count;
};

} // namespace carddesk
