#include "carddesk/model/IssuedCardsModel.h"
#include "carddesk/model/Database.h"

#include <carddesk/cardio/ApduDecoder.h>

namespace carddesk {

IssuedCardsModel::IssuedCardsModel(Database* database, QObject* parent) : QAbstractTableModel(parent), m_db(database) {
    connect(database, &Database::cardsChanged, this, &IssuedCardsModel::reload);
    reload();
}

void IssuedCardsModel::reload() {
    beginResetModel();
    m_rows = m_db->isOpen() ? m_db->cards() : QList<IssuedCard>{};
    endResetModel();
}

int IssuedCardsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IssuedCardsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

IssuedCard IssuedCardsModel::cardAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row] : IssuedCard{};
}

QVariant IssuedCardsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IssuedCard& c = m_rows.at(index.row());
    if (role == CardNumberRole)
        return c.cardNumber;
    if (role == CardIdRole)
        return c.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case CardNumberColumn:
        return c.cardNumber;
    case HolderNameColumn:
        return c.holderName;
    case HolderAccountColumn:
        return c.holderAccount;
    case HolderUserNumberColumn:
        return c.holderUserNumber;
    case TemplateColumn:
        return c.templateName;
    case LifeCycleColumn: {
        // Stored as the protocol's English name; shown translated.
        for (auto lc : {cdos::LifeCycle::Blank, cdos::LifeCycle::Personalised, cdos::LifeCycle::Blocked,
                        cdos::LifeCycle::Terminated})
            if (c.lifeCycle == QString::fromStdString(cdos::lifeCycleName(lc)))
                return ApduDecoder::lifeCycleName(lc);
        if (c.lifeCycle == Database::kIssuingLifeCycle)
            return tr("issuing (interrupted: put the card back and issue again)");
        if (c.lifeCycle == Database::kVoidLifeCycle)
            return tr("void (the card came back blank; number not reused)");
        return c.lifeCycle;
    }
    case IssuedAtColumn:
        return c.issuedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case OperatorColumn:
        return c.operatorName;
    case ChipSerialColumn:
        return c.chipSerial;
    default:
        return {};
    }
}

QVariant IssuedCardsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CardNumberColumn:
        return tr("Card number");
    case HolderNameColumn:
        return tr("Holder");
    case HolderAccountColumn:
        return tr("Account");
    case HolderUserNumberColumn:
        return tr("User number");
    case TemplateColumn:
        return tr("Template");
    case LifeCycleColumn:
        return tr("Life cycle");
    case IssuedAtColumn:
        return tr("Issued");
    case OperatorColumn:
        return tr("Operator");
    case ChipSerialColumn:
        return tr("Chip serial");
    default:
        return {};
    }
}

} // namespace carddesk
