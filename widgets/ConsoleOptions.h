#pragma once
// What the console starts with: the database, the key store, the card template, and whether to talk to pcscd.
// Filled from the command line by app/gui/main.cpp; tests fill it with temporary files.
#include <QString>

namespace carddesk {

struct ConsoleOptions {
    QString databasePath;        // empty: Database::defaultLocation()
    bool createDatabase = false; // a databasePath that does not exist is made only when asked (--create-database)
    QString keyStorePath;        // empty: KeyRing::defaultPath()
    QString keyStorePassphrase;  // pre-fills the key store dialog (development runs only); never logged
    QString templatePath;        // the template the issuance view starts with
    QString appCaKeyPath;        // CA key written to issued cards; empty: IssuanceService::defaultAppCaKeyPath()
    bool usePcsc = true;         // false: only in-process readers (unit tests)
    int idleLockMinutes = 10;    // the lock screen after this long without input; 0: never

    // The installed standard template, or the source tree's one in a development build.
    static QString defaultTemplatePath();
    static ConsoleOptions defaults();
};

} // namespace carddesk
