#pragma once
// Online top-up ([0015]–[0017]): check the card's MAC1 from INITIALIZE FOR LOAD, move the amount from the holder's
// bank account to the operator's service account (BankConnector, idempotent by transfer id "load-<id>"), issue
// MAC2, check the TAC. States: authorised -> debited -> completed | refunded; refused when the bank says no.
// A load that never reached the card is recovered with a fresh INITIALIZE FOR LOAD answer: its online counter
// tells whether the card was credited (counter moved on) or not (same counter: re-issue MAC2, or refund).
// Ledger (debit positive): bank debit = service account +, loads in flight −; card credited = in flight +,
// purse:<card> −; refund = in flight +, service account −.
#include "BankConnector.h"
#include "HeadendDatabase.h"
#include "carddesk/headendapi/LoadMessages.h"
#include "carddesk/protocol/crypto/KeyStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace carddesk::headend {

class LoadService {
public:
    LoadService(const cdos::IssuerKeys& keys, HeadendDatabase& db, BankConnector& bank, QString serviceAccount)
        : m_keys(keys), m_db(db), m_bank(bank), m_serviceAccount(std::move(serviceAccount)) {}

    // MAC1 checked, the bank debited, MAC2 issued (mac2, date and time in the answer while the load is debited).
    api::LoadAnswer beginLoad(const QString& card, const api::LoadRequest& request);
    // The card's TAC: the load is completed.
    api::LoadAnswer completeLoad(const QString& card, qint64 id, const api::LoadCompletion& request);
    // A fresh INITIALIZE FOR LOAD answer and reissue | refund -> the load as it then is (a new MAC2 when reissued).
    api::LoadAnswer recoverLoad(const QString& card, qint64 id, const api::LoadRecovery& request);
    // A refund needs proof that the card can no longer use the MAC2 already issued: a fresh INITIALIZE FOR LOAD
    // whose terminal id is this one-time challenge (docs/authentication.md, "Refund of an unfinished top-up").
    api::RefundChallenge refundChallenge(const QString& card, qint64 id);
    // The card's unfinished load (authorised or debited), for a terminal that finds one when it starts a new load;
    // 404 no_pending_load when there is none.
    api::PendingLoad pendingLoad(const QString& card);

private:
    struct Row;
    Row load(const QString& card, qint64 id);
    api::LoadAnswer answer(const Row& r);
    // Runs (or repeats) the bank transfer of an authorised load and moves it to debited or refused.
    void debit(Row& r);
    void markCompleted(Row& r, const QString& tac);

    const cdos::IssuerKeys& m_keys;
    HeadendDatabase& m_db;
    BankConnector& m_bank;
    QString m_serviceAccount;
};

} // namespace carddesk::headend
