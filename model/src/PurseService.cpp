#include "carddesk/model/PurseService.h"
#include <carddesk/cardio/HexText.h>

#include "carddesk/model/Database.h"
#include "carddesk/model/KeyRing.h"
#include "carddesk/model/OperatorSession.h"

#include <carddesk/cardio/ApduDecoder.h>
#include <carddesk/cardio/CardReaderManager.h>
#include <carddesk/protocol/crypto/Crypto.h>
#include <carddesk/protocol/epurse/PurseTerminal.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

namespace carddesk {

namespace {

// A job's refusal in words (translated), with the status word that caused it when there is one.
struct JobFailure : std::runtime_error {
    JobFailure(const QString& message, quint16 statusWord)
        : std::runtime_error(message.toStdString()), text(message), sw(statusWord) {}
    QString text;
    quint16 sw;
};

using carddesk::qbytesOf; // beside the fixed-size overload below, not hidden by it
template <std::size_t N> QByteArray qbytesOf(const std::array<std::uint8_t, N>& a) {
    return QByteArray(reinterpret_cast<const char*>(a.data()), qsizetype(N));
}
QString dateTimeText(const cdos::ep::Bcd4& d, const cdos::ep::Bcd3& t) {
    return QString::fromStdString(cdos::ep::formatDateTime(d, t));
}

QString failureText(const cdos::ep::PurseError& e) {
    if (e.sw == 0)
        return PurseService::tr("the card's answer makes no sense: %1").arg(QString::fromStdString(e.what()));
    return PurseService::tr("the card refused: %1 (%2)")
        .arg(PurseService::statusWordMeaning(e.sw), QStringLiteral("%1").arg(e.sw, 4, 16, QLatin1Char('0')).toUpper());
}

// Everything before a purse command: the card number (its last 8 bytes are the ASN the keys are diversified
// with), then the EP application selected.
struct CardIds {
    QString cardNumber, asn;
    cdos::Bytes asnBytes;
};
CardIds selectPurse(CardChannel& channel, cdos::ep::PurseTerminal& terminal) {
    channel.transmit(cdos::selectFid(0x3F00));
    const cdos::ResponseApdu cn = channel.transmit(cdos::getData(cdos::tag::CardNumber));
    if (!cn.ok() || cn.data.size() != 10)
        throw JobFailure(PurseService::tr("the card has no card number: it is not issued"), cn.sw);
    CardIds ids;
    ids.cardNumber = hexText(qbytesOf(cn.data));
    ids.asnBytes = cdos::asnOf(cn.data);
    ids.asn = hexText(qbytesOf(ids.asnBytes));
    try {
        terminal.selectPurse();
    } catch (const cdos::ep::PurseError& e) {
        throw JobFailure(PurseService::tr("the card has no e-purse application (%1)").arg(failureText(e)), e.sw);
    }
    return ids;
}

// The counters the next load and purchase would use: INITIALIZE with amount 0 stores nothing on the card.
std::optional<quint16> counterOf(CardChannel& channel, bool load, const cdos::ep::TerminalId& terminal) {
    const cdos::ResponseApdu r =
        channel.transmit(load ? cdos::ep::initializeForLoad(cdos::ep::kKeyIndex, 0, terminal)
                              : cdos::ep::initializeForPurchase(cdos::ep::kKeyIndex, 0, terminal));
    if (!r.ok())
        return std::nullopt;
    if (load) {
        if (const auto d = cdos::ep::InitLoadResponse::decode(r.data))
            return d->onlineCounter;
    } else if (const auto d = cdos::ep::InitPurchaseResponse::decode(r.data)) {
        return d->offlineCounter;
    }
    return std::nullopt;
}

PurseLastTransaction lastFrom(const cdos::ep::LastTransaction& l) {
    return PurseLastTransaction{
        l.type, l.counter, l.terminalSerial, qbytesOf(l.terminal), dateTimeText(l.date, l.time), l.amount};
}

struct ReadOut {
    PurseState state;
    std::vector<cdos::ep::LogRecord> log;
    std::optional<cdos::ep::LastTransaction> last;
    CardIds ids;
};

ReadOut readOn(CardChannel& channel, const cdos::ep::TerminalId& terminalId, const cdos::ep::PurseKeys& keys) {
    ReadOut out;
    cdos::ep::PurseTerminal terminal(channel.transmitter(), terminalId, keys);
    out.ids = selectPurse(channel, terminal);
    PurseState& s = out.state;
    s.reader = channel.readerName();
    s.cardNumber = out.ids.cardNumber;
    s.asn = out.ids.asn;
    s.aid = PurseService::aidHex();
    try {
        s.balance = terminal.balance();
        s.onlineCounter = counterOf(channel, true, terminalId);
        s.offlineCounter = counterOf(channel, false, terminalId);
        out.log = terminal.readLog();
        try {
            out.last = terminal.lastTransaction();
        } catch (const cdos::ep::PurseError& e) {
            if (e.sw != 0x6A88) // 6A88: no transaction yet
                throw;
        }
    } catch (const cdos::ep::PurseError& e) {
        throw JobFailure(failureText(e), e.sw);
    }
    int record = 1;
    for (const auto& r : out.log) {
        PurseLogEntry e;
        e.record = record++;
        e.counter = r.counter;
        e.overdraft = r.overdraft;
        e.amount = r.amount;
        e.type = r.type;
        e.terminal = qbytesOf(r.terminal);
        e.dateTime = dateTimeText(r.date, r.time);
        s.log.append(e);
    }
    if (out.last)
        s.last = lastFrom(*out.last);
    s.reconstructBalances();
    return out;
}

// The failure of a finished job: a translated text, its status word, and the technical detail behind it.
struct Failure {
    QString text;
    quint16 sw = 0;
    QString detail;
};
Failure failureOf(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const JobFailure& e) {
        return {e.text, e.sw, {}};
    } catch (const cdos::ep::PurseError& e) {
        return {failureText(e), e.sw, {}};
    } catch (...) {
        const JobResult r = CardReaderManager::resultFromException(std::current_exception());
        return {r.error, r.sw, r.detail};
    }
}

} // namespace

PurseService::PurseService(CardReaderManager& readers, Database& database, KeyRing& keys, OperatorSession& operators,
                           QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_operators(operators), m_ring(&keys),
      m_terminal(defaultTerminalId()) {
    qRegisterMetaType<PurseState>();
    qRegisterMetaType<PurseProof>();
    qRegisterMetaType<PurseTransactionResult>();
}

PurseService::PurseService(CardReaderManager& readers, Database& database, OperatorSession& operators, QObject* parent)
    : QObject(parent), m_readers(readers), m_db(database), m_operators(operators), m_ring(new KeyRing(this)),
      m_terminal(defaultTerminalId()) {
    qRegisterMetaType<PurseState>();
    qRegisterMetaType<PurseProof>();
    qRegisterMetaType<PurseTransactionResult>();
}

PurseService::~PurseService() {
    // The owner-thread jobs must be over before the object goes (their continuations, on this object's thread, are
    // dropped with it).
    for (auto& f : m_pending) {
        try {
            f.waitForFinished(); // rethrows a failed job's exception: its result was reported already
        } catch (...) {
        }
    }
}

QString PurseService::openKeyStore(const QString& path, const QString& passphrase) {
    return m_ring->open(path, passphrase);
}

void PurseService::setIssuerKeys(std::shared_ptr<const cdos::IssuerKeys> keys) {
    m_ring->set(std::move(keys));
}

bool PurseService::hasIssuerKeys() const {
    return m_ring->isOpen();
}

cdos::ep::TerminalId PurseService::defaultTerminalId() {
    cdos::ep::TerminalId id{0x43, 0x44, 0x00, 0x00, 0x00, 0x01};
    const QByteArray env = QByteArray::fromHex(qgetenv("CARDDESK_TERMINAL_ID"));
    if (env.size() == 6)
        std::copy(env.cbegin(), env.cend(), id.begin());
    return id;
}

QString PurseService::aidHex() {
    return hexText(qbytesOf(cdos::ep::kPurseAid));
}

QString PurseService::statusWordMeaning(quint16 sw) {
    if (const char* fixed = cdos::ep::fixedPurseStatusMeaning(sw))
        return QCoreApplication::translate(cdos::kStatusWordsContext, fixed);
    return ApduDecoder::statusWordMeaning(sw);
}

void PurseService::track(const QFuture<QVariant>& job) {
    m_pending.removeIf([](const QFuture<QVariant>& p) { return p.isFinished(); });
    m_pending.append(job);
}

void PurseService::setBusy(int delta) {
    const bool was = isBusy();
    m_busy += delta;
    if (was != isBusy())
        emit busyChanged(isBusy());
}

QFuture<PurseState> PurseService::read(const QString& reader) {
    try {
        m_operators.require(Operation::Diagnose);
    } catch (const AccessDenied& e) {
        PurseState s;
        s.reader = reader;
        s.error = e.text;
        s.refused = true;
        return QtFuture::makeReadyFuture(s);
    }
    return readCard(reader);
}

QFuture<PurseState> PurseService::readCard(const QString& reader) {
    const cdos::ep::TerminalId terminal = m_terminal;
    setBusy(1);
    QFuture<QVariant> job = m_readers.submit(reader, [terminal](CardChannel& channel) {
        return QVariant::fromValue(readOn(channel, terminal, cdos::ep::PurseKeys{}).state);
    });
    track(job);
    return job.then(this, [this, reader](QFuture<QVariant> done) {
        setBusy(-1);
        try {
            return done.result().value<PurseState>();
        } catch (...) {
            PurseState s;
            s.reader = reader;
            const Failure failure = failureOf(std::current_exception());
            s.error = tr("reading the purse in \"%1\" failed: %2").arg(reader, failure.text);
            s.errorDetail = failure.detail;
            return s;
        }
    });
}

QFuture<PurseProof> PurseService::proveLast(const QString& reader) {
    try {
        m_operators.require(Operation::Diagnose);
    } catch (const AccessDenied& e) {
        PurseProof p;
        p.error = e.text;
        p.refused = true;
        return QtFuture::makeReadyFuture(p);
    }
    return proveCard(reader);
}

QFuture<PurseProof> PurseService::proveCard(const QString& reader) {
    const cdos::ep::TerminalId terminalId = m_terminal;
    const auto keys = m_ring->keys();
    setBusy(1);
    auto job = [terminalId, keys](CardChannel& channel) -> QVariant {
        PurseProof proof;
        // The ASN comes first (keys are per card); the read repeats the selection, which costs two short APDUs.
        ReadOut probe = readOn(channel, terminalId, cdos::ep::PurseKeys{});
        if (!probe.last)
            return QVariant::fromValue(proof); // nothing to prove yet
        proof.available = true;
        proof.last = lastFrom(*probe.last);
        const cdos::ep::PurseKeys purseKeys = cdos::ep::PurseKeys::fromIssuer(*keys, probe.ids.asnBytes);
        cdos::ep::PurseTerminal terminal(channel.transmitter(), terminalId, purseKeys);
        terminal.selectPurse();
        const auto type = static_cast<cdos::ep::TxType>(probe.last->type);
        // The card returns its stored TAC and MAC2, certificates rather than keys: nothing to redact.
        const cdos::ep::Proof p = terminal.prove(type, probe.last->counter);
        proof.mac = qbytesOf(p.mac);
        proof.tac = qbytesOf(p.tac);
        const auto entry = std::find_if(probe.log.cbegin(), probe.log.cend(), [&](const cdos::ep::LogRecord& r) {
            return r.type == probe.last->type && r.counter == probe.last->counter;
        });
        proof.proved = entry != probe.log.cend() && terminal.checkTac(*entry, *probe.last, probe.state.balance, p.tac);
        return QVariant::fromValue(proof);
    };
    QFuture<QVariant> submitted = m_readers.submit(reader, job);
    track(submitted);
    return submitted.then(this, [this, reader, keys](QFuture<QVariant> done) {
        setBusy(-1);
        if (!keys) {
            PurseProof p;
            p.error = tr("no key store is open: the TAC cannot be checked");
            return p;
        }
        try {
            return done.result().value<PurseProof>();
        } catch (...) {
            PurseProof p;
            const Failure failure = failureOf(std::current_exception());
            p.error = tr("proving the last transaction in \"%1\" failed: %2").arg(reader, failure.text);
            p.errorDetail = failure.detail;
            return p;
        }
    });
}

QFuture<PurseTransactionResult> PurseService::transact(const PurseRequest& request) {
    PurseTransactionResult base;
    base.operation = request.operation;
    base.amount = request.amount;
    base.terminal = qbytesOf(m_terminal);
    // The operator's role before anything else: a refusal spends no terminal serial and touches no card.
    Grant grant;
    try {
        const Operation op = request.operation == PurseOperation::Load ? Operation::DeskLoad : Operation::DeskPurchase;
        m_operators.checkActingName(op, request.operatorName);
        grant = m_operators.require(op);
    } catch (const AccessDenied& e) {
        base.error = e.text;
        base.refused = true;
        return QtFuture::makeReadyFuture(base);
    }
    const QDateTime now = QDateTime::currentDateTime();
    const cdos::ep::Bcd4 date = cdos::ep::bcdDate(now.date().year(), now.date().month(), now.date().day());
    const cdos::ep::Bcd3 time = cdos::ep::bcdTime(now.time().hour(), now.time().minute(), now.time().second());
    base.dateTime = dateTimeText(date, time);
    if (request.operation == PurseOperation::Purchase) {
        try {
            base.terminalSerial = PurseLedger(m_db).nextTerminalSerial(hexText(base.terminal));
        } catch (const DatabaseError& e) {
            base.error = e.text;
        }
    }
    if (!m_ring->isOpen())
        base.error = tr("no key store is open: the desk cannot act as a terminal");
    if (request.amount == 0)
        base.error = tr("the amount must be at least 0.01 yuan");
    if (!base.error.isEmpty())
        return QtFuture::makeReadyFuture(base);

    const auto keys = m_ring->keys();
    const cdos::ep::TerminalId terminalId = m_terminal;
    auto job = [keys, terminalId, request, base, date, time](CardChannel& channel) mutable -> QVariant {
        PurseTransactionResult r = base;
        std::string pin = request.pin.toStdString();
        struct Wipe {
            std::string& s;
            ~Wipe() { cdos::secureZero(s.data(), s.size()); }
        } wipe{pin};
        cdos::ep::PurseTerminal probe(channel.transmitter(), terminalId, cdos::ep::PurseKeys{});
        const CardIds ids = selectPurse(channel, probe);
        r.cardNumber = ids.cardNumber;
        r.asn = ids.asn;
        cdos::ep::PurseTerminal terminal(channel.transmitter(), terminalId,
                                         cdos::ep::PurseKeys::fromIssuer(*keys, ids.asnBytes));
        try {
            terminal.selectPurse();
            if (request.pinUser > 0)
                terminal.verifyPin(static_cast<std::uint8_t>(request.pinUser), pin);
            if (request.operation == PurseOperation::Load) {
                const cdos::ep::LoadResult l = terminal.load(request.amount, date, time);
                r.balanceBefore = l.balanceBefore;
                r.balanceAfter = l.balanceAfter;
                r.counter = l.counter;
                r.tac = qbytesOf(l.tac);
                r.tacVerified = l.tacVerified;
            } else {
                const cdos::ep::PurchaseResult p =
                    terminal.purchase(request.amount, static_cast<std::uint32_t>(r.terminalSerial), date, time);
                r.balanceBefore = p.balanceBefore;
                r.balanceAfter = p.balanceAfter;
                r.counter = p.counter;
                r.tac = qbytesOf(p.tac);
                r.tacVerified = p.tacVerified && p.mac2Verified;
            }
            r.ok = true;
        } catch (const cdos::ep::PurseError& e) {
            r.error = failureText(e);
            r.sw = e.sw;
            // A load over the card's balance limit: the card only says "incorrect data"; the limit is public.
            if (request.operation == PurseOperation::Load && e.sw == cdos::sw::IncorrectData) {
                channel.transmit(cdos::selectFid(0x3F00));
                const cdos::ResponseApdu p = channel.transmit(cdos::CommandApdu{0x00, 0xB0, 0x86, 0x00, {}, 16});
                if (const auto params = p.ok() ? cdos::PurseParams::decode(p.data) : std::nullopt)
                    r.error = tr("the card refused: %1 more would take the balance above the card's limit of %2 (6A80)")
                                  .arg(formatYuan(request.amount), formatYuan(params->balanceLimit));
            }
        }
        return QVariant::fromValue(r);
    };
    setBusy(1);
    QFuture<QVariant> submitted = m_readers.submit(request.reader, job);
    track(submitted);
    return submitted.then(this, [this, base, request, grant](QFuture<QVariant> done) {
        setBusy(-1);
        PurseTransactionResult r = base;
        try {
            r = done.result().value<PurseTransactionResult>();
        } catch (...) {
            const Failure failure = failureOf(std::current_exception());
            r.error = failure.text;
            r.sw = failure.sw;
            r.errorDetail = failure.detail;
        }
        if (!r.ok && !r.error.isEmpty())
            r.error = (request.operation == PurseOperation::Load ? tr("the load was not done: %1")
                                                                 : tr("the purchase was not done: %1"))
                          .arg(r.error);
        else if (r.ok && !r.tacVerified)
            r.error = tr("the card committed the transaction but its TAC does not check: report it");
        // Every transaction that reached a card is recorded, refused ones too (a desk's reconciliation).
        if (!r.cardNumber.isEmpty()) {
            PurseTransactionRecord t;
            t.cardNumber = r.cardNumber;
            t.asn = r.asn;
            t.kind = r.operation == PurseOperation::Load ? QStringLiteral("load") : QStringLiteral("purchase");
            t.amount = r.amount;
            t.balanceBefore = r.balanceBefore;
            t.balanceAfter = r.balanceAfter;
            t.counter = r.counter;
            t.terminalId = hexText(r.terminal);
            t.terminalSerial = r.terminalSerial;
            t.cardTime = r.dateTime;
            t.tac = hexText(r.tac);
            t.tacVerified = r.tacVerified;
            t.outcome = r.ok ? QStringLiteral("completed") : QStringLiteral("failed");
            t.error = r.error;
            t.reader = request.reader;
            t.operatorName = grant.operatorName;
            try {
                r.recordId = PurseLedger(m_db).record(t);
                // The card changed (or was asked to): one audit row, amounts but never the PIN.
                m_db.appendAudit(grant.record(
                    Access::operationId(grant.operation), r.cardNumber,
                    r.ok ? QStringLiteral("ok") : QStringLiteral("failed: ") + r.error,
                    QStringLiteral("amount=%1 balance=%2->%3 counter=%4 terminal=%5 serial=%6 tac=%7 record=%8")
                        .arg(r.amount)
                        .arg(r.balanceBefore)
                        .arg(r.balanceAfter)
                        .arg(r.counter)
                        .arg(t.terminalId)
                        .arg(r.terminalSerial)
                        .arg(r.tacVerified ? QStringLiteral("verified") : QStringLiteral("not verified"))
                        .arg(r.recordId)));
            } catch (const DatabaseError& e) {
                r.error = r.ok ? tr("the transaction was done but could not be recorded: %1").arg(e.text)
                               : r.error + QLatin1Char('\n') + e.text;
            }
        }
        emit transactionFinished(r);
        return r;
    });
}

} // namespace carddesk
