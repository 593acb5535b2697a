#pragma once
// What the GUI tests count as cut off (issue 11): a label whose text does not fit — a wrapped one shorter than the
// height its lines need, a one-line one narrower than its text — and a chart title or axis title that Qt Charts
// elided or dropped for want of room ("Record (oldest → ne…"). Only what is visible in `root` is looked at.
#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QStringList>
#include <QWidget>

namespace guitest {

inline QStringList clippedLabels(QWidget* root) {
    QStringList clipped;
    for (QLabel* l : root->findChildren<QLabel*>()) {
        QString text = l->text();
        if (!l->isVisibleTo(root) || text.isEmpty() || Qt::mightBeRichText(text))
            continue;
        text.replace(QStringLiteral("&&"), QStringLiteral("\x01")).remove(QLatin1Char('&'));
        text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
        const bool cut = l->wordWrap() ? l->heightForWidth(l->width()) > l->height()
                                       : l->fontMetrics().horizontalAdvance(text) > l->contentsRect().width();
        if (cut)
            clipped << QStringLiteral("%1 \"%2\" (%3x%4)").arg(l->objectName(), text).arg(l->width()).arg(l->height());
    }
    return clipped;
}

// Every title of a visible chart (the chart's, each visible axis's) must be drawn whole: Qt Charts draws them as
// text items of the view's scene, elided to the room the layout gives them.
inline QStringList cutChartTitles(QWidget* root) {
    QStringList cut;
    for (QChartView* view : root->findChildren<QChartView*>()) {
        if (!view->isVisibleTo(root) || !view->chart())
            continue;
        QStringList drawn;
        for (QGraphicsItem* item : view->scene()->items())
            if (const auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->isVisible())
                drawn << text->toPlainText();
        QStringList titles;
        if (!view->chart()->title().isEmpty())
            titles << view->chart()->title();
        for (const QAbstractAxis* axis : view->chart()->axes())
            if (axis->isVisible() && axis->isTitleVisible() && !axis->titleText().isEmpty())
                titles << axis->titleText();
        for (const QString& title : std::as_const(titles))
            if (!drawn.contains(title))
                cut << QStringLiteral("%1 \"%2\" (drawn: \"%3\"; chart %4x%5)")
                           .arg(view->objectName(), title, drawn.join(QStringLiteral("\", \"")))
                           .arg(view->width())
                           .arg(view->height());
    }
    return cut;
}

} // namespace guitest
