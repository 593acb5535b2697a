#pragma once
// Filters the trace by free text (command name, header, hex, meaning — never the hidden bytes), by reader
// and by status-word class.
#include <carddesk/cardio/ApduTraceEntry.h>

#include <QHash>
#include <QSortFilterProxyModel>

namespace carddesk {

class ApduTraceFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApduTraceFilterModel)
public:
    enum class SwFilter { Any, Success, Warning, Error, TransportError, NotSuccess };

    explicit ApduTraceFilterModel(QObject* parent = nullptr);

    // Case-insensitive substring of one field (command name, header, data, response, SW, meaning, reader, transport
    // detail); in hex, spaces are ignored.
    void setText(const QString& text);
    QString text() const { return m_text; }
    void setReader(const QString& reader); // empty: every reader
    QString reader() const { return m_reader; }
    void setSwFilter(SwFilter filter);
    SwFilter swFilter() const { return m_sw; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    // Applies a changed filter: the mapping is rebuilt in one pass (the incremental path of invalidateFilter took
    // 130 s to bring back 834 000 rows of a million, issue 15).
    void refilter();
    QString meaningOf(quint16 sw) const;
    bool textMatches(const ApduTraceEntry& e) const;

    QString m_text, m_compactText;
    QByteArray m_hex; // the text without spaces, lower case, when it is hex digits only: matched on the bytes
    mutable QHash<quint16, QString> m_meanings; // translated status-word meanings, looked up once each
    QString m_reader;
    SwFilter m_sw = SwFilter::Any;
};

} // namespace carddesk
