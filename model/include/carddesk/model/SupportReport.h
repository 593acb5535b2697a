#pragma once
// What support staff read: the headend's transactions of a card (or of a subscriber's cards) beside the card's own
// e-purse log, one row per transaction, each with a match state (matched by kind + counter, amount mismatch, only
// at the headend, only on the card…) and a TAC state (recomputed with the issuer's TAC key diversified for the
// card, as the headend checks it). Exported as CSV or JSON (UTF-8) with a header naming the card or subscriber,
// the time and the headend URL — never a key, a token or a session.
#include "carddesk/model/HeadendHistory.h"
#include "carddesk/model/HeadendHistoryClient.h"
#include "carddesk/model/PurseService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>

#include <optional>

namespace carddesk {

class SupportReport final {
    Q_DECLARE_TR_FUNCTIONS(SupportReport)
public:
    enum class Match {
        Matched,        // same kind, counter, terminal and amount on both sides, completed at the headend
        AmountMismatch, // same transaction (kind, counter, terminal), different amounts
        Unfinished,     // on the card, but the headend's record is not completed (its completion was lost)
        HeadendOnly,    // at the headend, not on the card (refunded, refused, never credited…)
        CardOnly,       // on the card, unknown to the headend (an offline purchase not yet uploaded…)
        BeyondCardLog,  // at the headend, older than the card's log reaches (it keeps 10 records)
        NotCompared,    // at the headend; the card was not in the reader
    };
    enum class Tac {
        Proved,     // recomputed with the TAC key: the same
        Wrong,      // recomputed: different (or the card's proved TAC differs from the headend's)
        Missing,    // no TAC to check (pending, refunded, recovered without one, a log record)
        NotChecked, // no key store open
    };
    struct Row {
        Match match = Match::Matched;
        Tac tac = Tac::Missing;
        QString cardNumber;
        QString kind; // "purchase", "load", or the card's type name for other log records
        int counter = -1;
        std::optional<HeadendHistory::Record> headend;
        std::optional<PurseLogEntry> card;
        QString cardTac;            // from GET TRANSACTION PROVE, for the card's last transaction only
        bool cardTacProved = false; // the card's TAC checked with the TAC key
        QString note;               // translated explanation for the detail pane and exports

        bool isProblem() const;
        QString dateTime() const; // the headend's, else the card's
        qint64 headendAmount() const { return headend ? headend->amount : -1; }
        qint64 cardAmount() const { return card ? qint64(card->amount) : -1; }
        QJsonObject toJson() const;
    };

    // What was looked up.
    bool subscriberMode = false;
    QString cardNumber;  // card mode: the card; subscriber mode: empty
    QString subscriber;  // subscriber mode
    QString headendUrl;  // display form, no user info
    QDateTime createdAt; // UTC

    // The headend's side.
    HeadendHistoryClient::Failure headendFailure = HeadendHistoryClient::Failure::None;
    QString headendError; // translated
    bool refused = false; // the operator may not read histories (headendError names the role): nothing was asked
    // The card's side.
    QString reader;
    QString readerCardNumber;  // the card in the reader, when it was read
    bool cardCompared = false; // its log was set beside the headend's records
    std::optional<quint32> cardBalance;
    QString cardNote;       // translated: why the card was not compared, or what failed
    QString cardNoteDetail; // technical (PC/SC code and text) behind a failed read, for a tool tip; often empty
    bool keysAvailable = false;

    QList<Row> rows;
    // The headend's history has more pages (issue 15): the cursor of the next, which the view fetches as it scrolls
    // (SupportService::morePage); rows fetched later are appended to `rows` before an export.
    QString nextCursor;

    int matchedCount() const;
    int problemCount() const;
    // "3 matched, 2 problems" (translated).
    QString summary() const;
    // The headend answered (possibly "no transactions"): there is something to show.
    bool hasHeadendData() const;

    static QString matchName(Match m); // translated
    static QString tacName(Tac t);     // translated
    static QString matchId(Match m);   // stable English id for exports ("amount_mismatch")
    static QString tacId(Tac t);

    QJsonObject toJson() const;
    QByteArray toCsv() const;
    // Writes CSV or JSON by the file's suffix (.json: JSON, anything else: CSV). The reason in words, or empty.
    QString write(const QString& path) const;
};

} // namespace carddesk

Q_DECLARE_METATYPE(carddesk::SupportReport)
