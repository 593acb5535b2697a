#include "carddesk/model/IssuanceService.h"
#include <carddesk/cardio/HexText.h>

#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"

#include <carddesk/cardio/ApduDecoder.h>
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/protocol/apdu/SecureMessaging.h>
#include <carddesk/protocol/appdl/AppCommands.h>
#include <carddesk/protocol/appdl/AppCrypto.h>

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace carddesk {

namespace {

// The personaliser's step descriptions are English data; the fixed ones are translated here.
const char* const kSteps[] = {
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "select the master file"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "take the card over from the batch key"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "create the files"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "write card numbers, holder and purse parameters"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "create the conditional-access application"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "write the service keys and entitlements"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "application download keys"),
    QT_TRANSLATE_NOOP("carddesk::IssuanceService", "end personalisation"),
};

QString translateStep(const std::string& english) {
    const QString s = QString::fromStdString(english);
    for (const char* k : kSteps)
        if (s == QLatin1String(k))
            return IssuanceService::tr(k);
    static const QRegularExpression key(QStringLiteral("^write key (\\d+) \\((.*)\\)$"));
    static const QRegularExpression user(QStringLiteral("^user (\\d+)$"));
    static const QRegularExpression menu(QStringLiteral("^menu entry (.*)$"));
    if (const auto m = key.match(s); m.hasMatch())
        return IssuanceService::tr("write key %1 (%2)").arg(m.captured(1), m.captured(2));
    if (const auto m = user.match(s); m.hasMatch())
        return IssuanceService::tr("write user %1").arg(m.captured(1));
    if (const auto m = menu.match(s); m.hasMatch())
        return IssuanceService::tr("write menu entry %1").arg(m.captured(1));
    return s;
}

quint32 resolvePermissions(const CardTemplate& t, const QString& text, const QString& field, QStringList& errors) {
    quint32 mask = 0;
    for (const auto& part : text.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const auto m = t.permissionMask(part);
        if (!m)
            errors << IssuanceService::tr("%1: unknown permission \"%2\"").arg(field, part);
        else
            mask |= *m;
    }
    return mask;
}

} // namespace

IssuanceService::IssuanceService(CardReaderManager& readers, Database& database, KeyRing& keys,
                                 OperatorSession& operators, QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_operators(operators), m_ring(&keys) {
    qRegisterMetaType<IssuanceResult>();
}

IssuanceService::IssuanceService(CardReaderManager& readers, Database& database, OperatorSession& operators,
                                 QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_operators(operators), m_ring(new KeyRing(this)) {
    qRegisterMetaType<IssuanceResult>();
}

IssuanceService::~IssuanceService() {
    // The job posts progress to this object: it must be over before the object goes.
    try {
        m_pending.waitForFinished(); // rethrows a failed job's exception: its result was reported already
    } catch (...) {
    }
}

void IssuanceService::openKeyStore(const QString& path, const QString& passphrase) {
    if (const QString error = m_ring->open(path, passphrase); !error.isEmpty())
        throw IssuanceError(error);
}

QString IssuanceService::defaultAppCaKeyPath() {
    const QString env = qEnvironmentVariable("CARDDESK_APP_CA_KEY");
    if (!env.isEmpty())
        return env;
    const QString dev = QStringLiteral(CARDDESK_DEV_APP_KEYS "/ca-ec.pem");
    if (QFile::exists(dev))
        return dev;
    return QStringLiteral(CARDDESK_INSTALLED_APP_KEYS "/ca-ec.pem");
}

void IssuanceService::setIssuerKeys(std::shared_ptr<const cdos::IssuerKeys> keys) {
    m_ring->set(std::move(keys));
}

cdos::CardProfile IssuanceService::buildProfile(const CardTemplate& t, const HolderFile& holder,
                                                const QString& cardNumber, const QDate& issuedOn) {
    QStringList errors;
    for (const auto& p : t.validate())
        errors << tr("template %1: %2").arg(t.name, p);
    for (const auto& p : holder.validate())
        errors << tr("holder file: %1").arg(p);
    const QByteArray number = QByteArray::fromHex(cardNumber.toLatin1());
    if (cardNumber.size() != 20 || number.size() != 10)
        errors << tr("card number \"%1\" must be 20 hex digits").arg(cardNumber);

    cdos::CardProfile p;
    p.info = cdos::CardInfo{bytesOf(number), bytesOf(t.issuerSerial), bytesOf(t.productSerial)};
    p.holder =
        cdos::HolderData{holder.userNumber.toStdString(), holder.account.toStdString(), holder.name.toStdString(),
                         (holder.language.isEmpty() ? t.language : holder.language).toStdString()};
    // The template's users are the card's users; the holder file gives their PINs and may add more.
    for (const auto& tu : t.users) {
        const bool given = std::any_of(holder.users.cbegin(), holder.users.cend(),
                                       [&](const HolderUser& hu) { return hu.number == tu.number; });
        if (!given)
            errors << tr("holder file: user %1 (%2) of the template needs a PIN").arg(tu.number).arg(tu.name);
    }
    for (int i = 0; i < holder.users.size(); ++i) {
        const HolderUser& hu = holder.users[i];
        const QString field = QStringLiteral("users[%1]").arg(i);
        cdos::UserSpec spec;
        spec.profile.number = hu.number;
        const auto tu = std::find_if(t.users.cbegin(), t.users.cend(),
                                     [&](const TemplateUser& u) { return u.number == hu.number; });
        if (tu != t.users.cend()) {
            spec.profile.name = (hu.name.isEmpty() ? tu->name : hu.name).toStdString();
            spec.profile.permissions = tu->permissions;
            spec.profile.maxRetries = tu->maxRetries;
        } else if (hu.name.isEmpty() || !hu.permissions) {
            errors << tr("holder file: %1: user %2 is not in the template; give its name and permissions")
                          .arg(field)
                          .arg(hu.number);
            continue;
        } else {
            spec.profile.name = hu.name.toStdString();
        }
        if (hu.permissions)
            spec.profile.permissions =
                resolvePermissions(t, *hu.permissions, tr("holder file: %1.permissions").arg(field), errors);
        if (hu.maxRetries)
            spec.profile.maxRetries = *hu.maxRetries;
        spec.pin = hu.pin;
        p.users.push_back(spec);
    }
    std::sort(p.users.begin(), p.users.end(),
              [](const cdos::UserSpec& a, const cdos::UserSpec& b) { return a.profile.number < b.profile.number; });
    for (const auto& m : t.menu)
        p.menu.push_back(cdos::MenuEntry{m.id, m.permission, m.hidden, m.title.toStdString()});
    p.purse = cdos::PurseParams{t.balanceLimit, t.overdraftLimit};
    for (const auto& k : t.keys)
        p.keys.push_back(cdos::KeySpec{k.id, k.usage, k.master.toStdString(), k.maxErrors,
                                       k.shared ? cdos::KeyDerivation::Shared : cdos::KeyDerivation::Diversified});
    // Conditional access: the service keys by id, the rights with dates counted from the issuance day (UTC).
    for (const auto& k : t.serviceKeys)
        p.ca.serviceKeys.push_back(cdos::ca::serviceKeyIdOf(k.toStdString()));
    p.ca.rights = t.rightsOn(issuedOn.isValid() ? issuedOn : QDateTime::currentDateTimeUtc().date());
    if (errors.isEmpty()) {
        // The protocol library's own checks (English); they should agree with the ones above.
        for (const auto& problem : cdos::validateProfile(p))
            errors << QString::fromStdString(problem);
    }
    if (!errors.isEmpty())
        throw IssuanceError(errors.join(QLatin1Char('\n')));
    return p;
}

// One issuance, from the request to its result: shared by the stages, which run one after another on this
// object's thread (the card work in between on the reader's owner thread).
struct IssuanceService::Run {
    std::shared_ptr<QPromise<IssuanceResult>> promise = std::make_shared<QPromise<IssuanceResult>>();
    IssuanceResult result;
    IssuanceRequest request;
    Grant grant; // who issues (the logged-in operator) and under which role
    cdos::Bytes caPublic;
    std::shared_ptr<const cdos::IssuerKeys> keys;
};

QFuture<IssuanceResult> IssuanceService::issue(const IssuanceRequest& request) {
    auto run = std::make_shared<Run>();
    QFuture<IssuanceResult> future = run->promise->future();
    run->promise->start();
    run->request = request;
    run->result.batchId = request.batchId.isEmpty()
                              ? QStringLiteral("single-") + QUuid::createUuid().toString(QUuid::WithoutBraces)
                              : request.batchId;
    run->result.batchRow = request.batchRow;
    auto fail = [&](const QString& error) {
        run->result.error = error;
        deliver(run);
        return future;
    };
    if (m_busy)
        return fail(tr("an issuance is already running"));
    if (!m_db.isOpen())
        return fail(tr("the card database is not open"));
    // Validate before a card number is allocated, so that a bad template or holder file consumes nothing.
    try {
        buildProfile(request.cardTemplate, request.holder,
                     request.holder.cardNumber.isEmpty() ? QStringLiteral("00000000000000000000")
                                                         : request.holder.cardNumber);
    } catch (const IssuanceError& e) {
        return fail(e.text);
    }
    // The operator's roles before any key or card: a refusal spends no number (and is audited).
    try {
        const Operation op = request.batchId.isEmpty() ? Operation::IssueCard : Operation::BatchIssue;
        m_operators.checkActingName(op, request.operatorName);
        run->grant = m_operators.require(op);
    } catch (const AccessDenied& e) {
        run->result.refused = true;
        return fail(e.text);
    }
    if (!m_ring->isOpen()) {
        try {
            openKeyStore();
        } catch (const IssuanceError& e) {
            return fail(e.text);
        }
    }
    // The service keys come from the store as shared keys: a store without them (or without the shared mark,
    // docs/keys.md) is refused here, before a card number is spent or the card touched.
    for (const QString& name : request.cardTemplate.serviceKeys) {
        try {
            (void)m_ring->keys()->sharedKey(name.toStdString());
        } catch (const std::exception& e) {
            return fail(
                tr("the key store cannot supply the service key %1: %2").arg(name, QString::fromUtf8(e.what())));
        }
    }
    // Only the public half of the CA key goes to the card; a PEM holding the pair is accepted (development CA).
    {
        const QString caPath = m_appCaKeyPath.isEmpty() ? defaultAppCaKeyPath() : m_appCaKeyPath;
        QFile f(caPath);
        try {
            if (!f.open(QIODevice::ReadOnly))
                return fail(tr("cannot read the application CA key %1: %2").arg(caPath, f.errorString()));
            run->caPublic = cdos::appdl::AppKey::fromPem(f.readAll().toStdString()).publicDer();
        } catch (const std::exception& e) {
            return fail(tr("the application CA key %1 is not usable: %2").arg(caPath, QString::fromUtf8(e.what())));
        }
    }
    run->keys = m_ring->keys();
    m_busy = true;
    // Stage 1: what is in the reader. Nothing is allocated or written before it is known (a refused card consumes
    // no number).
    const QString reader = request.reader;
    after(m_readers.submit(reader, &IssuanceService::probeCard),
          [this, run](const JobResult& job) { probed(run, job); });
    return future;
}

QVariant IssuanceService::probeCard(CardChannel& channel) {
    QVariantMap m;
    const cdos::ResponseApdu lc = channel.transmit(cdos::getData(cdos::tag::LifeCycleTag));
    m[QStringLiteral("lifeCycle")] = lc.ok() && lc.data.size() == 1 ? int(lc.data[0]) : -1;
    const cdos::ResponseApdu chip = channel.transmit(cdos::getData(cdos::tag::ChipSerial));
    m[QStringLiteral("chipSerial")] = chip.ok() ? hexText(chip.data) : QString();
    const cdos::ResponseApdu number = channel.transmit(cdos::getData(cdos::tag::CardNumber));
    m[QStringLiteral("cardNumber")] = number.ok() ? hexText(number.data) : QString();
    return m;
}

void IssuanceService::after(QFuture<QVariant> pending, std::function<void(const JobResult&)> next) {
    m_pending = pending;
    // A job that ends before the continuation is attached has it run at once, ahead of the progress reports the
    // owner thread queued for this object: queueing once more keeps progress before finished().
    m_pending.then(this, [this, next](QFuture<QVariant> f) {
        QMetaObject::invokeMethod(
            this,
            [next, f]() mutable {
                JobResult job;
                try {
                    job.value = f.result();
                } catch (...) {
                    job = CardReaderManager::resultFromException(std::current_exception());
                }
                next(job);
            },
            Qt::QueuedConnection);
    });
}

void IssuanceService::deliver(const std::shared_ptr<Run>& run) {
    IssuanceResult& result = run->result;
    if (!result.ok && !result.cardNumber.isEmpty()) {
        try {
            m_db.setJournal(result.batchId, result.batchRow, QStringLiteral("failed"), result.error, result.cardNumber);
            // A number was given: the card may have been written to. The attempt is in the audit trail.
            m_db.appendAudit(run->grant.record(
                Access::operationId(run->grant.operation), result.cardNumber, QStringLiteral("failed: ") + result.error,
                QStringLiteral("template=%1 reader=%2").arg(run->request.cardTemplate.name, run->request.reader)));
        } catch (const DatabaseError&) {
            // The issuance error is the one to report.
        }
    }
    m_busy = false;
    run->promise->addResult(result);
    run->promise->finish();
    emit finished(result);
}

// Stage 2: a blank card gets a number — recorded as "issuing" with its chip serial before the card is touched, so
// that no interruption leaves a card the database does not know, and no number twice. A personalised card whose
// issuance here was interrupted after END PERSONALISATION is recorded instead.
void IssuanceService::probed(const std::shared_ptr<Run>& run, const JobResult& job) {
    IssuanceResult& result = run->result;
    const QString reader = run->request.reader;
    if (!job.ok()) {
        result.error = tr("reading the card in reader \"%1\" failed: %2").arg(reader, job.error);
        result.errorDetail = job.detail;
        result.cardLost = job.cardError.has_value();
        return deliver(run);
    }
    const QVariantMap probe = job.value.toMap();
    const int lc = probe.value(QStringLiteral("lifeCycle")).toInt();
    result.chipSerial = probe.value(QStringLiteral("chipSerial")).toString();
    const QString onCard = probe.value(QStringLiteral("cardNumber")).toString();
    try {
        if (lc == static_cast<int>(cdos::LifeCycle::Personalised) && !onCard.isEmpty()) {
            const auto row = m_db.card(onCard);
            if (row && row->lifeCycle == Database::kIssuingLifeCycle && row->chipSerial == result.chipSerial)
                return recordInterrupted(run, onCard);
        }
        if (lc != static_cast<int>(cdos::LifeCycle::Blank)) {
            result.error = tr("the card in reader \"%1\" is not blank (%2): only blank cards can be issued")
                               .arg(reader, lc < 0 ? tr("unknown life cycle")
                                                   : ApduDecoder::lifeCycleName(static_cast<cdos::LifeCycle>(lc)));
            return deliver(run);
        }
        const IssuanceRequest& request = run->request;
        // A batch row's own card, blank again after a cut before END PERSONALISATION: the same number again, so
        // that the batch ends as if never interrupted. Any other blank card: its earlier interrupted issuances
        // here are void (their numbers stay used) and it gets a new number.
        bool resumed = false;
        if (!request.resumeCardNumber.isEmpty()) {
            const auto row = m_db.card(request.resumeCardNumber);
            resumed = row && row->lifeCycle == Database::kIssuingLifeCycle &&
                      row->chipSerial.compare(result.chipSerial, Qt::CaseInsensitive) == 0;
        }
        if (!resumed)
            m_db.voidInterruptedIssuances(result.chipSerial);
        result.cardNumber = resumed ? request.resumeCardNumber.toUpper() : request.holder.cardNumber.toUpper();
        if (!resumed && !result.cardNumber.isEmpty() && m_db.cardExists(result.cardNumber)) {
            result.error = tr("card number %1 is already taken (issued, or written to a card whose issuance was "
                              "interrupted): a number is never given twice")
                               .arg(result.cardNumber);
            result.cardNumber.clear();
            return deliver(run);
        }
        IssuedCard card;
        card.cardNumber = result.cardNumber;
        card.issuerSerial = QString::fromLatin1(request.cardTemplate.issuerSerial.toHex().toUpper());
        card.productSerial = QString::fromLatin1(request.cardTemplate.productSerial.toHex().toUpper());
        card.chipSerial = result.chipSerial;
        card.holderUserNumber = request.holder.userNumber;
        card.holderAccount = request.holder.account;
        card.holderName = request.holder.name;
        card.templateName = request.cardTemplate.name;
        card.lifeCycle = Database::kIssuingLifeCycle;
        card.issuedAt = QDateTime::currentDateTimeUtc();
        card.operatorName = run->grant.operatorName;
        if (resumed) {
            if (const auto row = m_db.card(result.cardNumber))
                result.cardId = row->id;
        } else {
            // Names and permissions only: the PINs stay in the holder file. The number is allocated, the card
            // recorded "issuing" and the journal row "assigned" in one transaction.
            const cdos::CardProfile named =
                buildProfile(request.cardTemplate, request.holder, QStringLiteral("00000000000000000000"));
            QList<CardUserRecord> users;
            for (const auto& u : named.users)
                users.append(CardUserRecord{u.profile.number, QString::fromStdString(u.profile.name),
                                            u.profile.permissions, u.profile.maxRetries});
            result.cardId =
                m_db.reserveCard(card, users, request.cardTemplate.cardNumberPrefix,
                                 request.cardTemplate.cardNumberFirst, result.batchId, result.batchRow, reader);
            result.cardNumber = card.cardNumber;
        }
        auto profile =
            std::make_shared<cdos::CardProfile>(buildProfile(request.cardTemplate, request.holder, result.cardNumber));
        profile->generateAppKeyPair = true;
        profile->appCaPublicKey = run->caPublic;
        if (request.beforeCardWrite) {
            if (const QString error = request.beforeCardWrite(result.cardNumber); !error.isEmpty()) {
                result.error = error;
                return deliver(run);
            }
        }
        m_db.setJournal(result.batchId, result.batchRow, QStringLiteral("personalising"), {}, result.cardNumber);
        emit started(reader, result.cardNumber);
        personalise(run, profile);
    } catch (const DatabaseError& e) {
        result.error = e.text;
        deliver(run);
    } catch (const IssuanceError& e) {
        result.error = e.text;
        deliver(run);
    }
}

void IssuanceService::personalise(const std::shared_ptr<Run>& run, std::shared_ptr<cdos::CardProfile> profile) {
    const auto keys = run->keys;
    auto job = [this, keys, profile](CardChannel& channel) -> QVariant {
        cdos::Personaliser perso(*keys, channel.transmitter());
        perso.progress = [this](int step, int total, const std::string& what) {
            const QString text = translateStep(what);
            QMetaObject::invokeMethod(
                this, [this, step, total, text] { emit progress(step, total, text); }, Qt::QueuedConnection);
        };
        perso.personalise(*profile);
        QStringList differences;
        for (const auto& d : perso.verify(*profile))
            differences << QString::fromStdString(d);
        const cdos::Bytes& key = perso.cardPublicKey();
        return QVariantMap{{QStringLiteral("appKey"),
                            QByteArray(reinterpret_cast<const char*>(key.data()), static_cast<qsizetype>(key.size()))},
                           {QStringLiteral("differences"), differences},
                           {QStringLiteral("apduCount"), channel.apduCount()}};
    };
    after(m_readers.submit(run->request.reader, job), [this, run](const JobResult& done) {
        IssuanceResult& result = run->result;
        const QVariantMap out = done.value.toMap();
        result.apduCount = out.value(QStringLiteral("apduCount")).toInt();
        result.differences = out.value(QStringLiteral("differences")).toStringList();
        const QString reader = run->request.reader;
        try {
            if (!done.ok()) {
                result.error =
                    tr("issuing card %1 in reader \"%2\" failed: %3. The number stays reserved for this card: put it "
                       "back and issue again — a card that came back blank gets a new number, one that completed is "
                       "recorded.")
                        .arg(result.cardNumber, reader, done.error);
                result.errorDetail = done.detail;
                result.cardLost = done.cardError.has_value();
            } else if (!result.differences.isEmpty()) {
                result.error = tr("card %1 was written but does not read back as intended: %2")
                                   .arg(result.cardNumber, result.differences.join(QStringLiteral("; ")));
            } else {
                complete(run, out.value(QStringLiteral("appKey")).toByteArray(), QStringLiteral("issue card"));
            }
        } catch (const DatabaseError& e) {
            result.error = tr("card %1 was issued but could not be recorded: %2").arg(result.cardNumber, e.text);
        }
        deliver(run);
    });
}

// The card completed its personalisation but the answer never came back (or the console stopped): the card is
// the one this desk was issuing (number and chip serial as recorded before it was touched). Its key pair is read
// from it and the record completed.
void IssuanceService::recordInterrupted(const std::shared_ptr<Run>& run, const QString& cardNumber) {
    run->result.cardNumber = cardNumber;
    after(m_readers.submit(
              run->request.reader,
              [](CardChannel& channel) -> QVariant {
                  const cdos::ResponseApdu key = channel.transmit(cdos::appdl::AppCommands::readCardKey());
                  if (key.sw != 0x9000)
                      throw IssuanceError(
                          tr("the card has no application key pair (%1)").arg(QString::number(key.sw, 16).toUpper()));
                  return QByteArray(reinterpret_cast<const char*>(key.data.data()),
                                    static_cast<qsizetype>(key.data.size()));
              }),
          [this, run](const JobResult& job) {
              IssuanceResult& result = run->result;
              try {
                  if (!job.ok()) {
                      result.error = tr("recording the interrupted issuance of card %1 failed: %2")
                                         .arg(result.cardNumber, job.error);
                      result.errorDetail = job.detail;
                      result.cardLost = job.cardError.has_value();
                  } else {
                      complete(run, job.value.toByteArray(), QStringLiteral("record interrupted issuance"));
                  }
              } catch (const DatabaseError& e) {
                  result.error = tr("card %1 could not be recorded: %2").arg(result.cardNumber, e.text);
              }
              if (result.ok)
                  result.recovered = true;
              deliver(run);
          });
}

void IssuanceService::complete(const std::shared_ptr<Run>& run, const QByteArray& appKey, const QString& action) {
    IssuanceResult& result = run->result;
    m_db.setCardLifeCycle(result.cardNumber,
                          QString::fromStdString(cdos::lifeCycleName(cdos::LifeCycle::Personalised)));
    if (const auto row = m_db.card(result.cardNumber))
        result.cardId = row->id;
    m_db.setCardAppKey(result.cardNumber, appKey);
    // A batch row is "done" once its card left the reader (BatchService); a single issuance is done here.
    m_db.setJournal(result.batchId, result.batchRow,
                    run->request.batchId.isEmpty() ? QStringLiteral("done") : QStringLiteral("verified"), {},
                    result.cardNumber);
    m_db.appendAudit(run->grant.record(
        action, result.cardNumber, QStringLiteral("ok"),
        QStringLiteral("%1 template=%2 reader=%3 batch=%4 row=%5")
            .arg(result.cardNumber, run->request.cardTemplate.name, run->request.reader, result.batchId)
            .arg(result.batchRow)));
    result.ok = true;
}

IssuanceResult IssuanceService::issueAndWait(const IssuanceRequest& request) {
    QFuture<IssuanceResult> f = issue(request);
    if (!f.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<IssuanceResult> watcher;
        connect(&watcher, &QFutureWatcher<IssuanceResult>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(f);
        if (!f.isFinished())
            loop.exec();
    }
    return f.result();
}

} // namespace carddesk
