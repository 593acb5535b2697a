#include "CrashPoint.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>

#include <unistd.h>

namespace carddesk::headend {

namespace {
// Set once in main, before the worker threads start; read by them.
std::string g_step;
int g_at = 0;
std::atomic<int> g_reached{0};
} // namespace

QStringList crashSteps() {
    return {QString::fromLatin1(crash::purchaseRecorded),  QString::fromLatin1(crash::purchaseVerified),
            QString::fromLatin1(crash::purchaseCompleted), QString::fromLatin1(crash::loadAuthorised),
            QString::fromLatin1(crash::loadBankMoved),     QString::fromLatin1(crash::loadDebited),
            QString::fromLatin1(crash::loadVerified),      QString::fromLatin1(crash::loadCompleted)};
}

QString armCrashPoint(const QString& spec) {
    const QStringList parts = spec.split(QLatin1Char('@'));
    if (parts.size() > 2 || !crashSteps().contains(parts[0]))
        return QStringLiteral("CARDDESK_HEADEND_CRASH_AT: unknown step %1 (one of %2, optionally @N)")
            .arg(spec, crashSteps().join(QStringLiteral(", ")));
    int at = 1;
    if (parts.size() == 2) {
        bool ok = false;
        at = parts[1].toInt(&ok);
        if (!ok || at < 1)
            return QStringLiteral("CARDDESK_HEADEND_CRASH_AT: the count after @ must be a number from 1");
    }
    g_step = parts[0].toStdString();
    g_at = at;
    g_reached = 0;
    return {};
}

void crashPoint(const char* step) {
    if (g_at == 0 || g_step != step || ++g_reached != g_at)
        return;
    // Said where the test can see it, then gone as a power cut would take it: no destructor, no flush of Qt's.
    const std::string line = "crash point " + g_step + " reached: SIGKILL\n";
    (void)!::write(STDERR_FILENO, line.data(), line.size());
    ::raise(SIGKILL);
}

} // namespace carddesk::headend
