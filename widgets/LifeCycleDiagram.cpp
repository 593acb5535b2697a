#include "LifeCycleDiagram.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <array>

namespace carddesk {

namespace {

constexpr std::array kStates = {cdos::LifeCycle::Blank, cdos::LifeCycle::Personalised, cdos::LifeCycle::Blocked,
                                cdos::LifeCycle::Terminated};
constexpr int kArrow = 34; // horizontal room between two boxes
constexpr int kMargin = 6;

void drawArrow(QPainter& p, QPointF from, QPointF to) {
    p.drawLine(from, to);
    const QPointF dir = (to - from) / std::max(1.0, QLineF(from, to).length());
    const QPointF normal(-dir.y(), dir.x());
    QPolygonF head;
    head << to << to - dir * 7 + normal * 4 << to - dir * 7 - normal * 4;
    p.setBrush(p.pen().color());
    p.drawPolygon(head);
}

} // namespace

LifeCycleDiagram::LifeCycleDiagram(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("lifeCycleDiagram"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    updateAccessibleText();
}

QString LifeCycleDiagram::stateName(cdos::LifeCycle state) {
    switch (state) {
    case cdos::LifeCycle::Blank:
        return tr("Blank");
    case cdos::LifeCycle::Personalised:
        return tr("Personalised");
    case cdos::LifeCycle::Blocked:
        return tr("Blocked");
    case cdos::LifeCycle::Terminated:
        return tr("Terminated");
    }
    return tr("Unknown");
}

void LifeCycleDiagram::setLifeCycle(std::optional<cdos::LifeCycle> state) {
    if (m_state == state)
        return;
    m_state = state;
    updateAccessibleText();
    update();
}

QSize LifeCycleDiagram::boxSize() const {
    // Sized from the longest translated name, so that neither "Personalised" nor "已个人化" is ever cut.
    const QFontMetrics fm(font());
    int w = 0;
    for (const auto s : kStates)
        w = std::max(w, fm.horizontalAdvance(stateName(s)));
    return {w + 2 * fm.averageCharWidth() + 8, fm.height() + 14};
}

QSize LifeCycleDiagram::sizeHint() const {
    const QSize box = boxSize();
    // Room above the boxes for the "unblock" arc from 已锁定 back to 已个人化.
    return {int(kStates.size()) * box.width() + (int(kStates.size()) - 1) * kArrow + 2 * kMargin,
            box.height() + 2 * kMargin + 18};
}

QSize LifeCycleDiagram::minimumSizeHint() const {
    return sizeHint();
}

void LifeCycleDiagram::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) {
        updateAccessibleText();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void LifeCycleDiagram::updateAccessibleText() {
    const QString text = m_state ? tr("Life cycle: %1").arg(stateName(*m_state)) : tr("Life cycle: unknown");
    setAccessibleName(text);
    setToolTip(text);
}

void LifeCycleDiagram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QSize box = boxSize();
    const int total = int(kStates.size()) * box.width() + (int(kStates.size()) - 1) * kArrow;
    const int x0 = std::max(kMargin, (width() - total) / 2);
    const int y0 = height() - kMargin - box.height();

    const QPalette pal = palette();
    const QColor accent = m_state == cdos::LifeCycle::Blocked      ? QColor(0xd9, 0x8c, 0x1f)
                          : m_state == cdos::LifeCycle::Terminated ? QColor(0xb3, 0x26, 0x1e)
                                                                   : pal.color(QPalette::Highlight);
    QPen line(pal.color(QPalette::Mid), 1.5);

    std::array<QRectF, kStates.size()> rects;
    for (std::size_t i = 0; i < kStates.size(); ++i) {
        rects[i] = QRectF(x0 + int(i) * (box.width() + kArrow), y0, box.width(), box.height());
        const bool current = m_state == kStates[i];
        QPainterPath path;
        path.addRoundedRect(rects[i].adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        p.setPen(QPen(current ? accent.darker(120) : pal.color(QPalette::Mid), current ? 2 : 1));
        p.fillPath(path, current ? accent : pal.color(QPalette::Base));
        p.drawPath(path);
        QFont f = font();
        f.setBold(current);
        p.setFont(f);
        p.setPen(current ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
        p.drawText(rects[i], Qt::AlignCenter, stateName(kStates[i]));
    }

    p.setPen(line);
    for (std::size_t i = 0; i + 1 < kStates.size(); ++i) {
        const QPointF from(rects[i].right() + 3, rects[i].center().y());
        const QPointF to(rects[i + 1].left() - 3, rects[i + 1].center().y());
        drawArrow(p, from, to);
    }
    // Unblock: 已锁定 → 已个人化, drawn as an arc above the forward arrow.
    const QPointF a(rects[2].center().x() - box.width() / 4.0, rects[2].top() - 2);
    const QPointF b(rects[1].center().x() + box.width() / 4.0, rects[1].top() - 2);
    QPainterPath arc(a);
    arc.cubicTo(a + QPointF(0, -16), b + QPointF(0, -16), b);
    p.setBrush(Qt::NoBrush);
    p.drawPath(arc);
    drawArrow(p, b + QPointF(0, -5), b);
}

} // namespace carddesk
