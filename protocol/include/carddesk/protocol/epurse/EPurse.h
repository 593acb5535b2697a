#pragma once
// PBOC-style electronic purse (../shared/spec/epurse-pboc.md): command builders, response parsers, the log record,
// and the cryptography of both roles — the card's and the terminal/host's — written once. The published load
// example pins it in tests/protocol/TestEPurse.cpp.
#include "carddesk/protocol/apdu/Apdu.h"
#include "carddesk/protocol/crypto/DesKey.h"

#include <array>
#include <optional>

namespace cdos::ep {

namespace ins {
inline constexpr std::uint8_t Initialize = 0x50;
inline constexpr std::uint8_t CreditForLoad = 0x52;
inline constexpr std::uint8_t DebitForPurchase = 0x54;
inline constexpr std::uint8_t GetTransactionProve = 0x5A;
inline constexpr std::uint8_t GetBalance = 0x5C;
inline constexpr std::uint8_t ChangePin = 0x5E;
} // namespace ins

namespace sw {
inline constexpr std::uint16_t MacInvalid = 0x9302;
inline constexpr std::uint16_t Locked = 0x9303;
inline constexpr std::uint16_t InsufficientBalance = 0x9401;
inline constexpr std::uint16_t CounterAtMaximum = 0x9402;
inline constexpr std::uint16_t KeyIndexNotSupported = 0x9403;
inline constexpr std::uint16_t MacNotAvailable = 0x9406;
} // namespace sw

enum class TxType : std::uint8_t {
    EdLoad = 0x01,
    EpLoad = 0x02,
    Unload = 0x03,
    CashWithdraw = 0x04,
    EdPurchase = 0x05,
    EpPurchase = 0x06,
    UpdateOverdraft = 0x07,
    CreditPurchase = 0x08,
    CompoundPurchase = 0x09,
};
const char* txTypeName(std::uint8_t type); // English; the console translates

inline constexpr std::uint8_t kP2Ep = 0x02;
inline constexpr std::uint8_t kP2Ed = 0x01;
inline constexpr std::uint8_t kLogSfi = 0x18;
inline constexpr int kLogRecords = 10;
inline constexpr int kLogRecordLength = 23;

// The CardDesk EP application (docs/command-set.md, "E-purse application").
inline const Bytes kPurseAid{0xF0, 0x43, 0x44, 0x45, 0x50, 0x01};
inline constexpr std::uint16_t kPurseDfFid = 0x1001;
inline constexpr std::uint16_t kPurseStateFid = 0x0017;
inline constexpr std::uint16_t kLogFid = 0x0018;
// Key index 01 is the only one a card holds for purchase and for load (key file ids 03 and 04); others 9403.
inline constexpr std::uint8_t kKeyIndex = 0x01;
inline constexpr std::uint8_t kAlgorithm3Des = 0x00;
// GET DATA 80 CA 00 7A inside the EP application: the last-transaction record without MAC or TAC.
inline constexpr std::uint16_t kLastTransactionTag = 0x007A;
inline constexpr std::uint8_t kInsReloadPin = 0x5E; // same INS as CHANGE PIN, P1 00

using TerminalId = std::array<std::uint8_t, 6>;
using Bcd4 = std::array<std::uint8_t, 4>; // YYYYMMDD
using Bcd3 = std::array<std::uint8_t, 3>; // hhmmss

// --- commands (terminal side) ---
CommandApdu initializeForLoad(std::uint8_t keyIndex, std::uint32_t amount, const TerminalId& terminal,
                              std::uint8_t p2 = kP2Ep);
CommandApdu creditForLoad(const Bcd4& date, const Bcd3& time, const Bytes& mac2);
CommandApdu initializeForPurchase(std::uint8_t keyIndex, std::uint32_t amount, const TerminalId& terminal,
                                  std::uint8_t p2 = kP2Ep);
CommandApdu debitForPurchase(std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time, const Bytes& mac1);
CommandApdu getBalance(std::uint8_t p2 = kP2Ep);
CommandApdu getTransactionProve(TxType type, std::uint16_t counter);
CommandApdu readLogRecord(std::uint8_t record); // 1 = newest

// --- responses ---
struct InitLoadResponse {
    std::uint32_t balance = 0;
    std::uint16_t onlineCounter = 0;
    std::uint8_t keyVersion = 0, algorithm = 0;
    Bytes random; // 4
    Bytes mac1;   // 4
    Bytes encode() const;
    static std::optional<InitLoadResponse> decode(const Bytes& b);
};

struct InitPurchaseResponse {
    std::uint32_t balance = 0;
    std::uint16_t offlineCounter = 0;
    std::uint32_t overdraftLimit = 0; // 3 bytes
    std::uint8_t keyVersion = 0, algorithm = 0;
    Bytes random; // 4
    Bytes encode() const;
    static std::optional<InitPurchaseResponse> decode(const Bytes& b);
};

struct LogRecord {
    std::uint16_t counter = 0;
    std::uint32_t overdraft = 0; // 3 bytes
    std::uint32_t amount = 0;
    std::uint8_t type = 0;
    TerminalId terminal{};
    Bcd4 date{};
    Bcd3 time{};
    Bytes encode() const; // 23 bytes
    static std::optional<LogRecord> decode(const Bytes& b);
};

// GET DATA 007A: type(1) counter(2) terminal transaction serial(4) terminal id(6) date(4) time(3) amount(4).
// Counter = the online (load) or offline (purchase) counter before the transaction, as in the log and the TAC.
struct LastTransaction {
    std::uint8_t type = 0;
    std::uint16_t counter = 0;
    std::uint32_t terminalSerial = 0; // 0 for a load
    TerminalId terminal{};
    Bcd4 date{};
    Bcd3 time{};
    std::uint32_t amount = 0;
    static constexpr std::size_t kSize = 24;
    Bytes encode() const;
    static std::optional<LastTransaction> decode(const Bytes& b);
};

// --- cryptography (both roles) ---
// Load: random(4) || online counter(2) || 80 00 under the load sub-key.
Bytes loadSessionKey(const Bytes& loadSubKey16, const Bytes& random4, std::uint16_t onlineCounter);
// Purchase: random(4) || offline counter(2) || low 2 bytes of the terminal transaction serial.
Bytes purchaseSessionKey(const Bytes& purchaseSubKey16, const Bytes& random4, std::uint16_t offlineCounter,
                         std::uint32_t terminalSerial);
// TAC key = left 8 bytes XOR right 8 bytes of the TAC sub-key.
Bytes tacKey(const Bytes& tacSubKey16);

// Each returns the 4-byte MAC/TAC.
Bytes loadMac1(const Bytes& session8, std::uint32_t balanceBefore, std::uint32_t amount, std::uint8_t type,
               const TerminalId& terminal);
Bytes loadMac2(const Bytes& session8, std::uint32_t amount, std::uint8_t type, const TerminalId& terminal,
               const Bcd4& date, const Bcd3& time);
Bytes loadTac(const Bytes& tacKey8, std::uint32_t balanceAfter, std::uint16_t onlineCounterBefore, std::uint32_t amount,
              std::uint8_t type, const TerminalId& terminal, const Bcd4& date, const Bcd3& time);
Bytes purchaseMac1(const Bytes& session8, std::uint32_t amount, std::uint8_t type, const TerminalId& terminal,
                   const Bcd4& date, const Bcd3& time);
Bytes purchaseMac2(const Bytes& session8, std::uint32_t amount);
// RELOAD PIN (docs/command-set.md): the new PIN travels as its PIN block 3DES-ECB encrypted under the PIN-unblock
// sub-key, and the MAC (left XOR right of that key) covers the card's one-time challenge (GET CHALLENGE, 8 bytes) ‖
// user(1) ‖ the encrypted block, so a captured command can be neither read nor replayed.
Bytes reloadPinCryptogram(const Bytes& pinUnblockSubKey16, const std::string& newPin);
Bytes reloadPinMac(const Bytes& pinUnblockSubKey16, const Bytes& challenge8, std::uint8_t user,
                   const Bytes& pinCryptogram8);
Bytes purchaseTac(const Bytes& tacKey8, std::uint32_t amount, std::uint8_t type, const TerminalId& terminal,
                  std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time);

// The same over key objects, for hosts whose keys live in a token (docs/keys.md): the session keys are derived
// where the sub-key is (E(sub, d ‖ d): a key acting as single DES), the MACs computed there. The TAC key folds the
// sub-key's halves, which no token mechanism does: tacKey() takes the sub-key out for that step only.
std::unique_ptr<DesKey> loadSessionKey(const DesKey& loadSubKey, const Bytes& random4, std::uint16_t onlineCounter);
std::unique_ptr<DesKey> purchaseSessionKey(const DesKey& purchaseSubKey, const Bytes& random4,
                                           std::uint16_t offlineCounter, std::uint32_t terminalSerial);
std::unique_ptr<DesKey> tacKey(const DesKey& tacSubKey, const char* step = "TAC key");
Bytes loadMac1(const DesKey& session, std::uint32_t balanceBefore, std::uint32_t amount, std::uint8_t type,
               const TerminalId& terminal);
Bytes loadMac2(const DesKey& session, std::uint32_t amount, std::uint8_t type, const TerminalId& terminal,
               const Bcd4& date, const Bcd3& time);
Bytes loadTac(const DesKey& tacKey, std::uint32_t balanceAfter, std::uint16_t onlineCounterBefore, std::uint32_t amount,
              std::uint8_t type, const TerminalId& terminal, const Bcd4& date, const Bcd3& time);
Bytes purchaseMac1(const DesKey& session, std::uint32_t amount, std::uint8_t type, const TerminalId& terminal,
                   const Bcd4& date, const Bcd3& time);
Bytes purchaseMac2(const DesKey& session, std::uint32_t amount);
Bytes purchaseTac(const DesKey& tacKey, std::uint32_t amount, std::uint8_t type, const TerminalId& terminal,
                  std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time);
Bytes reloadPinCryptogram(const DesKey& pinUnblockSubKey, const std::string& newPin);
Bytes reloadPinMac(const DesKey& pinUnblockSubKey, const Bytes& challenge8, std::uint8_t user,
                   const Bytes& pinCryptogram8);

// Date/time helpers: BCD from numbers (no validation beyond digit ranges) and back.
Bcd4 bcdDate(int year, int month, int day);
Bcd3 bcdTime(int hour, int minute, int second);
std::string formatDateTime(const Bcd4& date, const Bcd3& time); // "2011-12-21 21:48:22"

} // namespace cdos::ep
