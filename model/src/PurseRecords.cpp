// The e-purse's value types of PurseService.h (log entries, the last transaction, the purse state, proofs and
// transaction results): names in words and their stable JSON for carddesk-cli and exports.
#include "carddesk/model/PurseService.h"

#include <carddesk/cardio/HexText.h>

#include <QJsonArray>

namespace carddesk {

QString PurseLogEntry::typeName(quint8 type) {
    switch (type) {
    case 0x01:
        return tr("ED load");
    case 0x02:
        return tr("EP load");
    case 0x03:
        return tr("Unload");
    case 0x04:
        return tr("Cash withdrawal");
    case 0x05:
        return tr("ED purchase");
    case 0x06:
        return tr("EP purchase");
    case 0x07:
        return tr("Overdraft limit update");
    case 0x08:
        return tr("Credit purchase");
    case 0x09:
        return tr("Compound purchase");
    }
    return tr("Type %1").arg(type, 2, 16, QLatin1Char('0'));
}

int PurseLogEntry::direction(quint8 type) {
    switch (type) {
    case 0x01:
    case 0x02:
        return 1;
    case 0x03:
    case 0x04:
    case 0x05:
    case 0x06:
    case 0x08:
    case 0x09:
        return -1;
    }
    return 0;
}

QJsonObject PurseLogEntry::toJson() const {
    QJsonObject o{{QStringLiteral("record"), record},
                  {QStringLiteral("counter"), counter},
                  {QStringLiteral("type"), type},
                  {QStringLiteral("typeName"), QString::fromLatin1(cdos::ep::txTypeName(type))},
                  {QStringLiteral("amount"), qint64(amount)},
                  {QStringLiteral("overdraft"), qint64(overdraft)},
                  {QStringLiteral("terminal"), hexText(terminal)},
                  {QStringLiteral("dateTime"), dateTime}};
    if (balanceAfter >= 0)
        o.insert(QStringLiteral("balanceAfter"), balanceAfter);
    return o;
}

QJsonObject PurseLastTransaction::toJson() const {
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("typeName"), QString::fromLatin1(cdos::ep::txTypeName(type))},
                       {QStringLiteral("counter"), counter},
                       {QStringLiteral("terminalSerial"), qint64(terminalSerial)},
                       {QStringLiteral("terminal"), hexText(terminal)},
                       {QStringLiteral("dateTime"), dateTime},
                       {QStringLiteral("amount"), qint64(amount)}};
}

void PurseState::reconstructBalances() {
    qint64 after = balance;
    for (PurseLogEntry& e : log) {
        e.balanceAfter = after;
        after -= qint64(PurseLogEntry::direction(e.type)) * e.amount;
        if (after < 0) // overdraft or an older, foreign history: stop guessing
            after = -1;
        if (after < 0)
            break;
    }
}

QJsonObject PurseState::toJson() const {
    QJsonArray records;
    for (const auto& e : log)
        records.append(e.toJson());
    QJsonObject o{{QStringLiteral("reader"), reader},
                  {QStringLiteral("cardNumber"), cardNumber},
                  {QStringLiteral("asn"), asn},
                  {QStringLiteral("aid"), aid},
                  {QStringLiteral("balance"), qint64(balance)},
                  {QStringLiteral("balanceYuan"), QString::number(balance / 100.0, 'f', 2)},
                  {QStringLiteral("log"), records}};
    if (onlineCounter)
        o.insert(QStringLiteral("onlineCounter"), *onlineCounter);
    if (offlineCounter)
        o.insert(QStringLiteral("offlineCounter"), *offlineCounter);
    if (last)
        o.insert(QStringLiteral("lastTransaction"), last->toJson());
    return o;
}

QJsonObject PurseProof::toJson() const {
    QJsonObject o{{QStringLiteral("available"), available}, {QStringLiteral("proved"), proved}};
    if (available) {
        o.insert(QStringLiteral("transaction"), last.toJson());
        o.insert(QStringLiteral("mac"), hexText(mac));
        o.insert(QStringLiteral("tac"), hexText(tac));
    }
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (!errorDetail.isEmpty())
        o.insert(QStringLiteral("errorDetail"), errorDetail);
    return o;
}

QJsonObject PurseTransactionResult::toJson() const {
    QJsonObject o{{QStringLiteral("ok"), ok},
                  {QStringLiteral("operation"),
                   operation == PurseOperation::Load ? QStringLiteral("load") : QStringLiteral("purchase")},
                  {QStringLiteral("cardNumber"), cardNumber},
                  {QStringLiteral("asn"), asn},
                  {QStringLiteral("amount"), qint64(amount)},
                  {QStringLiteral("terminal"), hexText(terminal)},
                  {QStringLiteral("dateTime"), dateTime}};
    if (balanceBefore >= 0)
        o.insert(QStringLiteral("balanceBefore"), balanceBefore);
    if (balanceAfter >= 0)
        o.insert(QStringLiteral("balanceAfter"), balanceAfter);
    if (counter >= 0)
        o.insert(QStringLiteral("counter"), counter);
    if (terminalSerial >= 0)
        o.insert(QStringLiteral("terminalSerial"), terminalSerial);
    if (!tac.isEmpty()) {
        o.insert(QStringLiteral("tac"), hexText(tac));
        o.insert(QStringLiteral("tacVerified"), tacVerified);
    }
    if (recordId)
        o.insert(QStringLiteral("recordId"), recordId);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (!errorDetail.isEmpty())
        o.insert(QStringLiteral("errorDetail"), errorDetail);
    return o;
}

} // namespace carddesk
