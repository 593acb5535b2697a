#include "carddesk/model/SupportTableModel.h"
#include "carddesk/headendapi/TransactionStatus.h"

#include <carddesk/cardio/HexText.h>

namespace carddesk {

SupportTableModel::SupportTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SupportTableModel::setRows(const QList<SupportReport::Row>& rows, const QString& next, Fetcher fetcher) {
    beginResetModel();
    m_rows = rows;
    m_next = next;
    m_fetcher = std::move(fetcher);
    m_fetching = false;
    ++m_generation;
    endResetModel();
}

bool SupportTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_next.isEmpty() && m_fetcher && !m_fetching;
}

void SupportTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 generation = m_generation;
    m_fetcher(m_next).then(this, [this, generation](const MoreRows& more) {
        if (generation != m_generation)
            return; // another lookup replaced the rows meanwhile
        m_fetching = false;
        if (!more.error.isEmpty()) {
            m_next.clear(); // no retry loop while the view stays at the bottom; a new lookup starts again
            emit fetchFailed(more.error);
            return;
        }
        m_next = more.next;
        if (!more.rows.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.rows.size()) - 1);
            m_rows += more.rows;
            endInsertRows();
        }
        emit moreFetched(int(more.rows.size()));
    });
}

QString SupportTableModel::kindName(const QString& kind) {
    if (kind == QLatin1String("purchase"))
        return tr("Purchase");
    if (kind == QLatin1String("load"))
        return tr("Top-up");
    return kind;
}

QString SupportTableModel::statusName(const QString& status) {
    if (status == api::purchaseStatus::pending)
        return tr("pending");
    if (status == api::loadStatus::completed)
        return tr("completed");
    if (status == api::loadStatus::authorised)
        return tr("authorised");
    if (status == api::loadStatus::debited)
        return tr("debited, not credited");
    if (status == api::loadStatus::refunded)
        return tr("refunded");
    if (status == api::loadStatus::refused)
        return tr("refused by the bank");
    return status;
}

int SupportTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SupportTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SupportTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SupportReport::Row& r = m_rows[index.row()];
    const auto yuan = [this](qint64 fen) { return fen < 0 ? QStringLiteral("—") : formatYuan(fen, m_locale); };
    switch (role) {
    case ProblemRole:
        return r.isProblem();
    case MatchRole:
        return int(r.match);
    case TacRole:
        return int(r.tac);
    case Qt::ToolTipRole:
        return r.note;
    case Qt::TextAlignmentRole:
        if (index.column() == CounterColumn || index.column() == HeadendAmountColumn ||
            index.column() == CardAmountColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case StateColumn:
        return SupportReport::matchName(r.match);
    case TacColumn:
        return SupportReport::tacName(r.tac);
    case CardColumn:
        return r.cardNumber;
    case KindColumn:
        if (r.headend && !r.headend->vodTitle.isEmpty())
            return tr("VOD: %1").arg(r.headend->vodTitle);
        return kindName(r.kind);
    case CounterColumn:
        return r.counter < 0 ? QString() : QString::number(r.counter);
    case HeadendAmountColumn:
        return yuan(r.headendAmount());
    case CardAmountColumn:
        return yuan(r.cardAmount());
    case StatusColumn:
        return r.headend ? statusName(r.headend->status) : QStringLiteral("—");
    case TimeColumn:
        return r.dateTime();
    case TerminalColumn:
        return r.headend ? r.headend->terminalId
                         : (r.card ? QString::fromLatin1(r.card->terminal.toHex().toUpper()) : QString());
    }
    return {};
}

QVariant SupportTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn:
        return tr("State");
    case TacColumn:
        return tr("TAC");
    case CardColumn:
        return tr("Card");
    case KindColumn:
        return tr("Kind");
    case CounterColumn:
        return tr("Counter");
    case HeadendAmountColumn:
        return tr("Headend amount");
    case CardAmountColumn:
        return tr("Card amount");
    case StatusColumn:
        return tr("Headend status");
    case TimeColumn:
        return tr("Time");
    case TerminalColumn:
        return tr("Terminal");
    }
    return {};
}

} // namespace carddesk
