#pragma once
// The sandbox bank: accounts and transfers in its own tables (bank_accounts, bank_transfers) of the headend's
// database, each transfer one database transaction. Balances never go below zero.
#include "BankConnector.h"
#include "HeadendDatabase.h"

namespace carddesk::headend {

class SandboxBank final : public BankConnector {
public:
    explicit SandboxBank(HeadendDatabase& db) : m_db(db) {}
    TransferResult transfer(const QString& transferId, const QString& fromAccount, const QString& toAccount,
                            qint64 amount) override;
    TransferResult refund(const QString& transferId) override;
    // Sandbox administration: opens the account or sets its balance.
    void setAccount(const QString& account, qint64 balance);
    // nullopt-like -1 when the account does not exist.
    qint64 balance(const QString& account);

private:
    HeadendDatabase& m_db;
};

} // namespace carddesk::headend
