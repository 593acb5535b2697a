#include "NvmMapWidget.h"

#include <QPainter>

#include <algorithm>

namespace carddesk {

NvmMapWidget::NvmMapWidget(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("appNvmMap"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumHeight(minimumSizeHint().height());
}

QColor NvmMapWidget::colorOf(Region::Kind kind, int index) {
    static const QColor apps[] = {QColor(0x2e, 0x7d, 0x32), QColor(0x15, 0x65, 0xc0), QColor(0xef, 0x6c, 0x00),
                                  QColor(0x6a, 0x1b, 0x9a), QColor(0x00, 0x83, 0x8f), QColor(0xc6, 0x28, 0x28)};
    switch (kind) {
    case Region::System:
        return QColor(0x78, 0x78, 0x78);
    case Region::Free:
        return QColor(0xe8, 0xe8, 0xe8);
    case Region::Application:
        break;
    }
    return apps[index % int(std::size(apps))];
}

void NvmMapWidget::setState(const AppCardState& state) {
    m_regions.clear();
    m_total = state.nvmTotal;
    if (m_total == 0) {
        update();
        return;
    }
    // The card reports totals, not a file map: the used bytes that are not application DFs are the system area and
    // the MF's files, which the OS allocates from the bottom; the free bytes are what is left above.
    quint64 appBytes = 0;
    for (const auto& a : state.apps)
        appBytes += a.dfEnd - a.dfStart;
    const quint64 used = m_total > state.nvmFree ? m_total - state.nvmFree : 0;
    const quint32 systemEnd = quint32(used > appBytes ? used - appBytes : 0);
    m_regions.append(Region{Region::System, 0, systemEnd, tr("System area and MF files")});
    QList<AppEntry> apps = state.apps;
    std::sort(apps.begin(), apps.end(), [](const AppEntry& a, const AppEntry& b) { return a.dfStart < b.dfStart; });
    quint32 at = systemEnd;
    for (const auto& a : apps) {
        if (a.dfStart > at)
            m_regions.append(Region{Region::Free, at, a.dfStart, tr("Free")});
        m_regions.append(Region{Region::Application, a.dfStart, a.dfEnd, QString::fromLatin1(a.aid.toHex().toUpper())});
        at = std::max(at, a.dfEnd);
    }
    if (at < m_total)
        m_regions.append(Region{Region::Free, at, m_total, tr("Free")});
    update();
}

void NvmMapWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QFontMetrics fm = fontMetrics();
    const QRect bar(4, 4, width() - 8, 36);
    if (m_total == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No NVM figures yet: read a card"));
        return;
    }
    auto xOf = [&](quint32 addr) { return bar.left() + int(qint64(bar.width()) * addr / m_total); };
    int appIndex = 0;
    for (const auto& r : m_regions) {
        const QColor c = colorOf(r.kind, r.kind == Region::Application ? appIndex++ : 0);
        // Small DFs stay visible: at least 3 pixels wide.
        const QRect box(xOf(r.start), bar.top(), std::max(3, xOf(r.end) - xOf(r.start)), bar.height());
        p.fillRect(box, c);
        if (r.kind == Region::Application && fm.horizontalAdvance(r.label) + 6 < box.width()) {
            p.setPen(Qt::white);
            p.drawText(box, Qt::AlignCenter, r.label);
        }
    }
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(bar.left(), bar.bottom() + 2, bar.width(), fm.height()), Qt::AlignLeft, QStringLiteral("0"));
    p.drawText(QRect(bar.left(), bar.bottom() + 2, bar.width(), fm.height()), Qt::AlignRight,
               tr("%1 bytes").arg(m_total));

    // Legend: system, free, then each application with its size.
    int x = bar.left();
    int y = bar.bottom() + 4 + fm.height();
    auto entry = [&](const QColor& c, const QString& text) {
        const int w = 14 + 4 + fm.horizontalAdvance(text) + 14;
        if (x + w > width() && x > bar.left()) {
            x = bar.left();
            y += fm.height() + 4;
        }
        p.fillRect(QRect(x, y + (fm.height() - 12) / 2, 12, 12), c);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPoint(x + 18, y + fm.ascent()), text);
        x += w;
    };
    quint64 free = 0;
    for (const auto& r : m_regions)
        if (r.kind == Region::Free)
            free += r.end - r.start;
    entry(colorOf(Region::System, 0), tr("System area and MF files (%1 B)").arg(m_regions.first().end));
    appIndex = 0;
    for (const auto& r : m_regions)
        if (r.kind == Region::Application) {
            entry(colorOf(Region::Application, appIndex++), tr("%1 (%2 B)").arg(r.label).arg(r.end - r.start));
        }
    entry(colorOf(Region::Free, 0), tr("Free (%1 B)").arg(free));
}

} // namespace carddesk
