#pragma once
// Every sentence the gateway shows a person, in English or Simplified Chinese (--lang zh_CN). A small table rather
// than Qt Linguist: the gateway is a terminal program without .qm files to install, and the tests read English.
#include <QString>

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
    FallbackLogin,
    PaymentPin,
    Bye,
    BadChoice,
    ServiceUnavailable,
};

class Messages {
public:
    static void setLanguage(const QString& lang); // "en" (default) or "zh_CN"
    static QString text(Msg m);
};

inline QString tr(Msg m) {
    return Messages::text(m);
}

} // namespace cdgw
