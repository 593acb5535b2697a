// carddesk: the issuance and operator console. Parses the options, installs the translation (--lang, else the
// system's language when Chinese or English, else Simplified Chinese), builds the main window over the model and
// cardio layers, and optionally renders a screenshot.
#include "ConsoleOptions.h"
#include "Localisation.h"
#include "MainWindow.h"
#include "ScreenMap.h"
#include "carddesk/model/ConsoleSession.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/OperatorSession.h"
#include "carddesk/protocol/crypto/PrivateFiles.h"
#include "carddesk/protocol/crypto/SecretEnvironment.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>
#include <memory>

using carddesk::ConsoleOptions;
using carddesk::Localisation;
using carddesk::MainWindow;

namespace {

// Renders the window once it has settled (readers enumerated, card read) and quits: the README screenshot and
// the screenshot test come from here, so they show exactly what an operator sees.
void scheduleScreenshot(MainWindow* window, const QString& file) {
    struct Wait {
        QElapsedTimer clock;
        int calmTicks = 0;
    };
    auto wait = std::make_shared<Wait>();
    wait->clock.start();
    auto* timer = new QTimer(window);
    QObject::connect(timer, &QTimer::timeout, window, [=] {
        constexpr qint64 kMaxWaitMs = 15000;
        // Settled for half a second in a row: readers that pcscd announces one after the other, and the read of
        // a card that arrives with them, have all been shown.
        wait->calmTicks = window->isSettled() ? wait->calmTicks + 1 : 0;
        if (wait->calmTicks < 5 && wait->clock.elapsed() < kMaxWaitMs)
            return;
        timer->stop();
        // One more turn of the event loop so that the last layout and paint requests are done.
        QTimer::singleShot(200, window, [=] {
            // Beside the picture, what it shows in words (ScreenMap): read by the screenshot test.
            QFile map(file + QStringLiteral(".widgets.json"));
            const bool ok = window->grab().save(file, "PNG") && map.open(QIODevice::WriteOnly) &&
                            map.write(QJsonDocument(carddesk::ScreenMap::of(window)).toJson()) > 0;
            std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "screenshot written to" : "cannot write screenshot",
                         qPrintable(QDir::toNativeSeparators(file)));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    });
    timer->start(100);
}

} // namespace

int main(int argc, char** argv) {
    cdos::createFilesPrivately();
    cdos::SecretEnvironment::takeAll();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("carddesk"));
    QApplication::setOrganizationName(QStringLiteral("CardDesk"));
    QApplication::setApplicationVersion(QStringLiteral(CARDDESK_VERSION));

    // --lang must be known before any translated text (including --help) is built.
    QString lang;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--lang") && i + 1 < args.size())
            lang = args[i + 1];
        else if (args[i].startsWith(QLatin1String("--lang=")))
            lang = args[i].mid(7);
    }
    Localisation::install(Localisation::localeFor(lang));
    QApplication::setApplicationDisplayName(MainWindow::tr("CardDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(MainWindow::tr("Smart-card issuance and operator console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("database"), MainWindow::tr("SQLite database file."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption keystore(QStringLiteral("keystore"), MainWindow::tr("Issuer key store file (.cdks)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption cardTemplate(QStringLiteral("template"), MainWindow::tr("Card template file (JSON)."),
                                          QStringLiteral("PATH"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        MainWindow::tr("Render the main window to a PNG file once it has settled, "
                                                       "then exit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption langOption(QStringLiteral("lang"), MainWindow::tr("Interface language: zh_CN or en."),
                                        QStringLiteral("LANG"));
    const QCommandLineOption appCaKey(QStringLiteral("app-ca-key"),
                                      MainWindow::tr("Application-download CA key written to issued cards (PEM)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption createDatabase(
        QStringLiteral("create-database"),
        MainWindow::tr("Create the --database file when it does not exist (never done silently)."));
    const QCommandLineOption idleLock(
        QStringLiteral("idle-lock-minutes"),
        MainWindow::tr("Lock the console after N minutes without input (default 10; 0: never)."), QStringLiteral("N"));
    parser.addOptions({database, createDatabase, keystore, cardTemplate, screenshot, langOption, appCaKey, idleLock});
    parser.process(app);

    ConsoleOptions options = ConsoleOptions::defaults();
    if (parser.isSet(database))
        options.databasePath = parser.value(database);
    options.createDatabase = parser.isSet(createDatabase);
    if (parser.isSet(keystore))
        options.keyStorePath = parser.value(keystore);
    if (parser.isSet(cardTemplate))
        options.templatePath = parser.value(cardTemplate);
    if (parser.isSet(appCaKey))
        options.appCaKeyPath = parser.value(appCaKey);
    if (parser.isSet(idleLock)) {
        bool ok = false;
        options.idleLockMinutes = parser.value(idleLock).toInt(&ok);
        if (!ok || options.idleLockMinutes < 0) {
            std::fprintf(stderr, "carddesk: %s\n",
                         qPrintable(MainWindow::tr("--idle-lock-minutes needs a number of minutes (0: never)")));
            return 2;
        }
    }
    // Development runs only: docs/keys.md explains why production desks never put a passphrase in the
    // environment.
    options.keyStorePassphrase =
        QString::fromStdString(cdos::SecretEnvironment::value("CARDDESK_KEYSTORE_PASSPHRASE").value_or(std::string()));

    carddesk::ConsoleSession session; // built once here, shown by the window, gone after it
    MainWindow window(session, options);
    // The operator (docs/operators.md): the one of CARDDESK_OPERATOR with CARDDESK_OPERATOR_PASSWORD when both are
    // set (scripts/run-console.sh sets the development ones), else the login dialog (the first admin's creation on
    // a desk without operators).
    if (const auto password = cdos::SecretEnvironment::value("CARDDESK_OPERATOR_PASSWORD");
        password && session.database().isOpen()) {
        const QString name = qEnvironmentVariable("CARDDESK_OPERATOR");
        if (const QString e = session.operators().login(name, QString::fromStdString(*password)); !e.isEmpty())
            std::fprintf(stderr, "carddesk: %s\n",
                         qPrintable(MainWindow::tr("operator %1 is not logged in: %2").arg(name, e)));
    }
    window.show();
    if (!session.operators().isLoggedIn())
        window.requireLogin();
    if (parser.isSet(screenshot))
        scheduleScreenshot(&window, parser.value(screenshot));
    return QApplication::exec();
}
