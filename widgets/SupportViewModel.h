#pragma once
// The support table as the console shows it: SupportTableModel's rows with the state's icon and colour (matched
// green, problems red, notes grey), the TAC check's colour, mismatching amounts in red and problem rows shaded.
#include "carddesk/model/SupportTableModel.h"

namespace carddesk {

class SupportViewModel final : public SupportTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupportViewModel)
public:
    explicit SupportViewModel(QObject* parent = nullptr) : SupportTableModel(parent) {}

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

} // namespace carddesk
