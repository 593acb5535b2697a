#include "carddesk/model/SupportReconciler.h"
#include "carddesk/headendapi/TransactionStatus.h"
#include <carddesk/cardio/HexText.h>

#include <carddesk/protocol/apdu/CardRecords.h>
#include <carddesk/protocol/epurse/EPurse.h>

#include <QLocale>

#include <algorithm>
#include <map>

namespace carddesk {

namespace {

using Record = HeadendHistory::Record;
using Row = SupportReport::Row;
using Match = SupportReport::Match;
using Tac = SupportReport::Tac;

cdos::Bytes bytesOf(const QString& hex) {
    return cdos::fromHex(hex.toStdString()).value_or(cdos::Bytes{});
}

template <std::size_t N> std::array<std::uint8_t, N> arrayOf(const QString& hex) {
    std::array<std::uint8_t, N> a{};
    const cdos::Bytes b = bytesOf(hex);
    if (b.size() == N)
        std::copy(b.begin(), b.end(), a.begin());
    return a;
}

// Why a record is at the headend only, in words, and whether support has to act on it.
std::pair<QString, bool> headendOnlyNote(const Record& r) {
    if (r.status == api::loadStatus::completed)
        return {SupportReconciler::tr("The headend recorded it as completed, but the card's log has no such "
                                      "transaction."),
                true};
    if (r.status == api::loadStatus::debited || r.status == api::loadStatus::authorised)
        return {SupportReconciler::tr("The holder's bank account was debited but the card was not credited: recover "
                                      "the load (re-issue or refund)."),
                true};
    if (r.status == api::loadStatus::refunded)
        return {SupportReconciler::tr("Not credited to the card; the amount was refunded to the holder's account."),
                false};
    if (r.status == api::loadStatus::refused)
        return {SupportReconciler::tr("The bank refused the top-up; nothing moved."), false};
    if (r.status == api::purchaseStatus::pending)
        return {SupportReconciler::tr("MAC1 was issued but the card never debited the purchase; nothing was charged."),
                false};
    return {SupportReconciler::tr("Status at the headend: %1.").arg(r.status), true};
}

void appendNote(Row& row, const QString& text) {
    if (text.isEmpty())
        return;
    if (!row.note.isEmpty())
        row.note += QLatin1Char(' ');
    row.note += text;
}

// The headend's TAC of a row, recomputed.
void checkHeadendTac(Row& row, const cdos::IssuerKeys* keys) {
    if (!row.headend)
        return;
    const Record& r = *row.headend;
    if (!keys) {
        row.tac = Tac::NotChecked;
        return;
    }
    if (r.tac.isEmpty()) {
        row.tac = Tac::Missing;
        if (!r.completed())
            return; // pending, debited, refunded, refused: no TAC is expected yet, or ever
        appendNote(row, r.kind == QLatin1String("load")
                            ? SupportReconciler::tr("Completed by recovery (the card's online counter moved past it): "
                                                    "the headend never received its TAC.")
                            : SupportReconciler::tr("The headend holds no TAC for it."));
        return;
    }
    // A load's TAC covers the balance after it: the headend's, else the one rebuilt from the card's log.
    const qint64 balanceBefore = r.balanceBefore >= 0 ? r.balanceBefore
                                 : (row.card && row.card->balanceAfter >= 0)
                                     ? row.card->balanceAfter - qint64(row.card->amount)
                                     : -1;
    try {
        const auto same = SupportReconciler::tacMatches(*keys, r, -1, balanceBefore);
        if (!same) {
            row.tac = Tac::Missing;
            appendNote(row, SupportReconciler::tr("The TAC cannot be recomputed without the balance before the load."));
            return;
        }
        row.tac = *same ? Tac::Proved : Tac::Wrong;
        if (!*same && row.card && row.card->amount != r.amount) {
            const auto cardAmount = SupportReconciler::tacMatches(*keys, r, row.card->amount, balanceBefore);
            if (cardAmount && *cardAmount)
                appendNote(row, SupportReconciler::tr("The TAC fits the card's amount %1: the headend's amount is "
                                                      "not the one the card signed.")
                                    .arg(formatYuan(row.card->amount)));
        } else if (!*same) {
            appendNote(row, SupportReconciler::tr("The TAC at the headend is not the one the card made for this "
                                                  "transaction."));
        }
    } catch (const cdos::KeyStoreError&) {
        row.tac = Tac::NotChecked;
        appendNote(row, SupportReconciler::tr("The key store has no TAC master key."));
    }
}

} // namespace

QString SupportReconciler::kindOf(quint8 cardType) {
    if (cardType == static_cast<quint8>(cdos::ep::TxType::EpLoad))
        return QStringLiteral("load");
    if (cardType == static_cast<quint8>(cdos::ep::TxType::EpPurchase))
        return QStringLiteral("purchase");
    return {};
}

std::optional<bool> SupportReconciler::tacMatches(const cdos::IssuerKeys& keys, const Record& r, qint64 amount,
                                                  qint64 balanceBefore) {
    if (r.tac.size() != 8)
        return std::nullopt;
    const qint64 a = amount >= 0 ? amount : r.amount;
    const std::unique_ptr<cdos::DesKey> key =
        cdos::ep::tacKey(*keys.cardKey("TAC", cdos::asnOf(bytesOf(r.cardNumber))));
    cdos::Bytes expected;
    if (r.kind == QLatin1String("purchase")) {
        expected =
            cdos::ep::purchaseTac(*key, static_cast<std::uint32_t>(a),
                                  static_cast<std::uint8_t>(cdos::ep::TxType::EpPurchase), arrayOf<6>(r.terminalId),
                                  static_cast<std::uint32_t>(r.terminalSerial), arrayOf<4>(r.date), arrayOf<3>(r.time));
    } else {
        const qint64 before = balanceBefore >= 0 ? balanceBefore : r.balanceBefore;
        if (before < 0)
            return std::nullopt;
        expected =
            cdos::ep::loadTac(*key, static_cast<std::uint32_t>(before + a), static_cast<std::uint16_t>(r.counter),
                              static_cast<std::uint32_t>(a), static_cast<std::uint8_t>(cdos::ep::TxType::EpLoad),
                              arrayOf<6>(r.terminalId), arrayOf<4>(r.date), arrayOf<3>(r.time));
    }
    return cdos::constantTimeEqual(expected, bytesOf(r.tac));
}

SupportReport SupportReconciler::reconcile(const Input& in) {
    SupportReport report;
    report.subscriberMode = in.subscriberMode;
    report.cardNumber = in.subscriberMode ? QString() : in.cardNumber.toUpper();
    report.subscriber = in.subscriberMode ? in.subscriber.trimmed() : QString();
    report.headendUrl = in.headendUrl;
    report.createdAt = QDateTime::currentDateTimeUtc();
    report.headendFailure = in.headend.failure;
    report.headendError = in.headend.error;
    report.nextCursor = in.headend.next;
    report.reader = in.reader;
    report.keysAvailable = in.keys != nullptr;
    const cdos::IssuerKeys* keys = in.keys.get();

    // "No transaction of this card" still lets the card's own log be shown; any other failure shows nothing
    // (a log beside an unreachable headend would read as "only on the card" throughout).
    const bool headendAnswered =
        in.headend.ok() || (!in.subscriberMode && in.headend.failure == HeadendHistoryClient::Failure::NotFound);
    const QList<Record>& records = in.headend.history.records;
    const QStringList headendCards = in.headend.history.cardNumbers();

    // Which card's log is set beside the records.
    const PurseState* card = nullptr;
    if (in.card) {
        report.readerCardNumber = in.card->cardNumber;
        if (!in.card->ok()) {
            report.cardNote = in.card->error;
            report.cardNoteDetail = in.card->errorDetail;
        } else if (!headendAnswered)
            report.cardNote = tr("The card was read, but without the headend's records there is nothing to compare.");
        else if (in.subscriberMode && !headendCards.contains(in.card->cardNumber))
            report.cardNote =
                tr("The card in the reader (%1) is not one of this subscriber's cards.").arg(in.card->cardNumber);
        else if (!in.subscriberMode && in.card->cardNumber != report.cardNumber)
            report.cardNote = tr("The card in the reader (%1) is not the card looked up; only the headend's records "
                                 "are shown.")
                                  .arg(in.card->cardNumber);
        else
            card = &*in.card;
    } else {
        report.cardNote = in.reader.isEmpty() ? tr("No card was read: the headend's records are not compared with a "
                                                   "card's log.")
                                              : tr("The card in %1 was not read.").arg(in.reader);
    }
    report.cardCompared = card != nullptr;
    if (card)
        report.cardBalance = card->balance;
    if (!headendAnswered && !card)
        return report;

    std::vector<bool> used(std::size_t(records.size()), false);
    // The card's side first: each log record looks for its headend record.
    if (card && !in.laterPage) {
        for (const PurseLogEntry& e : card->log) {
            Row row;
            row.cardNumber = card->cardNumber;
            row.kind = kindOf(e.type);
            row.counter = e.counter;
            row.card = e;
            const QString terminal = hexText(e.terminal);
            qsizetype best = -1;
            int bestScore = -1;
            for (qsizetype i = 0; !row.kind.isEmpty() && i < records.size(); ++i) {
                const Record& r = records[i];
                if (used[std::size_t(i)] || r.cardNumber != card->cardNumber || r.kind != row.kind ||
                    r.counter != e.counter || r.terminalId != terminal)
                    continue;
                const int score =
                    (r.completed() ? 4 : 0) + (r.amount == e.amount ? 2 : 0) + (r.dateTime() == e.dateTime ? 1 : 0);
                if (score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (row.kind.isEmpty())
                row.kind = PurseLogEntry::typeName(e.type);
            if (best < 0) {
                row.match = Match::CardOnly;
                row.tac = keys ? Tac::Missing : Tac::NotChecked;
                appendNote(row, tr("On the card only: the headend has no record of it (an offline purchase not yet "
                                   "uploaded, or another terminal's transaction)."));
            } else {
                used[std::size_t(best)] = true;
                row.headend = records[best];
                const Record& r = *row.headend;
                if (r.amount != qint64(e.amount)) {
                    row.match = Match::AmountMismatch;
                    appendNote(row,
                               tr("The headend says %1, the card %2.").arg(formatYuan(r.amount), formatYuan(e.amount)));
                } else if (!r.completed()) {
                    row.match = Match::Unfinished;
                    appendNote(row, tr("The card did it, but the headend's record is still \"%1\": its completion "
                                       "never arrived.")
                                        .arg(r.status));
                } else {
                    row.match = Match::Matched;
                }
                if (r.dateTime() != e.dateTime)
                    appendNote(row, tr("Times differ: headend %1, card %2.").arg(r.dateTime(), e.dateTime));
                checkHeadendTac(row, keys);
            }
            report.rows.append(row);
        }
    }

    // How far back the card's log reaches, per kind (it keeps the newest records only).
    std::map<QString, int> oldestInLog;
    const bool logFull = card && card->log.size() >= cdos::ep::kLogRecords;
    if (card)
        for (const PurseLogEntry& e : card->log)
            if (const QString k = kindOf(e.type); !k.isEmpty())
                oldestInLog[k] = oldestInLog.count(k) ? std::min(oldestInLog[k], int(e.counter)) : int(e.counter);

    for (qsizetype i = 0; i < records.size(); ++i) {
        if (used[std::size_t(i)])
            continue;
        Row row;
        row.headend = records[i];
        const Record& r = records[i];
        row.cardNumber = r.cardNumber;
        row.kind = r.kind;
        row.counter = r.counter;
        if (!card || r.cardNumber != card->cardNumber) {
            row.match = Match::NotCompared;
            appendNote(row, headendOnlyNote(r).first);
        } else {
            const std::optional<quint16> next =
                r.kind == QLatin1String("load") ? card->onlineCounter : card->offlineCounter;
            const int reach = oldestInLog.count(r.kind) ? oldestInLog[r.kind] : (next ? int(*next) : 0x10000);
            if (logFull && r.counter < reach) {
                row.match = Match::BeyondCardLog;
                appendNote(row, tr("Older than the card's log reaches (it keeps the newest %1 records).")
                                    .arg(cdos::ep::kLogRecords));
            } else {
                row.match = Match::HeadendOnly;
                appendNote(row, headendOnlyNote(r).first);
            }
        }
        checkHeadendTac(row, keys);
        report.rows.append(row);
    }

    // The card's last transaction: the TAC the card itself proves (GET TRANSACTION PROVE).
    if (card && in.proof && in.proof->available) {
        const PurseProof& p = *in.proof;
        for (Row& row : report.rows) {
            if (!row.card || row.cardNumber != card->cardNumber || row.card->type != p.last.type ||
                row.card->counter != p.last.counter)
                continue;
            row.cardTac = hexText(p.tac);
            row.cardTacProved = p.proved;
            if (!p.proved) {
                row.tac = Tac::Wrong;
                appendNote(row, tr("The TAC the card proves does not check with the TAC key."));
            } else if (row.headend && !row.headend->tac.isEmpty() && row.headend->tac != row.cardTac) {
                row.tac = Tac::Wrong;
                appendNote(row, tr("The card proves TAC %1, the headend holds %2.").arg(row.cardTac, row.headend->tac));
            } else if (row.tac != Tac::Wrong) {
                row.tac = Tac::Proved;
                appendNote(row, tr("The card proved its TAC (GET TRANSACTION PROVE)."));
            }
            break;
        }
    }

    std::stable_sort(report.rows.begin(), report.rows.end(), [](const Row& a, const Row& b) {
        if (a.cardNumber != b.cardNumber)
            return a.cardNumber < b.cardNumber;
        if (a.dateTime() != b.dateTime())
            return a.dateTime() > b.dateTime();
        return a.counter > b.counter;
    });
    return report;
}

} // namespace carddesk
