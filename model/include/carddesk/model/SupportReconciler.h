#pragma once
// Sets the headend's records beside the card's own e-purse log and says, per transaction, whether they agree.
// Matching: same kind (load / purchase) and counter — the card's online or offline counter before the transaction,
// which the headend keeps too — and the same terminal; the completed record wins when the headend holds several
// for one counter (a refunded load and the load that later took its counter). TACs are recomputed from the
// headend's fields with the TAC master key diversified for the card, exactly as the headend checked them
// (PaymentService / LoadService), and the card's last transaction is compared with the TAC the card proves.
// Pure computation: runs on any thread.
#include "carddesk/model/SupportReport.h"

#include <carddesk/protocol/crypto/KeyStore.h>

#include <memory>

namespace carddesk {

class SupportReconciler final {
    Q_DECLARE_TR_FUNCTIONS(SupportReconciler)
public:
    struct Input {
        bool subscriberMode = false;
        QString cardNumber; // card mode
        QString subscriber; // subscriber mode
        QString headendUrl;
        HeadendHistoryClient::Result headend;
        QString reader;                  // empty: no card read
        std::optional<PurseState> card;  // the card in the reader
        std::optional<PurseProof> proof; // its last transaction proved
        std::shared_ptr<const cdos::IssuerKeys> keys;
        // A later page of the history (issue 15): the card's log was set beside the first page already, so its
        // records are not listed again; the page's records are judged against it (older than its reach…).
        bool laterPage = false;
    };

    static SupportReport reconcile(const Input& input);

    // The TAC of a headend record recomputed and compared: nullopt when it cannot be (no TAC recorded, a load
    // without its balance). `amount` / `balanceBefore` replace the record's when >= 0. Throws KeyStoreError.
    static std::optional<bool> tacMatches(const cdos::IssuerKeys& keys, const HeadendHistory::Record& record,
                                          qint64 amount = -1, qint64 balanceBefore = -1);
    // "purchase" / "load" for the card's EP transaction types, empty for the others.
    static QString kindOf(quint8 cardType);
};

} // namespace carddesk
