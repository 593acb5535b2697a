#pragma once
// What a screenshot shows, in words (issue 16: a screenshot test that checks something real): every visible
// window title, label, button, group, tab, field and item-view cell of a widget tree, with its place and whether its
// text is cut (narrower than the text needs). Written beside `carddesk --screenshot` and read by the GUI tests, so
// that a missing translation, a clipped label or an empty reader list fails a test instead of hiding in a PNG.
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

class QWidget;

namespace carddesk {

class ScreenMap {
public:
    // {"title": ..., "items": [{"kind", "name", "text", "x", "y", "width", "height", "clipped", "data"}...]};
    // "data" for a widget whose property "screenMapData" is true: it shows names as they are (a reader's).
    static QJsonObject of(const QWidget* window);
    // The items' texts whose letters are Latin only, not known words (product, protocol and reader names, hex,
    // paths): what a Chinese screen should not show. Empty when all is translated.
    static QStringList untranslated(const QJsonObject& map);
    // "kind name: text" of every clipped item.
    static QStringList clipped(const QJsonObject& map);
};

} // namespace carddesk
