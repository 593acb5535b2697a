#pragma once
// What the headend needs from a bank for online top-up ([0016]): move an amount from the holder's account to the
// operator's service account, and give it back. Both are idempotent by transfer id — a retried request after a
// crash or a lost answer never moves money twice. A real bank connector implements the same interface;
// SandboxBank is the documented default, with real accounts in its own tables.
#include <QString>

namespace carddesk::headend {

struct TransferResult {
    bool done = false;
    QString reason; // why the bank refused ("insufficient funds", "unknown account"); empty when done
};

class BankConnector {
public:
    virtual ~BankConnector() = default;
    virtual TransferResult transfer(const QString& transferId, const QString& fromAccount, const QString& toAccount,
                                    qint64 amount) = 0;
    // Reverses a done transfer (no effect when already refunded; refused when the transfer never happened).
    virtual TransferResult refund(const QString& transferId) = 0;
};

} // namespace carddesk::headend
