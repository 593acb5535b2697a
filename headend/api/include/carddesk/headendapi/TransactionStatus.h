#pragma once
// The states of purchases and top-ups as the API reports them (openapi.yaml: the Load schema's enum and the history's
// Transaction.status), and as the headend's tables keep them.
#include <QString>
#include <QStringList>

namespace carddesk::api {

namespace purchaseStatus {
inline const QString pending = QStringLiteral("pending"); // initialised: the card has not debited yet
inline const QString completed = QStringLiteral("completed");
inline QStringList all() {
    return {pending, completed};
}
} // namespace purchaseStatus

namespace loadStatus {
inline const QString authorised = QStringLiteral("authorised"); // the card's INITIALIZE FOR LOAD checked
inline const QString debited = QStringLiteral("debited");       // the bank paid; MAC2 issued
inline const QString completed = QStringLiteral("completed");   // the card's TAC came back
inline const QString refunded = QStringLiteral("refunded");     // the bank transfer reversed
inline const QString refused = QStringLiteral("refused");       // the bank refused (history only: answered 402)
// What a Load object may say (refused is answered as a refusal, never as a Load).
inline QStringList ofLoad() {
    return {authorised, debited, completed, refunded};
}
} // namespace loadStatus

} // namespace carddesk::api
