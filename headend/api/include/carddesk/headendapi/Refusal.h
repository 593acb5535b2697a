#pragma once
// The machine-readable refusal codes of the headend (the "error" member of headend/openapi.yaml's Error): the
// headend throws them, the gateway and the console's support client branch on them. A code the client does not
// know (a newer headend) is still shown by its name: refusalFromCode answers nullopt for it.
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace carddesk::api {

// No explicit values: allRefusals() walks the enumerators from 0.
enum class Refusal {
    // Bodies and the connection gate (before any route).
    RequestTooLarge,
    NotJson,
    MalformedJson,
    BadField,
    LengthRequired,
    HeadersTooLarge,
    BadRequest,
    RequestTimeout,
    // Three-party authentication.
    UnknownAttempt,
    UnknownCard,
    BlockedCard,
    MismatchingData,
    BadCryptogram,
    TooManyAttempts,
    Busy,
    // Sessions, the shared set-up token (a wrong one: not_admin) and the card's grant.
    NoSession,
    UnknownSession,
    ExpiredSession,
    OtherCard,
    NotAdmin,
    NoPermission,
    // Payment.
    UnknownPurchase,
    RequestIdReused,
    InsufficientBalance,
    BadMac1,
    BadMac2,
    BadTac,
    AlreadyCompleted,
    // Top-up.
    UnknownLoad,
    LoadPending,
    NoPendingLoad,
    NotDebited,
    NotRefundable,
    RefundChallengeNeeded,
    CounterMismatch,
    BankRefused,
    // History, administration and the server itself.
    UnknownSubscriber,
    UnknownAccount,
    NotSandbox,
    NotFound,
    MethodNotAllowed,
    Database,
    Internal,
    // Application download.
    NotConfigured,
    UnknownApp,
    CardNotRegistered,
    TooLarge,
    AlreadyInstalled,
    NotInstalled,
    SeedMismatch,
    // Video on demand.
    UnknownTitle,
    // Operator credentials (docs/headend-operators.md).
    NoCredential,      // 401: no X-Operator-Token
    UnknownCredential, // 401: not a credential this headend issued (404 for a revocation of an unknown id)
    RevokedCredential, // 401
    ExpiredCredential, // 401
    MissingRole,       // 403: the credential has none of the route's roles ("roles" lists them)
    SetupOnly,         // 403: the shared set-up token used for anything but issuing the first admin credential
    SetupDone          // 403: the shared set-up token after a live admin credential exists
};

// The code on the wire ("request_too_large").
QString code(Refusal r);
std::optional<Refusal> refusalFromCode(QStringView code);
// Every refusal, for the specification test.
QList<Refusal> allRefusals();

} // namespace carddesk::api
