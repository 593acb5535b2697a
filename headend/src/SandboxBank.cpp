#include "SandboxBank.h"

#include "JsonApi.h"

#include <QDateTime>

namespace carddesk::headend {

TransferResult SandboxBank::transfer(const QString& id, const QString& from, const QString& to, qint64 amount) {
    if (!m_db.isSqlite() && from != to && !m_db.inTransaction()) {
        // PostgreSQL: the lookups in one round trip, the move and its record in one statement (one transaction:
        // a transfer id recorded twice at once fails whole on its primary key; an overdraft on the balance check).
        QSqlQuery q = m_db.prepared(
            QStringLiteral("SELECT (SELECT status FROM bank_transfers WHERE transfer_id = ?), (SELECT balance FROM"
                           " bank_accounts WHERE account = ?), (SELECT balance FROM bank_accounts WHERE account = ?)"),
            {id, to, from}, "bank");
        q.next();
        if (!q.isNull(0))
            return q.value(0).toString() == QLatin1String("refused")
                       ? TransferResult{false, QStringLiteral("refused earlier")}
                       : TransferResult{true, {}};
        QString refusal;
        if (amount <= 0)
            refusal = QStringLiteral("amount must be positive");
        else if (q.isNull(1))
            refusal = QStringLiteral("unknown destination account");
        else if (q.isNull(2))
            refusal = QStringLiteral("unknown account %1").arg(from);
        else if (q.value(2).toLongLong() < amount)
            refusal = QStringLiteral("insufficient funds");
        if (refusal.isEmpty())
            m_db.prepared(QStringLiteral("WITH a AS (UPDATE bank_accounts SET balance = balance - ? WHERE account = ?),"
                                         " b AS (UPDATE bank_accounts SET balance = balance + ? WHERE account = ?)"
                                         " INSERT INTO bank_transfers (transfer_id, from_account, to_account, amount,"
                                         " status, created_at) VALUES (?, ?, ?, ?, 'done', ?)"),
                          {amount, from, amount, to, id, from, to, amount, nowText()}, "bank");
        else
            m_db.prepared(QStringLiteral("INSERT INTO bank_transfers (transfer_id, from_account, to_account, amount,"
                                         " status, created_at) VALUES (?, ?, ?, ?, 'refused', ?)"),
                          {id, from, to, amount, nowText()}, "bank");
        return {refusal.isEmpty(), refusal};
    }
    DbTransaction tx(m_db);
    QSqlQuery seen = m_db.exec(QStringLiteral("SELECT status FROM bank_transfers WHERE transfer_id = ?"), {id}, "bank");
    if (seen.next()) // the same transfer again: its first outcome, nothing moves
        return seen.value(0).toString() == QLatin1String("refused")
                   ? TransferResult{false, QStringLiteral("refused earlier")}
                   : TransferResult{true, {}};
    QString refusal;
    if (amount <= 0)
        refusal = QStringLiteral("amount must be positive");
    else if (balance(to) < 0)
        refusal = QStringLiteral("unknown destination account");
    else if (const qint64 b = balance(from); b < 0)
        refusal = QStringLiteral("unknown account %1").arg(from);
    else if (b < amount)
        refusal = QStringLiteral("insufficient funds");
    if (refusal.isEmpty()) {
        m_db.exec(QStringLiteral("UPDATE bank_accounts SET balance = balance - ? WHERE account = ?"), {amount, from},
                  "bank");
        m_db.exec(QStringLiteral("UPDATE bank_accounts SET balance = balance + ? WHERE account = ?"), {amount, to},
                  "bank");
    }
    // Refusals are recorded too, so that a retry gets the same answer and a later deposit cannot turn it into a move.
    m_db.exec(QStringLiteral("INSERT INTO bank_transfers (transfer_id, from_account, to_account, amount, status,"
                             " created_at) VALUES (?,?,?,?,?,?)"),
              {id, from, to, amount, refusal.isEmpty() ? QStringLiteral("done") : QStringLiteral("refused"), nowText()},
              "bank");
    tx.commit();
    return {refusal.isEmpty(), refusal};
}

TransferResult SandboxBank::refund(const QString& id) {
    DbTransaction tx(m_db);
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT from_account, to_account, amount, status FROM bank_transfers WHERE"
                                           " transfer_id = ?"),
                            {id}, "bank");
    if (!q.next() || q.value(3).toString() == QLatin1String("refused"))
        return {false, QStringLiteral("no such transfer")};
    if (q.value(3).toString() == QLatin1String("refunded"))
        return {true, {}};
    const QString from = q.value(0).toString(), to = q.value(1).toString();
    const qint64 amount = q.value(2).toLongLong();
    if (balance(to) < amount)
        return {false, QStringLiteral("the service account cannot cover the refund")};
    m_db.exec(QStringLiteral("UPDATE bank_accounts SET balance = balance - ? WHERE account = ?"), {amount, to}, "bank");
    m_db.exec(QStringLiteral("UPDATE bank_accounts SET balance = balance + ? WHERE account = ?"), {amount, from},
              "bank");
    m_db.exec(QStringLiteral("UPDATE bank_transfers SET status = 'refunded' WHERE transfer_id = ?"), {id}, "bank");
    tx.commit();
    return {true, {}};
}

void SandboxBank::setAccount(const QString& account, qint64 amount) {
    DbTransaction tx(m_db);
    if (balance(account) < 0)
        m_db.exec(QStringLiteral("INSERT INTO bank_accounts (account, balance) VALUES (?, ?)"), {account, amount},
                  "bank");
    else
        m_db.exec(QStringLiteral("UPDATE bank_accounts SET balance = ? WHERE account = ?"), {amount, account}, "bank");
    tx.commit();
}

qint64 SandboxBank::balance(const QString& account) {
    QSqlQuery q = m_db.exec(QStringLiteral("SELECT balance FROM bank_accounts WHERE account = ?"), {account}, "bank");
    return q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace carddesk::headend
