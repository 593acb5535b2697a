#pragma once
// The rows of a SupportReport as a table for SupportView: state with an icon and a colour (matched green, problems
// red, notes grey), TAC check, card, kind, counter, both amounts in yuan, headend status, time, terminal. The
// row's explanation is its tool tip.
#include "carddesk/model/SupportReport.h"

#include <QAbstractTableModel>
#include <QLocale>

namespace carddesk {

class SupportViewModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupportViewModel)
public:
    enum Column {
        StateColumn,
        TacColumn,
        CardColumn,
        KindColumn,
        CounterColumn,
        HeadendAmountColumn,
        CardAmountColumn,
        StatusColumn,
        TimeColumn,
        TerminalColumn,
        ColumnCount
    };
    enum Role { ProblemRole = Qt::UserRole + 1, MatchRole, TacRole };

    explicit SupportViewModel(QObject* parent = nullptr);

    void setRows(const QList<SupportReport::Row>& rows);
    const QList<SupportReport::Row>& rows() const { return m_rows; }
    void setLocale(const QLocale& locale) { m_locale = locale; }

    // Translated "Purchase" / "Top-up" for the headend's kinds.
    static QString kindName(const QString& kind);
    // Translated headend status (completed, refunded…); unknown ones as they are.
    static QString statusName(const QString& status);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SupportReport::Row> m_rows;
    QLocale m_locale;
};

} // namespace carddesk
