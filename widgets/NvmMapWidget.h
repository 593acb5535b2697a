#pragma once
// A picture of the card's NVM (GET DATA 0106 and the application registry): the system area and MF files from
// address 0, each application's DF at its own range, and the free space, drawn to scale with a legend.
#include "carddesk/model/AppService.h"

#include <QWidget>

namespace carddesk {

class NvmMapWidget final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NvmMapWidget)
public:
    struct Region {
        enum Kind { System, Application, Free } kind = System;
        quint32 start = 0, end = 0;
        QString label;
    };

    explicit NvmMapWidget(QWidget* parent = nullptr);
    void setState(const AppCardState& state);
    const QList<Region>& regions() const { return m_regions; }
    QSize sizeHint() const override { return {520, 130}; }
    QSize minimumSizeHint() const override { return {260, 110}; }

    static QColor colorOf(Region::Kind kind, int index);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Region> m_regions;
    quint32 m_total = 0;
};

} // namespace carddesk
