#pragma once
// An in-process card in the GUI tests' desk (tests that link the card OS).
#include "DeskWindow.h"

#include "support/InProcessCard.h"

namespace guitest {

// `card` goes into the local reader `reader` (from here only the owner thread touches it), which is then selected
// and shows its card page. False when any step did not happen in time.
inline bool insertAndSelect(carddesk::MainWindow& window, const QString& reader,
                            std::shared_ptr<cdos::card::CardOs> card) {
    window.readers()->addLocalReader(reader);
    cdtest::insertInProcessCard(*window.readers(), reader, std::move(card));
    if (!QTest::qWaitFor([&] { return window.readersPanel()->model()->rowOf(reader) >= 0; }))
        return false;
    if (!window.readersPanel()->selectReader(reader))
        return false;
    return QTest::qWaitFor([&] { return window.cardPanel()->page() == carddesk::CardPanel::Page::Card; });
}

} // namespace guitest
