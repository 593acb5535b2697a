#pragma once
// Installs the console's translations (embedded .qm files) and Qt's own ones for a locale. Simplified Chinese is
// the users' first language; the source strings are English.
#include <QLocale>
#include <QString>

namespace carddesk {

class Localisation final {
public:
    Localisation() = delete;

    // Replaces what an earlier call installed, so tests can switch languages inside one process. Returns true when
    // the console has its own translation for the locale (English, the source language, needs none).
    static bool install(const QLocale& locale);

    // "zh_CN" or "en" from a --lang option; an empty or unknown value gives systemDefault(QLocale::system()).
    static QLocale localeFor(const QString& option);
    // The system's locale when it is Chinese or English, Simplified Chinese otherwise (C/POSIX included).
    static QLocale systemDefault(const QLocale& system);

    // The locale of the last install() (QLocale::system() before the first one).
    static QLocale current();
};

} // namespace carddesk
