#include "carddesk/cardio/CardReaderManager.h"

#include "PcscWorker.h"

#include "carddesk/cardio/ApduDecoder.h"
#include "carddesk/cardio/TraceLog.h"

#include <carddesk/protocol/crypto/KeyStore.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QPromise>

namespace carddesk {

CardReaderManager::CardReaderManager(QObject* parent, TraceLog* trace) : QObject(parent), m_trace(trace) {
    qRegisterMetaType<ReaderState>();
    qRegisterMetaType<ServiceStatus>();
    qRegisterMetaType<JobResult>();
    if (!m_trace) {
        m_ownTrace = std::make_unique<TraceLog>();
        m_trace = m_ownTrace.get();
    }
    m_worker = std::make_unique<PcscWorker>(m_trace);
    // The worker emits from its own thread; these connections queue the signals to this object's thread.
    connect(m_worker.get(), &PcscWorker::readerAdded, this, &CardReaderManager::readerAdded);
    connect(m_worker.get(), &PcscWorker::readerRemoved, this, &CardReaderManager::readerRemoved);
    connect(m_worker.get(), &PcscWorker::cardInserted, this, &CardReaderManager::cardInserted);
    connect(m_worker.get(), &PcscWorker::cardRemoved, this, &CardReaderManager::cardRemoved);
    connect(m_worker.get(), &PcscWorker::readerStateChanged, this, &CardReaderManager::readerStateChanged);
    connect(m_worker.get(), &PcscWorker::serviceStatusChanged, this, &CardReaderManager::serviceStatusChanged);
}

CardReaderManager::~CardReaderManager() {
    stop();
}

void CardReaderManager::start(bool usePcsc) {
    m_worker->startThread(usePcsc);
}

void CardReaderManager::stop() {
    m_worker->stopThread();
}

bool CardReaderManager::isRunning() const {
    return m_worker->isRunning();
}

bool CardReaderManager::waitForReady(int timeoutMs) const {
    return m_worker->waitForReady(timeoutMs);
}

ServiceStatus CardReaderManager::serviceStatus() const {
    return m_worker->serviceStatus();
}

QString CardReaderManager::serviceMessage() const {
    return m_worker->serviceMessage();
}

QList<ReaderState> CardReaderManager::readers() const {
    return m_worker->readers();
}

QStringList CardReaderManager::readerNames() const {
    QStringList names;
    for (const auto& r : readers())
        names << r.name;
    return names;
}

std::optional<ReaderState> CardReaderManager::reader(const QString& name) const {
    for (const auto& r : readers())
        if (r.name == name)
            return r;
    return std::nullopt;
}

QFuture<QVariant> CardReaderManager::submit(const QString& readerName, Job job) {
    auto promise = std::make_shared<QPromise<QVariant>>();
    QFuture<QVariant> future = promise->future();
    promise->start();
    auto done = [promise](const QVariant& value, std::exception_ptr error) {
        if (error)
            promise->setException(error);
        else
            promise->addResult(value);
        promise->finish();
    };
    m_worker->enqueue(readerName, std::move(job), std::move(done));
    return future;
}

void CardReaderManager::submit(const QString& readerName, Job job, QObject* context,
                               std::function<void(const JobResult&)> done) {
    // QFuture::then with a context runs the continuation on the context's thread, and not at all once the
    // context is destroyed.
    submit(readerName, std::move(job)).then(context, [done = std::move(done)](QFuture<QVariant> f) {
        JobResult r;
        try {
            r.value = f.result();
        } catch (...) {
            r = resultFromException(std::current_exception());
        }
        done(r);
    });
}

JobResult CardReaderManager::run(const QString& readerName, Job job) {
    // A job waiting for a job on the one owner thread would wait forever.
    if (m_worker->isOwnerThread()) {
        JobResult r;
        r.error = CardError::tr("a card job cannot wait for another card job");
        r.cardError = CardError::Kind::Other;
        return r;
    }
    QFuture<QVariant> f = submit(readerName, std::move(job));
    JobResult r;
    try {
        // waitForFinished() already rethrows the job's exception.
        f.waitForFinished();
        r.value = f.result();
    } catch (...) {
        r = resultFromException(std::current_exception());
    }
    return r;
}

JobResult CardReaderManager::resultFromException(std::exception_ptr error) {
    JobResult r;
    try {
        std::rethrow_exception(error);
    } catch (const CardError& e) {
        r.error = e.message();
        r.detail = e.detail();
        r.cardError = e.kind();
    } catch (const cdos::PersonalisationError& e) {
        r.sw = e.sw;
        r.error = e.sw ? CardError::tr("the card refused a command: %1 (%2)")
                             .arg(QString::fromStdString(e.what()), ApduDecoder::statusWordMeaning(e.sw))
                       : QString::fromStdString(e.what());
    } catch (const cdos::KeyStoreError& e) {
        r.error = CardError::tr("key store: %1").arg(QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        r.error = QString::fromStdString(e.what());
    } catch (...) {
        r.error = CardError::tr("unknown error in a card job");
    }
    if (r.error.isEmpty())
        r.error = CardError::tr("unknown error in a card job");
    return r;
}

void CardReaderManager::addLocalReader(const QString& name) {
    m_worker->addLocalReader(name);
}

void CardReaderManager::removeLocalReader(const QString& name) {
    m_worker->removeLocalReader(name);
}

void CardReaderManager::insertLocalCard(const QString& readerName, const QByteArray& atr, LocalExchange exchange) {
    m_worker->insertLocalCard(readerName, atr, std::move(exchange));
}

void CardReaderManager::removeLocalCard(const QString& readerName) {
    m_worker->removeLocalCard(readerName);
}

} // namespace carddesk
