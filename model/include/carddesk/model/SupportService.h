#pragma once
// The support lookup: the headend's history of a card or a subscriber (HeadendHistoryClient, asynchronous
// network) and the log of the card in the reader (PurseService, on the PC/SC owner thread), then the
// reconciliation on a worker thread. Nothing of it runs on the caller's (GUI) thread but the bookkeeping.
#include "carddesk/model/HeadendHistoryClient.h"
#include "carddesk/model/PurseService.h"
#include "carddesk/model/SupportReconciler.h"
#include "carddesk/model/SupportReport.h"
#include "carddesk/model/SupportTableModel.h"

#include <carddesk/protocol/crypto/KeyStore.h>

#include <QFuture>
#include <QObject>

#include <memory>

namespace carddesk {

class PurseService;

struct SupportQuery {
    bool subscriberMode = false;
    QString cardNumber; // card mode: 20 hex digits
    QString subscriber; // subscriber mode: the user number
    QString reader;     // the reader whose card is set beside the records (empty: none)
};

class SupportService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupportService)
public:
    explicit SupportService(PurseService& purse, QObject* parent = nullptr);
    ~SupportService() override;

    HeadendHistoryClient& client() { return *m_client; }
    // The TAC master keys: the purse service's key ring; without them TACs are "not checked".
    void setIssuerKeys(std::shared_ptr<const cdos::IssuerKeys> keys) { m_purse.setIssuerKeys(std::move(keys)); }
    bool hasIssuerKeys() const { return m_purse.hasIssuerKeys(); }

    // Needs the role for history (and for reconciliation when a reader's card is set beside the records): a
    // refused lookup asks nothing and reads no card (report.refused, headendError names the role).
    QFuture<SupportReport> lookup(const SupportQuery& query);
    // The page after `cursor` of the last lookup's history (issue 15), reconciled against the same card's log
    // (SupportReconciler::Input::laterPage), for SupportTableModel::fetchMore.
    QFuture<SupportTableModel::MoreRows> morePage(const QString& cursor);
    // Writes `report` (SupportReport::write) for an operator allowed to export. The reason in words, or empty.
    QString exportReport(const SupportReport& report, const QString& path);
    bool isBusy() const { return m_busy > 0; }

signals:
    void busyChanged(bool busy);

private:
    struct Pending;
    void finishIfDone(const std::shared_ptr<Pending>& p);
    void setBusy(int delta);

    PurseService& m_purse;
    HeadendHistoryClient* m_client;
    int m_busy = 0;
    std::shared_ptr<const SupportReconciler::Input> m_last; // the last lookup, without its records
};

} // namespace carddesk
