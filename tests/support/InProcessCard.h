#pragma once
// The card OS in process, on a test image, served as the card of a local reader of the console's reader manager:
// the model and GUI tests' card when they need no pcscd. The exchanges run on the reader manager's owner thread,
// the only thread that then touches the card object.
#include "carddesk/card/apps/EPurseApplication.h"
#include "carddesk/card/apps/PurseState.h"
#include "carddesk/card/dispatch/CardOs.h"
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

// Forges the card in `reader`: the TAC stored with its last purse transaction is flipped, as a tampered or cloned
// card would prove it. Runs on the reader's owner thread (the only one that touches the card); a second call undoes
// it.
inline void forgeLastTac(carddesk::CardReaderManager& readers, const QString& reader,
                         std::shared_ptr<cdos::card::CardOs> card) {
    QFuture<QVariant> done = readers.submit(reader, [card](carddesk::CardChannel&) {
        const auto addr = cdos::card::EPurseApplication::stateAddress(*card);
        if (!addr)
            return QVariant(false);
        auto st = cdos::card::PurseState::read(card->nvm(), *addr);
        if (st.tac.size() != 4)
            return QVariant(false);
        st.tac[0] ^= 0xFF;
        card->nvm().begin();
        st.write(card->nvm(), *addr);
        card->nvm().commit();
        return QVariant(true);
    });
    done.waitForFinished();
}

} // namespace cdtest
