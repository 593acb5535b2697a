#include "carddesk/model/ApduTraceModel.h"

#include <QLocale>

namespace carddesk {

ApduTraceModel::ApduTraceModel(TraceLog* log, QObject* parent) : QAbstractTableModel(parent), m_log(log) {
    m_rows = log->entries();
    connect(log, &TraceLog::entriesAppended, this, &ApduTraceModel::onAppended);
    connect(log, &TraceLog::entriesDropped, this, &ApduTraceModel::onDropped);
    connect(log, &TraceLog::cleared, this, &ApduTraceModel::onCleared);
    connect(log, &TraceLog::revealChanged, this, &ApduTraceModel::onRevealChanged);
}

int ApduTraceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ApduTraceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

ApduTraceEntry ApduTraceModel::entryAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row] : ApduTraceEntry{};
}

QVariant ApduTraceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApduTraceEntry& e = m_rows.at(index.row());
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
    // Fetch by sequence number: by the time this queued signal arrives the log may have grown or dropped rows.
    const quint64 last = m_rows.isEmpty() ? 0 : m_rows.last().sequence;
    const QVector<ApduTraceEntry> fresh = m_log->entriesSince(last);
    if (fresh.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    m_rows += fresh;
    endInsertRows();
}

void ApduTraceModel::onDropped(int) {
    const quint64 first = m_log->firstSequence();
    int drop = 0;
    while (drop < m_rows.size() && (first == 0 || m_rows[drop].sequence < first))
        ++drop;
    if (drop == 0)
        return;
    beginRemoveRows({}, 0, drop - 1);
    m_rows.remove(0, drop);
    endRemoveRows();
}

void ApduTraceModel::onCleared() {
    beginResetModel();
    m_rows.clear();
    m_rows = m_log->entries();
    endResetModel();
}

void ApduTraceModel::onRevealChanged(bool reveal) {
    // The log wiped its secrets; wipe this copy too (a detached copy must not keep them), then redraw.
    if (!reveal)
        for (auto& e : m_rows)
            e.wipeSecrets();
    if (m_rows.isEmpty())
        return;
    emit dataChanged(index(0, CommandDataColumn), index(static_cast<int>(m_rows.size()) - 1, ResponseDataColumn));
}

} // namespace carddesk
