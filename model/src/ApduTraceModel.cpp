#include "carddesk/model/ApduTraceModel.h"

#include <QLocale>

#include <algorithm>

namespace carddesk {

ApduTraceModel::ApduTraceModel(TraceLog* log, QObject* parent) : QAbstractTableModel(parent), m_log(log) {
    m_first = log->firstSequence();
    m_count = log->count();
    connect(log, &TraceLog::entriesAppended, this, &ApduTraceModel::onAppended);
    connect(log, &TraceLog::entriesDropped, this, &ApduTraceModel::onDropped);
    connect(log, &TraceLog::cleared, this, &ApduTraceModel::onCleared);
    connect(log, &TraceLog::revealChanged, this, &ApduTraceModel::onRevealChanged);
}

int ApduTraceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_count;
}

int ApduTraceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

ApduTraceEntry ApduTraceModel::entryAt(int row) const {
    return row >= 0 && row < m_count ? rowEntry(row) : ApduTraceEntry{};
}

const ApduTraceEntry& ApduTraceModel::entryForFilter(int row) const {
    m_filtered = m_log->entryBySequence(m_first + static_cast<quint64>(row), false);
    return m_filtered;
}

const ApduTraceEntry& ApduTraceModel::rowEntry(int row) const {
    if (row != m_cachedRow) {
        // A row the log dropped before its signal arrived reads as an empty entry until the rows catch up.
        m_cached = m_log->entryBySequence(m_first + static_cast<quint64>(row));
        m_cachedRow = row;
    }
    return m_cached;
}

QVariant ApduTraceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApduTraceEntry& e = rowEntry(index.row());
    const bool reveal = m_log->revealSecrets();
    switch (role) {
    case EntryRole:
        return QVariant::fromValue(e);
    case SequenceRole:
        return e.sequence;
    case ReaderRole:
        return e.reader;
    case SwRole:
        return e.sw;
    case SwClassRole:
        return static_cast<int>(e.swClass());
    case DurationRole:
        return e.durationUs;
    case SearchTextRole:
        return QStringList{
            e.commandName, e.header(),    e.reader,         e.commandDataHex(false), e.responseDataHex(false),
            e.swText(),    e.swMeaning(), e.transportDetail}
            .join(QLatin1Char(' '));
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SequenceColumn:
        case LcColumn:
        case LeColumn:
        case DurationColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == CommandDataColumn && e.hasSecrets() && !(reveal && e.secretsHeld))
            return tr("Secret bytes are hidden. Revealing them is recorded in the audit log.");
        if (index.column() == SwColumn || index.column() == MeaningColumn)
            return e.swMeaningWithDetail();
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case SequenceColumn:
            return e.sequence;
        case TimeColumn:
            return e.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case ReaderColumn:
            return e.reader;
        case CommandColumn:
            return e.commandName;
        case HeaderColumn:
            return e.header();
        case LcColumn:
            return e.lc >= 0 ? QVariant(e.lc) : QVariant();
        case CommandDataColumn:
            return e.commandDataHex(reveal);
        case LeColumn:
            return e.le >= 0 ? QVariant(e.le) : QVariant();
        case ResponseDataColumn:
            return e.responseDataHex(reveal);
        case SwColumn:
            return e.swText();
        case MeaningColumn:
            return e.swMeaning();
        case DurationColumn:
            return e.durationUs;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ApduTraceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SequenceColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case ReaderColumn:
        return tr("Reader");
    case CommandColumn:
        return tr("Command");
    case HeaderColumn:
        return tr("Header");
    case LcColumn:
        return tr("Lc");
    case CommandDataColumn:
        return tr("Data");
    case LeColumn:
        return tr("Le");
    case ResponseDataColumn:
        return tr("Response");
    case SwColumn:
        return tr("SW");
    case MeaningColumn:
        return tr("Meaning");
    case DurationColumn:
        return tr("µs");
    default:
        return {};
    }
}

void ApduTraceModel::onAppended(int, int) {
    const quint64 last = m_log->lastSequence();
    if (last == 0)
        return;
    if (m_count == 0)
        m_first = std::max(m_first, m_log->firstSequence());
    const quint64 next = m_first + static_cast<quint64>(m_count); // the first sequence not shown yet
    if (last < next)
        return;
    const int fresh = static_cast<int>(last - next + 1);
    beginInsertRows({}, m_count, m_count + fresh - 1);
    m_count += fresh;
    endInsertRows();
}

void ApduTraceModel::onDropped(int) {
    const quint64 first = m_log->firstSequence();
    const int drop =
        first == 0 ? m_count : static_cast<int>(std::min<quint64>(m_count, first > m_first ? first - m_first : 0));
    if (drop == 0)
        return;
    beginRemoveRows({}, 0, drop - 1);
    m_first += static_cast<quint64>(drop);
    m_count -= drop;
    m_cachedRow = -1;
    endRemoveRows();
}

void ApduTraceModel::onCleared() {
    beginResetModel();
    m_first = m_log->firstSequence();
    m_count = m_log->count();
    m_cachedRow = -1;
    m_cached = {};
    m_filtered = {};
    endResetModel();
}

void ApduTraceModel::onRevealChanged(bool reveal) {
    // The log wiped its secrets (through the buffers its copies share); the cached copy is dropped too, then redrawn.
    if (!reveal) {
        m_cached.wipeSecrets();
        m_filtered.wipeSecrets();
    }
    m_cachedRow = -1;
    if (m_count == 0)
        return;
    emit dataChanged(index(0, CommandDataColumn), index(m_count - 1, ResponseDataColumn));
}

} // namespace carddesk
