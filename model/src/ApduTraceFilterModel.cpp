#include "carddesk/model/ApduTraceFilterModel.h"

#include "carddesk/model/ApduTraceModel.h"

namespace carddesk {

namespace {
QString compact(QString s) {
    return s.remove(QLatin1Char(' '));
}
} // namespace

ApduTraceFilterModel::ApduTraceFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {}

void ApduTraceFilterModel::setText(const QString& text) {
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

void ApduTraceFilterModel::setReader(const QString& reader) {
    if (m_reader == reader)
        return;
    m_reader = reader;
    invalidateFilter();
}

void ApduTraceFilterModel::setSwFilter(SwFilter filter) {
    if (m_sw == filter)
        return;
    m_sw = filter;
    invalidateFilter();
}

bool ApduTraceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_reader.isEmpty() && idx.data(ApduTraceModel::ReaderRole).toString() != m_reader)
        return false;
    if (m_sw != SwFilter::Any) {
        const auto c = static_cast<SwClass>(idx.data(ApduTraceModel::SwClassRole).toInt());
        switch (m_sw) {
        case SwFilter::Success:
            if (c != SwClass::Success)
                return false;
            break;
        case SwFilter::Warning:
            if (c != SwClass::Warning)
                return false;
            break;
        case SwFilter::Error:
            if (c != SwClass::Error)
                return false;
            break;
        case SwFilter::TransportError:
            if (c != SwClass::TransportError)
                return false;
            break;
        case SwFilter::NotSuccess:
            if (c == SwClass::Success)
                return false;
            break;
        case SwFilter::Any:
            break;
        }
    }
    if (m_text.isEmpty())
        return true;
    // Searched in the redacted text only, so that a filter cannot be used to probe hidden bytes.
    const QString haystack = idx.data(ApduTraceModel::SearchTextRole).toString();
    return haystack.contains(m_text, Qt::CaseInsensitive) ||
           compact(haystack).contains(compact(m_text), Qt::CaseInsensitive);
}

} // namespace carddesk
