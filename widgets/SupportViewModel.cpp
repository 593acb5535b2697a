#include "SupportViewModel.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QStyle>

namespace carddesk {

namespace {

using Match = SupportReport::Match;
using Tac = SupportReport::Tac;

const QColor kGood(0x0d, 0x65, 0x2d);
const QColor kBad(0xa5, 0x0e, 0x0e);
const QColor kNote(0x5f, 0x63, 0x68);

QColor colourOf(const SupportReport::Row& r) {
    if (r.isProblem())
        return kBad;
    return r.match == Match::Matched ? kGood : kNote;
}

QIcon iconOf(const SupportReport::Row& r) {
    QStyle* style = QApplication::style();
    if (r.tac == Tac::Wrong || r.match == Match::AmountMismatch)
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    if (r.isProblem())
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    if (r.match == Match::Matched)
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QColor tacColour(Tac t) {
    switch (t) {
    case Tac::Proved:
        return kGood;
    case Tac::Wrong:
        return kBad;
    case Tac::Missing:
    case Tac::NotChecked:
        return kNote;
    }
    return kNote;
}

} // namespace

QVariant SupportViewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SupportReport::Row& r = m_rows[index.row()];
    switch (role) {
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(iconOf(r)) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return QBrush(colourOf(r));
        if (index.column() == TacColumn)
            return QBrush(tacColour(r.tac));
        if (index.column() == HeadendAmountColumn || index.column() == CardAmountColumn)
            return r.match == Match::AmountMismatch ? QVariant(QBrush(kBad)) : QVariant();
        return {};
    case Qt::BackgroundRole:
        return r.isProblem() ? QVariant(QBrush(QColor(0xfc, 0xe8, 0xe6))) : QVariant();
    default:
        return SupportTableModel::data(index, role);
    }
}

} // namespace carddesk
