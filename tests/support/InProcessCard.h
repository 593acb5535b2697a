#pragma once
// The card OS in process, on a test image, served as the card of a local reader of the console's reader manager:
// the model and GUI tests' card when they need no pcscd. The exchanges run on the reader manager's owner thread,
// the only thread that then touches the card object.
#include "carddesk/card/CardOs.h"
#include "carddesk/cardio/CardReaderManager.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace cdtest {

inline QByteArray toQt(const cdos::Bytes& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<qsizetype>(b.size()));
}

inline cdos::Bytes fromQt(const QByteArray& b) {
    return cdos::Bytes(b.cbegin(), b.cend());
}

// A new blank card on `imagePath` (not durable: a test image needs no fdatasync).
inline std::shared_ptr<cdos::card::CardOs> newTestCard(const QString& imagePath) {
    cdos::card::NvmOptions nvm;
    nvm.durable = false;
    return std::make_shared<cdos::card::CardOs>(cdos::card::Nvm::create(imagePath.toStdString(), nvm));
}

// Puts `card` into the (already added) local reader `reader`.
inline void insertInProcessCard(carddesk::CardReaderManager& readers, const QString& reader,
                                std::shared_ptr<cdos::card::CardOs> card) {
    const QByteArray atr = toQt(card->atr());
    readers.insertLocalCard(reader, atr, [card](const QByteArray& c) { return toQt(card->process(fromQt(c))); });
}

} // namespace cdtest
