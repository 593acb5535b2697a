#include "Localisation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace carddesk {

namespace {

struct Installed {
    std::unique_ptr<QTranslator> own;
    std::unique_ptr<QTranslator> qtBase;
    QLocale locale = QLocale::system();
};

Installed& installed() {
    static Installed state;
    return state;
}

void remove(std::unique_ptr<QTranslator>& t) {
    if (t) {
        QCoreApplication::removeTranslator(t.get());
        t.reset();
    }
}

} // namespace

bool Localisation::install(const QLocale& locale) {
    Installed& s = installed();
    remove(s.own);
    remove(s.qtBase);
    s.locale = locale;
    QLocale::setDefault(locale);

    // Qt's own strings (the buttons of standard dialogs, the context menu of line edits) come from Qt's
    // translations; without them a Chinese console would still say "Cancel".
    auto qtBase = std::make_unique<QTranslator>();
    if (qtBase->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtBase.get());
        s.qtBase = std::move(qtBase);
    }

    // load(QLocale, ...) walks locale.uiLanguages(), so LANGUAGE=zh_CN and LANG=zh_CN.UTF-8 both find
    // carddesk_zh_CN.qm; the .qm files are compiled into the program under :/i18n.
    auto own = std::make_unique<QTranslator>();
    if (own->load(locale, QStringLiteral("carddesk"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own.get());
        s.own = std::move(own);
        return true;
    }
    return locale.language() == QLocale::English;
}

QLocale Localisation::localeFor(const QString& option) {
    const QLocale l(option);
    // QLocale("xx") falls back to "C" for names it does not know; the system's language is the better guess then.
    return option.isEmpty() || l.language() == QLocale::C ? systemDefault(QLocale::system()) : l;
}

QLocale Localisation::systemDefault(const QLocale& system) {
    // Chinese first, English second: a system that speaks neither (the C/POSIX locale of a fresh install or a
    // service account, or a language the console has no translation for) gets Simplified Chinese.
    if (system.language() == QLocale::Chinese || system.language() == QLocale::English)
        return system;
    return QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China);
}

QLocale Localisation::current() {
    return installed().locale;
}

} // namespace carddesk
