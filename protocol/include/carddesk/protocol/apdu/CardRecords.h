#pragma once
// Byte layouts of the data the COS stores and reports (docs/command-set.md), shared by card and hosts.
#include "carddesk/protocol/apdu/CommandSet.h"

#include <optional>
#include <string>
#include <vector>

namespace cdos {

// PINs: kMinPinDigits..kMaxPinDigits decimal digits.
inline constexpr std::size_t kMinPinDigits = 4;
inline constexpr std::size_t kMaxPinDigits = 12;
bool isValidPin(const std::string& digits);
// VERIFY data: packed BCD, padded with F to whole bytes.
Bytes pinToBcd(const std::string& digits);
// PIN block for encrypted transport: len(1) || BCD digits padded with F to 8 bytes.
Bytes pinBlock(const std::string& digits);
// The digits of a BCD field (stops at the first F nibble); nullopt when a nibble is neither a digit nor F padding.
std::optional<std::string> bcdToDigits(const std::uint8_t* p, std::size_t size);
std::optional<std::string> pinFromBlock(const Bytes& block8);

// The application serial (ASN) that keys are diversified with: the last 8 bytes of a 10-byte card number; empty for
// anything else.
inline Bytes asnOf(const Bytes& cardNumber) {
    return cardNumber.size() == 10 ? Bytes(cardNumber.begin() + 2, cardNumber.end()) : Bytes{};
}

struct CardInfo {
    Bytes cardNumber;    // 10 bytes; last 8 = ASN
    Bytes issuerSerial;  // 8 bytes
    Bytes productSerial; // 8 bytes
    Bytes asn() const { return asnOf(cardNumber); }
    Bytes encode() const; // 26 bytes
    static std::optional<CardInfo> decode(const Bytes& b);
};

struct HolderData {
    std::string userNumber;
    std::string account;
    std::string name; // UTF-8
    // The holder's language (ISO 639-1, "zh" or "en"; empty: not chosen), set at issuance: the card's own texts to
    // a terminal that does not say its language follow it (docs/proactive.md "Language").
    std::string language;
    Bytes encode() const; // TLV 01/02/03 [05]
    static std::optional<HolderData> decode(const Bytes& b);
};

struct UserProfile {
    std::uint8_t number = 0; // 1..8
    std::uint32_t permissions = 0;
    std::uint8_t maxRetries = kDefaultPinRetries;
    std::string name; // UTF-8, at most kMaxNameBytes
};

struct UserStatus {
    UserProfile profile;
    std::uint8_t retriesLeft = 0;
};

// PUT USER data without the MAC: permissions maxRetries nameLen name || encryptedPinBlock(8).
Bytes encodePutUser(const UserProfile& u, const Bytes& encryptedPinBlock);
struct PutUserData {
    UserProfile profile;
    Bytes encryptedPinBlock;
};
std::optional<PutUserData> decodePutUser(const Bytes& dataWithoutMac);

struct MenuEntry {
    std::uint8_t id = 0;
    std::uint32_t permission = 0; // permission bits a user needs
    bool hidden = false;
    std::string title;          // UTF-8, at most kMenuRecordLength - 7 bytes
    Bytes encodeRecord() const; // kMenuRecordLength bytes
    static std::optional<MenuEntry> decodeRecord(const std::uint8_t* p, std::size_t size);
};

struct PurseParams {
    std::uint32_t balanceLimit = 100000; // fen
    std::uint32_t overdraftLimit = 0;    // fen, 3 bytes on card
    // The spec's SETTINGs, chosen at issuance (byte 7 of the file, bit 0 and bit 1).
    bool loadNeedsPin = false;      // INITIALIZE FOR LOAD answers 6982 without a verified user
    bool proveCounterAfter = false; // GET TRANSACTION PROVE takes the counter after the transaction, not before
    Bytes encode() const;           // 16 bytes
    static std::optional<PurseParams> decode(const Bytes& b);
};

struct KeyInfo {
    std::uint8_t id = 0, type = 0, usage = 0, version = 0, errorCounter = 0, maxErrors = 0;
};

struct NvmInfo {
    std::uint32_t total = 0, free = 0, pageWrites = 0;
    std::uint16_t pageSize = 0;
};

// GET DATA encodings (card side encodes, host side decodes).
Bytes encodeUsers(const std::vector<UserStatus>& users);
std::optional<std::vector<UserStatus>> decodeUsers(const Bytes& b);
Bytes encodeMenu(const std::vector<MenuEntry>& menu);
std::optional<std::vector<MenuEntry>> decodeMenu(const Bytes& b);
Bytes encodeKeys(const std::vector<KeyInfo>& keys);
std::optional<std::vector<KeyInfo>> decodeKeys(const Bytes& b);
Bytes encodeNvm(const NvmInfo& n);
std::optional<NvmInfo> decodeNvm(const Bytes& b);

// File control parameters (tag 62).
struct Fcp {
    std::uint16_t fid = 0;
    FileType type = FileType::Transparent;
    std::uint16_t size = 0; // transparent body or DF reserve
    std::uint8_t recordLength = 0, recordCount = 0;
    std::uint8_t sfi = 0;
    Bytes aid; // DF name
    std::uint8_t readAc = ac::Always, updateAc = ac::Always;
    std::uint8_t lifeCycle = 0;
    Bytes encode() const;
    static std::optional<Fcp> decode(const Bytes& b);
};

// Byte ranges of a command's data that carry a secret (or a secret's cryptogram) and are hidden in traces.
struct ByteRange {
    std::size_t offset = 0, length = 0;
};
std::vector<ByteRange> secretRanges(std::uint8_t cla, std::uint8_t ins, std::size_t dataSize);
// The same for a command's answer (the control words PROCESS ECM returns).
std::vector<ByteRange> responseSecretRanges(std::uint8_t cla, std::uint8_t ins, std::size_t dataSize);

} // namespace cdos
