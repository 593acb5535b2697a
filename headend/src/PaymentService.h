#pragma once
// The payment host of [0012]–[0014]: MAC1 for a purchase from the card's INITIALIZE FOR PURCHASE answer, then MAC2
// and TAC checked and the purchase recorded in a double-entry ledger (debit positive, credit negative; every
// transaction's entries sum to zero): subscriber purse liability "purse:<card>" against "operator:revenue".
#include "HeadendDatabase.h"
#include "carddesk/headendapi/PurchaseMessages.h"
#include "carddesk/protocol/crypto/KeyStore.h"

#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace carddesk::headend {

class PaymentService {
public:
    PaymentService(const cdos::IssuerKeys& keys, HeadendDatabase& db) : m_keys(keys), m_db(db) {}

    // MAC1 and the values for DEBIT FOR PURCHASE. The same requestId answers the same MAC1 again (idempotent), never
    // a second purchase. recordItem runs inside a new purchase's database transaction with its id (not for a
    // repeated requestId): a VOD purchase records the title sold there.
    api::PurchaseAnswer beginPurchase(const QString& cardNumberHex, const api::PurchaseRequest& request,
                                      const std::function<void(qint64 purchaseId)>& recordItem = {});
    // MAC2 and TAC checked once, recorded once (the same completion again answers the same).
    api::PurchaseCompletionAnswer completePurchase(const QString& cardNumberHex, qint64 purchaseId,
                                                   const api::PurchaseCompletion& request);

    // The headend's authorisation of the VOD right a purchase paid for (cdos::ca::vodRightMac, under the card's
    // PURCHASE sub-key, over the purchase's own offline counter), as hex.
    QString vodRightMac(const QString& cardNumberHex, qint64 purchaseId, std::uint16_t programme, std::uint32_t price,
                        std::uint16_t validDays);

    // Account -> balance (sum of entries), for reconciliation.
    QJsonObject ledgerBalances();

private:
    api::PurchaseAnswer purchaseAnswer(qint64 id);
    const cdos::IssuerKeys& m_keys;
    HeadendDatabase& m_db;
};

} // namespace carddesk::headend
