#include "carddesk/model/AppService.h"
#include <carddesk/cardio/HexText.h>

#include "carddesk/model/Database.h"
#include "carddesk/model/OperatorSession.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/protocol/apdu/CommandSet.h>
#include <carddesk/protocol/appdl/AppCommands.h>
#include <carddesk/protocol/appdl/AppProducer.h>
#include <carddesk/protocol/appdl/AppRegistryRecord.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QFile>
#include <QJsonArray>

namespace carddesk {

namespace {

// The English texts of cdos::appdl::statusText, for lupdate; statusText() translates them in this context.
const char* const kStatusTexts[] = {
    QT_TRANSLATE_NOOP("carddesk::AppService", "the certificate or install unit is malformed"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "blocks out of sequence"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the install data is too long"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the certificate's signature is not the certification authority's"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the install unit and the certificate are for different applications"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the certificate is for another card"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the card's issuer is not in the certificate's issuer group"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the card's product is not in the certificate's product group"),
    QT_TRANSLATE_NOOP("carddesk::AppService",
                      "signature algorithm not supported or not the same in unit and certificate"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "hash algorithm not supported or not the same in unit and certificate"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "process-key cipher not supported"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application is already installed"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "not enough card memory (NVM) for the application"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application needs more RAM than the card gives"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application registry is full"),
    QT_TRANSLATE_NOOP("carddesk::AppService",
                      "the key transport units or the encrypted data cannot be decrypted by this card"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "a public key in the certificate is unusable"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application code does not match the provider's signature"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the configuration does not match the issuer's signature"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the card has no key pair"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the card has no certification authority key"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application is not installed"),
    QT_TRANSLATE_NOOP("carddesk::AppService",
                      "the delete certificate is for an earlier installation of the application"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the card already had a newer version of the application"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application failed"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application ran too long"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application used too much memory"),
    QT_TRANSLATE_NOOP("carddesk::AppService", "the application accessed memory outside its own file"),
};

cdos::Bytes bytes(const QByteArray& b) {
    return cdos::Bytes(b.cbegin(), b.cend());
}
quint32 u32(const cdos::Bytes& b, std::size_t at) {
    return quint32(b[at]) << 24 | quint32(b[at + 1]) << 16 | quint32(b[at + 2]) << 8 | b[at + 3];
}
quint16 u16(const cdos::Bytes& b, std::size_t at) {
    return quint16(b[at] << 8 | b[at + 1]);
}

AppEntry entryFrom(const cdos::appdl::RegistryRecord& r) {
    AppEntry e;
    e.slot = r.slot;
    e.aid = qbytesOf(r.aid);
    e.version = r.version;
    e.dataLength = r.staticLength;
    e.dfFid = r.dfFid;
    e.codeLength = r.codeLength;
    e.configLength = r.configLength;
    e.ramBound = r.ramBound;
    e.dfStart = r.dfStart;
    e.dfEnd = r.dfEnd;
    e.seed = qbytesOf(r.seed);
    return e;
}

AppCardState readOn(CardChannel& channel) {
    AppCardState s;
    auto data = [&](std::uint16_t tag) {
        const cdos::ResponseApdu r = channel.transmit(cdos::getData(tag));
        return r.ok() ? qbytesOf(r.data) : QByteArray();
    };
    s.cardNumber = hexText(data(cdos::tag::CardNumber));
    s.issuerSerial = hexText(data(cdos::tag::IssuerSerial));
    s.productSerial = hexText(data(cdos::tag::ProductSerial));
    const cdos::ResponseApdu nvm = channel.transmit(cdos::getData(cdos::tag::Nvm));
    if (nvm.ok() && nvm.data.size() >= 10) {
        s.nvmTotal = u32(nvm.data, 0);
        s.nvmFree = u32(nvm.data, 4);
        s.pageSize = u16(nvm.data, 8);
    }
    for (const auto& r : cdos::appdl::readRegistry(channel.transmitter()))
        s.apps.append(entryFrom(r));
    return s;
}

cdos::appdl::AppProducer producerFor(const AppPackageRequest& r, cdos::appdl::CardIdentity& card) {
    card.cardNumber = bytes(r.cardNumber);
    card.issuerSerial = bytes(r.issuerSerial);
    card.productSerial = bytes(r.productSerial);
    if (card.cardNumber.size() != 10 || card.issuerSerial.size() != 8 || card.productSerial.size() != 8)
        throw std::runtime_error(
            QCoreApplication::translate("carddesk::AppService",
                                        "card number (10 bytes), issuer serial and product serial (8 bytes) are needed")
                .toStdString());
    if (r.aid.size() < 5 || r.aid.size() > 16)
        throw std::runtime_error(
            QCoreApplication::translate("carddesk::AppService", "the AID must be 5 to 16 bytes").toStdString());
    return cdos::appdl::AppProducer(cdos::appdl::AppAuthorities::development(
        (r.keyDir.isEmpty() ? AppService::defaultKeyDir() : r.keyDir).toStdString(), r.kind.toStdString()));
}

} // namespace

QJsonObject AppEntry::toJson() const {
    return QJsonObject{{QStringLiteral("slot"), slot},
                       {QStringLiteral("aid"), hexText(aid)},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("df"), QString::number(dfFid, 16).toUpper()},
                       {QStringLiteral("codeBytes"), qint64(codeLength)},
                       {QStringLiteral("configBytes"), qint64(configLength)},
                       {QStringLiteral("dataBytes"), qint64(dataLength)},
                       {QStringLiteral("ramBound"), qint64(ramBound)},
                       {QStringLiteral("dfStart"), qint64(dfStart)},
                       {QStringLiteral("dfEnd"), qint64(dfEnd)},
                       {QStringLiteral("seed"), hexText(seed)}};
}

QJsonObject AppCardState::toJson() const {
    QJsonArray list;
    for (const auto& a : apps)
        list.append(a.toJson());
    QJsonObject o{{QStringLiteral("reader"), reader},
                  {QStringLiteral("cardNumber"), cardNumber},
                  {QStringLiteral("issuerSerial"), issuerSerial},
                  {QStringLiteral("productSerial"), productSerial},
                  {QStringLiteral("nvmTotal"), qint64(nvmTotal)},
                  {QStringLiteral("nvmFree"), qint64(nvmFree)},
                  {QStringLiteral("applications"), list}};
    if (!ok())
        o.insert(QStringLiteral("error"), error);
    if (!errorDetail.isEmpty())
        o.insert(QStringLiteral("errorDetail"), errorDetail);
    return o;
}

QJsonObject AppOperationResult::toJson() const {
    QJsonObject o{{QStringLiteral("ok"), ok},
                  {QStringLiteral("sw"), QString::number(sw, 16).toUpper().rightJustified(4, QLatin1Char('0'))},
                  {QStringLiteral("blocks"), blocks}};
    if (!seed.isEmpty()) {
        o.insert(QStringLiteral("seed"), hexText(seed));
        o.insert(QStringLiteral("slot"), slot);
    }
    if (!ok)
        o.insert(QStringLiteral("error"), error);
    if (!errorDetail.isEmpty())
        o.insert(QStringLiteral("errorDetail"), errorDetail);
    return o;
}

AppService::AppService(CardReaderManager& readers, Database& database, OperatorSession& operators, QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_operators(operators) {
    qRegisterMetaType<AppCardState>();
    qRegisterMetaType<AppOperationResult>();
}

AppService::~AppService() {
    // Jobs post progress to this object: they must be over before it goes.
    for (auto& f : m_pending) {
        try {
            f.waitForFinished();
        } catch (...) {
        }
    }
}

QString AppService::statusText(quint16 sw) {
    const std::string english = cdos::appdl::statusText(sw);
    for (const char* t : kStatusTexts)
        if (english == t)
            return tr(t);
    return tr("status word %1").arg(QString::number(sw, 16).toUpper().rightJustified(4, QLatin1Char('0')));
}

QString AppService::defaultKeyDir() {
    const QString env = qEnvironmentVariable("CARDDESK_APP_KEYS");
    if (!env.isEmpty())
        return env;
    const QString dev = QStringLiteral(CARDDESK_DEV_APP_KEYS);
    return QFile::exists(dev) ? dev : QStringLiteral(CARDDESK_INSTALLED_APP_KEYS);
}

void AppService::setBusy(int delta) {
    const bool was = isBusy();
    m_busy += delta;
    if (was != isBusy())
        emit busyChanged(isBusy());
}

QFuture<AppCardState> AppService::read(const QString& reader) {
    try {
        m_operators.require(Operation::Diagnose);
    } catch (const AccessDenied& e) {
        AppCardState s;
        s.reader = reader;
        s.error = e.text;
        s.refused = true;
        return QtFuture::makeReadyFuture(s);
    }
    setBusy(1);
    QFuture<QVariant> job =
        m_readers.submit(reader, [](CardChannel& channel) { return QVariant::fromValue(readOn(channel)); });
    m_pending.removeIf([](const QFuture<QVariant>& p) { return p.isFinished(); });
    m_pending.append(job);
    return job.then(this, [this, reader](QFuture<QVariant> done) {
        setBusy(-1);
        AppCardState s;
        try {
            s = done.result().value<AppCardState>();
        } catch (...) {
            const JobResult failed = CardReaderManager::resultFromException(std::current_exception());
            s.error = tr("reading the applications in \"%1\" failed: %2").arg(reader, failed.error);
            s.errorDetail = failed.detail;
        }
        s.reader = reader;
        return s;
    });
}

QFuture<AppOperationResult> AppService::install(const QString& reader, const QByteArray& message) {
    return push(reader, message, true);
}

QFuture<AppOperationResult> AppService::remove(const QString& reader, const QByteArray& deleteCertificate) {
    return push(reader, deleteCertificate, false);
}

QFuture<AppOperationResult> AppService::push(const QString& reader, const QByteArray& data, bool install) {
    Grant grant;
    try {
        grant = m_operators.require(install ? Operation::AppInstall : Operation::AppDelete);
    } catch (const AccessDenied& e) {
        AppOperationResult r;
        r.error = e.text;
        r.refused = true;
        return QtFuture::makeReadyFuture(r);
    }
    setBusy(1);
    const std::vector<cdos::CommandApdu> blocks =
        install ? cdos::appdl::AppCommands::install(bytes(data)) : cdos::appdl::AppCommands::remove(bytes(data));
    auto job = [this, blocks](CardChannel& channel) -> QVariant {
        AppOperationResult r;
        const int total = int(blocks.size());
        for (int i = 0; i < total; ++i) {
            const cdos::ResponseApdu answer = channel.transmit(blocks[std::size_t(i)]);
            r.sw = answer.sw;
            r.blocks = i + 1;
            QMetaObject::invokeMethod(
                this, [this, i, total] { emit progress(i + 1, total); }, Qt::QueuedConnection);
            if (answer.sw != 0x9000)
                return QVariant::fromValue(r);
            if (i + 1 == total && answer.data.size() == 17) {
                r.seed = qbytesOf(cdos::Bytes(answer.data.begin(), answer.data.begin() + 16));
                r.slot = answer.data[16];
            }
        }
        r.ok = true;
        return QVariant::fromValue(r);
    };
    QFuture<QVariant> submitted = m_readers.submit(reader, job);
    m_pending.removeIf([](const QFuture<QVariant>& p) { return p.isFinished(); });
    m_pending.append(submitted);
    return submitted.then(this, [this, reader, install, grant](QFuture<QVariant> done) {
        setBusy(-1);
        AppOperationResult r;
        try {
            r = done.result().value<AppOperationResult>();
            if (!r.ok)
                r.error = install ? tr("the card refused the installation: %1").arg(statusText(r.sw))
                                  : tr("the card refused the deletion: %1").arg(statusText(r.sw));
        } catch (...) {
            r.ok = false;
            const JobResult failed = CardReaderManager::resultFromException(std::current_exception());
            r.error = tr("talking to the card in \"%1\" failed: %2").arg(reader, failed.error);
            r.errorDetail = failed.detail;
        }
        // Every push that reached the card, refused ones too, is in the audit trail.
        if (r.blocks > 0) {
            try {
                m_db.appendAudit(
                    grant.record(install ? QStringLiteral("install application") : QStringLiteral("delete application"),
                                 {}, r.ok ? QStringLiteral("ok") : QStringLiteral("failed: ") + r.error,
                                 QStringLiteral("reader=%1 blocks=%2 sw=%3%4")
                                     .arg(reader)
                                     .arg(r.blocks)
                                     .arg(QString::number(r.sw, 16).toUpper().rightJustified(4, QLatin1Char('0')))
                                     .arg(r.seed.isEmpty() ? QString() : QStringLiteral(" slot=%1").arg(r.slot))));
            } catch (const DatabaseError& e) {
                if (r.ok) {
                    r.ok = false;
                    r.error = tr("the card did it, but it could not be recorded: %1").arg(e.text);
                }
            }
        }
        return r;
    });
}

QByteArray AppService::buildInstallMessage(const AppPackageRequest& r) {
    cdos::appdl::CardIdentity card;
    const cdos::appdl::AppProducer producer = producerFor(r, card);
    card.cardPublicKey = cdos::appdl::AppKey::fromPublicDer(bytes(r.cardPublicKey));
    cdos::appdl::AppPackage app;
    app.aid = bytes(r.aid);
    app.version = r.version;
    app.nvmSize = r.nvmSize;
    app.ramSize = r.ramSize;
    app.code = r.code.toStdString();
    app.config = bytes(r.config);
    return qbytesOf(cdos::appdl::AppProducer::installMessage(producer.buildInstallCertificate(app.aid, card),
                                                             producer.buildUnit(app, card)));
}

QByteArray AppService::buildDeleteCertificate(const AppPackageRequest& r) {
    cdos::appdl::CardIdentity card;
    const cdos::appdl::AppProducer producer = producerFor(r, card);
    if (r.seed.size() != 16)
        throw std::runtime_error(tr("the random seed must be 16 bytes (32 hex digits)").toStdString());
    return qbytesOf(producer.buildDeleteCertificate(bytes(r.aid), bytes(r.seed), card).encode());
}

} // namespace carddesk
