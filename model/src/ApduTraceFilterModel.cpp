#include "carddesk/model/ApduTraceFilterModel.h"

#include "carddesk/model/ApduTraceModel.h"

#include <algorithm>

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
    m_compactText = compact(text);
    const bool hex = !m_compactText.isEmpty() && std::all_of(m_compactText.cbegin(), m_compactText.cend(), [](QChar c) {
        return c.isDigit() || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'));
    });
    m_hex = hex ? m_compactText.toLower().toLatin1() : QByteArray();
    m_meanings.clear(); // the language may have changed since
    refilter();
}

void ApduTraceFilterModel::setReader(const QString& reader) {
    if (m_reader == reader)
        return;
    m_reader = reader;
    refilter();
}

void ApduTraceFilterModel::setSwFilter(SwFilter filter) {
    if (m_sw == filter)
        return;
    m_sw = filter;
    refilter();
}

void ApduTraceFilterModel::refilter() {
    invalidate();
}

QString ApduTraceFilterModel::meaningOf(quint16 sw) const {
    auto it = m_meanings.constFind(sw);
    if (it == m_meanings.constEnd()) {
        ApduTraceEntry probe;
        probe.sw = sw;
        it = m_meanings.insert(sw, probe.swMeaning());
    }
    return it.value();
}

bool ApduTraceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const auto* trace = qobject_cast<const ApduTraceModel*>(sourceModel());
    if (!trace || sourceParent.isValid())
        return true;
    // The entry itself, not the model's roles: a million rows are filtered without a QVariant each.
    const ApduTraceEntry& e = trace->entryForFilter(sourceRow);
    if (!m_reader.isEmpty() && e.reader != m_reader)
        return false;
    if (m_sw != SwFilter::Any) {
        const SwClass c = e.swClass();
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
    return textMatches(e);
}

bool ApduTraceFilterModel::textMatches(const ApduTraceEntry& e) const {
    // Searched in the redacted text only, so that a filter cannot be used to probe hidden bytes. Field by field,
    // without building each row's text: a million rows are searched in a fraction of a second.
    const auto has = [&](const QString& field) {
        return field.contains(m_text, Qt::CaseInsensitive) ||
               (!m_compactText.isEmpty() && compact(field).contains(m_compactText, Qt::CaseInsensitive));
    };
    if (e.commandName.contains(m_text, Qt::CaseInsensitive) || e.reader.contains(m_text, Qt::CaseInsensitive) ||
        has(e.transportError.isEmpty() ? meaningOf(e.sw) : e.swMeaning()) ||
        e.transportDetail.contains(m_text, Qt::CaseInsensitive) ||
        e.swText().contains(m_compactText, Qt::CaseInsensitive))
        return true;
    // The hex fields: on the bytes when the text is hex, on the redacted text where secrets are hidden in them.
    const auto data = [&](const QByteArray& bytes, const QList<TraceRange>& secrets, bool command) {
        if (!secrets.isEmpty())
            return has(command ? e.commandDataHex(false) : e.responseDataHex(false));
        return !m_hex.isEmpty() && bytes.toHex().contains(m_hex);
    };
    if (!m_hex.isEmpty()) {
        const char header[4] = {static_cast<char>(e.cla), static_cast<char>(e.ins), static_cast<char>(e.p1),
                                static_cast<char>(e.p2)};
        if (QByteArray::fromRawData(header, 4).toHex().contains(m_hex))
            return true;
    }
    return data(e.commandData, e.commandSecrets, true) || data(e.responseData, e.responseSecrets, false);
}

} // namespace carddesk
