#pragma once
// Filters the trace by free text (command name, header, hex, meaning — never the hidden bytes), by reader
// and by status-word class.
#include <carddesk/cardio/ApduTraceEntry.h>

#include <QSortFilterProxyModel>

namespace carddesk {

class ApduTraceFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApduTraceFilterModel)
public:
    enum class SwFilter { Any, Success, Warning, Error, TransportError, NotSuccess };

    explicit ApduTraceFilterModel(QObject* parent = nullptr);

    void setText(const QString& text); // case-insensitive substring; spaces in hex are ignored
    QString text() const { return m_text; }
    void setReader(const QString& reader); // empty: every reader
    QString reader() const { return m_reader; }
    void setSwFilter(SwFilter filter);
    SwFilter swFilter() const { return m_sw; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_reader;
    SwFilter m_sw = SwFilter::Any;
};

} // namespace carddesk
