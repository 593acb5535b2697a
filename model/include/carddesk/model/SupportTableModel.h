#pragma once
// The rows of a SupportReport as a table: state, TAC check, card, kind, counter, both amounts in yuan, headend
// status, time, terminal; the row's explanation is its tool tip, and ProblemRole / MatchRole / TacRole carry the
// findings for views and filters. Qt Core only: the console's SupportViewModel adds icons and colours.
#include "carddesk/model/SupportReport.h"

#include <QAbstractTableModel>
#include <QFuture>
#include <QLocale>

#include <functional>

namespace carddesk {

class SupportTableModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupportTableModel)
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

    explicit SupportTableModel(QObject* parent = nullptr);

    // A later page of rows (issue 15): its rows, the cursor of the page after it, or the reason it failed.
    struct MoreRows {
        QList<SupportReport::Row> rows;
        QString next;
        QString error; // translated; empty on success
    };
    using Fetcher = std::function<QFuture<MoreRows>(const QString& cursor)>;

    // The rows of a lookup; with a cursor and a fetcher the view fetches the following pages as it scrolls
    // (canFetchMore / fetchMore), one page at a time. A page of an earlier lookup that arrives late is dropped.
    void setRows(const QList<SupportReport::Row>& rows, const QString& next = {}, Fetcher fetcher = {});
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
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    bool isFetching() const { return m_fetching; }

signals:
    void fetchFailed(const QString& error);
    void moreFetched(int rows);

protected:
    QList<SupportReport::Row> m_rows;
    QLocale m_locale;

private:
    QString m_next;
    Fetcher m_fetcher;
    bool m_fetching = false;
    quint64 m_generation = 0;
};

} // namespace carddesk
