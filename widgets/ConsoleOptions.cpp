#include "ConsoleOptions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace carddesk {

QString ConsoleOptions::defaultTemplatePath() {
    const QString relative = QStringLiteral("templates/standard-tv.json");
    // Beside the program first (an installed desk: <prefix>/bin/../share/carddesk), then the build's own source
    // tree, so that a developer's build finds the template without installing.
    const QStringList candidates = {
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/carddesk/") + relative),
        QStringLiteral(CARDDESK_INSTALLED_DATADIR "/") + relative,
        QStringLiteral(CARDDESK_SOURCE_DIR "/resources/") + relative,
    };
    for (const QString& c : candidates) {
        if (QFileInfo::exists(c))
            return QDir::cleanPath(c);
    }
    return {};
}

ConsoleOptions ConsoleOptions::defaults() {
    ConsoleOptions o;
    o.templatePath = defaultTemplatePath();
    return o;
}

} // namespace carddesk
