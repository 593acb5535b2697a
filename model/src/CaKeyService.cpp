#include "carddesk/model/CaKeyService.h"

#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/HexText.h>
#include <carddesk/protocol/ca/CaCommands.h>
#include <carddesk/protocol/perso/Personaliser.h>

#include <QPromise>

#include <memory>

namespace carddesk {

QJsonObject CaKeyResult::toJson() const {
    return QJsonObject{{QStringLiteral("reader"), reader},
                       {QStringLiteral("key"), key},
                       {QStringLiteral("slot"), QStringLiteral("%1").arg(slot, 2, 16, QLatin1Char('0')).toUpper()},
                       {QStringLiteral("previousVersion"), previousVersion},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("written"), written},
                       {QStringLiteral("apduCount"), apduCount}};
}

CaKeyService::CaKeyService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                           QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_ring(keys), m_operators(operators) {
    qRegisterMetaType<CaKeyResult>();
}

QString CaKeyService::checkKeyName(const QString& name) {
    if (cdos::ca::serviceKeyIdOf(name.trimmed().toStdString()) != 0)
        return {};
    return tr("--key needs a service key name CA_SERVICE_1 to CA_SERVICE_8, got \"%1\"").arg(name.trimmed());
}

QFuture<CaKeyResult> CaKeyService::loadServiceKey(const QString& reader, const QString& keyName,
                                                  const QString& operatorName) {
    auto promise = std::make_shared<QPromise<CaKeyResult>>();
    promise->start();
    CaKeyResult base;
    base.reader = reader;
    base.key = keyName.trimmed();
    const auto deliver = [promise](const CaKeyResult& r) {
        promise->addResult(r);
        promise->finish();
    };
    const std::uint8_t id = cdos::ca::serviceKeyIdOf(base.key.toStdString());
    if (id == 0) {
        base.usageError = true;
        base.error = checkKeyName(base.key);
        deliver(base);
        return promise->future();
    }
    base.slot = cdos::ca::keySlotOf(id);
    const std::shared_ptr<const cdos::IssuerKeys> keys = m_ring.keys();
    if (!keys) {
        base.error = tr("no key store is open: the service key cannot be loaded");
        deliver(base);
        return promise->future();
    }
    // The operators last, after the checks that need nobody: a refusal (audited) sends nothing, and a usage error
    // leaves the second operator's approval for the call that follows.
    Grant grant;
    try {
        m_operators.checkActingName(Operation::CaKey, operatorName);
        grant = m_operators.require(Operation::CaKey);
    } catch (const AccessDenied& e) {
        base.error = e.text;
        base.refused = true;
        deliver(base);
        return promise->future();
    }
    m_readers.submit(
        reader,
        [keys, id](CardChannel& ch) {
            // The card's number for the audit trail (public: GET DATA needs no key).
            const cdos::ResponseApdu number = ch.transmit(cdos::getData(cdos::tag::CardNumber));
            const cdos::ServiceKeyUpdate u = cdos::updateServiceKey(*keys, ch.transmitter(), id);
            return QVariantMap{{QStringLiteral("cardNumber"), number.ok() ? hexText(number.data) : QString()},
                               {QStringLiteral("previousVersion"), u.previousVersion},
                               {QStringLiteral("version"), u.version},
                               {QStringLiteral("written"), u.written},
                               {QStringLiteral("apduCount"), u.apduCount}};
        },
        this,
        [this, base, grant, deliver](const JobResult& r) mutable {
            if (!r.ok()) {
                base.error = r.error;
                base.errorDetail = r.detail;
                base.noService = r.cardError && *r.cardError == CardError::Kind::NoService;
                deliver(base);
                return;
            }
            const QVariantMap out = r.value.toMap();
            base.version = out.value(QStringLiteral("version")).toInt();
            base.previousVersion = out.value(QStringLiteral("previousVersion")).toInt();
            base.written = out.value(QStringLiteral("written")).toBool();
            base.apduCount = out.value(QStringLiteral("apduCount")).toInt();
            base.ok = true;
            if (base.written) {
                try {
                    m_db.appendAudit(grant.record(QStringLiteral("load service key"),
                                                  out.value(QStringLiteral("cardNumber")).toString(),
                                                  QStringLiteral("ok"),
                                                  QStringLiteral("%1 version %2 (was %3) reader=%4")
                                                      .arg(base.key)
                                                      .arg(base.version)
                                                      .arg(base.previousVersion)
                                                      .arg(base.reader)));
                } catch (const DatabaseError& e) {
                    base.ok = false;
                    base.error = tr("the key was loaded but could not be recorded: %1").arg(e.text);
                }
            }
            deliver(base);
        });
    return promise->future();
}

} // namespace carddesk
