#pragma once
// Every sentence the gateway shows a person, in English or Simplified Chinese (--lang zh_CN), through Qt Linguist
// like the console's (translations/carddesk-gateway_zh_CN.ts, compiled into the program). The tests read English.
#include "carddesk/cardio/link/Error.h"

#include <QString>

#include <cstdint>

namespace cdgw {

enum class Msg {
    WaitingForCard,
    CardIn,
    Authenticating,
    Authenticated,
    UnknownCard,
    BlockedCard,
    CardRefusedHeadend,
    HeadendRefusedCard,
    HeadendUnreachable,
    CertificateMismatch,
    HeadendError,
    CardError,
    NoCard,
    NoUsers,
    CardLost,
    ReaderLost,
    NoPcscService,
    CardUnreachable,
    NoSuchReader,
    NoReaderAtAll,
    ChooseUser,
    EnterPin,
    WrongPin,
    UserBlocked,
    Welcome,
    Menu,
    MenuPay,
    MenuTopUp,
    MenuBalance,
    MenuQuit,
    Amount,
    BadAmount,
    Balance,
    Paid,
    InsufficientBalance,
    ToppedUp,
    BankRefused,
    OverLimit,
    Recovering,
    RecoveredDone,
    RecoveredNotDone,
    PendingLoad,
    PendingLoadChoice,
    PendingLoadFinish,
    PendingLoadRefund,
    PendingLoadRefunded,
    FallbackLogin,
    PaymentPin,
    Bye,
    AppsMenu,
    AppsInstall,
    AppsDelete,
    AppsBack,
    AppsOffered,
    AppsOnCard,
    AppsItem,
    AppsItemInstalled,
    AppsNoneOffered,
    AppsNoneOnCard,
    AppsInstalling,
    AppsInstalled,
    AppsInstallRefused,
    AppsDeleting,
    AppsDeleted,
    AppsDeleteRefused,
    AppsNotConfigured,
    AppsUnknownApp,
    AppsCardNotRegistered,
    AppsNoPermission,
    AppsAlreadyInstalled,
    AppsNotInstalledHere,
    BadChoice,
    PinFormat,
    ServiceUnavailable,
    TvNotConfigured,
    Channels,
    Tuning,
    TvEnded,
    NotEntitled,
    EcmRefused,
    PlayerClosed,
    TvError,
    VodCatalogue,
    VodItem,
    VodEmpty,
    VodAlreadyOwned,
    VodPriceChanged,
    VodRightOpened,
    VodRightRefused,
    VodNoStream,
    MenuEditTitle,
    MenuEditShown,
    MenuEditHidden,
    MenuEditDeleted,
    MenuEditNew,
    MenuEditAdd,
    MenuEditSave,
    MenuEditCancel,
    MenuEditEntry,
    MenuEditHide,
    MenuEditShow,
    MenuEditDelete,
    MenuEditKeep,
    MenuEditService,
    MenuEditNewTitle,
    MenuEditBadTitle,
    MenuEditFull,
    MenuEditNothing,
    MenuEditSaved,
    MenuEditRefused,
    ServiceLiveTv,
    ServiceVod,
    ServicePurse,
    ServiceTopUp,
    ServiceApps,
    ServiceSettings,
};

class Messages {
public:
    // "en" (default) or "zh_CN" (also "zh"); false for any other language (the caller says so and stops).
    static bool setLanguage(const QString& lang);
    static QString text(Msg m);
    // A card's status word in words of the chosen language (protocol's one table, e-purse meanings first).
    static QString statusWord(std::uint16_t sw);
    // What a failed PC/SC call means for the person (card taken out, reader gone, no smart-card service), in words.
    static QString linkError(const carddesk::pcsc::Error& e);
    // The headend's UTC stamp (ISO 8601) as the person's local time; as sent when unreadable.
    static QString localTime(const QString& isoUtc);
    static bool chinese(); // for sentences that come from elsewhere in English (the card's status words)
};

inline QString tr(Msg m) {
    return Messages::text(m);
}

} // namespace cdgw
