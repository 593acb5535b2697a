#include "carddesk/model/PinResetService.h"

#include "BatchMailer.h"
#include "carddesk/model/BatchFile.h"
#include "carddesk/model/CardTemplate.h"
#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"
#include "carddesk/model/PinGenerator.h"

#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/cardio/HexText.h>
#include <carddesk/protocol/perso/PinReset.h>

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QPromise>

#include <memory>

namespace carddesk {

namespace {

QString usersText(const QList<int>& users) {
    QStringList out;
    for (int u : users)
        out << QString::number(u);
    return out.join(QLatin1Char(','));
}

// The holder file the mailer is printed from: the chosen users with their new PINs (and names as recorded).
HolderFile mailerHolder(const IssuedCard& card, const QList<CardUserRecord>& users, const QList<int>& chosen,
                        const std::vector<cdos::UserPin>& pins) {
    HolderFile h;
    h.name = card.holderName;
    for (const cdos::UserPin& p : pins) {
        if (!chosen.contains(p.user))
            continue;
        HolderUser u;
        u.number = p.user;
        for (const CardUserRecord& r : users)
            if (r.userNumber == p.user)
                u.name = r.name;
        u.pin = p.pin;
        h.users.append(u);
    }
    return h;
}

} // namespace

QJsonObject PinResetResult::toJson() const {
    QJsonArray users;
    for (int u : reset)
        users.append(u);
    QJsonObject o{{QStringLiteral("reader"), reader},       {QStringLiteral("cardNumber"), cardNumber},
                  {QStringLiteral("usersReset"), users},    {QStringLiteral("pinMailer"), mailer},
                  {QStringLiteral("apduCount"), apduCount}, {QStringLiteral("ok"), ok}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

PinResetService::PinResetService(CardReaderManager& readers, Database& database, KeyRing& keys,
                                 OperatorSession& operators, QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_ring(keys), m_operators(operators) {
    qRegisterMetaType<PinResetResult>();
}

QFuture<PinResetResult> PinResetService::reset(const PinResetRequest& request) {
    auto promise = std::make_shared<QPromise<PinResetResult>>();
    promise->start();
    const auto deliver = [promise](const PinResetResult& r) {
        promise->addResult(r);
        promise->finish();
    };
    PinResetResult base;
    base.reader = request.reader;
    if (request.pinLength < PinGenerator::minLength() || request.pinLength > PinGenerator::maxLength()) {
        base.usageError = true;
        base.error =
            tr("a generated PIN has %1 to %2 digits").arg(PinGenerator::minLength()).arg(PinGenerator::maxLength());
    } else if (request.mailerFolder.isEmpty()) {
        base.usageError = true;
        base.error = tr("a PIN reset needs a folder for the new PIN mailer");
    } else if (request.address.size() > 5) {
        base.usageError = true;
        base.error = tr("a mailer's address has 1 to 5 lines");
    }
    if (base.usageError) {
        deliver(base);
        return promise->future();
    }
    const std::shared_ptr<const cdos::IssuerKeys> keys = m_ring.keys();
    if (!keys) {
        base.error = tr("no key store is open: the card's PINs cannot be reset");
        deliver(base);
        return promise->future();
    }
    Grant grant;
    try {
        m_operators.checkActingName(Operation::PinReset, request.operatorName);
        grant = m_operators.require(Operation::PinReset);
    } catch (const AccessDenied& e) {
        base.error = e.text;
        base.refused = true;
        deliver(base);
        return promise->future();
    }
    // 1. Which card (public GET DATA), on the reader's thread.
    m_readers.submit(
        request.reader,
        [](CardChannel& ch) {
            ch.transmit(cdos::selectFid(0x3F00));
            const cdos::ResponseApdu n = ch.transmit(cdos::getData(cdos::tag::CardNumber));
            return n.ok() && n.data.size() == 10 ? QVariant(hexText(n.data)) : QVariant(QString());
        },
        this,
        [this, request, base, grant, keys, deliver](const JobResult& read) mutable {
            if (!read.ok()) {
                base.error = tr("reading the card in \"%1\" failed: %2").arg(request.reader, read.error);
                base.errorDetail = read.detail;
                deliver(base);
                return;
            }
            base.cardNumber = read.value.toString();
            // Every outcome in the audit trail (never a PIN); a trail that cannot record fails the reset.
            const auto audit = [this, grant](PinResetResult& r, const QString& result, const QString& detail) {
                try {
                    m_db.appendAudit(grant.record(QStringLiteral("pin reset"), r.cardNumber, result, detail));
                } catch (const DatabaseError& e) {
                    if (r.error.isEmpty())
                        r.error = tr("the PIN reset could not be recorded: %1").arg(e.text);
                    r.ok = false;
                }
            };
            // 2. The card as recorded: personalised, its users; the mailer written before the card is touched.
            std::optional<IssuedCard> card;
            QList<CardUserRecord> recorded;
            std::optional<JournalEntry> row;
            try {
                if (!base.cardNumber.isEmpty()) {
                    card = m_db.card(base.cardNumber);
                    recorded = m_db.cardUsers(base.cardNumber);
                    row = m_db.journalRowForCard(base.cardNumber);
                }
            } catch (const DatabaseError& e) {
                base.error = tr("the database failed: %1").arg(e.text);
                deliver(base);
                return;
            }
            if (base.cardNumber.isEmpty() || !card) {
                base.error = base.cardNumber.isEmpty()
                                 ? tr("the card in \"%1\" has no card number: it is not issued").arg(request.reader)
                                 : tr("card %1 is not recorded in this database").arg(base.cardNumber);
                audit(base, QStringLiteral("failed"), QStringLiteral("not recorded reader=%1").arg(request.reader));
                deliver(base);
                return;
            }
            if (card->lifeCycle != QLatin1String("personalised")) {
                base.error = tr("card %1 is recorded as %2: only a personalised card's PINs are reset")
                                 .arg(base.cardNumber, card->lifeCycle);
                audit(base, QStringLiteral("failed"), QStringLiteral("life cycle %1").arg(card->lifeCycle));
                deliver(base);
                return;
            }
            QList<int> users = request.users;
            if (users.isEmpty())
                for (const CardUserRecord& r : recorded)
                    users << r.userNumber;
            for (int u : users) {
                const bool known = std::any_of(recorded.cbegin(), recorded.cend(),
                                               [u](const CardUserRecord& r) { return r.userNumber == u; });
                if (!known) {
                    base.usageError = true;
                    base.error = tr("card %1 has no user %2").arg(base.cardNumber).arg(u);
                    deliver(base);
                    return;
                }
            }
            QStringList address = request.address;
            if (address.isEmpty() && row)
                address = BatchHolder::fromJson(row->holder).address;
            if (address.isEmpty()) {
                base.usageError = true;
                base.error =
                    tr("card %1 has no postal address on record: give the address for the mailer").arg(base.cardNumber);
                deliver(base);
                return;
            }
            auto pins = std::make_shared<std::vector<cdos::UserPin>>();
            for (int u : users)
                pins->emplace_back(static_cast<std::uint8_t>(u), PinGenerator::generate(request.pinLength));
            CardTemplate tmpl;
            tmpl.name = card->templateName;
            const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
            const QString fileName = QStringLiteral("%1-pin-reset-%2.pdf").arg(base.cardNumber, stamp);
            const QString pending = QDir(request.mailerFolder).filePath(QStringLiteral(".pending/") + fileName);
            const QString final = QDir(request.mailerFolder).filePath(fileName);
            if (!QDir(request.mailerFolder).exists() && QDir().mkpath(request.mailerFolder))
                QFile::setPermissions(request.mailerFolder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            const QString holderName = card->holderName;
            const QString written = batchmailer::writeAt(pending, tmpl, holderName, address,
                                                         mailerHolder(*card, recorded, users, *pins), base.cardNumber);
            if (!written.isEmpty()) {
                base.error = written;
                audit(base, QStringLiteral("failed"), QStringLiteral("mailer not written"));
                deliver(base);
                return;
            }
            // 3. The PINs, under issuer secure messaging, on the same card (its number checked again).
            const cdos::Bytes expected = cdos::fromHex(base.cardNumber.toStdString()).value_or(cdos::Bytes{});
            m_readers.submit(
                request.reader,
                [keys, pins, expected](CardChannel& ch) {
                    std::vector<std::uint8_t> done;
                    QVariantMap out;
                    try {
                        out.insert(QStringLiteral("apdus"),
                                   cdos::resetPins(*keys, ch.transmitter(), expected, *pins, done));
                    } catch (...) {
                        const JobResult r = CardReaderManager::resultFromException(std::current_exception());
                        out.insert(QStringLiteral("error"), r.error);
                        out.insert(QStringLiteral("detail"), r.detail);
                        // Cut off while a user's PIN UNBLOCK was on its way: the card may hold that PIN.
                        out.insert(QStringLiteral("lost"), r.cardError.has_value());
                    }
                    QVariantList users;
                    for (std::uint8_t u : done)
                        users << int(u);
                    out.insert(QStringLiteral("done"), users);
                    return QVariant(out);
                },
                this,
                [this, base, pins, users, pending, final, tmpl, holderName, address, card, recorded, audit,
                 deliver](const JobResult& job) mutable {
                    const QVariantMap out = job.value.toMap();
                    QList<int> done;
                    for (const QVariant& u : out.value(QStringLiteral("done")).toList())
                        done << u.toInt();
                    base.apduCount = out.value(QStringLiteral("apdus")).toInt();
                    QString error = job.ok() ? out.value(QStringLiteral("error")).toString() : job.error;
                    base.errorDetail = job.ok() ? out.value(QStringLiteral("detail")).toString() : job.detail;
                    if (!error.isEmpty() && out.value(QStringLiteral("lost")).toBool() && done.size() < users.size())
                        done << users.at(done.size()); // its PIN may have reached the card
                    base.reset = done;
                    QString kept;
                    if (done.isEmpty()) {
                        batchmailer::destroyAt(pending);
                    } else {
                        if (done.size() < users.size()) {
                            // Only the PINs that may be on the card: the others' stayed as they were.
                            batchmailer::writeAt(pending, tmpl, holderName, address,
                                                 mailerHolder(*card, recorded, done, *pins), base.cardNumber);
                        }
                        if (batchmailer::moveInto(pending, final))
                            kept = final;
                    }
                    base.mailer = kept;
                    if (!error.isEmpty()) {
                        base.error = done.isEmpty()
                                         ? tr("the PINs were not reset: %1").arg(error)
                                         : tr("only the PINs of users %1 may have been reset (they are in the new "
                                              "mailer); the others were not: %2")
                                               .arg(usersText(done), error);
                    } else if (kept.isEmpty()) {
                        base.error = tr("the PINs were reset but the new mailer could not be kept: reset them again");
                    }
                    base.ok = base.error.isEmpty();
                    audit(base,
                          base.ok ? QStringLiteral("ok")
                                  : (done.isEmpty() ? QStringLiteral("failed") : QStringLiteral("partial")),
                          QStringLiteral("users %1 reader=%2 mailer=%3")
                              .arg(usersText(done), base.reader, QFileInfo(final).fileName()));
                    pins->clear();
                    deliver(base);
                });
        });
    return promise->future();
}

} // namespace carddesk
