#pragma once
// What PcscWorker's files share (PcscWorker.cpp, PcscWorkerReaders.cpp): the owner thread's timing and the life cycle
// an ATR gives. Private to cardio.
#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/CardError.h"
#include "carddesk/cardio/CardReaderManager.h"

#include <pcsclite.h>

namespace carddesk::pcsc_worker {

inline constexpr const char* kPnpReader = "\\\\?PnP?\\Notification";
// Upper bound of a wait: covers the rare SCardCancel that arrives just before the wait starts, and is how often
// another program's hold on a card is sampled (pcsc-lite wakes no wait for it): carddesk-cli issues a card in
// about a quarter of a second, which 500 ms missed half of the time.
inline constexpr DWORD kWaitMs = 100;
inline constexpr int kServiceRetryMs = 1000;

inline QString noServiceMessage() {
    return CardError::tr("PC/SC service not running");
}

// A card just seen: the life cycle its ATR gives (CardDesk cards only), until the card itself answers.
inline void setAtrLifeCycle(ReaderState& s) {
    s.lifeCycle = s.cardPresent ? ApduDecoder::lifeCycleFromAtr(s.atr) : std::nullopt;
    s.lifeCycleFrom = s.lifeCycle ? LifeCycleSource::Atr : LifeCycleSource::None;
}

} // namespace carddesk::pcsc_worker
