#pragma once
// The terminal role of the e-purse (../shared/spec/epurse-pboc.md, docs/command-set.md "E-purse application"):
// select the EP application, load and purchase with MAC1/MAC2/TAC made and checked here, read the log, prove and
// recover a transaction whose answer was lost. Qt-free; the console, the CLI and the tests drive a card through
// the same transmit function the personaliser takes. Errors: PurseError with the card's status word.
#include "carddesk/protocol/crypto/KeyStore.h"
#include "carddesk/protocol/epurse/EPurse.h"
#include "carddesk/protocol/perso/Personaliser.h"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace cdos::ep {

// A refused command (sw = its status word) or an answer that makes no sense (sw = 0). The message is English,
// names the command and never holds a key, PIN or session key.
struct PurseError : std::runtime_error {
    PurseError(const std::string& what, std::uint16_t statusWord) : std::runtime_error(what), sw(statusWord) {}
    std::uint16_t sw;
};

// English meaning of a status word, with the e-purse ones (9302, 9401...) the generic table does not know.
std::string purseStatusMeaning(std::uint16_t sw);
// The fixed meaning with the e-purse ones first (cdos::fixedStatusWordMeaning: translated by Qt hosts), or nullptr.
const char* fixedPurseStatusMeaning(std::uint16_t sw);

// The card's purse sub-keys, as the card holds them in key ids 03, 04, 05 (and 06 for RELOAD PIN): key objects of
// the issuer's key holder (inside the token when it is one).
struct PurseKeys {
    std::shared_ptr<const DesKey> purchase, load, tac;
    std::shared_ptr<const DesKey> pinUnblock; // may be null: then reloadPin() is refused
    // Diversified from the masters PURCHASE, LOAD, TAC and (when the store has it) PIN_UNBLOCK for the card's ASN
    // (8 bytes). Throws KeyStoreError when one of the first three is missing.
    static PurseKeys fromIssuer(const IssuerKeys& keys, const Bytes& asn);
};

struct PurchaseResult {
    std::uint32_t balanceBefore = 0, balanceAfter = 0;
    std::uint16_t counter = 0; // offline counter before the purchase: the one in the log and in GET TRANSACTION PROVE
    std::uint32_t terminalSerial = 0;
    Bytes mac2, tac;           // 4 bytes each
    bool mac2Verified = false; // MAC2 recomputed with the session key
    bool tacVerified = false;  // TAC recomputed with the TAC key
};

struct LoadResult {
    std::uint32_t balanceBefore = 0, balanceAfter = 0;
    std::uint16_t counter = 0; // online counter before the load
    Bytes tac;
    bool tacVerified = false;
};

struct Proof {
    Bytes mac, tac; // MAC2 and TAC stored with the transaction
};

// What a terminal remembers of a transaction from the moment it sends DEBIT or CREDIT until it has the answer.
struct PendingTransaction {
    TxType type = TxType::EpPurchase;
    std::uint16_t counter = 0; // before the transaction
    std::uint32_t amount = 0;
    std::uint32_t balanceBefore = 0;
    std::uint32_t terminalSerial = 0; // purchases
    Bcd4 date{};
    Bcd3 time{};
};

struct RecoveryResult {
    bool happened = false; // the card's counter moved past the pending transaction's
    std::uint32_t balanceNow = 0;
    std::uint16_t counterNow = 0;
    Proof proof;              // empty unless happened
    bool tacVerified = false; // the proved TAC matches the pending transaction
};

class PurseTerminal {
public:
    PurseTerminal(Transmit transmit, const TerminalId& terminal, PurseKeys keys);

    // Reads the purse parameters (MF EF 0006: limits and SETTINGs), then SELECT by AID F0 43 44 45 50 01. Needed
    // once per card session before the other calls (they do not select).
    void selectPurse();
    const PurseParams& params() const { return m_params; }
    std::uint32_t balance();
    // VERIFY the payment PIN of user 1..8 (a purchase needs one in this session). PurseError 63Cx / 6983 when refused.
    void verifyPin(std::uint8_t user, const std::string& pin);
    void changePin(std::uint8_t user, const std::string& oldPin, const std::string& newPin);
    // Issuer RELOAD PIN: MAC'd with the PIN-unblock sub-key; also gives the PIN its tries back.
    void reloadPin(std::uint8_t user, const std::string& newPin);

    // INITIALIZE FOR PURCHASE + DEBIT FOR PURCHASE. MAC2 and the TAC are checked here; a mismatch does not undo the
    // purchase (the card has committed it) but shows in the result.
    PurchaseResult purchase(std::uint32_t amount, std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time);
    // INITIALIZE FOR LOAD + CREDIT FOR LOAD: MAC1 checked (PurseError sw 9302 when the card's MAC1 is wrong, and
    // nothing is credited), MAC2 made here, the TAC checked.
    LoadResult load(std::uint32_t amount, const Bcd4& date, const Bcd3& time);

    // Log records, newest first (at most 10).
    std::vector<LogRecord> readLog();
    // GET DATA 007A; PurseError 6A88 when the purse has no transaction yet.
    LastTransaction lastTransaction();
    // GET TRANSACTION PROVE of the transaction with this counter (the value before it, as in the log; the terminal
    // adds 1 itself when the card's SETTING says "after"). PurseError 9406 when the card has no such transaction.
    Proof prove(TxType type, std::uint16_t counter);
    // TAC of a log entry: the last-transaction record must describe the same transaction (type and counter), since
    // a purchase TAC covers the terminal serial and a load TAC the balance after, which only the last transaction
    // has (balanceNow = the card's balance now, i.e. after the last transaction).
    bool checkTac(const LogRecord& entry, const LastTransaction& last, std::uint32_t balanceNow,
                  const Bytes& tac) const;

    // The transaction whose DEBIT/CREDIT was sent but not answered (set before sending, cleared on an answer).
    const std::optional<PendingTransaction>& pending() const { return m_pending; }
    // After a lost answer: selects the purse, re-sends INITIALIZE of the same kind with amount 0 (the card stores
    // nothing for it and needs no PIN) to read the counter, and when the counter moved, GET TRANSACTION PROVE for
    // the pending counter, checking the TAC against the pending transaction. Clears pending().
    RecoveryResult recover(const PendingTransaction& p);

    const TerminalId& terminalId() const { return m_terminal; }

private:
    ResponseApdu send(const CommandApdu& c, const char* what);
    TerminalId m_terminal;
    Transmit m_transmit;
    PurseKeys m_keys;
    std::optional<PendingTransaction> m_pending;
    PurseParams m_params;
};

} // namespace cdos::ep
