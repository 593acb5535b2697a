#pragma once
// The GUI tests' desk: the real main window over a test database in a temporary folder, the standard template and
// the development key store, optionally without PC/SC, and the standard card issued through the window's own
// IssuanceService (DeskCard.h adds an in-process card), the development admin logged in (every role: the services
// ask the operator first, docs/operators.md). Set-up only: the tests keep their own checks.
#include "CardPanel.h"
#include "ConsoleOptions.h"
#include "MainWindow.h"
#include "ReadersPanel.h"

#include "support/StandardCard.h"
#include "support/TestOperators.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/model/ConsoleSession.h>
#include <carddesk/model/ReaderListModel.h>

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace guitest {

// Holder of the GUI tests' standard card: user 1 135790, user 2 8888, user 3 2468.
inline QByteArray deskHolderJson() {
    return R"({"holder": {"userNumber": "U0001", "account": "6222020200112233", "name": "张伟"},
            "users": [{"number": 1, "pin": "135790"}, {"number": 2, "pin": "8888"}, {"number": 3, "pin": "2468"}]})";
}

// A test database made on purpose in `dir`, the standard template, the development key store; no PC/SC unless
// `usePcsc` (a deterministic desk whatever runs on this machine).
inline carddesk::ConsoleOptions deskOptions(const QTemporaryDir& dir, bool usePcsc = false,
                                            const QString& database = QStringLiteral("desk.sqlite")) {
    carddesk::ConsoleOptions options;
    options.databasePath = dir.filePath(database);
    options.createDatabase = true;
    options.templatePath = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/templates/standard-tv.json");
    options.keyStorePath = QStringLiteral(CARDDESK_SOURCE_DIR "/resources/keystores/development.cdks");
    options.usePcsc = usePcsc;
    return options;
}

// The window, shown and exposed (null when it never was), with the development admin logged in.
inline std::unique_ptr<carddesk::MainWindow> openDesk(const carddesk::ConsoleOptions& options, QSize size = {}) {
    auto window = std::make_unique<carddesk::MainWindow>(options);
    if (window->database()->isOpen() && !cdtest::logIn(window->session()->operators()).isEmpty())
        return nullptr;
    if (size.isValid())
        window->resize(size);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

// The standard card issued in `reader` through the window's IssuanceService (the issuance tab has its own tests);
// the card panel reads it again afterwards.
inline carddesk::IssuanceResult issueDeskCard(carddesk::MainWindow& window, const QString& reader) {
    const carddesk::IssuanceResult issued =
        cdtest::issueStandardCard(*window.issuanceService(), reader, deskHolderJson());
    window.cardPanel()->refresh();
    return issued;
}

} // namespace guitest
