#include "carddesk/protocol/epurse/EPurse.h"

#include "carddesk/protocol/apdu/CardRecords.h"

#include "carddesk/protocol/crypto/Crypto.h"
#include "carddesk/protocol/crypto/DesKey.h"

#include <cstdio>

namespace cdos::ep {

namespace {

constexpr std::uint8_t kCla = 0x80;

Bytes mac4(const DesKey& key, const Bytes& data) {
    Bytes m = singleDesMac(key, data);
    m.resize(4);
    return m;
}

void putTerminal(Bytes& out, const TerminalId& t) {
    out.insert(out.end(), t.begin(), t.end());
}
template <std::size_t N> void putArray(Bytes& out, const std::array<std::uint8_t, N>& a) {
    out.insert(out.end(), a.begin(), a.end());
}

std::uint8_t bcd(int v) {
    return static_cast<std::uint8_t>(((v / 10) % 10) << 4 | (v % 10));
}

// The host's MAC2 of a load and the terminal's MAC1 of a purchase cover the same fields in the same order.
Bytes amountMac(const DesKey& s, std::uint32_t amount, std::uint8_t type, const TerminalId& t, const Bcd4& date,
                const Bcd3& time) {
    Bytes in;
    putU32(in, amount);
    in.push_back(type);
    putTerminal(in, t);
    putArray(in, date);
    putArray(in, time);
    return mac4(s, in);
}

} // namespace

const char* txTypeName(std::uint8_t type) {
    switch (type) {
    case 0x01:
        return "ED load";
    case 0x02:
        return "EP load";
    case 0x03:
        return "unload";
    case 0x04:
        return "cash withdrawal";
    case 0x05:
        return "ED purchase";
    case 0x06:
        return "EP purchase";
    case 0x07:
        return "overdraft update";
    case 0x08:
        return "credit purchase";
    case 0x09:
        return "compound purchase";
    default:
        return "unknown";
    }
}

CommandApdu initializeForLoad(std::uint8_t keyIndex, std::uint32_t amount, const TerminalId& terminal,
                              std::uint8_t p2) {
    CommandApdu c{kCla, ins::Initialize, 0x00, p2, {keyIndex}, 0x10};
    putU32(c.data, amount);
    putTerminal(c.data, terminal);
    return c;
}

CommandApdu creditForLoad(const Bcd4& date, const Bcd3& time, const Bytes& mac2) {
    CommandApdu c{kCla, ins::CreditForLoad, 0x00, 0x00, {}, 0x04};
    putArray(c.data, date);
    putArray(c.data, time);
    append(c.data, mac2);
    return c;
}

CommandApdu initializeForPurchase(std::uint8_t keyIndex, std::uint32_t amount, const TerminalId& terminal,
                                  std::uint8_t p2) {
    CommandApdu c{kCla, ins::Initialize, 0x01, p2, {keyIndex}, 0x0F};
    putU32(c.data, amount);
    putTerminal(c.data, terminal);
    return c;
}

CommandApdu debitForPurchase(std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time, const Bytes& mac1) {
    CommandApdu c{kCla, ins::DebitForPurchase, 0x01, 0x00, {}, 0x08};
    putU32(c.data, terminalSerial);
    putArray(c.data, date);
    putArray(c.data, time);
    append(c.data, mac1);
    return c;
}

CommandApdu getBalance(std::uint8_t p2) {
    return CommandApdu{kCla, ins::GetBalance, 0x00, p2, {}, 0x04};
}

CommandApdu getTransactionProve(TxType type, std::uint16_t counter) {
    CommandApdu c{kCla, ins::GetTransactionProve, 0x00, static_cast<std::uint8_t>(type), {}, 0x08};
    putU16(c.data, counter);
    return c;
}

CommandApdu readLogRecord(std::uint8_t record) {
    return CommandApdu{0x00, 0xB2, record, static_cast<std::uint8_t>((kLogSfi << 3) | 0x04), {}, kLogRecordLength};
}

Bytes InitLoadResponse::encode() const {
    Bytes out;
    putU32(out, balance);
    putU16(out, onlineCounter);
    out.push_back(keyVersion);
    out.push_back(algorithm);
    append(out, random);
    append(out, mac1);
    return out;
}

std::optional<InitLoadResponse> InitLoadResponse::decode(const Bytes& b) {
    if (b.size() != 16)
        return std::nullopt;
    return InitLoadResponse{getU32(b.data()),
                            getU16(b.data() + 4),
                            b[6],
                            b[7],
                            Bytes(b.begin() + 8, b.begin() + 12),
                            Bytes(b.begin() + 12, b.end())};
}

Bytes InitPurchaseResponse::encode() const {
    Bytes out;
    putU32(out, balance);
    putU16(out, offlineCounter);
    putU24(out, overdraftLimit);
    out.push_back(keyVersion);
    out.push_back(algorithm);
    append(out, random);
    return out;
}

std::optional<InitPurchaseResponse> InitPurchaseResponse::decode(const Bytes& b) {
    if (b.size() != 15)
        return std::nullopt;
    return InitPurchaseResponse{
        getU32(b.data()), getU16(b.data() + 4), getU24(b.data() + 6), b[9], b[10], Bytes(b.begin() + 11, b.end())};
}

Bytes LogRecord::encode() const {
    Bytes out;
    putU16(out, counter);
    putU24(out, overdraft);
    putU32(out, amount);
    out.push_back(type);
    putTerminal(out, terminal);
    putArray(out, date);
    putArray(out, time);
    return out;
}

std::optional<LogRecord> LogRecord::decode(const Bytes& b) {
    if (b.size() != kLogRecordLength)
        return std::nullopt;
    LogRecord r;
    r.counter = getU16(b.data());
    r.overdraft = getU24(b.data() + 2);
    r.amount = getU32(b.data() + 5);
    r.type = b[9];
    std::copy(b.begin() + 10, b.begin() + 16, r.terminal.begin());
    std::copy(b.begin() + 16, b.begin() + 20, r.date.begin());
    std::copy(b.begin() + 20, b.begin() + 23, r.time.begin());
    return r;
}

Bytes LastTransaction::encode() const {
    Bytes out{type};
    putU16(out, counter);
    putU32(out, terminalSerial);
    putTerminal(out, terminal);
    putArray(out, date);
    putArray(out, time);
    putU32(out, amount);
    return out;
}

std::optional<LastTransaction> LastTransaction::decode(const Bytes& b) {
    if (b.size() != kSize)
        return std::nullopt;
    LastTransaction r;
    r.type = b[0];
    r.counter = getU16(b.data() + 1);
    r.terminalSerial = getU32(b.data() + 3);
    std::copy(b.begin() + 7, b.begin() + 13, r.terminal.begin());
    std::copy(b.begin() + 13, b.begin() + 17, r.date.begin());
    std::copy(b.begin() + 17, b.begin() + 20, r.time.begin());
    r.amount = getU32(b.data() + 20);
    return r;
}

Bytes reloadPinCryptogram(const Bytes& pinUnblockSubKey16, const std::string& newPin) {
    return reloadPinCryptogram(HostKey(pinUnblockSubKey16), newPin);
}

Bytes reloadPinMac(const Bytes& pinUnblockSubKey16, const Bytes& challenge8, std::uint8_t user,
                   const Bytes& pinCryptogram8) {
    return reloadPinMac(HostKey(pinUnblockSubKey16), challenge8, user, pinCryptogram8);
}

Bytes loadSessionKey(const Bytes& subKey, const Bytes& random4, std::uint16_t onlineCounter) {
    Bytes in = random4;
    putU16(in, onlineCounter);
    in.push_back(0x80);
    in.push_back(0x00);
    return crypto::des3EcbEncrypt(subKey, in);
}

Bytes purchaseSessionKey(const Bytes& subKey, const Bytes& random4, std::uint16_t offlineCounter,
                         std::uint32_t terminalSerial) {
    Bytes in = random4;
    putU16(in, offlineCounter);
    putU16(in, static_cast<std::uint16_t>(terminalSerial));
    return crypto::des3EcbEncrypt(subKey, in);
}

Bytes tacKey(const Bytes& sub) {
    if (sub.size() != 16)
        throw crypto::CryptoError("TAC sub-key has the wrong length");
    Bytes k(8);
    for (int i = 0; i < 8; ++i)
        k[i] = sub[i] ^ sub[i + 8];
    return k;
}

Bytes loadMac1(const DesKey& s, std::uint32_t balanceBefore, std::uint32_t amount, std::uint8_t type,
               const TerminalId& t) {
    Bytes in;
    putU32(in, balanceBefore);
    putU32(in, amount);
    in.push_back(type);
    putTerminal(in, t);
    return mac4(s, in);
}

Bytes loadMac2(const DesKey& s, std::uint32_t amount, std::uint8_t type, const TerminalId& t, const Bcd4& date,
               const Bcd3& time) {
    return amountMac(s, amount, type, t, date, time);
}

Bytes loadTac(const DesKey& k, std::uint32_t balanceAfter, std::uint16_t onlineCounterBefore, std::uint32_t amount,
              std::uint8_t type, const TerminalId& t, const Bcd4& date, const Bcd3& time) {
    Bytes in;
    putU32(in, balanceAfter);
    putU16(in, onlineCounterBefore);
    putU32(in, amount);
    in.push_back(type);
    putTerminal(in, t);
    putArray(in, date);
    putArray(in, time);
    return mac4(k, in);
}

Bytes purchaseMac1(const DesKey& s, std::uint32_t amount, std::uint8_t type, const TerminalId& t, const Bcd4& date,
                   const Bcd3& time) {
    return amountMac(s, amount, type, t, date, time);
}

Bytes purchaseMac2(const DesKey& s, std::uint32_t amount) {
    Bytes in;
    putU32(in, amount);
    return mac4(s, in);
}

Bytes purchaseTac(const DesKey& k, std::uint32_t amount, std::uint8_t type, const TerminalId& t,
                  std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time) {
    Bytes in;
    putU32(in, amount);
    in.push_back(type);
    putTerminal(in, t);
    putU32(in, terminalSerial);
    putArray(in, date);
    putArray(in, time);
    return mac4(k, in);
}

// The card side holds its keys as bytes: the same algorithms over a host key.
Bytes loadMac1(const Bytes& key8, std::uint32_t balanceBefore, std::uint32_t amount, std::uint8_t type,
               const TerminalId& t) {
    return loadMac1(HostKey(key8), balanceBefore, amount, type, t);
}

Bytes loadMac2(const Bytes& key8, std::uint32_t amount, std::uint8_t type, const TerminalId& t, const Bcd4& date,
               const Bcd3& time) {
    return loadMac2(HostKey(key8), amount, type, t, date, time);
}

Bytes loadTac(const Bytes& key8, std::uint32_t balanceAfter, std::uint16_t onlineCounterBefore, std::uint32_t amount,
              std::uint8_t type, const TerminalId& t, const Bcd4& date, const Bcd3& time) {
    return loadTac(HostKey(key8), balanceAfter, onlineCounterBefore, amount, type, t, date, time);
}

Bytes purchaseMac1(const Bytes& key8, std::uint32_t amount, std::uint8_t type, const TerminalId& t, const Bcd4& date,
                   const Bcd3& time) {
    return purchaseMac1(HostKey(key8), amount, type, t, date, time);
}

Bytes purchaseMac2(const Bytes& key8, std::uint32_t amount) {
    return purchaseMac2(HostKey(key8), amount);
}

Bytes purchaseTac(const Bytes& key8, std::uint32_t amount, std::uint8_t type, const TerminalId& t,
                  std::uint32_t terminalSerial, const Bcd4& date, const Bcd3& time) {
    return purchaseTac(HostKey(key8), amount, type, t, terminalSerial, date, time);
}

std::unique_ptr<DesKey> loadSessionKey(const DesKey& loadSubKey, const Bytes& random4, std::uint16_t onlineCounter) {
    Bytes in = random4;
    putU16(in, onlineCounter);
    in.push_back(0x80);
    in.push_back(0x00);
    in.insert(in.end(), in.begin(), in.end());
    return loadSubKey.derive(in);
}

std::unique_ptr<DesKey> purchaseSessionKey(const DesKey& purchaseSubKey, const Bytes& random4,
                                           std::uint16_t offlineCounter, std::uint32_t terminalSerial) {
    Bytes in = random4;
    putU16(in, offlineCounter);
    putU16(in, static_cast<std::uint16_t>(terminalSerial));
    in.insert(in.end(), in.begin(), in.end());
    return purchaseSubKey.derive(in);
}

std::unique_ptr<DesKey> tacKey(const DesKey& tacSubKey, const char* step) {
    // No standard PKCS#11 mechanism folds a key's halves: the sub-key leaves its holder for this step only
    // (docs/keys.md, "What leaves the token").
    const SecretBytes sub = tacSubKey.reveal(step);
    SecretBytes folded(tacKey(sub.bytes()));
    return std::make_unique<HostKey>(std::move(folded));
}

Bytes reloadPinCryptogram(const DesKey& pinUnblockSubKey, const std::string& newPin) {
    Bytes block = pinBlock(newPin);
    Bytes out = pinUnblockSubKey.encryptEcb(block);
    secureZero(block.data(), block.size());
    return out;
}

Bytes reloadPinMac(const DesKey& pinUnblockSubKey, const Bytes& challenge8, std::uint8_t user,
                   const Bytes& pinCryptogram8) {
    Bytes in = challenge8;
    in.push_back(user);
    append(in, pinCryptogram8);
    return mac4(*tacKey(pinUnblockSubKey, "PIN-unblock MAC key"), in);
}

Bcd4 bcdDate(int year, int month, int day) {
    return {bcd(year / 100), bcd(year % 100), bcd(month), bcd(day)};
}
Bcd3 bcdTime(int hour, int minute, int second) {
    return {bcd(hour), bcd(minute), bcd(second)};
}

std::string formatDateTime(const Bcd4& d, const Bcd3& t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02X%02X-%02X-%02X %02X:%02X:%02X", d[0], d[1], d[2], d[3], t[0], t[1], t[2]);
    return buf;
}

} // namespace cdos::ep
