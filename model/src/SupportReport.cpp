#include "carddesk/model/SupportReport.h"
#include "carddesk/headendapi/TransactionStatus.h"
#include "carddesk/model/CsvField.h"
#include <carddesk/cardio/HexText.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace carddesk {

namespace {

// A header line's value on one line (a subscriber number could hold anything).
QString oneLine(QString s) {
    s.replace(QLatin1Char('\r'), QLatin1Char(' '));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s;
}

} // namespace

bool SupportReport::Row::isProblem() const {
    if (tac == Tac::Wrong)
        return true;
    switch (match) {
    case Match::AmountMismatch:
    case Match::Unfinished:
    case Match::CardOnly:
        return true;
    case Match::HeadendOnly:
        return headend && (headend->completed() || headend->status == api::loadStatus::debited ||
                           headend->status == api::loadStatus::authorised);
    case Match::Matched:
    case Match::BeyondCardLog:
    case Match::NotCompared:
        return false;
    }
    return false;
}

QString SupportReport::Row::dateTime() const {
    if (headend)
        return headend->dateTime();
    return card ? card->dateTime : QString();
}

QJsonObject SupportReport::Row::toJson() const {
    QJsonObject o{{QStringLiteral("cardNumber"), cardNumber},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("counter"), counter},
                  {QStringLiteral("state"), matchId(match)},
                  {QStringLiteral("stateText"), matchName(match)},
                  {QStringLiteral("tacCheck"), tacId(tac)},
                  {QStringLiteral("tacCheckText"), tacName(tac)},
                  {QStringLiteral("problem"), isProblem()},
                  {QStringLiteral("note"), note}};
    if (headend)
        o.insert(QStringLiteral("headend"), headend->toJson());
    if (card) {
        QJsonObject c = card->toJson();
        c.insert(QStringLiteral("terminal"), hexText(card->terminal));
        o.insert(QStringLiteral("card"), c);
    }
    if (!cardTac.isEmpty()) {
        o.insert(QStringLiteral("cardTac"), cardTac);
        o.insert(QStringLiteral("cardTacProved"), cardTacProved);
    }
    return o;
}

int SupportReport::matchedCount() const {
    return int(std::count_if(rows.cbegin(), rows.cend(), [](const Row& r) { return r.match == Match::Matched; }));
}

int SupportReport::problemCount() const {
    return int(std::count_if(rows.cbegin(), rows.cend(), [](const Row& r) { return r.isProblem(); }));
}

bool SupportReport::hasHeadendData() const {
    return headendFailure == HeadendHistoryClient::Failure::None ||
           (!subscriberMode && headendFailure == HeadendHistoryClient::Failure::NotFound);
}

QString SupportReport::summary() const {
    return tr("%1 matched, %2 problems, %3 transactions in all")
        .arg(matchedCount())
        .arg(problemCount())
        .arg(rows.size());
}

QString SupportReport::matchName(Match m) {
    switch (m) {
    case Match::Matched:
        return tr("Matched");
    case Match::AmountMismatch:
        return tr("Amount mismatch");
    case Match::Unfinished:
        return tr("Unfinished at the headend");
    case Match::HeadendOnly:
        return tr("Only at the headend");
    case Match::CardOnly:
        return tr("Only on the card");
    case Match::BeyondCardLog:
        return tr("Older than the card's log");
    case Match::NotCompared:
        return tr("Headend only (card not read)");
    }
    return {};
}

QString SupportReport::tacName(Tac t) {
    switch (t) {
    case Tac::Proved:
        return tr("TAC proved");
    case Tac::Wrong:
        return tr("TAC wrong");
    case Tac::Missing:
        return tr("No TAC");
    case Tac::NotChecked:
        return tr("TAC not checked");
    }
    return {};
}

QString SupportReport::matchId(Match m) {
    switch (m) {
    case Match::Matched:
        return QStringLiteral("matched");
    case Match::AmountMismatch:
        return QStringLiteral("amount_mismatch");
    case Match::Unfinished:
        return QStringLiteral("unfinished_at_headend");
    case Match::HeadendOnly:
        return QStringLiteral("only_at_headend");
    case Match::CardOnly:
        return QStringLiteral("only_on_card");
    case Match::BeyondCardLog:
        return QStringLiteral("beyond_card_log");
    case Match::NotCompared:
        return QStringLiteral("not_compared");
    }
    return {};
}

QString SupportReport::tacId(Tac t) {
    switch (t) {
    case Tac::Proved:
        return QStringLiteral("proved");
    case Tac::Wrong:
        return QStringLiteral("wrong");
    case Tac::Missing:
        return QStringLiteral("missing");
    case Tac::NotChecked:
        return QStringLiteral("not_checked");
    }
    return {};
}

QJsonObject SupportReport::toJson() const {
    QJsonObject header{{QStringLiteral("program"), QStringLiteral("CardDesk")},
                       {QStringLiteral("kind"), QStringLiteral("support-reconciliation")},
                       {QStringLiteral("exportedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                       {QStringLiteral("lookedUpAt"), createdAt.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("headendUrl"), headendUrl},
                       {QStringLiteral("headendState"), HeadendHistoryClient::failureName(headendFailure)},
                       {QStringLiteral("cardCompared"), cardCompared},
                       {QStringLiteral("tacKeysAvailable"), keysAvailable}};
    if (subscriberMode)
        header.insert(QStringLiteral("subscriber"), subscriber);
    else
        header.insert(QStringLiteral("card"), cardNumber);
    if (!headendError.isEmpty())
        header.insert(QStringLiteral("headendError"), headendError);
    if (!reader.isEmpty())
        header.insert(QStringLiteral("reader"), reader);
    if (!readerCardNumber.isEmpty())
        header.insert(QStringLiteral("cardInReader"), readerCardNumber);
    if (cardBalance)
        header.insert(QStringLiteral("cardBalance"), qint64(*cardBalance));
    if (!cardNote.isEmpty())
        header.insert(QStringLiteral("cardNote"), cardNote);
    QJsonArray list;
    for (const Row& r : rows)
        list.append(r.toJson());
    return QJsonObject{{QStringLiteral("header"), header},
                       {QStringLiteral("summary"), QJsonObject{{QStringLiteral("matched"), matchedCount()},
                                                               {QStringLiteral("problems"), problemCount()},
                                                               {QStringLiteral("rows"), int(rows.size())},
                                                               {QStringLiteral("text"), summary()}}},
                       {QStringLiteral("rows"), list}};
}

QByteArray SupportReport::toCsv() const {
    // A byte order mark so that spreadsheet programs read the Chinese texts as UTF-8; the header lines start
    // with '#' so that a reader can skip them.
    QByteArray out("\xEF\xBB\xBF");
    const auto line = [&out](const QString& s) { out += s.toUtf8() + "\r\n"; };
    line(QStringLiteral("# CardDesk support reconciliation"));
    line(subscriberMode ? QStringLiteral("# subscriber: %1").arg(oneLine(subscriber))
                        : QStringLiteral("# card: %1").arg(cardNumber));
    if (!readerCardNumber.isEmpty())
        line(QStringLiteral("# card in reader: %1").arg(readerCardNumber));
    line(QStringLiteral("# headend: %1").arg(oneLine(headendUrl)));
    line(QStringLiteral("# looked up: %1").arg(createdAt.toUTC().toString(Qt::ISODate)));
    line(QStringLiteral("# exported: %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    line(QStringLiteral("# summary: %1").arg(summary()));
    if (!headendError.isEmpty())
        line(QStringLiteral("# headend: %1").arg(oneLine(headendError)));
    if (!cardNote.isEmpty())
        line(QStringLiteral("# card: %1").arg(oneLine(cardNote)));
    const QStringList header{QStringLiteral("card_number"),
                             QStringLiteral("kind"),
                             QStringLiteral("counter"),
                             QStringLiteral("state"),
                             QStringLiteral("state_text"),
                             QStringLiteral("tac_check"),
                             QStringLiteral("tac_check_text"),
                             QStringLiteral("problem"),
                             QStringLiteral("headend_id"),
                             QStringLiteral("headend_status"),
                             QStringLiteral("headend_amount_fen"),
                             QStringLiteral("card_amount_fen"),
                             QStringLiteral("terminal"),
                             QStringLiteral("terminal_serial"),
                             QStringLiteral("vod_title"),
                             QStringLiteral("headend_time"),
                             QStringLiteral("card_time"),
                             QStringLiteral("headend_tac"),
                             QStringLiteral("card_tac"),
                             QStringLiteral("note")};
    line(header.join(QLatin1Char(',')));
    for (const Row& r : rows) {
        const QString terminal = r.headend ? r.headend->terminalId : r.card ? hexText(r.card->terminal) : QString();
        const QStringList fields{
            r.cardNumber,
            csvField(r.kind),
            QString::number(r.counter),
            matchId(r.match),
            csvField(matchName(r.match)),
            tacId(r.tac),
            csvField(tacName(r.tac)),
            r.isProblem() ? QStringLiteral("yes") : QStringLiteral("no"),
            r.headend ? QString::number(r.headend->id) : QString(),
            r.headend ? csvField(r.headend->status) : QString(),
            r.headend ? QString::number(r.headend->amount) : QString(),
            r.card ? QString::number(r.card->amount) : QString(),
            terminal,
            r.headend && r.headend->terminalSerial >= 0 ? QString::number(r.headend->terminalSerial) : QString(),
            r.headend ? csvField(r.headend->vodTitle) : QString(),
            r.headend ? r.headend->dateTime() : QString(),
            r.card ? r.card->dateTime : QString(),
            r.headend ? r.headend->tac : QString(),
            r.cardTac,
            csvField(r.note)};
        line(fields.join(QLatin1Char(',')));
    }
    return out;
}

QString SupportReport::write(const QString& path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("cannot write %1: %2").arg(path, file.errorString());
    const QByteArray data = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                ? QJsonDocument(toJson()).toJson(QJsonDocument::Indented)
                                : toCsv();
    if (file.write(data) != data.size() || !file.commit())
        return tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace carddesk
