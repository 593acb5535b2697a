#include "carddesk/model/SupportService.h"

#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"
#include "carddesk/model/PurseService.h"
#include "carddesk/model/SupportReconciler.h"

#include <QPromise>

namespace carddesk {

struct SupportService::Pending {
    QPromise<SupportReport> promise;
    SupportReconciler::Input input;
    bool headendDone = false;
    bool cardDone = false;
};

SupportService::SupportService(PurseService& purse, QObject* parent)
    : QObject(parent), m_purse(purse), m_client(new HeadendHistoryClient(this)) {
    qRegisterMetaType<SupportReport>();
}

SupportService::~SupportService() = default;

void SupportService::setBusy(int delta) {
    const bool was = isBusy();
    m_busy += delta;
    if (was != isBusy())
        emit busyChanged(isBusy());
}

QFuture<SupportReport> SupportService::lookup(const SupportQuery& query) {
    try {
        // Reconciliation (a card set beside the records) first: it is what the operator asked for.
        if (!query.reader.isEmpty())
            m_purse.operators().require(Operation::Reconciliation);
        m_purse.operators().require(Operation::History, query.subscriberMode ? QString() : query.cardNumber);
    } catch (const AccessDenied& e) {
        SupportReport refused;
        refused.subscriberMode = query.subscriberMode;
        refused.cardNumber = query.cardNumber.trimmed().toUpper();
        refused.subscriber = query.subscriber.trimmed();
        refused.createdAt = QDateTime::currentDateTimeUtc();
        refused.headendError = e.text;
        refused.refused = true;
        return QtFuture::makeReadyFuture(refused);
    }
    auto p = std::make_shared<Pending>();
    QFuture<SupportReport> future = p->promise.future();
    p->promise.start();
    p->input.subscriberMode = query.subscriberMode;
    p->input.cardNumber = query.cardNumber.trimmed().toUpper();
    p->input.subscriber = query.subscriber.trimmed();
    p->input.headendUrl = m_client->displayUrl();
    p->input.reader = query.reader;
    p->input.keys = m_purse.keyRing().keys();
    // Either side may already be done when its continuation is attached (a refusal before any request).
    p->cardDone = query.reader.isEmpty();
    setBusy(1);

    // The first page only (the newest records, which the card's log covers); the view fetches the others as it
    // scrolls (morePage).
    QFuture<HeadendHistoryClient::Result> history =
        query.subscriberMode ? m_client->subscriberTransactionsPage(p->input.subscriber, QString())
                             : m_client->cardTransactionsPage(p->input.cardNumber, QString());
    history.then(this, [this, p](const HeadendHistoryClient::Result& r) {
        p->input.headend = r;
        p->headendDone = true;
        finishIfDone(p);
    });

    if (!query.reader.isEmpty()) {
        const QString reader = query.reader;
        m_purse.readCard(reader).then(this, [this, p, reader](const PurseState& s) {
            p->input.card = s;
            // The last transaction's TAC, as the card proves it (needs the keys; a purse without one has none).
            if (!s.ok() || !s.last || !m_purse.hasIssuerKeys()) {
                p->cardDone = true;
                finishIfDone(p);
                return;
            }
            m_purse.proveCard(reader).then(this, [this, p](const PurseProof& proof) {
                p->input.proof = proof;
                p->cardDone = true;
                finishIfDone(p);
            });
        });
    }
    return future;
}

QString SupportService::exportReport(const SupportReport& report, const QString& path) {
    try {
        m_purse.operators().require(Operation::Export);
    } catch (const AccessDenied& e) {
        return e.text;
    }
    return report.write(path);
}

QFuture<SupportTableModel::MoreRows> SupportService::morePage(const QString& cursor) {
    using MoreRows = SupportTableModel::MoreRows;
    if (!m_last) {
        MoreRows none;
        none.error = tr("there is no lookup to continue");
        return QtFuture::makeReadyFuture(none);
    }
    try {
        m_purse.operators().require(Operation::History, m_last->subscriberMode ? QString() : m_last->cardNumber);
    } catch (const AccessDenied& e) {
        MoreRows refused;
        refused.error = e.text;
        return QtFuture::makeReadyFuture(refused);
    }
    const std::shared_ptr<const SupportReconciler::Input> last = m_last;
    QFuture<HeadendHistoryClient::Result> page = last->subscriberMode
                                                     ? m_client->subscriberTransactionsPage(last->subscriber, cursor)
                                                     : m_client->cardTransactionsPage(last->cardNumber, cursor);
    return page.then(QtFuture::Launch::Async, [last](const HeadendHistoryClient::Result& r) {
        MoreRows more;
        if (!r.ok()) {
            more.error = r.error;
            return more;
        }
        SupportReconciler::Input in = *last;
        in.headend = r;
        in.laterPage = true;
        try {
            const SupportReport report = SupportReconciler::reconcile(in);
            more.rows = report.rows;
            more.next = report.nextCursor;
        } catch (const std::exception& e) {
            more.error = tr("the reconciliation failed: %1").arg(QString::fromLocal8Bit(e.what()));
        }
        return more;
    });
}

void SupportService::finishIfDone(const std::shared_ptr<Pending>& p) {
    if (!p->headendDone || !p->cardDone)
        return;
    auto last = std::make_shared<SupportReconciler::Input>(p->input);
    last->headend.history.records.clear();
    m_last = last;
    // The 3DES per record is cheap, but a subscriber's history can be long: a worker thread, not the GUI's.
    QtFuture::makeReadyFuture(p->input)
        .then(QtFuture::Launch::Async,
              [](const SupportReconciler::Input& in) {
                  try {
                      return SupportReconciler::reconcile(in);
                  } catch (const std::exception& e) {
                      SupportReport failed;
                      failed.headendError = tr("the reconciliation failed: %1").arg(QString::fromLocal8Bit(e.what()));
                      failed.headendFailure = HeadendHistoryClient::Failure::BadAnswer;
                      return failed;
                  }
              })
        .then(this, [this, p](const SupportReport& report) {
            setBusy(-1);
            p->promise.addResult(report);
            p->promise.finish();
        });
}

} // namespace carddesk
