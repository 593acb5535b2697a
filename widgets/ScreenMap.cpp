#include "ScreenMap.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTabBar>
#include <QTextDocument>

namespace carddesk {

namespace {

QString plain(QString text) {
    if (Qt::mightBeRichText(text)) {
        QTextDocument doc;
        doc.setHtml(text);
        text = doc.toPlainText();
    }
    // Mnemonic ampersands are not shown ("&&" is one shown "&").
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text.trimmed();
}

QJsonObject item(const QWidget* window, const QWidget* w, const char* kind, const QString& text, bool clipped) {
    const QPoint at = w->mapTo(window, QPoint(0, 0));
    return QJsonObject{{QStringLiteral("kind"), QLatin1String(kind)},
                       {QStringLiteral("name"), w->objectName()},
                       {QStringLiteral("text"), text},
                       {QStringLiteral("x"), at.x()},
                       {QStringLiteral("y"), at.y()},
                       {QStringLiteral("width"), w->width()},
                       {QStringLiteral("height"), w->height()},
                       {QStringLiteral("clipped"), clipped},
                       // Data shown as it is (a reader's name, a file): not for translation.
                       {QStringLiteral("data"), w->property("screenMapData").toBool()}};
}

// Shown: visible up to the window and not scrolled or covered out of sight entirely.
bool shown(const QWidget* window, const QWidget* w) {
    return w->isVisibleTo(window) && !w->visibleRegion().isEmpty();
}

} // namespace

QJsonObject ScreenMap::of(const QWidget* window) {
    QJsonArray items;
    for (const QWidget* w : window->findChildren<QWidget*>()) {
        if (!shown(window, w))
            continue;
        if (const auto* l = qobject_cast<const QLabel*>(w)) {
            const QString text = plain(l->text());
            // A label narrower than its one-line text is cut (a word-wrapped one grows instead).
            const bool cut = !l->wordWrap() && l->sizeHint().width() > l->width() + 1;
            if (!text.isEmpty())
                items.append(item(window, w, "label", text, cut));
        } else if (const auto* b = qobject_cast<const QAbstractButton*>(w)) {
            const QString text = plain(b->text());
            if (!text.isEmpty())
                items.append(item(window, w, "button", text, b->sizeHint().width() > b->width() + 1));
        } else if (const auto* g = qobject_cast<const QGroupBox*>(w)) {
            if (!g->title().isEmpty())
                items.append(item(window, w, "group", plain(g->title()), false));
        } else if (const auto* e = qobject_cast<const QLineEdit*>(w)) {
            const QString text = e->text().isEmpty() ? e->placeholderText() : e->text();
            if (!text.isEmpty())
                items.append(item(window, w, "field", text, false));
        } else if (const auto* t = qobject_cast<const QTabBar*>(w)) {
            for (int i = 0; i < t->count(); ++i)
                if (t->isTabVisible(i))
                    items.append(item(window, w, "tab", plain(t->tabText(i)), false));
        } else if (const auto* v = qobject_cast<const QAbstractItemView*>(w)) {
            const QAbstractItemModel* m = v->model();
            if (!m)
                continue;
            // The headers and the first rows: what the view shows without scrolling far.
            if (const auto* tv = v->findChild<QHeaderView*>();
                tv && tv->orientation() == Qt::Horizontal && shown(window, tv))
                for (int c = 0; c < m->columnCount(); ++c)
                    items.append(item(window, w, "header", m->headerData(c, Qt::Horizontal).toString(), false));
            for (int r = 0; r < qMin(m->rowCount(), 50); ++r)
                for (int c = 0; c < m->columnCount(); ++c) {
                    const QString text = m->index(r, c).data().toString();
                    if (!text.isEmpty())
                        items.append(item(window, w, "cell", text, false));
                }
        }
    }
    return QJsonObject{{QStringLiteral("title"), window->windowTitle()}, {QStringLiteral("items"), items}};
}

QStringList ScreenMap::untranslated(const QJsonObject& map) {
    static const QRegularExpression cjk(QStringLiteral("[\\x{3000}-\\x{9fff}\\x{ff00}-\\x{ffef}]"));
    // Words in capitals are command, status and protocol names (GET DATA, SELECT, ATR), kept as the standards
    // spell them; a word with small letters is prose.
    static const QRegularExpression word(QStringLiteral("\\b[A-Za-z]*[a-z][A-Za-z]*\\b"));
    // Names that stay as they are in a Chinese console: the product, protocols and standards, reader and driver
    // names, file and key names, units.
    static const QRegularExpression known(
        QStringLiteral("^(CardDesk|APDU|ATR|PIN|PC/SC|pcscd|vpcd|Virtual|PCD|Reader|SQLite|PostgreSQL|TLV|NVM|COS|"
                       "CDOS|PBOC|TAC|MAC|DES|SHA|RSA|USB|JSON|CSV|PDF|ISO|ICCID|ASN|AID|FID|SFI|OK|admin|dev|"
                       "development|standard|tv|cdks|sqlite|json|img|png|txt|carddesk|Desk|Replay|ms|KiB|MiB|hex)$"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    for (const auto& v : map.value(QStringLiteral("items")).toArray()) {
        const QString text = v.toObject().value(QStringLiteral("text")).toString();
        if (v.toObject().value(QStringLiteral("data")).toBool() || text.contains(cjk) ||
            text.contains(QLatin1Char('/')) || text.contains(QLatin1Char('\\')))
            continue;
        for (auto it = word.globalMatch(text); it.hasNext();) {
            const QString w = it.next().captured();
            if (w.size() >= 3 && !known.match(w).hasMatch()) {
                out << v.toObject().value(QStringLiteral("kind")).toString() + QLatin1Char(' ') +
                           v.toObject().value(QStringLiteral("name")).toString() + QStringLiteral(": ") + text;
                break;
            }
        }
    }
    return out;
}

QStringList ScreenMap::clipped(const QJsonObject& map) {
    QStringList out;
    for (const auto& v : map.value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("clipped")).toBool())
            out << o.value(QStringLiteral("kind")).toString() + QLatin1Char(' ') +
                       o.value(QStringLiteral("name")).toString() + QStringLiteral(": ") +
                       o.value(QStringLiteral("text")).toString() +
                       QStringLiteral(" (%1 px)").arg(o.value(QStringLiteral("width")).toInt());
    }
    return out;
}

} // namespace carddesk
