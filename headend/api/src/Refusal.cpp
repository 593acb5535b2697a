#include "carddesk/headendapi/Refusal.h"

namespace carddesk::api {

// A switch, not a table: the compiler (-Wswitch, warnings are errors) refuses an enumerator without its code.
QString code(Refusal r) {
    switch (r) {
    case Refusal::RequestTooLarge:
        return QStringLiteral("request_too_large");
    case Refusal::NotJson:
        return QStringLiteral("not_json");
    case Refusal::MalformedJson:
        return QStringLiteral("malformed_json");
    case Refusal::BadField:
        return QStringLiteral("bad_field");
    case Refusal::LengthRequired:
        return QStringLiteral("length_required");
    case Refusal::HeadersTooLarge:
        return QStringLiteral("headers_too_large");
    case Refusal::BadRequest:
        return QStringLiteral("bad_request");
    case Refusal::RequestTimeout:
        return QStringLiteral("request_timeout");
    case Refusal::UnknownAttempt:
        return QStringLiteral("unknown_attempt");
    case Refusal::UnknownCard:
        return QStringLiteral("unknown_card");
    case Refusal::BlockedCard:
        return QStringLiteral("blocked_card");
    case Refusal::MismatchingData:
        return QStringLiteral("mismatching_data");
    case Refusal::BadCryptogram:
        return QStringLiteral("bad_cryptogram");
    case Refusal::TooManyAttempts:
        return QStringLiteral("too_many_attempts");
    case Refusal::Busy:
        return QStringLiteral("busy");
    case Refusal::NoSession:
        return QStringLiteral("no_session");
    case Refusal::UnknownSession:
        return QStringLiteral("unknown_session");
    case Refusal::ExpiredSession:
        return QStringLiteral("expired_session");
    case Refusal::OtherCard:
        return QStringLiteral("other_card");
    case Refusal::NotAdmin:
        return QStringLiteral("not_admin");
    case Refusal::NoPermission:
        return QStringLiteral("no_permission");
    case Refusal::UnknownPurchase:
        return QStringLiteral("unknown_purchase");
    case Refusal::RequestIdReused:
        return QStringLiteral("request_id_reused");
    case Refusal::InsufficientBalance:
        return QStringLiteral("insufficient_balance");
    case Refusal::BadMac1:
        return QStringLiteral("bad_mac1");
    case Refusal::BadMac2:
        return QStringLiteral("bad_mac2");
    case Refusal::BadTac:
        return QStringLiteral("bad_tac");
    case Refusal::AlreadyCompleted:
        return QStringLiteral("already_completed");
    case Refusal::UnknownLoad:
        return QStringLiteral("unknown_load");
    case Refusal::LoadPending:
        return QStringLiteral("load_pending");
    case Refusal::NoPendingLoad:
        return QStringLiteral("no_pending_load");
    case Refusal::NotDebited:
        return QStringLiteral("not_debited");
    case Refusal::NotRefundable:
        return QStringLiteral("not_refundable");
    case Refusal::RefundChallengeNeeded:
        return QStringLiteral("refund_challenge_needed");
    case Refusal::CounterMismatch:
        return QStringLiteral("counter_mismatch");
    case Refusal::BankRefused:
        return QStringLiteral("bank_refused");
    case Refusal::UnknownSubscriber:
        return QStringLiteral("unknown_subscriber");
    case Refusal::UnknownAccount:
        return QStringLiteral("unknown_account");
    case Refusal::NotSandbox:
        return QStringLiteral("not_sandbox");
    case Refusal::NotFound:
        return QStringLiteral("not_found");
    case Refusal::MethodNotAllowed:
        return QStringLiteral("method_not_allowed");
    case Refusal::Database:
        return QStringLiteral("database");
    case Refusal::Internal:
        return QStringLiteral("internal");
    case Refusal::NotConfigured:
        return QStringLiteral("not_configured");
    case Refusal::UnknownApp:
        return QStringLiteral("unknown_app");
    case Refusal::CardNotRegistered:
        return QStringLiteral("card_not_registered");
    case Refusal::TooLarge:
        return QStringLiteral("too_large");
    case Refusal::AlreadyInstalled:
        return QStringLiteral("already_installed");
    case Refusal::NotInstalled:
        return QStringLiteral("not_installed");
    case Refusal::SeedMismatch:
        return QStringLiteral("seed_mismatch");
    case Refusal::UnknownTitle:
        return QStringLiteral("unknown_title");
    case Refusal::NoCredential:
        return QStringLiteral("no_credential");
    case Refusal::UnknownCredential:
        return QStringLiteral("unknown_credential");
    case Refusal::RevokedCredential:
        return QStringLiteral("revoked_credential");
    case Refusal::ExpiredCredential:
        return QStringLiteral("expired_credential");
    case Refusal::MissingRole:
        return QStringLiteral("missing_role");
    case Refusal::SetupOnly:
        return QStringLiteral("setup_only");
    case Refusal::SetupDone:
        return QStringLiteral("setup_done");
    }
    return {};
}

QList<Refusal> allRefusals() {
    // The enumerators run from 0 without gaps; the first value without a code is past the last one.
    QList<Refusal> out;
    for (int i = 0; !code(static_cast<Refusal>(i)).isEmpty(); ++i)
        out.append(static_cast<Refusal>(i));
    return out;
}

std::optional<Refusal> refusalFromCode(QStringView text) {
    for (const Refusal r : allRefusals())
        if (text == code(r))
            return r;
    return std::nullopt;
}

} // namespace carddesk::api
